"""Item builders: how each activity kind turns the spans it drew into numbered items.

A builder receives a `Draw` (the activity, its passage or passages, the spans
chosen for this variant, the taxonomy and the variant's random stream) and
returns `Items`, which templates only lay out. The catalogue names each kind's
builder; nothing here knows which kind it serves.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .i18n import ENGLISH, N_, Translator, marker_letters, tr
from .markup import SPAN_CLOSE, SPAN_END
from .model import FIND_KINDS, Activity, Passage, Span
from .school import HANDLE
from .selection import arrange, letter
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
    accepted: str = ""  # tally: the counts that earn full marks, "3–5"
    notes: tuple[tuple[str, str], ...] = ()  # said-verb: what each choice implies
    partner: Span | None = None  # compare: the other passage's wording
    members: tuple[str, ...] = ()  # tally: markers counted; compare: first passage's wordings
    others: tuple[str, ...] = ()  # compare by type: second passage's wordings
    before: str = ""  # rewrite, make-it-loaded: the sentence around the span, made neutral
    after: str = ""
    speaker: str = ""  # comments and posts: the handle the span's paragraph starts with
    fits: tuple[int, ...] = ()  # match: the columns whose names fit it (`answer` names them)


@dataclass(frozen=True)
class Draw:
    """What one variant of an activity builds its items from."""

    activity: Activity
    passage: Passage
    spans: list[Span]  # chosen for this variant, in the order the sheet prints them
    taxonomy: Taxonomy
    rng: random.Random
    other: Passage | None = None  # the second passage of an activity about two
    t: Translator = ENGLISH  # the sheet's language: what items print that is not the passage's


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
    "said": N_("Neutral: it reports that words were spoken, and nothing more."),
    "stated": N_("Neutral, a little formal."),
    "claimed": N_("Hints that the statement may not be true."),
    "admitted": N_("Hints that the speaker owned up to something wrong or embarrassing."),
    "insisted": N_("Makes the speaker sound stubborn, or suggests that others doubt them."),
    "conceded": N_("Suggests the speaker gave in to an opponent."),
    "alleged": N_("Stresses that the statement is unproven."),
    "slammed": N_("Makes the speaker sound angry and the moment dramatic."),
    "boasted": N_("Makes the speaker sound vain."),
    "revealed": N_("Suggests a hidden truth came out."),
    "warned": N_("Suggests danger ahead."),
    "demanded": N_("Makes a request sound like an order."),
}

# What may follow each verb: "that" (a that-clause), "clause" (a clause without "that"),
# "quote", "object" (a noun phrase), "request" (what someone must do: "demanded the troops
# leave"), or a preposition. "slammed that…" is not English, and a choice that grammar
# alone rules out gives the answer away.
SAID_VERB_FRAMES = {
    "said": {"that", "clause", "quote"},
    "stated": {"that", "clause", "quote"},
    "claimed": {"that", "clause", "quote"},
    "admitted": {"that", "clause", "quote", "object"},
    "insisted": {"that", "clause", "quote", "on", "request"},
    "conceded": {"that", "clause", "quote", "object"},
    "alleged": {"that", "clause", "quote"},
    "slammed": {"object", "quote"},
    "boasted": {"that", "clause", "quote", "of", "about"},
    "revealed": {"that", "clause", "object"},
    "warned": {"that", "clause", "quote", "object", "of", "about"},
    "demanded": {"that", "clause", "quote", "object", "request"},
}
# Verbs after which a clause says what must happen ("asked that the troops leave"): there
# "conceded" or "warned" would not be English, whatever the clause looks like.
_REQUEST_VERBS = {"asked", "called", "demanded", "ordered", "requested", "urged"}
_QUOTE_NEXT = re.compile(r"\s*[:,]?\s*[“\"‘']")
_PREPOSITION_NEXT = re.compile(r"\s*(of|on|about)\b", re.IGNORECASE)
_THAT_NEXT = re.compile(r"[^.;:“\"]{0,40}?\bthat\b", re.IGNORECASE)  # "on Tuesday that…"
_CLAUSE_NEXT = re.compile(  # a subject, then a verb: "the works would take…"
    r"\s*(?:[\w’'-]+\s+){1,5}?(?:would|will|could|should|must|can|may|might|was|were|is|are|"
    r"had|has|have|did|does|do)\b",
    re.IGNORECASE,
)


def speech_frame(after: str, *verbs: str) -> str:
    """What follows a verb of saying in its sentence, as SAID_VERB_FRAMES names it; "" unsure.

    `verbs` are the words that may stand before it (the writer's and the neutral one): a
    neutral ending in "that" settles a clause, and a verb of request makes it a request.
    """
    words = [v.lower().split() for v in verbs if v.strip()]
    frame = _frame_after(after)
    if not frame and any(w[-1] == "that" for w in words):  # the neutral "asked that" says
        frame = "that"
    if frame in ("that", "clause") and any(w[0] in _REQUEST_VERBS for w in words):
        return "request"
    return frame


def _frame_after(after: str) -> str:
    preposition = _PREPOSITION_NEXT.match(after)
    word = preposition.group(1).lower() if preposition else ""
    if _QUOTE_NEXT.match(after):
        return "quote"
    if word in ("of", "about"):
        return word
    if _THAT_NEXT.match(after):  # also after a time: "admitted on Tuesday that…"
        return "that"
    if word:
        return word
    return "clause" if _CLAUSE_NEXT.match(after) else ""


def fits_frame(verb: str, frame: str, used: str) -> bool:
    """Whether a verb of saying reads as English before what follows it.

    Unsure of the frame, only a verb that fits wherever the writer's verb (`used`)
    fits will do; for a writer's verb not in the list, one that takes both a clause
    and an object.
    """
    frames = SAID_VERB_FRAMES[verb]
    if frame:
        return frame in frames
    return SAID_VERB_FRAMES.get(used.lower(), {"clause", "object"}) <= frames


SORT_COLUMNS = {
    "loaded": N_("Loaded words"),
    "unsourced": N_("No source"),
    "sourced": N_("Names its source"),
}


def span_items(
    passage: Passage, spans: list[Span], taxonomy: Taxonomy, t: Translator = ENGLISH
) -> list[Item]:
    """One item per span, numbered from 1, with its marker and its kind's and type's names."""
    markers = passage.markers_with(marker_letters(t))
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
                speaker=_speaker(passage, span, t),
            )
        )
    return items


def _speaker(passage: Passage, span: Span, t: Translator) -> str:
    """Who wrote the comment or post a span sits in, as its paragraph's bold label says."""
    if passage.genre not in ("comment", "social"):
        return ""
    name = _speakers(passage.body).get(span.id, "")
    return tr(t, N_("no name given")) if name == _NO_NAME else name


@lru_cache(maxsize=16)
def _speakers(body: str) -> dict[str, str]:
    """Each span's writer, by the label its block opens with: one pass over a body."""
    speakers = {}
    for block in body.split("\n\n"):
        handle = HANDLE.match(block.strip())
        if handle is None:
            continue
        name = handle["name"].strip()
        name = name if any(c.isalnum() for c in name) else _NO_NAME  # "**....:**"
        for span_id in _SPAN_IDS.findall(block):
            speakers[span_id] = name
    return speakers


_NO_NAME = "\0"  # a label with no name in it: "**....:**"
_SPAN_IDS = re.compile(f"{SPAN_CLOSE}([^{SPAN_END}]+){SPAN_END}")


def plain(draw: Draw) -> Items:
    """Each chosen span as an item: the template prints what the span carries."""
    return Items(span_items(draw.passage, draw.spans, draw.taxonomy, draw.t))


def spot(draw: Draw) -> Items:
    """Every span to find, and, for the key, the spans that name their source."""
    sourced = [s for s in draw.passage.spans_of("sourced") if draw.activity.covers(s)]
    return Items(
        span_items(draw.passage, draw.spans, draw.taxonomy, draw.t),
        sourced=span_items(draw.passage, sourced, draw.taxonomy, draw.t),
    )


def find_types(taxonomy: Taxonomy) -> list[SpanType]:
    """The types students are asked to find, in taxonomy order."""
    return [t for k in FIND_KINDS for t in taxonomy.kinds[k].types.values()]


def name_it(draw: Draw) -> Items:
    """Up to four names for each quotation: its type's, and three that plainly do not fit it.

    A wrong name is never the type of a span nested in or around the quotation
    (that would be right too), nor confusable (the taxonomy's `confusable`)
    with one of those, the right name or another wrong one: each wrong choice
    is one a student can rule out from its definition.
    """
    taxonomy = draw.taxonomy
    types = find_types(taxonomy)
    items = []
    for item in span_items(draw.passage, draw.spans, taxonomy, draw.t):
        assert item.span is not None
        right = _type_of(taxonomy, item.span)
        related = _related_types(draw.passage, item.span, taxonomy)
        wrong: list[SpanType] = []
        for candidate in draw.rng.sample(types, len(types)):
            if len(wrong) < 3 and _fair(candidate, [right, *wrong, *related], taxonomy):
                wrong.append(candidate)
        chosen = arrange([right, *wrong], draw.rng, draw.activity.shuffle)
        if not draw.activity.shuffle:
            chosen.sort(key=types.index)
        items.append(replace(item, choices=tuple(t.name for t in chosen), answer=right.name))
    return Items(items)


def _fair(candidate: SpanType, taken: list[SpanType], taxonomy: Taxonomy) -> bool:
    """Whether a wrong name can join the choices: neither one of them nor confusable with one."""
    return all(candidate != t and not taxonomy.confusable(candidate, t) for t in taken)


def _related_types(passage: Passage, span: Span, taxonomy: Taxonomy) -> list[SpanType]:
    """Types of the spans nested in `span` or around it: they would be right answers too."""
    return [
        span_type
        for s in passage.spans
        if s.parent == span.id or s.id == span.parent
        for span_type in [taxonomy.type_of(s.kind, s.type)]
        if span_type is not None
    ]


def match(draw: Draw) -> Items:
    """Quotations on the left, the names of their types lettered on the right.

    Types students cannot tell apart (the taxonomy's `confusable`, followed from
    one to the next) share one entry, "Vague “someone says” / Unnamed
    source": a right column never holds two names that fit the same quotation.
    A quotation with a span of another type nested in it or around it is keyed
    with that type's letter too, when the column lists it.
    """
    taxonomy = draw.taxonomy
    items = span_items(draw.passage, draw.spans, taxonomy, draw.t)
    types = list(dict.fromkeys(_type_of(taxonomy, i.span) for i in items))
    columns = arrange(_confusable_groups(types, taxonomy), draw.rng, draw.activity.shuffle)
    column_of = {t: n for n, group in enumerate(columns) for t in group}
    keyed = []
    for item in items:
        assert item.span is not None
        fits = [_type_of(taxonomy, item.span), *_related_types(draw.passage, item.span, taxonomy)]
        columns_fitting = sorted({column_of[t] for t in fits if t in column_of})
        letters = [letter(n) for n in columns_fitting]
        answer = letters[0]
        for other in letters[1:]:
            answer = tr(draw.t, N_("%(letter)s or %(other)s"), letter=answer, other=other)
        keyed.append(replace(item, answer=answer, fits=tuple(columns_fitting)))
    return Items(keyed, [" / ".join(t.name for t in group) for group in columns])


def _confusable_groups(types: list[SpanType], taxonomy: Taxonomy) -> list[list[SpanType]]:
    """The types in groups that hold every pair of confusable types, in first-seen order."""
    groups: list[list[SpanType]] = []
    for span_type in types:
        joined = [g for g in groups if any(taxonomy.confusable(span_type, t) for t in g)]
        if not joined:
            groups.append([span_type])
            continue
        for group in joined[1:]:  # the new type links them: one group for all
            joined[0].extend(group)
            groups.remove(group)
        joined[0].append(span_type)
    return groups


def _type_of(taxonomy: Taxonomy, span: Span | None) -> SpanType:
    """The type of a span an activity drew because it has one."""
    assert span is not None and span.type is not None
    return taxonomy.kinds[span.kind].types[span.type]


def said_verb(draw: Draw) -> Items:
    """The writer's verb, the neutral one and two others, each with what it implies."""
    items = []
    for item in span_items(draw.passage, draw.spans, draw.taxonomy, draw.t):
        assert item.span is not None and item.span.neutral is not None
        used, neutral = item.span.text, item.span.neutral
        frame = speech_frame(item.span.after, used, neutral)
        # Unsure what follows, and the writer's verb not one we know ("Demands", in a
        # headline): no other verb can be shown to fit, so none is offered.
        known = frame or used.lower() in SAID_VERB_FRAMES
        spare = [
            v
            for v in SAID_VERBS
            if known
            and v.lower() not in (used.lower(), neutral.lower())
            and fits_frame(v, frame, used)
        ]
        others = draw.rng.sample(spare, min(2, len(spare)))
        if used[:1].isupper():  # a headline's Title Case, or a sentence's first word
            others = [v.capitalize() for v in others]
        # A neutral "urged that" would be the one choice ending in "that": all end so.
        that = " that" if neutral.lower().endswith(" that") else ""
        t = draw.t
        notes = {neutral: tr(t, N_("Neutral: it reports the words without judging them."))}
        choice = tr(t, N_("The writer's choice."))
        notes[used + that] = f"{choice} {item.span.why or ''}".strip()
        notes.update({v + that: tr(t, SAID_VERBS[v.lower()]) for v in others})
        choices = arrange(list(notes), draw.rng, draw.activity.shuffle)
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
        replace(i, answer=tr(draw.t, SORT_COLUMNS[i.span.kind]) if i.span else "")
        for i in span_items(draw.passage, draw.spans, draw.taxonomy, draw.t)
    ]
    return Items(items, [tr(draw.t, c) for c in SORT_COLUMNS.values()])


