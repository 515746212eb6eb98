"""HTML to PDF with WeasyPrint, fetching nothing but the templates' own files.

Imported only when a build renders PDF: `import weasyprint` costs about 0.4 s.
"""

from __future__ import annotations

import ctypes
import hashlib
import mimetypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pydyf  # type: ignore[import-untyped]
from weasyprint import HTML
from weasyprint.document import Document, Page
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import stream as pdf_stream
from weasyprint.pdf import tags as pdf_tags
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .errors import RenderError


class OwnAssetsFetcher(URLFetcher):  # type: ignore[misc]
    """Serve files under the template folders; refuse every other URL, and remember it."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(timeout=2, allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [root.resolve() for root in roots if root.is_dir()]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path)).resolve()
            if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        self.refused.append(url)
        raise ValueError(f"spinsheet fetches only its own template files; refused {url}")


class PdfWriter:
    """Renders many documents in one process, sharing fonts between them."""

    def __init__(self, template_dirs: list[Path]) -> None:
        self.fetcher = OwnAssetsFetcher(template_dirs)
        self.base_url = (
            next((d for d in template_dirs if d.is_dir()), Path.cwd()).resolve().as_uri() + "/"
        )
        self.fonts = FontConfiguration()

    def write(self, parts: Sequence[str], name: str, duplex: bool = False) -> tuple[bytes, int]:
        """Return one PDF of all the parts' pages, and its page count.

        Each distinct part is laid out once, however often it repeats (a class
        pack of 30 has two or three variants). With `duplex`, a blank page
        follows each part that ends on an odd page, so the next starts on a front.
        `name` is for error messages.
        """
        try:
            laid_out: dict[str, Document] = {}
            pages: list[Page] = []
            for html in parts:
                if html not in laid_out:
                    laid_out[html] = HTML(
                        string=html, base_url=self.base_url, url_fetcher=self.fetcher
                    ).render(font_config=self.fonts)
                document = laid_out[html]
                pages += document.pages
                if duplex and len(document.pages) % 2:
                    pages.append(self._blank(document.pages[0]))
            combined = laid_out[parts[0]].copy(pages)
            # A stable identifier (instead of a random one) keeps builds byte-for-byte repeatable.
            identifier = hashlib.sha256("".join(parts).encode()).hexdigest()[:32].encode()
            with _WRITING:  # one document's boxes in _UNTAGGED at a time (preview's thread)
                _UNTAGGED.clear()
                _UNTAGGED.update(id(b) for page in pages for b in _untagged(page._page_box))
                # PDF/UA-1: a structure tree a screen reader reads in order, /Lang, the title
                # shown; 8 % more time and a quarter more bytes (README, "Accessibility").
                data = combined.write_pdf(pdf_identifier=identifier, pdf_variant="pdf/ua-1")
        except Exception as exc:  # WeasyPrint raises many types; the teacher needs one sentence
            raise RenderError(f"{name}: error: WeasyPrint could not render it: {exc}") from exc
        return data, len(pages)

    def _blank(self, like: Page) -> Page:
        """An empty page the size of `like` (the back of a sheet in a duplex class pack)."""
        html = f"<style>@page {{ size: {like.width}px {like.height}px; margin: 0 }}</style>"
        return HTML(string=html).render(font_config=self.fonts).pages[0]


# Page furniture and what the templates mark aria-hidden (the key's printed "L1", the
# matching dots) are artifacts in a tagged PDF: WeasyPrint 70 tags the page margin
# boxes' text as Span elements that it leaves out of the structure tree (content that
# is neither tagged nor an artifact, which PDF/UA forbids) and knows no aria-hidden.
# The ids of the boxes of the document being written; its pages hold them alive.
_UNTAGGED: set[int] = set()
_WRITING = threading.Lock()


def _untagged(box: Any, hidden: bool = False) -> Iterator[Any]:
    """`box` and its descendants that are page furniture or aria-hidden."""
    hidden = hidden or isinstance(box, boxes.MarginBox) or _aria_hidden(box)
    if hidden:
        yield box
    for child in getattr(box, "children", ()):
        yield from _untagged(child, hidden)


def _aria_hidden(box: Any) -> bool:
    element = getattr(box, "element", None)
    return element is not None and element.get("aria-hidden") == "true"


_marked = pdf_stream.Stream.marked
_build_box_tree = pdf_tags._build_box_tree


@contextmanager
def _marked_or_artifact(stream: Any, box: Any, tag: str) -> Iterator[None]:
    marking: AbstractContextManager[None] = (
        stream.artifact() if id(box) in _UNTAGGED else _marked(stream, box, tag)
    )
    with marking:
        yield


def _box_tree(box: Any, parent: Any, pdf: Any, page: int, *args: Any) -> Iterator[Any]:
    """WeasyPrint's structure elements for `box`, leaving out artifacts, with the `lang`
    of an element that has one (a passage in another language than the sheet's), and a
    list item's blocks in its LBody."""
    if id(box) in _UNTAGGED:
        return
    lang = box.element.get("lang") if getattr(box, "element", None) is not None else None
    own = lang and box.element_tag not in ("html", "body") and "::" not in box.element_tag
    for element in _build_box_tree(box, parent, pdf, page, *args):
        if own and element.get("P") == parent.reference:
            element["Lang"] = pydyf.String(lang)
        if element.get("S") == "/LI":
            _in_list_body(element, pdf, page)
        yield element


def _in_list_body(item: Any, pdf: Any, page: int) -> None:
    """Put an LI's children other than its label in one LBody: WeasyPrint 70 leaves an item's
    paragraphs (a question, its choices) directly in the LI, where PDF/UA allows only Lbl
    and LBody."""
    kids = [(kid, pdf.objects[int(kid.split()[0])]) for kid in item["K"]]
    loose = [(ref, kid) for ref, kid in kids if kid.get("S") not in ("/Lbl", "/LBody")]
    if not loose:
        return
    body = pydyf.Dictionary(
        {
            "Type": "/StructElem",
            "S": "/LBody",
            "K": pydyf.Array([ref for ref, _ in loose]),
            "Pg": pdf.page_references[page],
            "P": item.reference,
        }
    )
    pdf.add_object(body)
    for _, kid in loose:
        kid["P"] = body.reference
    labels = [ref for ref, kid in kids if kid.get("S") in ("/Lbl", "/LBody")]
    item["K"] = pydyf.Array([*labels, body.reference])


pdf_stream.Stream.marked = _marked_or_artifact
pdf_tags._build_box_tree = _box_tree


Document_ = tuple[Sequence[str], str, bool]  # a file's parts, its name, whether duplex
_WRITER: PdfWriter | None = None  # each worker process's own


def write_all(
    documents: Sequence[Document_], template_dirs: list[Path], jobs: int
) -> Iterator[tuple[bytes, int]]:
    """Each document's PDF and page count, in order, rendered by `jobs` processes at once.

    Workers are forked from this process, WeasyPrint already imported, and each
    renders whole documents: the bytes are those of a one-process build.
    """
    if jobs <= 1:
        writer = PdfWriter(template_dirs)
        yield from (writer.write(*document) for document in documents)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, context, _start_worker, (template_dirs, os.getpid())) as pool:
        yield from pool.map(_write, documents)


def _start_worker(template_dirs: list[Path], parent: int) -> None:
    global _WRITER
    _end_with(parent)
    _WRITER = PdfWriter(template_dirs)


def _end_with(parent: int) -> None:
    """Have the kernel end this worker when the build that forked it goes: killed, it
    leaves nobody to ask the worker for work, which would wait for ever. (Linux; a thread
    watching instead would slow rendering by a tenth.)"""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # gone before that took effect
        os._exit(1)


def _write(document: Document_) -> tuple[bytes, int]:
    assert _WRITER is not None
    return _WRITER.write(*document)
