"""What the templates receive: passages and activities as a sheet prints them.

Each activity kind turns its spans into numbered items here, with its seeded
choices and columns, so templates only lay them out.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from markupsafe import Markup

from .catalogue import COMPARE_BY_TYPE, KINDS, SAID_VERBS, SORT_COLUMNS
from .markup import render_html
from .masking import Masker
from .model import FIND_KINDS, Activity, Exercise, Passage, RubricLevel, Sample, Span, plural
from .selection import LETTERS, arrange, choose_spans, random_for
from .taxonomy import Taxonomy

Edition = Literal["student", "key"]


@dataclass(frozen=True)
class PassageView:
    """A passage as a sheet prints it: numbered, with its provenance, marked on the key."""

    passage: Passage
    number: int
    html: Markup
    provenance: str


@dataclass(frozen=True)
class Item:
    """One numbered item of an activity; each kind fills the fields it needs."""

    number: int
    span: Span | None = None
    marker: str = ""
    kind_name: str = ""
    type_name: str | None = None
    type_definition: str | None = None
    label: str = ""  # tally and compare rows: the type or fact the row is about
    choices: tuple[str, ...] = ()  # name-it, said-verb: options as printed
    answer: str = ""  # the right choice, letter, column or count
    notes: tuple[tuple[str, str], ...] = ()  # said-verb: what each choice implies
    partner: Span | None = None  # compare: the other passage's wording
    members: tuple[str, ...] = ()  # tally: markers counted; compare: first passage's wordings
    others: tuple[str, ...] = ()  # compare by type: second passage's wordings
    before: str = ""  # make-it-loaded: the sentence around the span, made neutral
    after: str = ""


@dataclass(frozen=True)
class ActivityView:
    """One activity as printed: title, instructions, items, and how it is marked."""

    number: int
    kind: str
    template: str
    title: str
    instructions: str
    passage: PassageView
    other: PassageView | None  # compare: the second passage
    items: list[Item]
    sourced: list[Item]  # spot only: spans that name their source, for the key
    columns: list[str]  # match: the names to match to; sort: the columns
    counts: dict[str, int]  # items by kind, for "find 7 loaded words"
    passage_label: str  # "passage 2" when the sheet has several passages, else ""
    scope: str  # where to look: "", "paragraphs 2–5", "passage 2", "passage 2, paragraphs 2–5"
    points: int  # for the whole activity
    scoring: str  # the rule the key states
    prompt: str | None = None  # respond
    rubric: tuple[RubricLevel, ...] = ()
    samples: tuple[Sample, ...] = ()
    lines: int = 8
    by_type: bool = False  # compare without pairs: wordings listed by type


def passage_view(
    passage: Passage, number: int, edition: Edition, masker: Masker | None
) -> PassageView:
    """A passage for one edition: plain for students, marked on the key, masked if asked."""
    mode: Literal["plain", "marked"] = "marked" if edition == "key" else "plain"
    change = masker if masker is not None and passage.mask else None
    if change is not None:
        passage = passage.with_text(change)
    return PassageView(
        passage=passage,
        number=number,
        html=Markup(render_html(passage.body, mode, passage.markers, change)),
        provenance=provenance(passage),
    )


def activity_view(
    exercise: Exercise,
    number: int,
    activity: Activity,
    views: dict[str, PassageView],
    variant: str,
    taxonomy: Taxonomy,
    shown: set[str],
) -> ActivityView:
    """Build one activity's view for one variant; `shown` collects the sentences it prints."""
    spec = KINDS[activity.kind]
    view = views[activity.passage]
    passage = view.passage
    rng = random_for(exercise, number, variant)
    other = views[activity.other] if activity.other else None
    spans: list[Span] = []
    columns: list[str] = []
    if other is not None:
        items = _compare_items(activity, passage, other.passage, taxonomy, rng)
    else:
        spans = choose_spans(activity, passage, rng, shown)
        if spec.takes_count:  # the kinds that print chosen sentences, not the whole passage
            shown.update(s.sentence for s in spans)
        build = _BUILDERS.get(activity.kind, _plain_items)
        items, columns = build(activity, passage, spans, taxonomy, rng)
    passage_label = f"passage {view.number}" if len(exercise.passages) > 1 else ""
    points_each = activity.points or spec.points
    points = points_each * (1 if activity.kind == "respond" else len(items))
    return ActivityView(
        number=number,
        kind=activity.kind,
        template=f"activities/{activity.kind}.html",
        title=spec.title,
        instructions=activity.instructions
        or (
            COMPARE_BY_TYPE
            if activity.kind == "compare" and not activity.pairs
            else spec.instructions
        ),
        passage=view,
        other=other,
        items=items,
        sourced=_span_items(
            passage, [s for s in passage.spans_of("sourced") if activity.covers(s)], taxonomy
        )
        if activity.kind == "spot"
        else [],
        columns=columns,
        counts={k: sum(1 for s in spans if s.kind == k) for k in taxonomy.kinds},
        passage_label=passage_label,
        scope=", ".join(p for p in (passage_label, activity.paragraph_scope) if p),
        points=points,
        scoring=spec.scoring.format(points=plural(points_each, "point")),
        prompt=activity.prompt,
        rubric=activity.rubric,
        samples=activity.samples,
        lines=activity.lines,
        by_type=activity.kind == "compare" and not activity.pairs,
    )