def tally(draw: Draw) -> Items:
    """One row per type to find, with how often the passage uses it and which marks those are.

    Where a phrase starts and ends is the annotator's judgement, so each row
    also gives the counts that earn full marks (`tally_range`).
    """
    markers = draw.passage.markers_with(marker_letters(draw.t))
    rows = [
        (span_type, [s for s in draw.spans if (s.kind, s.type) == (span_type.kind, span_type.id)])
        for span_type in find_types(draw.taxonomy)
    ]
    items = [
        Item(
            number=n,
            label=span_type.name,
            type_definition=span_type.definition,
            kind_name=draw.taxonomy.kinds[span_type.kind].name,
            answer=str(len(counted)),
            accepted="–".join(str(c) for c in tally_range(len(counted))),
            members=tuple(markers[s.id][1] for s in counted),
        )
        for n, (span_type, counted) in enumerate(arrange(rows, draw.rng, draw.activity.shuffle), 1)
    ]
    return Items(items)


def tally_range(count: int) -> tuple[int, int]:
    """The counts that earn full marks: the key's count give or take 1, or give or take a
    fifth of it (rounded up) when it is over 5 (6 takes 4–8, 11 takes 8–14)."""
    slack = max(1, -(-count // 5))
    return max(0, count - slack), count + slack


def neutral_sentences(draw: Draw) -> Items:
    """Items whose whole sentence is neutral: other loaded spans in it take their `neutral` too.

    What rewrite's key gives as the model answer, and make-it-loaded prints.
    """
    items = []
    for item in span_items(draw.passage, draw.spans, draw.taxonomy, draw.t):
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
