"""Passage Markdown to HTML: Python-Markdown with the span syntax, raw HTML off, and a sanitiser.

The same body renders three ways: `plain` for students (no trace of any span,
not even in the HTML source), `marked` for keys (each span classed by kind and
given its marker), and `analyse`, which keeps every span's id on the tree so
the parser can read each span's paragraph, text and sentence.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from .i18n import ENGLISH, N_, Translator, tr

Mode = Literal["plain", "marked", "analyse"]
Markers = dict[str, tuple[str, str]]  # span id -> (kind, printed marker such as "L3")
Paragraphs = tuple[int, int]  # the first and last numbered paragraph to print


@dataclass(frozen=True)
class Printing:
    """How one rendering prints a body: see `render_html`."""

    mode: Mode
    markers: Markers
    change: Callable[[str], str] | None = None
    paragraphs: Paragraphs | None = None
    omitted: tuple[int, ...] = ()
    inline: bool = False
    t: Translator = ENGLISH  # the sheet's language, for the notes the body prints


SPAN_ATTR = "data-span"
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_ALLOWED_TAGS = {
    "p", "em", "strong", "code", "br", "hr", "ul", "ol", "li", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "sup", "pre", "div",
}  # fmt: skip


# How a canonical body writes a span: SPAN_OPEN text SPAN_CLOSE id SPAN_END. Characters of Unicode's
# private use area, which the parser removes from passage text: no bracket of the
# passage can be taken for a span, and finding a span's end reads the span alone.
SPAN_OPEN, SPAN_CLOSE, SPAN_END = "\ue000", "\ue001", "\ue002"
DELIMITERS = re.compile("[\ue000-\ue002]")


class _SpanInline(InlineProcessor):
    """Turn a canonical span into a span element, nested spans included."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        start, depth = m.start(0), 0
        for i in range(start, len(data)):  # to its own CLOSE: linear in the span
            if data[i] == SPAN_OPEN:
                depth += 1
            elif data[i] == SPAN_CLOSE:
                depth -= 1
                if depth == 0:
                    end = data.index(SPAN_END, i)
                    return _span_element(data[start + 1 : i], data[i + 1 : end]), start, end + 1
        return None, None, None


def _span_element(inner: str, span_id: str) -> etree.Element:
    element = etree.Element("span", {SPAN_ATTR: span_id})
    # Python-Markdown runs the patterns after this one over an element's text, but
    # this one too over a tail: the inner text rides as the tail of an empty holder,
    # so nested spans match, and emphasis may wrap a span inside it.
    holder = etree.SubElement(element, "spinsheet-holder")
    holder.tail = inner
    return element


class _Finish(Treeprocessor):
    """Sanitise what Markdown made, number paragraphs, and dress or strip the spans."""

    def __init__(self, md: Markdown, printing: Printing) -> None:
        super().__init__(md)
        self.printing = printing
        self.tree: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        printing = self.printing
        _sanitise(root, printing.t)
        if printing.change is not None:
            change = printing.change
            for element in root.iter():
                element.text = change(element.text) if element.text else element.text
                element.tail = change(element.tail) if element.tail else element.tail
        if printing.inline:  # a headline: one line of text, unnumbered, no paragraph around it
            _unwrap_all(root, lambda e: e.tag == "p")
        else:
            _number_paragraphs(root)
        if printing.omitted:
            _omit_paragraphs(root, printing.omitted, printing.t)
        if printing.paragraphs is not None:
            _keep_paragraphs(root, *printing.paragraphs)
        if printing.mode == "plain":
            _unwrap_all(root, lambda e: SPAN_ATTR in e.attrib)
        elif printing.mode == "marked":
            for span in root.iter("span"):
                if SPAN_ATTR in span.attrib:
                    self._dress(span)
        self.tree = root

    def _dress(self, span: etree.Element) -> None:
        span_id = span.attrib.pop(SPAN_ATTR)
        kind, marker = self.printing.markers[span_id]
        span.set("class", f"span {kind}")
        span.set("id", f"span-{span_id}")
        sup = etree.Element("sup", {"class": "marker"})
        sup.text = marker
        sup.tail, span.text = span.text, None
        span.insert(0, sup)


