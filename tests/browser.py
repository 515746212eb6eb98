"""A real headless Chromium for tests of pages students use offline (`build --format web`).

Fixtures (registered for every test module by `pytest_plugins` in conftest.py):

- `chromium` (session): a Playwright `Browser` running Debian's /usr/bin/chromium. One
  per pytest-xdist worker, launched the first time a test asks for it.
- `page` (function): a `Page` in a new browser context, JavaScript on, offline: any request
  that is not file:// or data: is blocked, and its URL recorded in `network_requests`.
- `network_requests` (function): that record, a list of URLs, empty while the page has
  tried nothing over the network; `assert not network_requests` says none was tried.

Without Playwright or Chromium, or when Chromium does not start, a test that asks for them
is skipped, and the skip says what is missing and how to install it (`make test` installs
both: scripts/test-deps.sh and the dev extra).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright, Request, Route, WebSocketRoute

CHROMIUM = Path("/usr/bin/chromium")
INSTALL_CHROMIUM = (
    "run `sh scripts/test-deps.sh` as root or with sudo (it runs `apt-get install chromium`)"
)
# Schemes a page may load: its own files and inline data. Anything else is the network.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
# Long enough for a cold start on a loaded CI core, short enough that a hung page fails soon.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """The system Chromium, headless, driven by Playwright; skips the test without it."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.skip(
            "browser tests need Playwright for Python, which is not installed: "
            "run `make test`, or `.venv/bin/pip install -e '.[dev]'`"
        )
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(
            f"browser tests need Chromium at {CHROMIUM}, which is missing: {INSTALL_CHROMIUM}"
        )
    with sync_playwright() as playwright:
        try:
            browser = _launch(playwright)
        except Error as error:
            pytest.skip(
                f"browser tests could not start Chromium at {CHROMIUM}: {_why(error)} "
                f"(try `{CHROMIUM} --headless --no-sandbox --dump-dom about:blank`; "
                f"to reinstall it, {INSTALL_CHROMIUM})"
            )
        try:
            yield browser
        finally:
            browser.close()


def _launch(playwright: Playwright) -> Browser:
    """Launch Chromium with its sandbox where it can have one, without it where it cannot.

    Chromium refuses its sandbox to root (CI runs as root in a container), and some
    containers lack the user namespaces it needs otherwise. Without the sandbox, a page that
    broke Chromium's renderer could reach this user's files: the pages here are our own
    output and test snippets, and none may load anything from the network (see `page`).
    """
    from playwright.sync_api import Error

    def launch(sandbox: bool) -> Browser:
        return playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, chromium_sandbox=sandbox, timeout=TIMEOUT_MS
        )

    if os.geteuid() != 0:
        try:
            return launch(sandbox=True)
        except Error as error:
            if "sandbox" not in str(error).lower():
                raise
    return launch(sandbox=False)


def _why(error: Exception) -> str:
    """Playwright's error without the command line and call log it appends: its first line
    and what Chromium printed, a few lines of it."""
    lines = str(error).split("Call log:")[0].splitlines()
    kept = [line.strip() for line in lines if line.strip() and "<launch" not in line]
    return " / ".join(line[:200] for line in kept[:6])


@pytest.fixture
def network_requests() -> list[str]:
    """URLs the test's `page` tried to fetch over the network (all blocked), in order."""
    return []


@pytest.fixture
def page(chromium: Browser, network_requests: list[str]) -> Iterator[Page]:
    """A new page in its own browser context: JavaScript on, no network, nothing shared
    with another test (cookies, storage, cache)."""
    context = chromium.new_context(java_script_enabled=True, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)

    def record(request: Request) -> None:
        if not request.url.startswith(LOCAL_SCHEMES):
            network_requests.append(request.url)

    def block(route: Route) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def block_socket(socket: WebSocketRoute) -> None:
        network_requests.append(socket.url)
        socket.close(code=1008, reason="offline test page")

    # Every request is seen (`request` event) and recorded; every one routed is blocked.
    context.on("request", record)
    context.route("**/*", block)
    context.route_web_socket("**/*", block_socket)
    try:
        yield context.new_page()
    finally:
        context.close()
