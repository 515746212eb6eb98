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
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.document import Document, Page
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
            data = combined.write_pdf(pdf_identifier=identifier)
        except Exception as exc:  # WeasyPrint raises many types; the teacher needs one sentence
            raise RenderError(f"{name}: error: WeasyPrint could not render it: {exc}") from exc
        return data, len(pages)

    def _blank(self, like: Page) -> Page:
        """An empty page the size of `like` (the back of a sheet in a duplex class pack)."""
        html = f"<style>@page {{ size: {like.width}px {like.height}px; margin: 0 }}</style>"
        return HTML(string=html).render(font_config=self.fonts).pages[0]


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