def _sanitise(root: etree.Element, t: Translator) -> None:
    """Keep passage HTML to plain text structure: no images, no live non-web links."""
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == "img":
                note = etree.Element("span", {"class": "image-note"})
                alt = child.get("alt") or tr(t, N_("no description"))
                note.text = tr(t, N_("[image: %(description)s]"), description=alt)
                note.tail = child.tail
                parent.insert(list(parent).index(child), note)
                parent.remove(child)
    _unwrap_all(root, lambda e: e.tag not in _ALLOWED_TAGS)
    for element in root.iter():
        href = element.get("href", "")
        keep = {SPAN_ATTR: element.get(SPAN_ATTR), "class": element.get("class")}
        if element.tag == "a" and href.lower().startswith(_SAFE_SCHEMES):
            keep["href"] = href
        element.attrib.clear()
        element.attrib.update({k: v for k, v in keep.items() if v is not None})


def _number_paragraphs(root: etree.Element) -> None:
    """Give each paragraph (and each list item with bare text) a printed number."""
    number = 0
    for element in root.iter():
        if element.tag == "p" or (element.tag == "li" and element.find("p") is None):
            number += 1
            element.set("data-n", str(number))
            label = etree.Element("span", {"class": "pnum"})
            label.text = str(number)
            label.tail, element.text = element.text, None
            element.insert(0, label)


def _omit_paragraphs(root: etree.Element, omitted: tuple[int, ...], t: Translator) -> None:
    """Put a one-line note in place of each run of omitted paragraphs: students see that
    something is left out, and the numbers that follow stay those of the original."""
    for parent in list(root.iter()):
        runs: list[list[tuple[etree.Element, int]]] = []
        previous: etree.Element | None = None
        for child in parent:
            number = int(child.get("data-n") or 0)
            if number in omitted:
                if not runs or runs[-1][-1][0] is not previous:
                    runs.append([])
                runs[-1].append((child, number))
            previous = child
        for run in runs:
            first, last = run[0][1], run[-1][1]
            note = etree.Element("p", {"class": "omitted", "data-omitted": str(first)})
            note.text = (
                tr(t, N_("[Paragraph %(first)s is left out of this edition.]"), first=first)
                if first == last
                else tr(
                    t,
                    N_("[Paragraphs %(first)s–%(last)s are left out of this edition.]"),
                    first=first,
                    last=last,
                )
            )
            parent.insert(list(parent).index(run[0][0]), note)
            for element, _ in run:
                parent.remove(element)


def _keep_paragraphs(root: etree.Element, first: int, last: int) -> None:
    """Keep numbered blocks `first` to `last` (with their numbers) and what lies between them."""

    def kept(element: etree.Element) -> bool:
        return any(
            first <= int(e.get("data-n") or e.get("data-omitted") or 0) <= last
            for e in element.iter()
        )

    outside = [
        (parent, child)
        for parent in root.iter()
        for child in parent
        if child.get("data-n") is not None and not kept(child)
    ]
    for parent, child in outside:
        parent.remove(child)
    # Headings and rules with no number of their own print only inside the excerpt.
    blocks = list(root)
    holding = [i for i, block in enumerate(blocks) if kept(block)]
    for i, block in enumerate(blocks):
        if not holding or not holding[0] <= i <= holding[-1]:
            root.remove(block)


