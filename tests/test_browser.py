"""The browser fixtures (tests/browser.py): a real Chromium that runs a page's script, takes
keyboard input, refuses the network and says what was tried, and has the Web Crypto API the
web format will use on a page opened from a file."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # only for annotations: without Playwright these tests skip, saying so
    from playwright.sync_api import Page

BUTTON_PAGE = """\
<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Keyboard</title>
<h1>Press the button</h1>
<button id="go" type="button">Check my answer</button>
<output id="result">0</output>
<script>
  const result = document.getElementById("result");
  document.getElementById("go").addEventListener("click", () => {
    result.textContent = String(Number(result.textContent) + 1);
  });
</script>
</html>
"""

FETCH_PAGE = """\
<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Fetch</title>
<img alt="" src="http://example.com/x.png">
<output id="result">pending</output>
<script>
  fetch("http://example.com/x.png").then(
    () => { document.getElementById("result").textContent = "loaded"; },
    (error) => { document.getElementById("result").textContent = "failed: " + error.name; },
  );
</script>
</html>
"""

DIGEST = """\
async (text) => {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
"""


def write(tmp_path: Path, name: str, html: str) -> str:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path.as_uri()


def test_a_button_is_reached_and_pressed_with_the_keyboard_only(
    page: Page, tmp_path: Path, network_requests: list[str]
) -> None:
    page.goto(write(tmp_path, "button.html", BUTTON_PAGE))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "go"
    page.keyboard.press("Enter")
    assert page.text_content("#result") == "1"
    page.keyboard.press("Space")
    assert page.text_content("#result") == "2"
    assert network_requests == []


def test_the_network_is_blocked_and_each_attempt_recorded(
    page: Page, tmp_path: Path, network_requests: list[str]
) -> None:
    page.goto(write(tmp_path, "fetch.html", FETCH_PAGE))
    page.wait_for_function("document.getElementById('result').textContent !== 'pending'")
    assert page.text_content("#result") == "failed: TypeError"
    # The image and the fetch: both tried, both recorded, neither loaded.
    assert network_requests == ["http://example.com/x.png"] * 2
    assert page.evaluate("document.images[0].naturalWidth") == 0


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on this machine, reachable here unlike example.com: its URL, and the
    paths it was asked for, so a test can tell a blocked request from an unreachable host."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(b"served")

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_reachable_server_gets_no_request(
    page: Page, tmp_path: Path, server: tuple[str, list[str]], network_requests: list[str]
) -> None:
    url, hits = server
    failures: list[str | None] = []
    page.on("requestfailed", lambda request: failures.append(request.failure))
    # From file://, as a student opens the page (Chromium keeps a data: page, an opaque
    # origin, from fetching loopback anyway, so that would prove nothing).
    page.goto(write(tmp_path, "server.html", "<!doctype html><title>server</title>"))
    result = page.evaluate(
        "(url) => fetch(url).then((r) => r.text(), (error) => 'failed: ' + error.name)",
        url + "/answers.json",
    )
    assert result == "failed: TypeError"
    assert hits == []
    assert [failure and failure.split(".")[0] for failure in failures] == [
        "net::ERR_BLOCKED_BY_CLIENT"
    ]
    assert network_requests == [url + "/answers.json"]


def test_a_page_loads_its_own_files_and_data_without_the_network(
    page: Page, tmp_path: Path, network_requests: list[str]
) -> None:
    (tmp_path / "set.js").write_text("document.body.dataset.ran = 'yes';", encoding="utf-8")
    url = write(
        tmp_path,
        "local.html",
        '<!doctype html><body><img alt="" src="data:image/gif;base64,'
        'R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="><script src="set.js"></script>',
    )
    page.goto(url)
    assert page.evaluate("document.body.dataset.ran") == "yes"
    assert page.evaluate("document.images[0].complete && document.images[0].naturalWidth") == 1
    assert network_requests == []


def test_a_web_socket_is_blocked_and_recorded(page: Page, network_requests: list[str]) -> None:
    page.goto("data:text/html,<!doctype html><title>socket</title>")
    closed = page.evaluate(
        """() => new Promise((resolve) => {
            const socket = new WebSocket("ws://example.com/live");
            socket.onopen = () => resolve("open");
            socket.onclose = () => resolve("closed");
        })"""
    )
    assert closed == "closed"
    assert network_requests == ["ws://example.com/live"]


def test_sha_256_digests_on_a_page_opened_from_a_file(page: Page, tmp_path: Path) -> None:
    page.goto(write(tmp_path, "crypto.html", "<!doctype html><title>crypto</title>"))
    # crypto.subtle exists only in a secure context; Chromium counts file:// as one.
    assert page.evaluate("window.isSecureContext") is True
    expected = hashlib.sha256(b"abc").hexdigest()
    assert expected == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert page.evaluate(DIGEST, "abc") == expected
    assert page.evaluate(DIGEST, "ébène") == hashlib.sha256("ébène".encode()).hexdigest()


def test_each_test_has_a_new_context(page: Page, tmp_path: Path) -> None:
    # Storage left by another test would make results depend on the order tests run in.
    page.goto(write(tmp_path, "storage.html", "<!doctype html><title>storage</title>"))
    assert page.evaluate("localStorage.length") == 0
    page.evaluate("localStorage.setItem('answer', 'kept?')")
    assert page.context.browser is not None
    other = page.context.browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(page.url)
        assert fresh.evaluate("localStorage.getItem('answer')") is None
    finally:
        other.close()
