"""Suggestions in passages: where the suggester may look, and marking what it proposes.

The suggester reads prose only: the front matter, code, links and the spans a
teacher already marked are blanked out (kept at the same length, so offsets
hold). Each proposal goes into the passage as a span with `suggested="SCORE"`,
which the parser keeps off every worksheet until a teacher accepts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..authoring import NewSpan, insert_spans, read_back, settle_suggestions
from ..errors import ContentError, Problem, SpinsheetError
from ..model import Suggested
from ..passages import load_passage
from ..sources import SourceFile, Text, line_col, read_raw, read_source, split_front_matter
from ..syntax import scan
from ..taxonomy import Taxonomy, load_taxonomy
from ..writing import write_atomically
from . import DEFAULT_THRESHOLD, Suggestion, suggest

_CODE = re.compile(r"(`+).*?\1", re.DOTALL)
_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]*>")

__all__ = ["DEFAULT_THRESHOLD", "mark_suggestions", "propose_in_file", "settle_passage"]


def _prose_only(text: str, body_start: int) -> str:
    """`text` with everything but the passage's plain prose turned to spaces."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    blank(0, body_start)
    body = text[body_start:]
    raws, _ = scan(body)
    for raw in raws:
        blank(body_start + raw.open, body_start + raw.end)
    for match in [*_CODE.finditer(body), *_LINK.finditer(body)]:
        blank(body_start + match.start(), body_start + match.end())
    return "".join(chars)


def propose(text: str, body_start: int, threshold: float) -> list[Suggestion]:
    """The suggestions for the prose of a passage file's text (offsets into `text`)."""
    prose = _prose_only(text, body_start)
    return [
        s
        for s in suggest(prose, threshold=threshold)
        if text[s.start : s.end] == prose[s.start : s.end]  # nothing blanked inside
    ]


def mark_suggestions(
    path: Path,
    rel: str,
    taxonomy: Taxonomy,
    threshold: float = DEFAULT_THRESHOLD,
    text: str | None = None,
) -> tuple[str, list[Suggestion]]:
    """A passage's text (from `path`, unless given) with its suggestions marked, and them."""
    source = SourceFile(path, rel, Text(read_raw(path, rel)).text if text is None else text)
    found = propose(source.text, _body_start(source), threshold)
    return _marked(source, found, taxonomy), found


def _marked(source: SourceFile, found: list[Suggestion], taxonomy: Taxonomy) -> str:
    """The passage's text with each suggestion in brackets, checked by the parser."""
    spans = [
        NewSpan.of(
            s.start,
            s.end,
            s.kind,
            type=s.type,
            why=s.why,
            neutral=s.neutral,
            suggested=f"{s.score:.2f}",
        )
        for s in found
    ]
    marked = insert_spans(source.text, spans)
    read_back(source.path, source.rel, marked, taxonomy)
    return marked


def _body_start(source: SourceFile) -> int:
    split = split_front_matter(source)
    if isinstance(split, Problem):
        raise ContentError([split])
    return len(source.text) - len(split.body)


@dataclass(frozen=True)
class Found:
    """A suggestion with its offsets into a file as read (a U+FEFF and `\\r\\n` counted)."""

    suggestion: Suggestion
    start: int
    end: int
    line: int
    col: int

    def describe(self, rel: str) -> str:
        s = self.suggestion
        neutral = f" → {s.neutral}" if s.neutral else ""
        return (
            f"{rel}:{self.line}:{self.col}: {s.kind}/{s.type} “{s.text}”{neutral} ({s.score:.2f})"
        )

    def record(self) -> dict[str, str | int | float]:
        """The suggestion as `suggest --json` prints it: offsets into the file as read."""
        s = self.suggestion
        return {
            "start": self.start,
            "end": self.end,
            "kind": s.kind,
            "type": s.type,
            "text": s.text,
            "score": round(s.score, 3),
            "why": s.why,
            "neutral": s.neutral,
        }


