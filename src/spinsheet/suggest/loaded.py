"""Loaded words: words and phrases from loaded.txt, widened to their phrase and scored.

Three steps, each testable alone: `match` finds the listed words in the tokens, `join_runs`
and `widen` take in the natural phrase around them, and `score` weighs the context.
"""

from __future__ import annotations

from dataclasses import dataclass

from .candidates import Candidate
from .lists import Entry, Lists
from .tokens import Token, exclaimed, joined, longest_phrase, norms, title_lines
from .weights import (
    EXCLAIMED,
    EXTEND_ADJ,
    EXTEND_NOUN,
    EXTEND_OTHER_LEFT,
    EXTEND_OTHER_RIGHT,
    INTENSIFIED,
    MAX_SCORE,
    NAME_LIKE,
    PAIRED,
    STRENGTH,
)


@dataclass(frozen=True)
class Hit:
    """Loaded words found in tokens first..last: one entry for each word or phrase in the run."""

    first: int
    last: int
    entries: tuple[Entry, ...]

    @property
    def entry(self) -> Entry:
        """The strongest entry (the first of equals): it gives the span its type and why."""
        return max(self.entries, key=lambda e: e.strength)


@dataclass(frozen=True)
class Span:
    """A hit widened to its natural phrase: tokens first..last."""

    hit: Hit
    core: int  # the hit's first token, or the intensifier taken in before it
    first: int
    last: int

    @property
    def intensified(self) -> bool:
        return self.core < self.hit.first


def match(text: str, tokens: list[Token], lists: Lists) -> list[Hit]:
    """Every listed word or phrase, longest first, one hit each; hits do not overlap."""
    hits = []
    i = 0
    while i < len(tokens):
        n = 0
        if tokens[i].norm in lists.firsts:
            n = longest_phrase(
                text,
                tokens,
                i,
                lists.loaded,
                lists.longest,
                fits=lambda last: not _literal(tokens, last, lists),
            )
        if n:
            hits.append(Hit(i, i + n - 1, (lists.loaded[norms(tokens[i : i + n])],)))
        i += n or 1
    return hits


def _literal(tokens: list[Token], last: int, lists: Lists) -> bool:
    """A said-verb used literally, known by the word after it: "admitted to hospital"."""
    after = tokens[last + 1].norm if last + 1 < len(tokens) else ""
    return after in lists.literal_after.get(tokens[last].norm, frozenset())


def join_runs(text: str, tokens: list[Token], hits: list[Hit]) -> list[Hit]:
    """Hits on neighbouring words become one: "radical Islamic terrorists"."""
    runs: list[Hit] = []
    for hit in hits:
        if (
            runs
            and hit.first == runs[-1].last + 1
            and joined(text, tokens, hit.first - 1, hit.first)
        ):
            run = runs.pop()
            hit = Hit(run.first, hit.last, run.entries + hit.entries)
        runs.append(hit)
    return runs


def widen(text: str, tokens: list[Token], hit: Hit, lists: Lists) -> Span:
    """Take in an intensifier before the hit ("utterly disgraceful"), then plain words around it:
    the noun an adjective judges ("reckless decision"), a noun's modifier ("political theater").
    """
    core = hit.first
    if (
        core > 0
        and tokens[core - 1].norm in lists.intensifiers
        and joined(text, tokens, core - 1, core)
    ):
        core -= 1
    first, last = core, hit.last
    part = hit.entry.part
    if part != "verb":  # a verb's object is not part of the judgement
        right = EXTEND_ADJ if part == "adj" else EXTEND_OTHER_RIGHT
        left = EXTEND_NOUN if part == "noun" else EXTEND_OTHER_LEFT
        last = _take_modifiers(text, tokens, last, 1, right, lists)
        first = _take_modifiers(text, tokens, first, -1, left, lists)
    return Span(hit, core, first, last)


def _take_modifiers(
    text: str, tokens: list[Token], edge: int, step: int, count: int, lists: Lists
) -> int:
    """The new edge after taking in up to `count` modifiers beyond token `edge`, going `step`."""
    for _ in range(count):
        other = edge + step
        if not (0 <= other < len(tokens) and _modifier(text, tokens, edge, other, lists)):
            break
        edge = other
    return edge


def _modifier(text: str, tokens: list[Token], hit: int, other: int, lists: Lists) -> bool:
    """Token `other`, next to `hit`, is a plain lower-case content word in the same phrase."""
    word = tokens[other]
    return (
        word.norm not in lists.function_words
        and (word.norm,) not in lists.speech
        and word.norm.replace("-", "").isalpha()
        and not word.capital
        and joined(text, tokens, min(hit, other), max(hit, other))
    )


def score(span: Span, tokens: list[Token], titles: set[int], shouted: set[int]) -> float:
    """The strength of the loaded words, with the weights of their context added.

    `titles` are the headline-like sentences, `shouted` those with a "!".
    """
    strengths = [STRENGTH[e.strength] for e in span.hit.entries]
    total = strengths[0]
    for strength in strengths[1:]:
        total = max(total, strength) + PAIRED
    if span.intensified:
        total += INTENSIFIED
    head = tokens[span.first]
    if head.capital and not head.initial and head.sentence not in titles:
        total += NAME_LIKE
    if head.sentence in shouted:
        total += EXCLAIMED
    return min(MAX_SCORE, total)


def neutral(text: str, tokens: list[Token], span: Span) -> str:
    """The span reworded: the loaded word (and its intensifier) replaced, the words around kept.

    Empty for a run of loaded words or a word with no rewording.
    """
    entry = span.hit.entry
    if not entry.neutral or len(span.hit.entries) > 1:
        return ""
    lead = text[tokens[span.first].start : tokens[span.core].start]
    tail = text[tokens[span.hit.last].end : tokens[span.last].end]
    return lead + entry.neutral + tail


def loaded_words(text: str, tokens: list[Token], lists: Lists) -> list[Candidate]:
    """A candidate for every run of loaded words in the text."""
    titles = title_lines(tokens)
    shouted = exclaimed(text)
    out = []
    for hit in join_runs(text, tokens, match(text, tokens, lists)):
        span = widen(text, tokens, hit, lists)
        out.append(
            Candidate(
                tokens[span.first].start,
                tokens[span.last].end,
                "loaded",
                hit.entry.type,
                score(span, tokens, titles, shouted),
                hit.entry.why,
                neutral(text, tokens, span),
            )
        )
    return out
