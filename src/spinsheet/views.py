"""What the templates receive: passages and activities as a sheet prints them.

The catalogue says what each activity kind draws and which builder of `items`
turns the drawn spans into numbered items; templates only lay them out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape

from .catalogue import ACTIVITY_KINDS, RESEARCH_ELSEWHERE, RESEARCH_HERE, ActivityKind
from .i18n import (
    ENGLISH,
    MONTHS,
    N_,
    Translator,
    listed,
    marker_letters,
    paragraph_numbers_named,
    paragraphs_named,
    tr,
    tr_plural,
)
from .items import Draw, Item
from .length import printed
from .markup import Printing, render_html
from .masking import Masker
from .model import (
    Activity,
    Exercise,
    Passage,
    RubricLevel,
    Sample,
    Span,
)
from .selection import Asked, choose_spans, random_for
from .taxonomy import SpanType, Taxonomy

Edition = Literal["student", "key"]
Direction = Literal["ltr", "rtl"]

# Languages written right to left (BCP 47 primary subtags), and the scripts that are: a tag's
# script subtag decides when it has one ("az-Arab" is right to left, "ku-Latn" is not).
RIGHT_TO_LEFT_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"})
RIGHT_TO_LEFT_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"})


def text_direction(language: str) -> Direction:
    """Which way a language's text runs: "rtl" for Arabic, Persian, Hebrew, Urdu…, else "ltr"."""
    subtags = language.replace("_", "-").lower().split("-")
    scripts = [tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()]
    if scripts:
        return "rtl" if scripts[0] in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in RIGHT_TO_LEFT_LANGUAGES else "ltr"


@dataclass(frozen=True)
class PassageView:
    """A passage as a sheet prints it: numbered, with its provenance, marked on the key."""

    passage: Passage  # as this sheet prints it
    number: int
    html: Markup
    title_html: Markup  # the title, its spans marked on the key
    provenance: str  # the source line: author · outlet · date · URL, or what is not given
    drawn: Passage  # as student sheets print it (masked): what activities draw items from
    excerpt: tuple[int, int] | None = None  # the paragraphs printed, when not all of them
    omitted: str = ""  # "paragraphs 8 and 15": those left out, of those the sheet prints
    genre: str = ""  # the genre as printed ("Opinion"); "" for news
    direction: Direction = "ltr"  # its language's: "rtl" for Arabic, Persian, Hebrew, Urdu…


# The genres a source line names (news goes without saying).
GENRES = {
    "opinion": N_("Opinion"),
    "analysis": N_("Analysis"),
    "comment": N_("Comment"),
    "press-release": N_("Press release"),
    "social": N_("Social"),
}


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
    passage: Passage,
    number: int,
    edition: Edition,
    masker: Masker | None,
    unmasked: bool = False,
    excerpt: tuple[int, int] | None = None,
    t: Translator = ENGLISH,
    spoken: Mapping[str, str] | None = None,
) -> PassageView:
    """A passage for one edition: plain for students, marked on the key, masked if asked.

    `unmasked` prints the listed words in full (a teacher's own copy); items are
    still drawn as for students, so that copy asks what the students' sheets ask.
    An `excerpt` prints only those paragraphs, and keeps only their spans, so no
    activity or key can name a span the sheet does not print. `spoken` names each kind
    of span for screen readers on the key.
    """
    mode: Literal["plain", "marked"] = "marked" if edition == "key" else "plain"
    if excerpt is not None:
        spans = tuple(s for s in passage.spans if printed(s, excerpt))
        passage = dataclasses.replace(passage, spans=spans)
    change = masker if masker is not None and passage.mask and not unmasked else None
    drawn = masker.as_drawn(passage) if masker is not None else passage
    if change is not None:
        passage = passage.with_text(change)
    markers = passage.markers_with(marker_letters(t))
    return PassageView(
        passage=passage,
        number=number,
        html=Markup(
            render_html(
                passage.body,
                Printing(mode, markers, change, excerpt, passage.omitted, t=t, spoken=spoken or {}),
            )
        ),
        title_html=Markup(
            render_html(
                passage.headline,
                Printing(mode, markers, change, inline=True, t=t, spoken=spoken or {}),
            )
            if passage.headline
            else escape(passage.title)
        ),
        provenance=provenance(passage, t),
        drawn=drawn,
        excerpt=excerpt,
        omitted=_omitted(passage, excerpt, t),
        genre=tr(t, GENRES[passage.genre]) if passage.genre in GENRES else "",
        direction=text_direction(passage.language),
    )


def _omitted(passage: Passage, excerpt: tuple[int, int] | None, t: Translator) -> str:
    """ "paragraphs 8 and 15": those the passage leaves out, of those the sheet prints."""
    first, last = excerpt or (1, passage.paragraphs)
    left_out = [n for n in passage.omitted if first <= n <= last]
    return paragraph_numbers_named(left_out, t) if left_out else ""


@dataclass(frozen=True)
class Drawn:
    """The spans one activity of one variant asks about, and its random stream to go on with."""

    spans: list[Span]
    rng: random.Random
    found: list[Span]  # of `spans`, those spot asks students to find: it gives them away


