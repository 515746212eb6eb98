"""Item builders: how each activity kind turns the spans it drew into numbered items.

A builder receives a `Draw` (the activity, its passage or passages, the spans
chosen for this variant, the taxonomy and the variant's random stream) and
returns `Items`, which templates only lay out. The catalogue names each kind's
builder; nothing here knows which kind it serves.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .model import FIND_KINDS, Activity, Passage, Span
from .selection import LETTERS, arrange
from .taxonomy import SpanType, Taxonomy


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
    before: str = ""  # rewrite, make-it-loaded: the sentence around the span, made neutral
    after: str = ""


@dataclass(frozen=True)
class Draw:
    """What one variant of an activity builds its items from."""

    activity: Activity
    passage: Passage
    spans: list[Span]  # chosen for this variant, in the order the sheet prints them
    taxonomy: Taxonomy
    rng: random.Random
    other: Passage | None = None  # the second passage of an activity about two


@dataclass(frozen=True)
class Items:
    """What a builder gives the sheet: the items, and what else its template lays out."""

    items: list[Item]
    columns: list[str] = field(default_factory=list)  # match: names to match; sort: columns
    sourced: list[Item] = field(default_factory=list)  # spans that name their source, for the key
    by_type: bool = False  # rows are techniques, not spans or facts
    instructions: str | None = None  # replaces the kind's default instructions


ItemBuilder = Callable[[Draw], Items]

# What a speech verb tells the reader beyond "words were said" (the said-verb activity's key).
SAID_VERBS = {
    "said": "Neutral: it reports that words were spoken, and nothing more.",
    "stated": "Neutral, a little formal.",
    "claimed": "Hints that the statement may not be true.",
    "admitted": "Hints that the speaker owned up to something wrong or embarrassing.",
    "insisted": "Makes the speaker sound stubborn, or suggests that others doubt them.",
    "conceded": "Suggests the speaker gave in to an opponent.",
    "alleged": "Stresses that the statement is unproven.",
    "slammed": "Makes the speaker sound angry and the moment dramatic.",
    "boasted": "Makes the speaker sound vain.",
    "revealed": "Suggests a hidden truth came out.",
    "warned": "Suggests danger ahead.",
    "demanded": "Makes a request sound like an order.",
}

SORT_COLUMNS = {
    "loaded": "Loaded words",
    "unsourced": "No source",
    "sourced": "Names its source",
}

# A compare activity without `pairs` lists techniques, not facts.
COMPARE_BY_TYPE = (
    "For each technique, copy one example from each passage, or write “none”, and say which "
    "passage leans on it more."
)


def span_items(passage: Passage, spans: list[Span], taxonomy: Taxonomy) -> list[Item]:
    """One item per span, numbered from 1, with its marker and its kind's and type's names."""
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


def plain(draw: Draw) -> Items:
    """Each chosen span as an item: the template prints what the span carries."""
    return Items(span_items(draw.passage, draw.spans, draw.taxonomy))


def spot(draw: Draw) -> Items:
    """Every span to find, and, for the key, the spans that name their source."""
    sourced = [s for s in draw.passage.spans_of("sourced") if draw.activity.covers(s)]
    return Items(
        span_items(draw.passage, draw.spans, draw.taxonomy),
        sourced=span_items(draw.passage, sourced, draw.taxonomy),
    )


def _find_types(taxonomy: Taxonomy) -> list[SpanType]:
    """The types students are asked to find, in taxonomy order."""
    return [t for k in FIND_KINDS for t in taxonomy.kinds[k].types.values()]


def name_it(draw: Draw) -> Items:
    """Four names for each quotation: its type's, and three that do not fit it."""
    names = [t.name for t in _find_types(draw.taxonomy)]
    items = []
    for item in span_items(draw.passage, draw.spans, draw.taxonomy):
        right = item.type_name or ""
        related = _related_type_names(draw.passage, item.span, draw.taxonomy)
        wrong = draw.rng.sample([n for n in names if n != right and n not in related], 3)
        choices = arrange([right, *wrong], draw.rng, draw.activity.shuffle)
        if not draw.activity.shuffle:
            choices.sort(key=names.index)
        items.append(replace(item, choices=tuple(choices), answer=right))
    return Items(items)


def _related_type_names(passage: Passage, span: Span | None, taxonomy: Taxonomy) -> set[str]:
    """Types of the spans nested in `span` or around it: they would be right answers too."""
    return {
        type_.name
        for s in passage.spans
        if span and (s.parent == span.id or s.id == span.parent)
        for type_ in [taxonomy.type_of(s.kind, s.type)]
        if type_ is not None
    }


def match(draw: Draw) -> Items:
    """Quotations on the left, the names of their types lettered on the right."""
    items = span_items(draw.passage, draw.spans, draw.taxonomy)
    names = list(dict.fromkeys(i.type_name or "" for i in items))
    columns = arrange(names, draw.rng, draw.activity.shuffle)
    letters = {name: LETTERS[n] for n, name in enumerate(columns)}
    return Items([replace(i, answer=letters[i.type_name or ""]) for i in items], columns)


