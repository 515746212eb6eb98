"""Placing foreign annotations on an article's text: by the quoted words, positions as hints.

The rule, from the W3C selectors and what Hypothesis does: the quote decides.
A position only chooses between several places where the quote occurs (or
confirms the one it points at); a span is never placed on text that does not
match its quote. Where annotations cross each other, which brackets cannot
express, the longer one is kept.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

from ..errors import Problem, Severity
from ..sources import Text
from .articles import Article
from .limits import MAX_NESTED, MAX_OCCURRENCES, excerpt

_SPACE = re.compile(r"\s+")
_QUOTES = "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2032\u2033`"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_UNIFORM = {ord(c): '"' for c in _QUOTES} | {ord(c): "-" for c in _DASHES}
_SHOWN = 40  # characters of a quote a message shows
_CONTEXT = 64  # characters of a prefix or suffix compared (Hypothesis gives 32)


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
    """A quote as messages show it: in quotation marks, on one line, cut short if long.

    Only its start is read (a quote may be the whole text), and what does not
    print (a terminal control, a bidi override) is shown escaped.
    """
    window = 4 * _SHOWN
    text = " ".join(quote[:window].split())
    more = "…" if len(quote) > window and len(text) <= _SHOWN else ""
    return f"“{excerpt(text, _SHOWN)}{more}”"


@dataclass(frozen=True)
class Placed:
    """A mark placed at `start`–`end` of the article's normalised text."""

    mark: Mark
    start: int
    end: int
    note: str | None = None  # something a teacher should know about the placing