Builder = Callable[
    [Activity, Passage, list[Span], Taxonomy, random.Random], tuple[list[Item], list[str]]
]


def _span_items(passage: Passage, spans: list[Span], taxonomy: Taxonomy) -> list[Item]:
    markers = passage.markers
    items = []
    for n, span in enumerate(spans, 1):
        span_type = taxonomy.type_of(span.kind, span.type)
        items.append(
            Item(
                number=n,
                span=span,
                marker=markers[span.id][1],
                kind_name=taxonomy.kinds[span.kind].name,
                type_name=span_type.name if span_type else None,
                type_definition=span_type.definition if span_type else None,
            )
        )
    return items


def _plain_items(
    activity: Activity, passage: Passage, spans: list[Span], taxonomy: Taxonomy, rng: random.Random
) -> tuple[list[Item], list[str]]:
    return _span_items(passage, spans, taxonomy), []


def _name_it(
    activity: Activity, passage: Passage, spans: list[Span], taxonomy: Taxonomy, rng: random.Random
) -> tuple[list[Item], list[str]]:
    names = [t.name for k in FIND_KINDS for t in taxonomy.kinds[k].types.values()]
    items = []
    for item in _span_items(passage, spans, taxonomy):
        right = item.type_name or ""
        # A span nested in this one, or around it, would make its own type a right answer too.
        related = {
            type_.name
            for s in passage.spans
            if item.span and (s.parent == item.span.id or s.id == item.span.parent)
            for type_ in [taxonomy.type_of(s.kind, s.type)]
            if type_ is not None
        }
        wrong = rng.sample([n for n in names if n != right and n not in related], 3)
        choices = arrange([right, *wrong], rng, activity.shuffle)
        if not activity.shuffle:
            choices.sort(key=names.index)
        items.append(replace(item, choices=tuple(choices), answer=right))
    return items, []


def _match(
    activity: Activity, passage: Passage, spans: list[Span], taxonomy: Taxonomy, rng: random.Random
) -> tuple[list[Item], list[str]]:
    items = _span_items(passage, spans, taxonomy)
    names = list(dict.fromkeys(i.type_name or "" for i in items))
    columns = arrange(names, rng, activity.shuffle)
    letters = {name: LETTERS[n] for n, name in enumerate(columns)}
    return [replace(i, answer=letters[i.type_name or ""]) for i in items], columns


def _said_verb(
    activity: Activity, passage: Passage, spans: list[Span], taxonomy: Taxonomy, rng: random.Random
) -> tuple[list[Item], list[str]]:
    items = []
    for item in _span_items(passage, spans, taxonomy):
        assert item.span is not None and item.span.neutral is not None
        used, neutral = item.span.text, item.span.neutral
        spare = [v for v in SAID_VERBS if v.lower() not in (used.lower(), neutral.lower())]
        options = [neutral, used, *rng.sample(spare, 2)]
        notes = {neutral: "Neutral: it reports the words without judging them."}
        notes[used] = f"The writer's choice. {item.span.why or ''}".strip()
        notes.update({v: SAID_VERBS[v] for v in options[2:]})
        choices = arrange(options, rng, activity.shuffle)
        items.append(
            replace(
                item,
                choices=tuple(choices),
                answer=neutral,
                notes=tuple((c, notes[c]) for c in choices),
            )
        )
    return items, []