@dataclass(frozen=True)
class Proposals:
    """What `suggest` found in one file, and whether it marked them in the passage."""

    rel: str
    passage_id: str  # the file's name without its suffix
    found: list[Found]
    marked: bool  # written into the passage as suggested spans

    def count(self, kind: str) -> int:
        return sum(1 for f in self.found if f.suggestion.kind == kind)


def propose_in_file(root: Path, name: str, threshold: float, mark: bool) -> Proposals:
    """Suggestions for a passage (by id or path) or a plain-text file.

    With `mark`, a passage gets them written in as suggested spans; a plain-text
    file is only ever read.
    """
    path, rel = passage_file(root, name)
    text = Text(read_raw(path, rel))
    if path.suffix.lower() != ".md":
        found = suggest(text.raw, threshold=threshold)
        located = [Found(s, s.start, s.end, *line_col(text.raw, s.start)) for s in found]
        return Proposals(rel, path.stem, located, marked=False)
    source = SourceFile(path, rel, text.text)
    found = propose(text.text, _body_start(source), threshold)
    starts = [text.to_raw(s.start) for s in found]
    located = [
        Found(s, start, text.to_raw(s.end), *line_col(text.raw, start))
        for s, start in zip(found, starts, strict=True)
    ]
    if mark:
        write_atomically(path, _marked(source, found, load_taxonomy(root)).encode())
    return Proposals(rel, path.stem, located, marked=mark)


def passage_file(root: Path, name: str) -> tuple[Path, str]:
    """A passage's file and the path messages show: `name` is a passage id or a file's path."""
    given = root / name  # a relative path is taken from the workspace
    if given.is_file():
        return given, name
    path = root / "corpus" / f"{name}.md"
    if path.is_file():
        return path, f"corpus/{name}.md"
    raise SpinsheetError(f"no passage '{name}' in corpus/, and no file of that name")


@dataclass(frozen=True)
class Settled:
    """A passage's text with suggestions accepted or rejected, and which ones."""

    rel: str
    text: str
    chosen: list[Suggested]


def settle_passage(root: Path, name: str, ids: list[str], accept: bool) -> Settled:
    """Accept or reject a passage's suggestions named by `ids` (all when none), and save it."""
    path, rel = passage_file(root, name)
    taxonomy = load_taxonomy(root)
    source = read_source(path, rel)
    if isinstance(source, Problem):
        raise ContentError([source])
    passage, problems = load_passage(source, taxonomy)
    if passage is None:
        raise ContentError(problems)
    settled = settle(source, passage.suggestions, ids, accept, taxonomy)
    write_atomically(path, settled.text.encode())
    return settled


def settle(
    source: SourceFile,
    suggestions: tuple[Suggested, ...],
    ids: list[str],
    accept: bool,
    taxonomy: Taxonomy,
) -> Settled:
    """Accept or reject the suggestions named by `ids` (all when none is named)."""
    by_id = {s.id: s for s in suggestions}
    unknown = [i for i in ids if i.lstrip("#") not in by_id]
    if unknown:
        listed = ", ".join(by_id) or "none"
        raise SpinsheetError(
            f"{source.rel}: error: no suggestion {', '.join(unknown)}; its suggestions: {listed}"
        )
    chosen = [by_id[i.lstrip("#")] for i in ids] if ids else list(suggestions)
    split = split_front_matter(source)
    if isinstance(split, Problem):
        raise ContentError([split])
    lines = split.body.split("\n")
    offsets = {
        sum(len(line) + 1 for line in lines[: s.line - split.body_line]) + s.col - 1 for s in chosen
    }
    body = settle_suggestions(split.body, offsets, accept)
    text = source.text[: len(source.text) - len(split.body)] + body
    read_back(source.path, source.rel, text, taxonomy)
    return Settled(source.rel, text, chosen)
