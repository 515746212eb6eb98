"""Articles from outside: plain text or a saved web page, with what they say about themselves.

The text keeps the positions other tools count in: see `sources.Text`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
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
    warnings: list[str] = field(default_factory=list)  # what may be wrong with the text read
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
    return Article(rel, source, 0)


def is_html(path: Path, raw: str) -> bool:
    """A saved web page, by its name or by its first tag."""
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or raw.lstrip(
        "\ufeff \t\r\n"
    ).lower().startswith(("<!doctype html", "<html"))


def html_article(raw: str, rel: str) -> Article:
    """The article of a saved web page: its text and metadata, without the page furniture.

    Measured on public benchmarks with `dev/measure_extraction.py`: trafilatura's balanced
    mode keeps whole articles that `favor_precision` cut to a tenth, and text a reader never
    sees (hidden nodes) is left out. What could still be wrong is said, never guessed: a
    body much shorter than the page's longest run of paragraphs is a warning.
    """
    import trafilatura  # a second and more; only `import html` needs it

    try:
        tree = trafilatura.load_html(raw)
        paragraph_words = _longest_paragraph_run(tree) if tree is not None else 0
        page_title = _clean(tree.findtext(".//title")) if tree is not None else None
        document = trafilatura.bare_extraction(
            tree if tree is not None else raw,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            prune_xpath=_HIDDEN,
            # A date the page states, not one guessed from its text or a copyright year.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # another library's parser, on a page from anywhere: never a crash
        message = f"cannot read this page ({type(exc).__name__}): save it again from the browser"
        raise ContentError([Problem(rel, 1, 1, "error", message)]) from None
    text = getattr(document, "text", None) if document is not None else None
    outlet = _clean(getattr(document, "sitename", None))
    title = _title(_clean(getattr(document, "title", None)), page_title, outlet)
    paragraphs = [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]
    paragraphs = [paragraph for paragraph in paragraphs if not _CONTROL.fullmatch(paragraph)]
    if title and paragraphs and _same_heading(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the page repeats its headline above the story
    if not paragraphs:
        raise ContentError([Problem(rel, 1, 1, "error", "no article text found in this page")])
    warnings = []
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    if words < paragraph_words * _SHORT:
        warnings.append(
            f"the article found in this page is {words} words, much shorter than its longest "
            f"run of paragraphs ({paragraph_words} words): compare the passage with the page, "
            "and if text is missing, copy the article into a .txt file and import that"
        )
    # One paragraph a line from the extractor: blank lines make them Markdown paragraphs.
    return Article(
        rel,
        Text("\n\n".join(paragraphs)),
        0,
        written_at=(1, 1),
        title=title,
        author=clean_author(getattr(document, "author", None)),
        outlet=outlet,
        published=_date(getattr(document, "date", None)),
        url=web_url(getattr(document, "url", None)),
        warnings=warnings,
    )


# Nodes a reader never sees; their text is no part of the article as read.
_HIDDEN = (
    "//*[@hidden] | //*[@aria-hidden='true'] | "
    "//*[contains(translate(@style, ' ', ''), 'display:none')] | "
    "//*[contains(translate(@style, ' ', ''), 'visibility:hidden')]"
)
# Extracted text under half the page's longest run of paragraphs. On 311 benchmark pages it
# flags the three whose story was cut (of 13 that lose half their words; the others lose
# tables, formulas or repeated text) and two that lost nothing; before, with
# `favor_precision`, it would have flagged engadget's review cut to 117 of 1,965 words.
_SHORT = 0.5
_FURNITURE = frozenset(("nav", "header", "footer", "aside", "form", "noscript", "template"))


# A block that is only a page's controls or a section's label, which extractors keep as a
# paragraph: a slideshow's "Previous" / "Next", "Comments", "Read more", "Other Opinion
# Columns". No sentence of an article is one of these alone.
_CONTROL = re.compile(
    r"[-•·*\s]*(?:previous|prev|next|close|fullscreen|thumbnails|comments?|\d+ comments?|"
    r"loading comments|read more|learn more|more|share|share this( article| story)?|"
    r"advertisement|skip ad|show more|see more|related( videos| stories| articles)?|"
    r"recent slide shows|image \d+ of \d+|\d+ of \d+|other [\w ]{1,30} columns)[\s:.…]*",
    re.I,
)


def _longest_paragraph_run(tree: Any) -> int:
    """The words in the `<p>`s of the element that holds most of them, outside furniture.

    An element up to three levels above a paragraph counts it: a story that a page breaks
    into blocks (around an advertisement, say) is still one run.
    """
    counts: dict[Any, int] = {}
    for paragraph in tree.iter("p"):
        above = list(paragraph.iterancestors())
        if any(node.tag in _FURNITURE or _is_hidden(node) for node in above):
            continue
        words = len(paragraph.text_content().split())
        for node in above[:3]:
            if node.tag in ("body", "html"):
                break
            counts[node] = counts.get(node, 0) + words
    return max(counts.values(), default=0)


def _is_hidden(node: Any) -> bool:
    style = "".join(str(node.get("style", "")).split()).lower()
    return (
        node.get("hidden") is not None
        or node.get("aria-hidden") == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _heading_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# "Headline - BBC News", "Headline | The Site": a title that ends in the site's name.
_SITE_SUFFIX = re.compile(r"\s+[-|–—·]\s+[^-|–—·]{1,60}$")


def _title(found: str | None, page_title: str | None, outlet: str | None) -> str | None:
    """The headline: the one the extractor found, unless it shares no word with the page's
    `<title>`, when it is a section's heading ("Allergies Health Center") and the `<title>`,
    without the site's name, is the article's (if it is more than the site's name)."""
    page = _SITE_SUFFIX.sub("", page_title) if page_title else None
    if (
        found
        and page
        and not _long_words(found) & _long_words(page)
        and not _long_words(page) <= _long_words(outlet or "")
    ):
        return page
    return found or page


def _long_words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.casefold()) if len(word) > 3}