def said_verb(draw: Draw) -> Items:
    """The writer's verb, the neutral one and two others, each with what it implies."""
    items = []
    for item in span_items(draw.passage, draw.spans, draw.taxonomy):
        assert item.span is not None and item.span.neutral is not None
        used, neutral = item.span.text, item.span.neutral
        spare = [v for v in SAID_VERBS if v.lower() not in (used.lower(), neutral.lower())]
        options = [neutral, used, *draw.rng.sample(spare, 2)]
        notes = {neutral: "Neutral: it reports the words without judging them."}
        notes[used] = f"The writer's choice. {item.span.why or ''}".strip()
        notes.update({v: SAID_VERBS[v] for v in options[2:]})
        choices = arrange(options, draw.rng, draw.activity.shuffle)
        items.append(
            replace(
                item,
                choices=tuple(choices),
                answer=neutral,
                notes=tuple((c, notes[c]) for c in choices),
            )
        )
    return Items(items)


def sort(draw: Draw) -> Items:
    """Statements to sort into the three kinds' columns."""
    items = [
        replace(i, answer=SORT_COLUMNS[i.span.kind] if i.span else "")
        for i in span_items(draw.passage, draw.spans, draw.taxonomy)
    ]
    return Items(items, list(SORT_COLUMNS.values()))


def tally(draw: Draw) -> Items:
    """One row per type to find, with how often the passage uses it and which marks those are."""
    markers = draw.passage.markers
    rows = [
        (span_type, [s for s in draw.spans if (s.kind, s.type) == (span_type.kind, span_type.id)])
        for span_type in _find_types(draw.taxonomy)
    ]
    items = [
        Item(
            number=n,
            label=span_type.name,
            type_definition=span_type.definition,
            kind_name=draw.taxonomy.kinds[span_type.kind].name,
            answer=str(len(counted)),
            members=tuple(markers[s.id][1] for s in counted),
        )
        for n, (span_type, counted) in enumerate(arrange(rows, draw.rng, draw.activity.shuffle), 1)
    ]
    return Items(items)


def compare(draw: Draw) -> Items:
    """The named facts side by side; without `pairs`, the techniques side by side."""
    assert draw.other is not None  # the catalogue gives compare two passages
    if draw.activity.pairs:
        return Items(_compared_pairs(draw, draw.other))
    return Items(_compared_types(draw, draw.other), by_type=True, instructions=COMPARE_BY_TYPE)


def _compared_pairs(draw: Draw, second: Passage) -> list[Item]:
    spans_a = {s.id: s for s in draw.passage.spans}
    spans_b = {s.id: s for s in second.spans}
    items = []
    pairs = arrange(draw.activity.pairs, draw.rng, draw.activity.shuffle)
    for n, (a, b, fact) in enumerate(pairs, 1):
        partner = spans_b[b]
        partner_type = draw.taxonomy.type_of(partner.kind, partner.type)
        type_name = partner_type.name if partner_type else draw.taxonomy.kinds[partner.kind].name
        item = span_items(draw.passage, [spans_a[a]], draw.taxonomy)[0]
        items.append(replace(item, number=n, partner=partner, label=fact, notes=(("", type_name),)))
    return items


def _compared_types(draw: Draw, second: Passage) -> list[Item]:
    def wordings(passage: Passage, span_type: SpanType) -> tuple[str, ...]:
        return tuple(
            s.text for s in passage.spans if (s.kind, s.type) == (span_type.kind, span_type.id)
        )

    rows = [
        (span_type, wordings(draw.passage, span_type), wordings(second, span_type))
        for span_type in _find_types(draw.taxonomy)
    ]
    return [
        Item(
            number=n,
            label=span_type.name,
            type_definition=span_type.definition,
            members=in_first,
            others=in_second,
            answer=f"Passage 1: {len(in_first)} · passage 2: {len(in_second)}",
        )
        for n, (span_type, in_first, in_second) in enumerate(
            [row for row in rows if row[1] or row[2]], 1
        )
    ]


def neutral_sentences(draw: Draw) -> Items:
    """Items whose whole sentence is neutral: other loaded spans in it take their `neutral` too.

    What rewrite's key gives as the model answer, and make-it-loaded prints.
    """
    items = []
    for item in span_items(draw.passage, draw.spans, draw.taxonomy):
        assert item.span is not None
        before, after = _neutral_around(draw.passage, item.span)
        items.append(replace(item, before=before, after=after))
    return Items(items)


def _neutral_around(passage: Passage, span: Span) -> tuple[str, str]:
    """The rest of the span's sentence, with every other loaded span in it made neutral."""
    before, after = span.before, span.after
    for other in passage.spans_of("loaded"):
        related = other.parent == span.id or span.parent == other.id
        if other is span or related or other.sentence != span.sentence or not other.neutral:
            continue
        if other.text in before:
            before = before.replace(other.text, other.neutral, 1)
        elif other.text in after:
            after = after.replace(other.text, other.neutral, 1)
    return before, after


def no_items(draw: Draw) -> Items:
    """An activity that asks about the passage as a whole (respond): its template has it all."""
    return Items([])