def draw_activities(exercise: Exercise, passages: dict[str, Passage], variant: str) -> list[Drawn]:
    """What each activity of a variant asks about, in order: none asks what an earlier one did.

    `passages` are as students' sheets print them (masked).
    """
    asked = Asked()
    for activity in exercise.activities:  # what spot asks students to find: items draw it last
        kind = ACTIVITY_KINDS[activity.kind]
        if kind.asks_to_find:
            asked.to_find.update(s.id for s in kind.eligible(activity, passages[activity.passage]))
    drawn = []
    for number, activity in enumerate(exercise.activities, 1):
        kind = ACTIVITY_KINDS[activity.kind]
        passage = passages[activity.passage]
        rng = random_for(exercise, number, variant)
        chosen = choose_spans(activity, kind, passage, rng, asked)
        asked.record(kind, chosen, passage)
        found = [s for s in chosen if s.id in asked.to_find] if kind.takes_count else []
        drawn.append(Drawn(chosen, rng, found))
    return drawn


def activity_view(
    exercise: Exercise,
    number: int,
    activity: Activity,
    views: dict[str, PassageView],
    drawn: Drawn,
    taxonomy: Taxonomy,
    t: Translator = ENGLISH,
) -> ActivityView:
    """Build one activity's view for one variant from the spans drawn for it."""
    kind = ACTIVITY_KINDS[activity.kind]
    view = views[activity.passage]
    other = views[activity.other] if activity.other else None
    chosen, rng = drawn.spans, drawn.rng
    printed = {s.id: s for s in view.passage.spans}
    spans = [printed[s.id] for s in chosen]
    built = kind.build(
        Draw(activity, view.passage, spans, taxonomy, rng, other.passage if other else None, t)
    )
    several = len(exercise.passages) > 1
    passage_label = tr(t, N_("passage %(number)s"), number=view.number) if several else ""
    scope = paragraphs_named(activity.paragraphs, t) if activity.paragraphs else ""
    points_each = activity.points or kind.points
    # The teacher's own instructions print as written; the kind's are the sheet's language.
    given = activity.instructions or (tr(t, built.instructions) if built.instructions else None)
    return ActivityView(
        number=number,
        kind=activity.kind,
        template=f"activities/{activity.kind}.html",
        title=tr(t, kind.title),
        instructions=_instructions(exercise, kind, given, t),
        passage=view,
        other=other,
        items=built.items,
        sourced=built.sourced,
        columns=built.columns,
        counts={k: sum(1 for s in spans if s.kind == k) for k in taxonomy.kinds},
        passage_label=passage_label,
        scope=tr(t, N_(", ")).join(p for p in (passage_label, scope) if p),
        points=points_each * (len(built.items) if kind.points_per_item else 1),
        scoring=tr(
            t, kind.scoring, points=tr_plural(t, "%(num)d point", "%(num)d points", points_each)
        ),
        prompt=activity.prompt,
        rubric=activity.rubric,
        samples=activity.samples,
        lines=activity.lines,
        by_type=built.by_type,
    )


def _instructions(exercise: Exercise, kind: ActivityKind, given: str | None, t: Translator) -> str:
    """The exercise's instructions, its items' or the kind's own, saying where research happens
    if the kind needs any: a teacher's own wording does not drop that."""
    said = given or tr(t, kind.instructions)
    if kind.research:
        said += " " + tr(t, RESEARCH_HERE if exercise.references else RESEARCH_ELSEWHERE)
    return said


def provenance(passage: Passage, t: Translator = ENGLISH) -> str:
    """ "Dana Whitfield · Riverside Weekly Ledger · 14 March 2025 · https://…": the source line.

    Students judge and look up a source by these four facts, so each one that is
    missing is named: "Uriel Araujo · outlet, date and web address not given".
    """
    parts = {
        N_("author"): passage.author,
        N_("outlet"): passage.outlet,
        N_("date"): _long_date(passage.published, t),
        N_("web address"): passage.url,
    }
    line = [value for value in parts.values() if value]
    missing = [tr(t, name) for name, value in parts.items() if not value]
    if missing:
        note = tr(t, N_("%(missing)s not given"), missing=listed(t, missing))
        line.append(note if line else note[:1].upper() + note[1:])
    return " · ".join(line)


@dataclass(frozen=True)
class Glossary:
    """The techniques a sheet names, defined once before the first activity that names them."""

    before: int  # the number of the activity it is printed before
    terms: list[SpanType]  # in taxonomy order


def glossary(activities: list[ActivityView], taxonomy: Taxonomy) -> Glossary | None:
    """The sheet's glossary: every type whose name an activity that names techniques prints."""
    naming = [a for a in activities if ACTIVITY_KINDS[a.kind].names_techniques]
    named = {name for a in naming for name in _names_in(a, taxonomy)}
    terms = [t for kind in taxonomy.kinds.values() for t in kind.types.values() if t.name in named]
    if not terms:
        return None
    first = next(a for a in naming if named.intersection(_names_in(a, taxonomy)))
    return Glossary(before=first.number, terms=terms)


def _names_in(activity: ActivityView, taxonomy: Taxonomy) -> set[str]:
    """Every type name an activity's items and columns carry: types, choices, row labels."""
    names = set(activity.columns)
    for item in activity.items:
        names.update((item.type_name or "", item.label, *item.choices))
        # compare: the key names the second passage's technique too
        partner = item.partner and taxonomy.type_of(item.partner.kind, item.partner.type)
        names.add(partner.name if partner else "")
    return names


def _long_date(date: dt.date | None, t: Translator) -> str | None:
    # Month names of our own: `%B` would follow the machine's locale.
    if date is None:
        return None
    month = tr(t, MONTHS[date.month - 1])
    return tr(t, N_("%(day)s %(month)s %(year)s"), day=date.day, month=month, year=date.year)
