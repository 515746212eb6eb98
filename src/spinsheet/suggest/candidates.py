"""What the rules propose (candidates) and what `suggest` returns: the best that do not overlap."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .weights import SCORE_DECIMALS


@dataclass(frozen=True)
class Suggestion:
    """One candidate span: offsets are code points into the text given, end exclusive."""

    start: int
    end: int
    kind: str
    type: str
    text: str
    score: float
    why: str
    neutral: str


@dataclass(frozen=True)
class Candidate:
    """A span one rule proposes, before candidates are weighed against each other."""

    start: int
    end: int
    kind: str
    type: str
    score: float
    why: str
    neutral: str


def choose(text: str, candidates: list[Candidate], threshold: float) -> list[Suggestion]:
    """Non-overlapping candidates with score >= threshold, as suggestions sorted by start.

    Of overlapping candidates the most confident is kept; ties go to the longer, then earlier.
    """
    kept = [c for c in candidates if c.score >= threshold and c.end > c.start]
    # A stable sort: candidates equal on every key stay in the order the rules made them.
    kept.sort(key=lambda c: (-c.score, -(c.end - c.start), c.start, c.kind, c.type))
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    chosen = []
    for c in kept:
        at = bisect.bisect_left(taken_starts, c.start)
        if _overlaps(c, at, taken_starts, taken_ends):
            continue
        taken_starts.insert(at, c.start)
        taken_ends.insert(at, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return [
        Suggestion(
            c.start,
            c.end,
            c.kind,
            c.type,
            text[c.start : c.end],
            round(c.score, SCORE_DECIMALS),
            c.why,
            c.neutral,
        )
        for c in chosen
    ]


def _overlaps(c: Candidate, at: int, starts: list[int], ends: list[int]) -> bool:
    """`c` overlaps the taken span before index `at` (sorted by start) or the one at it."""
    return (at > 0 and ends[at - 1] > c.start) or (at < len(starts) and starts[at] < c.end)
