"""Which spans each activity asks about in each variant, chosen from the seed."""

from __future__ import annotations

import random
import string

from .model import Activity, Exercise, Passage, Span

LETTERS = string.ascii_uppercase


def variant_letters(count: int) -> list[str]:
    """A, B, C… for `count` variants (at most 26)."""
    return list(LETTERS[:count])


def choose_items(
    exercise: Exercise, activity_number: int, activity: Activity, passage: Passage, variant: str
) -> list[Span]:
    """The spans an activity shows in one variant, in the order the sheet prints them.

    `spot` is about the whole passage, so it keeps passage order. The other kinds
    draw `count` spans (all by default) in a shuffled order; the random stream
    depends only on the seed, the variant and the activity's place, never on
    anything that changes from run to run.
    """
    eligible = activity.eligible(passage)
    if activity.kind == "spot":
        return eligible
    rng = random.Random(f"spinsheet/{exercise.seed}/{variant}/{activity_number}")
    return rng.sample(eligible, activity.count or len(eligible))
