"""Writing passage files: an imported article as Markdown with spans, and edits to suggestions.

Article text is untrusted and may contain characters that mean something in
Markdown (`*`, `[`, `#` at the start of a line…); `escape` makes each print as
itself. The result is always read back by the passage parser before anything
is written, so a mistake here is caught, never saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .model import KIND_KEYS, Passage
from .passages import load_passage
from .sources import SourceFile
from .syntax import scan
from .taxonomy import Taxonomy

_SPECIAL = re.compile(r"[\\`*_\[\]{}]")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_SUGGESTED = re.compile(r'suggested=(?:"(?:[^"\\]|\\.)*"|[^\s}"]+)')
_BLOCK_START = re.compile(r"^(?:[#>+-]|(\d+)([.)])(?=\s|$))")


@dataclass(frozen=True)
class NewSpan:
    """A span to write: offsets into the text it is written into, its kind and attributes."""

    start: int
    end: int
    kind: str
    attributes: dict[str, str] = field(default_factory=dict)  # in the order they are written

    @classmethod
    def of(
        cls,
        start: int,
        end: int,
        kind: str,
        *,
        type: str | None,
        why: str | None,
        neutral: str | None,
        **first: str,
    ) -> NewSpan:
        """A span with the keys its kind takes (`first` before them), empty ones left out."""
        attributes = {**first, "type": type, "why": why}
        if "neutral" in KIND_KEYS[kind]:
            attributes["neutral"] = neutral
        return cls(start, end, kind, {key: value for key, value in attributes.items() if value})

    def block(self) -> str:
        pairs = "".join(f' {key}="{_quoted(value)}"' for key, value in self.attributes.items())
        return f"{{.{self.kind}{pairs}}}"


def read_back(path: Path, rel: str, text: str, taxonomy: Taxonomy) -> Passage:
    """The passage a text about to be saved makes, read as `check` would: never save a refusal."""
    passage, problems = load_passage(SourceFile(path, rel, text), taxonomy)
    if passage is None:
        raise ContentError(p for p in problems if p.severity == "error")
    return passage


def _quoted(value: str) -> str:
    return " ".join(value.split()).replace("\\", "\\\\").replace('"', '\\"')


def markdown_body(text: str, spans: list[NewSpan]) -> str:
    """Plain text as Markdown that prints exactly that text, with `spans` in brackets.

    The spans must nest or stand apart (the importer sees to that).
    """
    out: list[str] = []
    cursor = 0
    open_spans: list[NewSpan] = []

    def text_to(position: int) -> None:
        nonlocal cursor
        if position > cursor:
            at_line_start = cursor == 0 or (text[cursor - 1] == "\n" and out[-1:] != ["["])
            out.append(escape(text[cursor:position], at_line_start))
            cursor = position

    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        while open_spans and open_spans[-1].end <= span.start:
            closing = open_spans.pop()
            text_to(closing.end)
            out.append("]" + closing.block())
        text_to(span.start)
        out.append("[")
        open_spans.append(span)
    while open_spans:
        closing = open_spans.pop()
        text_to(closing.end)
        out.append("]" + closing.block())
    text_to(len(text))
    return "".join(out).strip() + "\n"


def escape(text: str, at_line_start: bool) -> str:
    """Text as Markdown that prints as itself (indentation and trailing spaces dropped)."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        starts = at_line_start or i > 0
        if starts:
            line = line.lstrip(" \t")
        if i < len(lines) - 1:
            line = line.rstrip(" \t")  # two trailing spaces would be a line break
        line = _TAG.sub("&lt;", _ENTITY.sub("&amp;", _SPECIAL.sub(r"\\\g<0>", line)))
        if starts:
            line = _BLOCK_START.sub(_escape_block_start, line)
            line = _SETEXT.sub("&#61;", line)  # a line of "=" under text makes it a heading
        if line.endswith("!"):
            line = line[:-1] + "\\!"  # `![` would start an image
        out.append(line)
    return "\n".join(out)


_SETEXT = re.compile(r"^=(?==*[ \t]*$)")


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}\\{match.group(2)}"  # `1.` would start a list
    return "\\" + match.group()


def passage_document(front_matter: dict[str, Any], body: str, comment: str = "") -> str:
    """A whole passage file: `---` YAML `---`, then the body."""
    fields = {key: value for key, value in front_matter.items() if value not in (None, "", ())}
    header = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=100_000)
    note = "".join(f"# {line}\n" for line in comment.splitlines())
    return f"---\n{note}{header}---\n{body}"


def insert_spans(text: str, spans: list[NewSpan]) -> str:
    """Put brackets around stretches of a Markdown text that already prints as it should."""
    for span in sorted(spans, key=lambda s: s.start, reverse=True):
        text = (
            f"{text[: span.start]}[{text[span.start : span.end]}]{span.block()}{text[span.end :]}"
        )
    return text


def settle_suggestions(body: str, offsets: set[int], accept: bool) -> str:
    """Accept (drop `suggested=…`) or reject (drop the brackets) the spans opening at `offsets`."""
    raws, _ = scan(body)
    edits: list[tuple[int, int, str]] = []
    for raw in raws:
        if raw.open not in offsets:
            continue
        mark = next((a for a in raw.attrs if a.name == "suggested"), None)
        if mark is None:
            continue
        if accept:
            written = _SUGGESTED.match(body, mark.offset)
            start = len(body[: mark.offset].rstrip())  # with the space before it
            edits.append((start, written.end() if written else mark.offset, ""))
        else:
            edits += [(raw.open, raw.open + 1, ""), (raw.close, raw.end, "")]
    for start, end, replacement in sorted(edits, reverse=True):
        body = f"{body[:start]}{replacement}{body[end:]}"
    return body
