"""Seeded choices: which spans each activity asks about, and in what order, per variant.

Every random stream depends only on the exercise seed, the variant and the
activity's place in the exercise, so the same inputs always give the same
sheets, and variant A and B differ.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from .model import Activity, Exercise, Passage, Span

if TYPE_CHECKING:
    from .catalogue import ActivityKind

LETTERS = string.ascii_uppercase
T = TypeVar("T")


def variant_letters(count: int) -> list[str]:
    """A, B, C… for `count` variants (at most 26)."""
    return list(LETTERS[:count])


def random_for(exercise: Exercise, activity_number: int, variant: str) -> random.Random:
    """The random stream of one activity in one variant."""
    return random.Random(f"spinsheet/{exercise.seed}/{variant}/{activity_number}")


def choose_spans(
    activity: Activity,
    kind: ActivityKind,
    passage: Passage,
    rng: random.Random,
    shown: set[str],
) -> list[Span]:
    """The spans an activity shows, in the order the sheet prints them.

    Kinds about the whole passage (spot, tally) keep every span in passage order.
    The others draw `count` spans (all by default), preferring, in this order:
    a sentence no earlier activity on the sheet has shown (`shown`), so one
    activity does not give away another's answer, and that holds no other span
    the activity could ask about, so its model answer is plain; then any fresh
    sentence; then any. A kind that sorts spans by kind draws one of each kind
    first. `shuffle: false` keeps the drawn spans in passage order.
    """
    spans = kind.eligible(activity, passage)
    if not kind.takes_count:
        return spans
    count = activity.count or len(spans)
    candidates = rng.sample(spans, len(spans))
    chosen: list[Span] = []
    if kind.every_kind_first:  # so that no column stays empty
        kinds = dict.fromkeys(s.kind for s in candidates)
        chosen = [next(s for s in candidates if s.kind == k) for k in kinds][:count]
    sentences = [s.sentence for s in spans]
    crowded = {sentence for sentence in sentences if sentences.count(sentence) > 1}
    preferences: tuple[Callable[[Span, set[str]], bool], ...] = (
        lambda span, seen: span.sentence not in seen and span.sentence not in crowded,
        lambda span, seen: span.sentence not in seen,
        lambda span, seen: True,
    )
    for preferred in preferences:
        for span in candidates:
            seen = shown | {c.sentence for c in chosen}
            if len(chosen) < count and span not in chosen and preferred(span, seen):
                chosen.append(span)
    rng.shuffle(chosen)
    return chosen if activity.shuffle else sorted(chosen, key=spans.index)


def arrange(items: Sequence[T], rng: random.Random, shuffle: bool) -> list[T]:
    """Items in a shuffled order, or as given when the activity says `shuffle: false`."""
    arranged = list(items)
    if shuffle:
        rng.shuffle(arranged)
    return arranged
