"""Articles from outside: plain text or a saved web page, and the offsets other tools count in.

An importer places foreign annotations on an article. Tools count positions
differently (code points or UTF-16 units, with or without a leading U+FEFF,
`\\r\\n` as one character or two), so `Text` keeps the text as read beside its
normalised form and converts positions from each convention.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .errors import ContentError, Problem
from .sources import decode_utf8

_NEWLINE = re.compile(r"\r\n?")


@dataclass(frozen=True)
class Text:
    """Text as read (`raw`), and normalised (`text`: no leading U+FEFF, `\\n` line ends)."""

    raw: str

    @cached_property
    def text(self) -> str:
        return _NEWLINE.sub("\n", self.raw.removeprefix("\ufeff"))

    @cached_property
    def _raw_to_text(self) -> list[int]:
        """For each code-point position of `raw`, the position in `text`."""
        positions, at = [], 0
        for i, char in enumerate(self.raw):
            positions.append(at)
            dropped = (i == 0 and char == "\ufeff") or (
                char == "\r" and self.raw[i + 1 : i + 2] == "\n"
            )
            at += 0 if dropped else 1
        positions.append(at)
        return positions

    def to_text(self, raw_offset: int) -> int:
        """A code-point position in `raw` as a position in `text`."""
        return self._raw_to_text[raw_offset]

    def to_raw(self, text_offset: int) -> int:
        """A position in `text` as a code-point position in `raw` (the first that maps to it)."""
        return _first_at_least(self._raw_to_text, text_offset)

    def conventions(self) -> list[tuple[str, Callable[[int], int | None]]]:
        """Every way a tool may have counted, as a function to a position in `text`."""
        return [
            ("code points", self._from(self._raw_to_text)),
            ("code points, normalised", self._from(list(range(len(self.text) + 1)))),
            ("UTF-16 units", self._from(_utf16_table(self.raw, self._raw_to_text))),
            ("UTF-16 units, normalised", self._from(_utf16_table(self.text, None))),
        ]

    @staticmethod
    def _from(table: list[int]) -> Callable[[int], int | None]:
        return lambda offset: table[offset] if 0 <= offset < len(table) else None


def _utf16_table(text: str, then: list[int] | None) -> list[int]:
    """For each UTF-16 unit position of `text`, the code-point position (mapped by `then`)."""
    table: list[int] = []
    for i, char in enumerate(text):
        at = then[i] if then else i
        table.extend([at, at] if ord(char) > 0xFFFF else [at])
    table.append(then[len(text)] if then else len(text))
    return table


def _first_at_least(table: list[int], value: int) -> int:
    return bisect_right(table, value - 1)


@dataclass(frozen=True)
class Article:
    """An article to import: its text, where its body starts, and what it says about itself."""

    rel: str  # the path messages show
    source: Text
    body_start: int  # offset in `source.text` after the title line, if the title is in the text
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)  # what the reader could not find

    @property
    def body(self) -> str:
        return self.source.text[self.body_start :]


def read_raw(path: Path | None, rel: str) -> str:
    """A file's text exactly as written (a leading U+FEFF and `\\r\\n` kept); `None` is stdin."""
    try:
        data = sys.stdin.buffer.read() if path is None else path.read_bytes()
    except OSError as exc:
        problem = Problem(rel, 1, 1, "error", f"cannot read file: {exc.strerror}")
        raise ContentError([problem]) from None
    text = decode_utf8(data, rel)
    if isinstance(text, Problem):
        raise ContentError([text])
    return text


def text_article(raw: str, rel: str, *, title_needs_blank: bool = False) -> Article:
    """A plain-text article whose first line is its title.

    With `title_needs_blank` (annotation tools' texts, which may start with the
    article itself), the first line is the title only when a blank line follows it.
    """
    source = Text(raw)
    first, _, rest = source.text.partition("\n")
    if first.strip() and rest.strip() and (rest.startswith("\n") or not title_needs_blank):
        return Article(rel, source, len(first) + 1, title=" ".join(first.split()))
    return Article(rel, source, 0, notes=["no title line found; set 'title' yourself"])


def is_html(path: Path, raw: str) -> bool:
    """A saved web page, by its name or by its first tag."""
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or raw.lstrip(
        "\ufeff \t\r\n"
    ).lower().startswith(("<!doctype html", "<html"))


def html_article(raw: str, rel: str) -> Article:
    """The article of a saved web page: its text and metadata, without the page furniture."""
    import trafilatura  # a second and more; only `import html` needs it

    document = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise ContentError([Problem(rel, 1, 1, "error", "no article text found in this page")])
    # One paragraph a line from the extractor: blank lines make them Markdown paragraphs.
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    source = Text(body)
    notes = []
    title = _clean(getattr(document, "title", None))
    if title is None:
        notes.append("no title found; set 'title' yourself")
    return Article(
        rel,
        source,
        0,
        title=title,
        author=_clean(getattr(document, "author", None)),
        outlet=_clean(getattr(document, "sitename", None)),
        published=_date(getattr(document, "date", None)),
        url=web_url(getattr(document, "url", None)),
        notes=notes,
    )


def read_article(path: Path | None, rel: str, *, title_needs_blank: bool = False) -> Article:
    """A plain-text article or a saved web page, told apart by name and content."""
    raw = read_raw(path, rel)
    if path is not None and is_html(path, raw):
        return html_article(raw, rel)
    return text_article(raw, rel, title_needs_blank=title_needs_blank)


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def web_url(value: object) -> str | None:
    text = _clean(value)
    return text if text and text.startswith(("http://", "https://")) else None
