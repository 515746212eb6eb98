"""Placing foreign annotations on an article's text: by the quoted words, positions as hints.

The rule, from the W3C selectors and what Hypothesis does: the quote decides.
A position only chooses between several places where the quote occurs (or
confirms the one it points at); a span is never placed on text that does not
match its quote. Where annotations cross each other, which brackets cannot
express, the longer one is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem, Severity
from ..sources import Text
from .articles import Article

_SPACE = re.compile(r"\s+")
_QUOTES = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2032\u2033`"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SHOWN = 40  # characters of a quote a message shows


@dataclass(frozen=True)
class Mark:
    """One annotation read from another tool, with a kind already given to it."""

    rel: str  # where it was written, for messages
    line: int
    col: int
    label: str  # the tool's own label, as reports show it
    kind: str
    type: str | None
    quote: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None  # the tool's position, a hint in its own units
    end: int | None = None
    why: str | None = None
    neutral: str | None = None

    def problem(self, message: str, severity: Severity = "error") -> Problem:
        return Problem(self.rel, self.line, self.col, severity, message)

    @property
    def shown(self) -> str:
        return shown(self.quote)


def shown(quote: str) -> str:
    """A quote as messages show it: in quotation marks, on one line, cut short if long."""
    text = " ".join(quote.split())
    return f"“{text if len(text) <= _SHOWN else text[: _SHOWN - 1] + '…'}”"


@dataclass(frozen=True)
class Placed:
    """A mark placed at `start`–`end` of the article's normalised text."""

    mark: Mark
    start: int
    end: int
    note: str | None = None  # something a teacher should know about the placing


def anchor(article: Article, mark: Mark) -> Placed | Problem:
    """Place `mark` on `article` by its quote, or say why it cannot be placed."""
    text = article.source
    quote = Text(mark.quote).text.strip()
    if not quote:
        return mark.problem("this annotation quotes no text")
    exact = _at_position(text, mark, quote)
    if exact is not None:
        return Placed(mark, *exact)
    found, loosely = _occurrences(text.text, quote)
    if not found:
        return mark.problem(f"the quoted text {mark.shown} does not occur in {article.rel}")
    # A quote that is also in the title line is meant in the body, where spans can go.
    found = [f for f in found if f[0] >= article.body_start] or found
    best = _best(text, mark, found)
    note = None
    if len(best) > 1:
        note = f"{mark.shown} occurs {len(found)} times; placed at the first"
    elif loosely:
        note = f"{mark.shown} placed where only spacing, quotation marks or dashes differ"
    start, end = best[0]
    return Placed(mark, start, end, note)


def _at_position(text: Text, mark: Mark, quote: str) -> tuple[int, int] | None:
    """The quote where the position says, in whichever convention makes it match."""
    if mark.start is None or mark.end is None:
        return None
    for _, convert in text.conventions():
        start, end = convert(mark.start), convert(mark.end)
        if start is None or end is None or start >= end:
            continue
        found = text.text[start:end]
        if found.strip() == quote or _loose(found.strip()) == _loose(quote):
            return _trimmed(text.text, start, end)
    return None


def _occurrences(text: str, quote: str) -> tuple[list[tuple[int, int]], bool]:
    """Where the quote occurs: exactly, else (and True) with other spaces, quotes and dashes."""
    exact = [(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), text)]
    if exact:
        return exact, False
    return [m.span() for m in re.finditer(_loose_pattern(quote), text)], True


def _best(text: Text, mark: Mark, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The occurrences that fit the prefix and suffix best, nearest the position first."""

    def context_fit(span: tuple[int, int]) -> int:
        before = _loose(text.text[max(0, span[0] - len(mark.prefix) - 5) : span[0]])
        after = _loose(text.text[span[1] : span[1] + len(mark.suffix) + 5])
        prefix, suffix = _loose(mark.prefix), _loose(mark.suffix)
        return _common_end(before, prefix) + _common_start(after, suffix)

    fits = [context_fit(span) for span in found]
    top = [span for span, fit in zip(found, fits, strict=True) if fit == max(fits)]
    if mark.start is not None:
        hint = text.conventions()[0][1](mark.start)
        near = hint if hint is not None else mark.start
        top.sort(key=lambda span: abs(span[0] - near))
        return top[:1]
    return top


def _common_end(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _loose(text: str) -> str:
    """Text with spacing, quotation marks and dashes made uniform, for comparing."""
    text = _SPACE.sub(" ", text)
    return text.translate({ord(c): '"' for c in _QUOTES} | {ord(c): "-" for c in _DASHES})


def _loose_pattern(quote: str) -> str:
    parts = []
    for char in _SPACE.sub(" ", quote):
        if char == " ":
            parts.append(r"\s+")
        elif char in _QUOTES:
            parts.append(f"[{re.escape(_QUOTES)}]")
        elif char in _DASHES:
            parts.append(f"[{re.escape(_DASHES)}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def without_crossings(placed: list[Placed]) -> tuple[list[Placed], list[tuple[Placed, str]]]:
    """Keep spans that nest or stand apart; of two that cross, the longer (then the earlier).

    A second span on exactly the same words is left out too: one pair of brackets
    can carry only one kind.
    """
    kept: list[Placed] = []
    left_out: list[tuple[Placed, str]] = []
    for span in sorted(placed, key=lambda p: (-(p.end - p.start), p.start)):
        clash = next((k for k in kept if _crosses(k, span) or _same(k, span)), None)
        if clash is None:
            kept.append(span)
        elif _same(clash, span):
            left_out.append((span, f"the same words already carry the {clash.mark.label} span"))
        else:
            left_out.append(
                (span, f"it crosses the longer {clash.mark.label} span {clash.mark.shown}")
            )
    kept.sort(key=lambda p: (p.start, -p.end))
    return kept, left_out


def _same(a: Placed, b: Placed) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def _crosses(a: Placed, b: Placed) -> bool:
    overlap = a.start < b.end and b.start < a.end
    nested = (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    return overlap and not nested
