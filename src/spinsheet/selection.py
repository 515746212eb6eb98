"""Seeded choices: which spans each activity asks about, and in what order, per variant.

Every random stream depends only on the exercise seed, the variant and the
activity's place in the exercise, so the same inputs always give the same
sheets, and variant A and B differ.
"""

from __future__ import annotations

import random
import string
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from .model import Activity, Exercise, Passage, Span

if TYPE_CHECKING:
    from .catalogue import ActivityKind

LETTERS = string.ascii_uppercase
T = TypeVar("T")


def letter(n: int) -> str:
    """A, B, … Z, then AA, AB…: the label of the `n`th choice (from 0), however many."""
    return letter(n // 26 - 1) + LETTERS[n % 26] if n >= 26 else LETTERS[n]


def variant_letters(count: int) -> list[str]:
    """A, B, C… for `count` variants (at most 26)."""
    return list(LETTERS[:count])


def random_for(exercise: Exercise, activity_number: int, variant: str) -> random.Random:
    """The random stream of one activity in one variant."""
    return random.Random(f"spinsheet/{exercise.seed}/{variant}/{activity_number}")


@dataclass
class Asked:
    """What the activities of one sheet have printed so far, so later ones give nothing away.

    An item prints a span the sheet asks students to find in the passage (spot,
    wherever that activity is), or a span another activity asked about, only
    when no other is left (see `choose_spans`; `check` warns of the first). The
    answer to a kind that asks for a neutral wording (rewrite, vocabulary,
    said-verb) must not stand on the same sheet: a kind that prints sentences
    made neutral (make-it-loaded) prints exactly that, for its spans and the
    others in their sentences, whichever comes first.
    """

    sentences: set[str] = field(default_factory=set)  # printed around an item
    drawn: set[str] = field(default_factory=set)  # span ids some activity asked about
    to_find: set[str] = field(default_factory=set)  # span ids spot asks students to find
    neutral_asked: set[str] = field(default_factory=set)  # span ids whose neutral is an answer
    neutral_shown: set[str] = field(default_factory=set)  # span ids whose neutral is printed
    # passage id -> sentence -> the ids of its spans: found once, not once a span
    _mates: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def allows(self, kind: ActivityKind, span: Span, passage: Passage) -> bool:
        """Whether `span` may be an item of `kind` without giving away an earlier answer."""
        if kind.asks_neutral and (span.id in self.neutral_asked or span.id in self.neutral_shown):
            return False
        if kind.prints_neutral_sentence:
            return not self.mates(passage).get(span.sentence, set()) & self.neutral_asked
        return True

    def mates(self, passage: Passage) -> dict[str, set[str]]:
        """The ids of the spans of each sentence of `passage`."""
        if passage.id not in self._mates:
            by_sentence: dict[str, set[str]] = {}
            for s in passage.spans:
                by_sentence.setdefault(s.sentence, set()).add(s.id)
            self._mates[passage.id] = by_sentence
        return self._mates[passage.id]

    def record(self, kind: ActivityKind, chosen: list[Span], passage: Passage) -> None:
        if not kind.takes_count:  # the whole passage: spot and tally
            return
        self.sentences.update(s.sentence for s in chosen)
        self.drawn.update(s.id for s in chosen)
        if kind.asks_neutral:
            self.neutral_asked.update(s.id for s in chosen)
        if kind.prints_neutral_sentence:
            for sentence in {s.sentence for s in chosen}:
                self.neutral_shown.update(self.mates(passage).get(sentence, set()))


def choose_spans(
    activity: Activity,
    kind: ActivityKind,
    passage: Passage,
    rng: random.Random,
    asked: Asked,
) -> list[Span]:
    """The spans an activity shows, in the order the sheet prints them.

    Kinds about the whole passage (spot, tally) keep every span in passage order.
    The others draw `count` spans (all by default), never one whose answer the
    sheet prints elsewhere (`asked`), preferring, in this order: a sentence no
    earlier activity has shown, and that holds no other span the activity could
    ask about, so its model answer is plain (of six words or more, so that it
    stands on its own, first); then any fresh sentence; then a span
    no earlier activity asked about; then any; and in each, first the spans that
    spot does not ask students to find (by default, all the others).
    A kind that sorts spans by kind draws one of each kind first.
    `shuffle: false` keeps the drawn spans in passage order.
    """
    spans = kind.eligible(activity, passage)
    if not kind.takes_count:
        return spans
    spans = [s for s in spans if asked.allows(kind, s, passage)]
    unfound = [s for s in spans if s.id not in asked.to_find]
    drawing = _Drawing(kind, activity.count or len(unfound) or len(spans), set(asked.sentences))
    candidates = rng.sample(spans, len(spans))
    if kind.every_kind_first:  # so that no column stays empty
        for k in dict.fromkeys(s.kind for s in candidates):
            drawing.take(next((s for s in candidates if s.kind == k and drawing.fits(s)), None))
    for preferred in _preferences(spans, asked):
        for span in candidates:
            if drawing.fits(span) and preferred(span, drawing.seen):
                drawing.take(span)
    chosen = drawing.chosen
    rng.shuffle(chosen)
    return chosen if activity.shuffle else sorted(chosen, key=spans.index)


@dataclass
class _Drawing:
    """The spans one activity has drawn so far, with what they rule out (kept as sets: an
    activity over a passage of thousands of spans draws in linear time)."""

    kind: ActivityKind
    count: int
    seen: set[str]  # sentences printed on the sheet so far, this activity's included
    chosen: list[Span] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    printed: set[tuple[int, str]] = field(default_factory=set)  # (paragraph, sentence)

    def fits(self, span: Span) -> bool:
        # A kind that prints its items' sentences would otherwise print one twice.
        twice = self.kind.prints_sentence and (span.paragraph, span.sentence) in self.printed
        return len(self.chosen) < self.count and span.id not in self.ids and not twice

    def take(self, span: Span | None) -> None:
        if span is None or not self.fits(span):
            return
        self.chosen.append(span)
        self.ids.add(span.id)
        self.printed.add((span.paragraph, span.sentence))
        self.seen.add(span.sentence)


Preference = Callable[[Span, set[str]], bool]


def _preferences(spans: list[Span], asked: Asked) -> list[Preference]:
    """Which spans to take first, given the sentences the sheet has shown: see choose_spans."""
    counts = Counter(s.sentence for s in spans)
    crowded = {sentence for sentence, count in counts.items() if count > 1}
    tiers: list[Preference] = [
        # A sentence long enough to stand on its own ("they will grab that." does not).
        lambda span, seen: (
            span.sentence not in seen
            and span.sentence not in crowded
            and len(span.sentence.split()) > 5
        ),
        lambda span, seen: span.sentence not in seen and span.sentence not in crowded,
        lambda span, seen: span.sentence not in seen,
        lambda span, seen: span.id not in asked.drawn,
        lambda span, seen: True,
    ]
    # Each tier, first without the spans spot asks students to find; those last of all.
    unfound = [
        (lambda span, seen, tier=tier: span.id not in asked.to_find and tier(span, seen))
        for tier in tiers
    ]
    return [*unfound, tiers[-1]]


def arrange(items: Sequence[T], rng: random.Random, shuffle: bool) -> list[T]:
    """Items in a shuffled order, or as given when the activity says `shuffle: false`."""
    arranged = list(items)
    if shuffle:
        rng.shuffle(arranged)
    return arranged