def _same_heading(paragraph: str, title: str) -> bool:
    """The first paragraph is the headline again, with or without the site's name."""
    first = _heading_key(paragraph)
    return bool(first) and first in (_heading_key(title), _heading_key(_SITE_SUFFIX.sub("", title)))


_BY = re.compile(
    r"^(?:(?:news\s+)?analysis\s+|written\s+|words\s+|text\s+)?(?:by|par|von|por)\s+", re.I
)
_DATELINE = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday last updated published posted on at ago před vor hace"
)
_DATE_WORDS = frozenset(_DATELINE.split())
_ROLE_WORDS = (
    r"(?:senior\s+|chief\s+|deputy\s+|contributing\s+|staff\s+)?"
    r"(?:editor|correspondent|reporter|writer|columnist|contributor|producer|analyst)"
    r"(?:-at-large|\s+at\s+large)?\b.*$"
)
_ROLE = re.compile(r"\s+" + _ROLE_WORDS, re.I)  # "Jane Roe, Staff Writer"
_ROLE_AND_DESK = re.compile(r"\s+\w+\s+" + _ROLE_WORDS, re.I)  # "Jane Roe Games Editor"
# What a page's author field holds when no one is named: a form label, a role.
_NO_ONE = "username user admin administrator author anonymous unknown guest webmaster editor"
_PLACEHOLDERS = frozenset(f"{_NO_ONE} autor auteur 作者".split())


def clean_author(value: object) -> str | None:
    """The people or outlet a page names as its author, without the clutter extractors keep.

    trafilatura joins what it finds with "; ": a dateline's words ("Laura June Topolsky
    July"), a role ("CNN Editor-at-large"), a place ("Hamburg"), a degree ("MA"), a form's
    "Username", and the same name twice. Each part is cleaned, single words are kept only
    when nothing longer is left, and a name is given once.
    """
    parts: list[str] = []
    for part in (_clean(piece) for piece in str(value or "").split(";")):
        if not part or part.casefold() in _PLACEHOLDERS:
            continue
        part = _BY.sub("", part)
        words = part.split()
        if all(word.isdigit() or word.casefold().strip(",.") in _DATE_WORDS for word in words):
            continue
        while len(words) > 2 and words[-1].casefold().strip(",.") in _DATE_WORDS:
            words.pop()  # a dateline's words run on after the name
        half = len(words) // 2
        if len(words) % 2 == 0 and words[:half] == words[half:]:
            words = words[:half]  # "Jane Roe Jane Roe"
        part = _without_role(" ".join(words)).strip(" ,")
        if part and part.casefold() not in (p.casefold() for p in parts):
            parts.append(part)
    if any(len(part.split()) > 1 for part in parts):
        parts = [part for part in parts if len(part.split()) > 1]
    return ", ".join(parts) or None


def _without_role(name: str) -> str:
    """A name without the job title after it, and the desk before that if a name is left."""
    shorter = _ROLE_AND_DESK.sub("", name)
    return shorter if shorter != name and len(shorter.split()) >= 2 else _ROLE.sub("", name)


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
