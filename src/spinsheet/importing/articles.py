"""Articles from outside: plain text or a saved web page, with what they say about themselves.

The text keeps the positions other tools count in: see `sources.Text`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ContentError, Problem
from ..sources import Text, line_col, read_raw


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
    # Where the text is written, when it is not a file of its own (a JSON string, the
    # text of a page): every place in it is reported there.
    written_at: tuple[int, int] | None = None

    @property
    def body(self) -> str:
        return self.source.text[self.body_start :]

    def position(self, offset: int) -> tuple[int, int]:
        """The line and column of `rel` that an offset of the text is reported at."""
        return self.written_at or line_col(self.source.text, offset)


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

    try:
        document = trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
        )
    except Exception as exc:  # another library's parser, on a page from anywhere: never a crash
        message = f"cannot read this page ({type(exc).__name__}): save it again from the browser"
        raise ContentError([Problem(rel, 1, 1, "error", message)]) from None
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
        written_at=(1, 1),
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
    """An http or https address with a host, as a passage's `url` must be; else None."""
    text = _clean(value)
    if not text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:  # "http://[]/": brackets that hold no IPv6 address
        return None
    return text if parts.scheme in ("http", "https") and parts.netloc else None