def _unwrap_all(root: etree.Element, matches: Callable[[etree.Element], bool]) -> None:
    """Unwrap every element below `root` that `matches`."""
    found = [(parent, child) for parent in root.iter() for child in parent if matches(child)]
    for parent, child in reversed(found):  # innermost first: each parent is still in place
        _unwrap(parent, child)


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace `child` in `parent` with its own text and children."""
    index = list(parent).index(child)
    grandchildren = list(child)
    _append_text(parent, index - 1, child.text)
    parent.remove(child)
    for offset, grandchild in enumerate(grandchildren):
        parent.insert(index + offset, grandchild)
    _append_text(parent, index + len(grandchildren) - 1, child.tail)


def _append_text(parent: etree.Element, position: int, text: str | None) -> None:
    """Add text after the child at `position` of `parent` (-1: at the start of `parent`)."""
    if not text:
        return
    if position < 0:
        parent.text = (parent.text or "") + text
    else:
        parent[position].tail = (parent[position].tail or "") + text


class _SpinsheetMarkdown(Extension):
    def __init__(self, printing: Printing) -> None:
        super().__init__()
        self.finish: _Finish | None = None
        self.printing = printing

    def extendMarkdown(self, md: Markdown) -> None:
        # Passage text comes from the web: raw HTML must stay text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # Above links and references (170), below code spans and escapes (190, 180),
        # so `[x]{...}` inside backticks stays code.
        md.inlinePatterns.register(_SpanInline(SPAN_OPEN, md), "spinsheet-span", 175)
        self.finish = _Finish(md, self.printing)
        # Last, after Markdown has put backslash-escaped characters back (priority 0).
        md.treeprocessors.register(self.finish, "spinsheet-finish", -1)


def _markdown(printing: Printing) -> tuple[Markdown, _SpinsheetMarkdown]:
    extension = _SpinsheetMarkdown(printing)
    return Markdown(extensions=[extension], output_format="html"), extension


@dataclass(frozen=True)
class Edge:
    """Where a span opens or closes in a block's text."""

    span_id: str
    opens: bool


def numbered_blocks(tree: etree.Element) -> Iterator[tuple[int, list[str | Edge]]]:
    """Each numbered paragraph of an analysed tree as its number and its text, spans marked.

    The pieces are text and span edges in reading order, leaving out the printed
    paragraph numbers and any numbered block nested inside (it comes on its own).
    """
    for block in tree.iter():
        number = block.get("data-n")
        if number is not None:
            pieces: list[str | Edge] = []
            _pieces(block, pieces, top=True)
            yield int(number), pieces


def _pieces(element: etree.Element, pieces: list[str | Edge], top: bool = False) -> None:
    skip = element.get("data-n") is not None or element.get("class") == "pnum"
    if top or not skip:
        span_id = element.get(SPAN_ATTR)
        if span_id is not None:
            pieces.append(Edge(span_id, opens=True))
        pieces.append(element.text or "")
        for child in element:
            _pieces(child, pieces)
        if span_id is not None:
            pieces.append(Edge(span_id, opens=False))
    if not top:
        pieces.append(element.tail or "")


def render_html(markdown_text: str, printing: Printing) -> str:
    """Render a canonical passage body (spans as SPAN_OPEN … below) to an HTML fragment.

    `plain` or `marked` (see above); `change` is applied to every piece of text
    the reader sees (masking); with `paragraphs`, only those numbered paragraphs
    print, under their own numbers (an excerpt; `markers` need only name the spans
    in it); `omitted` ones never print, a note standing in their place; `inline`
    renders a headline: no numbers, no paragraph.
    """
    md, _ = _markdown(printing)
    return md.convert(markdown_text)


def analyse(markdown_text: str) -> etree.Element:
    """Render a canonical passage body and return its tree, spans still carrying their ids."""
    md, extension = _markdown(Printing("analyse", {}))
    md.convert(markdown_text)
    # Markdown skips its processors altogether for a body that is only white space.
    if extension.finish is None or extension.finish.tree is None:
        return etree.Element("div")
    tree = extension.finish.tree
    for element in tree.iter():
        element.text = _as_text(md, element.text)
        element.tail = _as_text(md, element.tail)
    return tree


def _as_text(md: Markdown, text: str | None) -> str | None:
    """What a reader sees of tree text: entities (stashed by Markdown until output) resolved."""
    if not text:
        return text
    text = HTML_PLACEHOLDER_RE.sub(lambda m: str(md.htmlStash.rawHtmlBlocks[int(m[1])]), text)
    return html.unescape(text.replace(AMP_SUBSTITUTE, "&"))