class Anchoring:
    """Places marks on one article, in time linear in the text and in the marks.

    What every mark needs of the text is built once: the offset tables of
    `Text.conventions` (each as long as the text: building them again for every
    mark made an import take marks × text length), and the text with spacing,
    quotation marks and dashes made uniform, where a quote is found by `str.find`
    (a pattern with `\\s+` in it backtracked quote length × text length).
    """

    def __init__(self, article: Article) -> None:
        self.article = article
        self.conventions = [convert for _, convert in article.source.conventions()]
        self._loosened: _Loosened | None = None

    def anchor(self, mark: Mark) -> Placed | Problem:
        """Place `mark` by its quote, or say why it cannot be placed."""
        article = self.article
        quote = Text(mark.quote).text.strip()
        if not quote:
            return mark.problem("this annotation quotes no text")
        exact = self._at_position(mark, quote)
        if exact is not None:
            return Placed(mark, *exact)
        found, loosely = self._occurrences(quote)
        if isinstance(found, int):
            return mark.problem(
                f"the quoted text {mark.shown} occurs {found:,} times in {article.rel}, "
                "too often to tell which is meant"
            )
        if not found:
            return mark.problem(f"the quoted text {mark.shown} does not occur in {article.rel}")
        # A quote that is also in the title line is meant in the body, where spans can go.
        found = [f for f in found if f[0] >= article.body_start] or found
        best = self._best(mark, found)
        note = None
        if len(best) > 1:  # never a guess: the teacher would mark the wrong words
            return mark.problem(
                f"the quoted text {mark.shown} occurs {len(found)} times in {article.rel}, and "
                "neither its prefix and suffix nor a position tells which is meant"
            )
        if loosely:
            note = f"{mark.shown} placed where only spacing, quotation marks or dashes differ"
        start, end = best[0]
        return Placed(mark, start, end, note)

    def _at_position(self, mark: Mark, quote: str) -> tuple[int, int] | None:
        """The quote where the position says, in whichever convention makes it match."""
        if mark.start is None or mark.end is None:
            return None
        text = self.article.source.text
        loose = _loose(quote)
        for convert in self.conventions:
            start, end = convert(mark.start), convert(mark.end)
            if start is None or end is None or not len(loose) <= end - start <= _room(quote):
                continue  # spacing made uniform only shortens a text
            found = text[start:end].strip()
            if found == quote or _loose(found) == loose:
                return _trimmed(text, start, end)
        return None

    def _occurrences(self, quote: str) -> tuple[list[tuple[int, int]] | int, bool]:
        """Where the quote occurs: exactly, else (and True) with other spaces, quotes and dashes.

        A quote found more than `MAX_OCCURRENCES` times gives only that number.
        """
        text = self.article.source.text
        found = _finds(text, quote)
        if found:
            return found, False
        if self._loosened is None:
            self._loosened = _Loosened(text)
        loosened = self._loosened
        spans = _finds(loosened.text, _loose(quote))
        if isinstance(spans, int):
            return spans, True
        return [loosened.span(start, end) for start, end in spans], True

    def _best(self, mark: Mark, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The occurrences that fit the prefix and suffix best, nearest the position first."""
        text = self.article.source.text
        prefix, suffix = _loose(mark.prefix[-_CONTEXT:]), _loose(mark.suffix[:_CONTEXT])

        def context_fit(span: tuple[int, int]) -> int:
            before = _loose(text[max(0, span[0] - _CONTEXT - 5) : span[0]])
            after = _loose(text[span[1] : span[1] + _CONTEXT + 5])
            return _common_end(before, prefix) + _common_start(after, suffix)

        fits = [context_fit(span) for span in found] if prefix or suffix else [0] * len(found)
        top = [span for span, fit in zip(found, fits, strict=True) if fit == max(fits)]
        if mark.start is not None:
            hint = self.conventions[0](mark.start)
            near = hint if hint is not None else mark.start
            top.sort(key=lambda span: abs(span[0] - near))
            return top[:1]
        return top


def anchor(article: Article, mark: Mark) -> Placed | Problem:
    """Place `mark` on `article` by its quote (for many marks, use one `Anchoring`)."""
    return Anchoring(article).anchor(mark)


def _room(quote: str) -> int:
    """The longest stretch of text that may still match `quote` once its spacing is uniform."""
    return 4 * len(quote) + 100


def _finds(text: str, quote: str) -> list[tuple[int, int]] | int:
    """Where `quote` occurs in `text`, left to right, not overlapping; if too often, how often."""
    count = text.count(quote)
    if count > MAX_OCCURRENCES:
        return count
    found, at = [], text.find(quote)
    while at >= 0:
        found.append((at, at + len(quote)))
        at = text.find(quote, at + len(quote))
    return found


class _Loosened:
    """A text as `_loose` makes it, with the way back to the text's own offsets.

    The text is cut into segments: a run of spaces is one space here, and any
    other character is itself (or a uniform quotation mark or dash).
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []  # where each segment starts here
        self.origins: list[int] = []  # and in the text
        self.lengths: list[int] = []  # its length in the text
        pieces, here, at = [], 0, 0
        for run in [*_SPACE.finditer(text), None]:
            stop = run.start() if run is not None else len(text)
            if stop > at:  # the characters before the run
                self._segment(here, at, stop - at)
                pieces.append(text[at:stop])
                here += stop - at
            if run is not None:
                self._segment(here, run.start(), run.end() - run.start())
                pieces.append(" ")
                here += 1
                at = run.end()
        self.text = "".join(pieces).translate(_UNIFORM)

    def _segment(self, here: int, origin: int, length: int) -> None:
        self.starts.append(here)
        self.origins.append(origin)
        self.lengths.append(length)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of this text (not starting or ending in a space) as a span of the text."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, end - 1) - 1
        return (
            self.origins[first] + start - self.starts[first],
            self.origins[last] + end - self.starts[last],
        )


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
    return _SPACE.sub(" ", text).translate(_UNIFORM)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def without_crossings(placed: list[Placed]) -> tuple[list[Placed], list[tuple[Placed, str]]]:
    """Keep spans that nest or stand apart; of two that cross, the longer (then the earlier).

    A second span on exactly the same words is left out too: one pair of brackets
    can carry only one kind; so is a span inside `MAX_NESTED` others.

    The spans come longest first, so one kept before a span is never inside it:
    it holds the span, stands apart, or crosses it, and it crosses it exactly
    when one of its ends is inside the span. Sorted ends find those in log time,
    and, nesting being bounded, there are few; the clash reported is the first
    kept, as if every kept span were tried in turn.
    """
    kept: list[Placed] = []
    left_out: list[tuple[Placed, str]] = []
    ends: list[tuple[int, int]] = []  # (offset, index in `kept`) of each kept span's start and end
    starts: list[int] = []
    stops: list[int] = []
    where: dict[tuple[int, int], int] = {}  # index in `kept`, by start and end
    for span in sorted(placed, key=lambda p: (-(p.end - p.start), p.start)):
        inside = ends[
            bisect_right(ends, (span.start, len(kept))) : bisect_left(ends, (span.end, -1))
        ]
        crossed = [index for _, index in inside]
        same = where.get((span.start, span.end))
        clash = min([*crossed, *([same] if same is not None else [])], default=None)
        depth = bisect_right(starts, span.start) - bisect_right(stops, span.start)
        if clash is not None and clash == same:
            label = excerpt(kept[clash].mark.label)
            left_out.append((span, f"the same words already carry the {label} span"))
        elif clash is not None:
            other = kept[clash].mark
            label = excerpt(other.label)
            left_out.append((span, f"it crosses the longer {label} span {other.shown}"))
        elif depth >= MAX_NESTED:
            left_out.append(
                (
                    span,
                    f"it is inside {depth} other spans, and spans nest at most {MAX_NESTED} deep",
                )
            )
        else:
            where[span.start, span.end] = len(kept)
            insort(ends, (span.start, len(kept)))
            insort(ends, (span.end, len(kept)))
            insort(starts, span.start)
            insort(stops, span.end)
            kept.append(span)
    kept.sort(key=lambda p: (p.start, -p.end))
    return kept, left_out