def _sort(
    activity: Activity, passage: Passage, spans: list[Span], taxonomy: Taxonomy, rng: random.Random
) -> tuple[list[Item], list[str]]:
    items = [
        replace(i, answer=SORT_COLUMNS[i.span.kind] if i.span else "")
        for i in _span_items(passage, spans, taxonomy)
    ]
    return items, list(SORT_COLUMNS.values())


def _tally(
    activity: Activity, passage: Passage, spans: list[Span], taxonomy: Taxonomy, rng: random.Random
) -> tuple[list[Item], list[str]]:
    markers = passage.markers
    rows = []
    for kind in FIND_KINDS:
        for span_type in taxonomy.kinds[kind].types.values():
            counted = [s for s in spans if s.kind == kind and s.type == span_type.id]
            rows.append((span_type, counted))
    items = [
        Item(
            number=n,
            label=span_type.name,
            type_definition=span_type.definition,
            kind_name=taxonomy.kinds[span_type.kind].name,
            answer=str(len(counted)),
            members=tuple(markers[s.id][1] for s in counted),
        )
        for n, (span_type, counted) in enumerate(arrange(rows, rng, activity.shuffle), 1)
    ]
    return items, []


def _compare_items(
    activity: Activity, first: Passage, second: Passage, taxonomy: Taxonomy, rng: random.Random
) -> list[Item]:
    if activity.pairs:
        spans_a = {s.id: s for s in first.spans}
        spans_b = {s.id: s for s in second.spans}
        pairs = arrange(activity.pairs, rng, activity.shuffle)
        items = []
        for n, (a, b, fact) in enumerate(pairs, 1):
            partner = spans_b[b]
            partner_type = taxonomy.type_of(partner.kind, partner.type)
            type_name = partner_type.name if partner_type else taxonomy.kinds[partner.kind].name
            item = _span_items(first, [spans_a[a]], taxonomy)[0]
            items.append(
                replace(item, number=n, partner=partner, label=fact, notes=(("", type_name),))
            )
        return items
    rows = []
    for kind in FIND_KINDS:
        for span_type in taxonomy.kinds[kind].types.values():
            in_first = [s.text for s in first.spans if s.type == span_type.id and s.kind == kind]
            in_second = [s.text for s in second.spans if s.type == span_type.id and s.kind == kind]
            if in_first or in_second:
                rows.append((span_type.name, span_type.definition, in_first, in_second))
    return [
        Item(
            number=n,
            label=name,
            type_definition=definition,
            members=tuple(a),
            others=tuple(b),
            answer=f"Passage 1: {len(a)} · passage 2: {len(b)}",
        )
        for n, (name, definition, a, b) in enumerate(rows, 1)
    ]


def _make_it_loaded(
    activity: Activity, passage: Passage, spans: list[Span], taxonomy: Taxonomy, rng: random.Random
) -> tuple[list[Item], list[str]]:
    """Items whose whole sentence is neutral: other loaded spans in it take their `neutral` too."""
    items = []
    for item in _span_items(passage, spans, taxonomy):
        span = item.span
        assert span is not None
        before, after = span.before, span.after
        for other in passage.spans_of("loaded"):
            related = other.parent == span.id or span.parent == other.id
            if other is span or related or other.sentence != span.sentence or not other.neutral:
                continue
            if other.text in before:
                before = before.replace(other.text, other.neutral, 1)
            elif other.text in after:
                after = after.replace(other.text, other.neutral, 1)
        items.append(replace(item, before=before, after=after))
    return items, []


_BUILDERS: dict[str, Builder] = {
    "make-it-loaded": _make_it_loaded,
    "name-it": _name_it,
    "match": _match,
    "said-verb": _said_verb,
    "sort": _sort,
    "tally": _tally,
}


def provenance(passage: Passage) -> str:
    """ "Dana Whitfield, Riverside Weekly Ledger, 14 March 2025": what is known of the source."""
    parts = [passage.author, passage.outlet, _long_date(passage.published)]
    return ", ".join(p for p in parts if p)


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _long_date(date: dt.date | None) -> str | None:
    # Month names of our own: `%B` would follow the machine's locale.
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}" if date else None
