"""Passage text is untrusted: nothing in it is fetched, embedded, run or evaluated."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import MakeWorkspace, Run, pdf_text
from spinsheet.sources import builtin_templates


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 (shared on purpose: the test reads it)

    def do_GET(self) -> None:
        _Counting.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A local web server that records every request made to it."""
    _Counting.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def hostile_passage(base: str, secret: Path) -> str:
    return f"""\
---
title: "Comment section <b>bold</b> {{{{ 7*'7' }}}}"
---
<script>document.write("pwned")</script> First [comment]{{.loaded type="emotive" why="<i>{{{{ 7*'7' }}}}</i>" neutral="note"}}.

<img src="file://{secret}"> <link rel="attachment" href="file://{secret}">

![x]({base}/pixel.png) and [a link]({base}/link) and <iframe src="{base}/frame"></iframe>

<style>@import url("{base}/evil.css");</style> {{{{ 7*'7' }}}} {{% raw %}} <a rel="attachment" href="file://{secret}">doc</a>

[They say]{{.unsourced type="vague-attribution" why="w" ask="{{{{ config }}}}" check="<img src='{base}/x.png'>"}} it is so.
"""


EXERCISE = """\
title: "Untrusted {{ 7*'7' }}"
passages: [hostile]
activities:
  - kind: spot
  - kind: rewrite
  - kind: who-says
"""


def test_hostile_passage_builds_without_fetching_embedding_or_evaluating(
    make_workspace: MakeWorkspace, run: Run, server: str, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    root = make_workspace(
        {"corpus/hostile.md": hostile_passage(server, secret), "exercises/untrusted.yaml": EXERCISE}
    )
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    html = run(root, "build", "--format", "html")
    assert html.exit_code == 0, html.output

    assert _Counting.requests == []
    pdfs = sorted((root / "output" / "untrusted").glob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        reader = PdfReader(pdf)
        assert reader.attachments == {}
        raw = pdf.read_bytes()
        assert b"TOP-SECRET" not in raw and b"/EmbeddedFile" not in raw
        assert all(len(page.images) == 0 for page in reader.pages)
        text = pdf_text(pdf)
        assert "{{ 7*'7' }}" in text and "7777777" not in text
        assert '<script>document.write("pwned")</script>' in text
        assert "[image: x]" in text

    key_text = pdf_text(root / "output" / "untrusted" / "untrusted-A-key.pdf")
    assert "<i>{{ 7*'7' }}</i>" in key_text and "{{ config }}" in key_text

    pages = sorted((root / "output" / "untrusted").glob("*.html"))
    assert len(pages) == 2
    for page in pages:
        tags = Tags()
        tags.feed(page.read_text())
        names = [name for name, _ in tags.found]
        assert not {"script", "img", "iframe", "link", "object", "embed", "b", "i"} & set(names)
        assert names.count("style") == 1  # the sheet's own
        urls = [value for _, attrs in tags.found for key, value in attrs if key in ("href", "src")]
        assert urls == [f"{server}/link"]
        assert all(key != "rel" for _, attrs in tags.found for key, _ in attrs)


class Tags(HTMLParser):
    """Every element the browser (or WeasyPrint) would see, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def test_fetcher_serves_only_template_files(tmp_path: Path) -> None:
    from spinsheet.pdf import OwnAssetsFetcher

    templates = builtin_templates()
    fetcher = OwnAssetsFetcher([templates])
    css = fetcher.fetch((templates / "worksheet.css").as_uri())
    assert css.read().startswith(b"/*")
    (tmp_path / "x.txt").write_text("x")
    refused = [
        (tmp_path / "x.txt").as_uri(),
        (templates / ".." / "pyproject.toml").as_uri(),
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "data:text/plain,hello",
        "ftp://example.org/x",
    ]
    for url in refused:
        with pytest.raises(ValueError, match="spinsheet fetches only its own template files"):
            fetcher.fetch(url)
    assert fetcher.refused == refused
