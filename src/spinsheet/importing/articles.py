"""Articles from outside: plain text or a saved web page, with what they say about themselves.

The text keeps the positions other tools count in: see `sources.Text`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ContentError, Problem
from ..sources import Text, decode_utf8, line_col, read_raw


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
    """A plain-text article or a saved web page, told apart by name and content.

    A page that is not UTF-8 is read in the charset it declares (`<meta charset>`).
    """
    if path is None:
        return text_article(read_raw(path, rel), rel, title_needs_blank=title_needs_blank)
    raw, declared = read_page(path, rel)
    if declared or is_html(path, raw):
        return html_article(raw, rel)
    return text_article(raw, rel, title_needs_blank=title_needs_blank)


def read_page(path: Path, rel: str) -> tuple[str, bool]:
    """A file's text: UTF-8, or a saved page in the charset it declares (then True)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        message = f"cannot read file: {exc.strerror}"
        raise ContentError([Problem(rel, 1, 1, "error", message)]) from None
    raw = decode_utf8(data, rel)
    if isinstance(raw, str):
        return raw, False
    page = _declared_page(path, data, rel)
    if page is None:
        if is_html(path, data[:_PREFIX].decode("latin-1")):
            advice = 'or declare its charset in the page (<meta charset="…">)'
            raw = replace(raw, message=f"{raw.message}, {advice}")
        raise ContentError([raw])
    return page, True


# `<meta charset="…">` or `<meta http-equiv="Content-Type" content="text/html; charset=…">`,
# looked for where browsers look: the first 1024 bytes (here, a little more).
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{1,40})""", re.I)
_PREFIX = 4096
# As browsers read them (the WHATWG Encoding Standard): these labels mean windows-1252.
_AS_1252 = frozenset(("iso-8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "cp819"))


def _declared_page(path: Path, data: bytes, rel: str) -> str | None:
    """A saved page that is not UTF-8, decoded in the charset it declares; None if it is
    not a page or declares none (or UTF-8). A charset Python does not know is an error."""
    head = data[:_PREFIX]
    if b"\0" in data or not is_html(path, head.decode("latin-1")):
        return None
    declared = _CHARSET.search(head)
    if declared is None:
        return None
    label = declared.group(1).decode("ascii").lower()
    name = "windows-1252" if label in _AS_1252 else label
    try:
        if codecs.lookup(name).name == "utf-8":
            return None
    except LookupError:
        line = head.count(b"\n", 0, declared.start()) + 1
        message = f"this page declares the charset '{label}', which spinsheet cannot read"
        raise ContentError([Problem(rel, line, 1, "error", message)]) from None
    try:
        return data.decode(name)
    except UnicodeDecodeError:  # windows-1252 leaves five bytes undefined; Latin-1 has them all
        if name == "windows-1252":
            return data.decode("latin-1")
        message = f"not valid {label}, the charset this page declares: save it again as UTF-8"
        raise ContentError([Problem(rel, 1, 1, "error", message)]) from None


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
