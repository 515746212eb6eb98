"""The content model: passages with their spans, and exercises with their activities.

Every object carries where it came from (`rel`, `line`), so any later problem
can name the file and line; `str()` of a passage or exercise is its path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

# The kinds of span, and the attribute keys each may carry besides `type` and `why`.
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "loaded": ("neutral",),
    "unsourced": ("ask", "check"),
    "sourced": ("source",),
}
# What students are asked to find; `sourced` spans are there to compare with.
FIND_KINDS = ("loaded", "unsourced")
SPAN_KINDS = tuple(KIND_KEYS)
GENRES = ("news", "opinion", "analysis", "comment", "press-release", "social")
PAPERS = ("letter", "a4")
MAX_VARIANTS = 26
MAX_CLASS_SIZE = 200  # student sheets in one class pack

Paper = Literal["letter", "a4"]
Font = Literal["default", "dyslexic"]
Format = Literal["pdf", "html", "qti", "moodle", "web"]  # what a build writes


@dataclass(frozen=True)
class Span:
    """One annotated span: what it says, how the teacher explains it, and where it sits."""

    id: str
    kind: str
    type: str | None
    why: str | None
    neutral: str | None
    ask: str | None
    check: str | None
    source: str | None
    text: str  # as printed, Markdown removed
    paragraph: int  # printed paragraph number, 1-based
    before: str  # the rest of its sentence, before it
    after: str  # and after it
    line: int
    col: int
    parent: str | None  # id of the span it sits in, if any
    quoted: bool  # inside quotation marks or holding a quotation: not to be rewritten

    @property
    def sentence(self) -> str:
        return f"{self.before}{self.text}{self.after}"


@dataclass(frozen=True)
class Suggested:
    """A span the suggester proposed: shown and reported, never printed until accepted."""

    id: str
    kind: str
    type: str | None
    why: str | None
    neutral: str | None
    text: str  # as written in the file
    score: float
    line: int
    col: int


def _maybe(change: Callable[[str], str], text: str | None) -> str | None:
    return None if text is None else change(text)


@dataclass(frozen=True)
class Passage:
    """A passage of `corpus/`: its front matter, its canonical body and its spans in order."""

    id: str
    rel: str
    title: str
    author: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    genre: str
    language: str
    rights: str | None
    content_notes: tuple[str, ...]
    mask: bool  # print listed words as f*** (the default; a build flag turns it off)
    body: str  # Markdown, each span as SPAN_OPEN text SPAN_CLOSE id SPAN_END (see `markup`)
    spans: tuple[Span, ...]
    paragraphs: int  # how many numbered paragraphs it prints
    suggestions: tuple[Suggested, ...] = ()
    # A school edition: paragraphs no sheet prints (their spans are gone too), and why.
    omitted: tuple[int, ...] = ()
    omit_reason: str | None = None
    headline: str | None = None  # the title as Markdown with its spans, when it has any

    def __str__(self) -> str:
        return self.rel

    def spans_of(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]

    def with_text(self, change: Callable[[str], str]) -> Passage:
        """A copy with `change` applied to everything a reader sees (used for masking)."""
        spans = tuple(
            dataclasses.replace(
                span,
                text=change(span.text),
                before=change(span.before),
                after=change(span.after),
                why=_maybe(change, span.why),
                neutral=_maybe(change, span.neutral),
                ask=_maybe(change, span.ask),
                check=_maybe(change, span.check),
                source=_maybe(change, span.source),
            )
            for span in self.spans
        )
        return dataclasses.replace(self, title=change(self.title), spans=spans)

    @property
    def markers(self) -> dict[str, tuple[str, str]]:
        """Each span's printed marker: L1, L2… for loaded, U1, U2… for unsourced."""
        return self.markers_with({kind: kind[0].upper() for kind in SPAN_KINDS})

    def markers_with(self, letters: Mapping[str, str]) -> dict[str, tuple[str, str]]:
        """Each span's kind and marker, its kind's letter (the sheet's language) and number."""
        counts = dict.fromkeys(SPAN_KINDS, 0)
        markers = {}
        for span in self.spans:
            counts[span.kind] += 1
            markers[span.id] = (span.kind, f"{letters[span.kind]}{counts[span.kind]}")
        return markers


@dataclass(frozen=True)
class RubricLevel:
    """One level of a `respond` rubric."""

    level: str
    descriptor: str


@dataclass(frozen=True)
class Sample:
    """A sample answer at one rubric level."""

    level: str
    answer: str


@dataclass(frozen=True)
class Activity:
    """One activity of an exercise, as declared at `line` of the exercise file."""

    kind: str
    passage: str
    count: int | None
    paragraphs: tuple[int, int] | None
    instructions: str | None
    line: int
    shuffle: bool = True  # False: items, choices and columns keep the passage's order
    col: int = 1  # where its entry starts on `line`
    points: int | None = None  # per item; None: the kind's default
    other: str | None = None  # compare: the second passage
    # compare: (first passage's span id, second passage's span id, the fact, or "")
    pairs: tuple[tuple[str, str, str], ...] = ()
    prompt: str | None = None  # respond
    rubric: tuple[RubricLevel, ...] = ()  # respond
    samples: tuple[Sample, ...] = ()  # respond
    lines: int = 8  # respond: ruled lines to write on
    avoid: tuple[str, ...] = ()  # the exercise's words kept out of items students write from
    excerpt: tuple[int, int] | None = None  # the paragraphs of its passage the sheet prints

    def covers(self, span: Span) -> bool:
        """Whether the span lies in the activity's paragraphs (0 is the headline), and in the
        excerpt printed (which always prints the headline)."""
        within = [r for r in (self.paragraphs, self.excerpt) if r is not None]
        if self.excerpt is not None and span.paragraph == 0:
            within.remove(self.excerpt)
        return all(first <= span.paragraph <= last for first, last in within)


def plural(count: int, noun: str) -> str:
    """ "1 file", "2 files"."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class Exercise:
    """An exercise of `exercises/`: what the worksheet asks, and how many variants."""

    id: str
    rel: str
    title: str
    passages: tuple[str, ...]
    audience: str | None
    minutes: int | None
    paper: Paper
    variants: int
    seed: int
    activities: tuple[Activity, ...]
    # passage id -> (first, last): print only those paragraphs, with their own numbers
    excerpts: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    references: tuple[str, ...] = ()  # passages printed after the activities, as other sources
    language: str | None = (
        None  # the chrome's language, as `language:` gives it; None: the passage's
    )
    large_print: bool = False  # `print: large`: an 18 pt body (README, "Accessibility")
    dyslexic: bool = False  # `print: dyslexic`: the dyslexia-friendly font, if installed
    print_at: tuple[int, int] = (1, 1)  # where `print:` is written: a missing font's warning

    def __str__(self) -> str:
        return self.rel
