"""The compare activity's rows: the same facts, or the same techniques, in two passages.

For a fact, the key's model answer is a sentence about what the difference
between the two wordings does to a reader, then each wording's `why`: a
colleague marks "What the difference does" against it.
"""

from __future__ import annotations

from dataclasses import replace

from .i18n import ENGLISH, N_, Translator, tr
from .items import Draw, Item, Items, find_types, span_items
from .model import Passage, Span
from .selection import arrange
from .taxonomy import SpanType

# A compare activity without `pairs` lists techniques, not facts.
COMPARE_BY_TYPE = N_(
    "For each technique, copy one example from each passage, or write “none”, and say which "
    "passage leans on it more."
)

# What a wording of each kind does with a fact: "Passage 1 uses…", "Both passages use…".
_DOES = {
    "loaded": (N_("uses charged words (%(type)s)"), N_("use charged words (%(type)s)")),
    "unsourced": (
        N_("gives it with no source (%(type)s)"),
        N_("give it with no source (%(type)s)"),
    ),
    "sourced": (N_("names its source"), N_("name their sources")),
}


def compare(draw: Draw) -> Items:
    """The named facts side by side; without `pairs`, the techniques side by side."""
    assert draw.other is not None  # the catalogue gives compare two passages
    if draw.activity.pairs:
        return Items(_compared_pairs(draw, draw.other))
    return Items(_compared_types(draw, draw.other), by_type=True, instructions=COMPARE_BY_TYPE)


def difference(
    first: Span, second: Span, first_type: str, second_type: str, t: Translator = ENGLISH
) -> str:
    """A model sentence on what the two wordings of one fact do to a reader, then why."""
    kinds = (first.kind, second.kind)

    def does(kind: str, number: int, type_name: str) -> str:
        return tr(t, _DOES[kind][number], type=type_name)

    if kinds[0] == kinds[1] and first_type == second_type:
        lead = tr(t, N_("Both passages %(do)s"), do=does(first.kind, 1, first_type))
    else:
        lead = tr(
            t,
            N_("Passage 1 %(does)s, while passage 2 %(other)s"),
            does=does(first.kind, 0, first_type),
            other=does(second.kind, 0, second_type),
        )
    if "sourced" in kinds and kinds[0] != kinds[1]:
        checkable = kinds.index("sourced") + 1
        effect = tr(
            t,
            N_("only a reader of passage %(number)s can check where the fact comes from"),
            number=checkable,
        )
    elif kinds == ("unsourced", "unsourced"):
        effect = tr(t, N_("neither reader can check where the fact comes from"))
    elif kinds == ("loaded", "loaded"):
        effect = tr(t, N_("each pushes its reader toward its own view of the same fact"))
    elif "loaded" in kinds:
        pushed = kinds.index("loaded") + 1
        effect = tr(
            t,
            N_("the reader of passage %(number)s is pushed toward a feeling the other is not"),
            number=pushed,
        )
    else:
        effect = tr(t, N_("a reader can compare whose word each passage relies on"))
    why = " ".join(
        tr(t, N_("Passage %(number)s: %(why)s"), number=n, why=span.why)
        for n, span in ((1, first), (2, second))
        if span.why
    )
    sentence = tr(t, N_("%(lead)s, so %(effect)s."), lead=lead, effect=effect)
    return f"{sentence} {why}".strip()


def _compared_pairs(draw: Draw, second: Passage) -> list[Item]:
    spans_a = {s.id: s for s in draw.passage.spans}
    spans_b = {s.id: s for s in second.spans}
    items = []
    pairs = arrange(draw.activity.pairs, draw.rng, draw.activity.shuffle)
    for n, (a, b, fact) in enumerate(pairs, 1):
        item = span_items(draw.passage, [spans_a[a]], draw.taxonomy, draw.t)[0]
        assert item.span is not None
        partner = spans_b[b]
        partner_type = draw.taxonomy.type_of(partner.kind, partner.type)
        partner_name = partner_type.name if partner_type else draw.taxonomy.kinds[partner.kind].name
        first_name = item.type_name or item.kind_name
        answer = difference(item.span, partner, first_name, partner_name, draw.t)
        items.append(
            replace(
                item,
                number=n,
                partner=partner,
                label=fact,
                answer=answer,
            )
        )
    return items


def _compared_types(draw: Draw, second: Passage) -> list[Item]:
    def wordings(passage: Passage, span_type: SpanType) -> tuple[str, ...]:
        return tuple(
            s.text for s in passage.spans if (s.kind, s.type) == (span_type.kind, span_type.id)
        )

    rows = [
        (span_type, wordings(draw.passage, span_type), wordings(second, span_type))
        for span_type in find_types(draw.taxonomy)
    ]
    return [
        Item(
            number=n,
            label=span_type.name,
            type_definition=span_type.definition,
            members=in_first,
            others=in_second,
            answer=tr(
                draw.t,
                N_("Passage 1: %(first)s · passage 2: %(second)s"),
                first=len(in_first),
                second=len(in_second),
            ),
        )
        for n, (span_type, in_first, in_second) in enumerate(
            [row for row in rows if row[1] or row[2]], 1
        )
    ]
