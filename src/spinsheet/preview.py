"""`spinsheet preview`: the sheets as HTML on 127.0.0.1, rebuilt as files are saved.

A server (the standard library's, a thread a request) listens on 127.0.0.1 only.
Watchers (watchfiles: inotify and its kin, no polling by hand) reload the
workspace when a file of it is saved, and forget the HTML of every sheet whose
inputs changed (the same digests as the build records, see `cache.Inputs`): it
is rendered again when next asked for. Every open page then reloads itself: a
fixed script, the same on every page but for the version number it was served
at, listens on `/events` (server-sent events). The workspace's problems show at
the top of each page, escaped; while it has errors, the last good sheets stay.
The PDFs follow in the background: `spinsheet build` in a process of its own,
which the build records and cache keep to what changed.

Passage text reaches the page only through the autoescaping templates; the
page's own files (fonts, images) come from the template folders and nowhere else.
"""

from __future__ import annotations

import contextlib
import html
import mimetypes
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import watchfiles

from .cache import Inputs, builtin_templates
from .errors import SpinsheetError, TemplateError, UsageError
from .render import Renderer
from .selection import variant_letters
from .views import Edition
from .workspace import ID_PATTERN, Workspace, load_workspace

HOST = "127.0.0.1"  # never another interface: the page shows unpublished work
EDITIONS = ("student", "key")
WATCHED = ("corpus", "exercises", "templates", "locale")  # and taxonomy.yaml, mask-words.txt

# The only script on a page: `%d` is the version the page was served at, nothing else.
RELOAD_SCRIPT = """<script>
(function () {
  var version = %d;
  var events = new EventSource("/events?since=" + version);
  events.onmessage = function (event) {
    if (event.data !== String(version)) { events.close(); location.reload(); }
  };
})();
</script>"""

STYLE = """<style>
.spinsheet-preview { font: 14px/1.4 sans-serif; background: #f4f4f4; color: #222;
  border-bottom: 1px solid #ccc; padding: 6px 10px; margin: 0 0 12px; }
.spinsheet-preview a { margin-right: 10px; }
.spinsheet-preview pre { color: #a00; white-space: pre-wrap; margin: 6px 0 0; }
@media print { .spinsheet-preview { display: none; } }
</style>"""


class Preview:
    """The preview of a workspace (or of one exercise in it): `start`, then `stop`."""

    def __init__(
        self, root: Path, exercise: str | None = None, port: int = 0, pdf: bool = True
    ) -> None:
        self.root = root.absolute()  # the watchers report absolute paths
        self.exercise = exercise
        self.pdf = pdf
        self.state = threading.Condition()  # guards everything below; notified on a change
        self.version = 0
        self.problems: list[str] = []
        self.workspace: Workspace | None = None  # the last one without errors
        self.renderer: Renderer | None = None
        self.shared: list[str] = []  # the digests of what every sheet reads
        self.signatures: dict[str, list[str]] = {}  # and of what each exercise reads
        self.pages: dict[tuple[str, str, str], str] = {}
        self.stopping = threading.Event()
        self._refreshing = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._builder: subprocess.Popen[bytes] | None = None
        self._building = threading.Lock()  # guards _builder
        self.refresh()
        if exercise is not None and not (
            ID_PATTERN.fullmatch(exercise)
            and any((root / "exercises" / f"{exercise}{s}").is_file() for s in (".yaml", ".yml"))
        ):  # one with errors is previewed: its problems show until it is fixed
            raise UsageError(f"no exercise named {exercise!r} in exercises/")
        try:
            self.server = ThreadingHTTPServer((HOST, port), _handler_for(self))
        except OSError as exc:
            raise SpinsheetError(f"cannot listen on {HOST}:{port}: {exc.strerror}") from None
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server.server_address[1]}/"

    def start(self) -> None:
        """Serve and watch in threads of their own; PDFs are built in the background."""
        self._spawn(self.server.serve_forever, 0.1)
        ready = []
        folders = [self.root / name for name in WATCHED if (self.root / name).is_dir()]
        for paths, recursive in ((folders, True), ([self.root], False)):
            if paths:
                ready.append(threading.Event())
                self._spawn(self._watch, paths, recursive, ready[-1])
        for event in ready:
            event.wait(10)
        self._build_pdfs()

    def wait(self) -> None:
        """Block until stopped (Ctrl-C raises KeyboardInterrupt here)."""
        while not self.stopping.wait(0.2):
            pass

    def stop(self) -> None:
        self.stopping.set()
        with self.state:
            self.state.notify_all()  # event streams end
        self.server.shutdown()
        self.server.server_close()
        for thread in self._threads:
            thread.join(5)
        with self._building:
            self._stop_builder()

    def refresh(self) -> None:
        """Read the workspace again: new problems, and the sheets whose inputs changed
        rendered again (those a page has shown; others when asked for); then every open
        page reloads, and the PDFs are built again in the background."""
        with self._refreshing:
            inputs = Inputs(self.root)
            inputs.take()  # before reading: a file saved meanwhile is seen as changed
            workspace: Workspace | None = None
            try:
                workspace = load_workspace(self.root)
                problems = [str(p) for p in workspace.problems]
            except SpinsheetError as exc:
                problems = [str(exc)]
            good = workspace is not None and not workspace.errors
            with self.state:
                self.problems = problems
                if good and workspace is not None:
                    shown = list(self.pages)
                    self._replace(workspace, inputs)
                    for key in shown:
                        self._sheet(*key)
                self.version += 1
                self.state.notify_all()
            if good and self.version > 1:
                self._build_pdfs()

    def _replace(self, workspace: Workspace, inputs: Inputs) -> None:
        assert workspace.taxonomy is not None  # a workspace without errors has one
        shared = [inputs.digest(key) for key in inputs.shared()]
        signatures = {
            name: [
                inputs.digest(f"file:{rel}")
                for rel in (
                    exercise.rel,
                    *(
                        workspace.passages[p].rel
                        for p in (*exercise.passages, *exercise.references)
                    ),
                )
            ]
            for name, exercise in workspace.exercises.items()
        }
        if self.renderer is None or shared != self.shared:  # templates or taxonomy changed
            self.renderer, self.pages = Renderer(workspace.root, workspace.taxonomy), {}
        self.renderer.taxonomy = workspace.taxonomy
        self.pages = {
            key: page
            for key, page in self.pages.items()
            if signatures.get(key[0]) == self.signatures.get(key[0])
        }
        self.shared, self.signatures, self.workspace = shared, signatures, workspace

    def page(self, path: str) -> str | None:
        """The HTML served at `path`, or None if there is none."""
        parts = path.strip("/").split("/")
        with self.state:
            if path == "/":
                return self._index()
            if len(parts) == 4 and parts[0] == "sheet":
                return self._sheet(parts[1], parts[2], parts[3])
        return None

    def _index(self) -> str:
        rows = []
        for name, exercise in sorted(self.workspace.exercises.items() if self.workspace else []):
            if self.exercise not in (None, name):
                continue
            rows.append(f"<li>{html.escape(exercise.title)} {_links(name, exercise.variants)}</li>")
        body = f"<h1>spinsheet preview</h1><ul>{''.join(rows)}</ul>"
        return self._decorate(f"<!DOCTYPE html><html><head></head><body>{body}</body></html>", "")

    def _sheet(self, name: str, variant: str, edition: str) -> str | None:
        workspace = self.workspace
        if self.exercise not in (None, name):
            return None  # only the exercise asked for
        if workspace is None or self.renderer is None or name not in workspace.exercises:
            return None
        exercise = workspace.exercises[name]
        if variant not in variant_letters(exercise.variants) or edition not in EDITIONS:
            return None
        edition_: Edition = "key" if edition == "key" else "student"
        key = (name, variant, edition)
        if key not in self.pages:
            try:
                self.pages[key] = self.renderer.sheet(
                    exercise, workspace.passages, variant, edition_, masker=workspace.masker
                )
            except TemplateError as exc:
                message = f"<pre>{html.escape(str(exc))}</pre>"
                self.pages[key] = f"<!DOCTYPE html><html><head></head><body>{message}</body></html>"
        return self._decorate(self.pages[key], _links(name, exercise.variants))

    def _decorate(self, page: str, links: str) -> str:
        """A page with the preview's bar (links, problems) and its reload script; relative
        URLs are taken from the template folders, as WeasyPrint takes them."""
        problems = "\n".join(html.escape(line) for line in self.problems)
        bar = (
            f'{STYLE}<div class="spinsheet-preview"><a href="/">All exercises</a>{links}'
            + (f"<pre>{problems}</pre>" if problems else "")
            + f"</div>{RELOAD_SCRIPT % self.version}"
        )
        head = _HEAD.search(page)
        if head:
            page = f'{page[: head.end()]}<base href="/assets/">{page[head.end() :]}'
        body = _BODY.search(page)
        at = body.end() if body else 0
        return page[:at] + bar + page[at:]

    def asset(self, path: str) -> Path | None:
        """A file of the template folders (the workspace's first), or None: nothing else."""
        rel = unquote(path.removeprefix("/assets/"))
        if not path.startswith("/assets/") or "\0" in rel or "\\" in rel:
            return None
        parts = rel.split("/")
        if not rel or any(part in ("", ".", "..") for part in parts):
            return None
        for folder in (self.root / "templates", builtin_templates()):
            base = folder.resolve()
            candidate = (base / rel).resolve()
            if candidate.is_relative_to(base) and candidate.is_file():
                return candidate
        return None

    def events(self, since: int, send: Callable[[bytes], None]) -> None:
        """Send each new version as a server-sent event until stopped (or the page goes)."""
        while not self.stopping.is_set():
            with self.state:
                self.state.wait_for(partial(self._news, since), timeout=15)
                version = self.version
            if self.stopping.is_set():
                return
            send(f"data: {version}\n\n".encode() if version != since else b": waiting\n\n")
            since = version

    def _news(self, since: int) -> bool:
        return self.version != since or self.stopping.is_set()

    def _watch(self, paths: list[Path], recursive: bool, ready: threading.Event) -> None:
        for changes in watchfiles.watch(
            *paths,
            watch_filter=self._relevant,
            debounce=50,
            step=20,
            stop_event=self.stopping,
            rust_timeout=100,
            yield_on_timeout=True,
            recursive=recursive,
            raise_interrupt=False,
        ):
            ready.set()
            if changes:
                self.refresh()

    def _relevant(self, change: watchfiles.Change, path: str) -> bool:
        """A file spinsheet reads: not an editor's backup, a half-written file or the output."""
        name = Path(path).name
        if name.startswith((".", "#")) or name.endswith(("~", ".swp", ".part", ".tmp")):
            return False
        for root in (self.root, self.root.resolve()):  # as given, or through its symlinks
            with contextlib.suppress(ValueError):
                rel = Path(path).relative_to(root).as_posix()
                return rel in ("taxonomy.yaml", "mask-words.txt", *WATCHED) or rel.startswith(
                    tuple(f"{folder}/" for folder in WATCHED)
                )
        return False

    def _build_pdfs(self) -> None:
        """Start `spinsheet build` in the background (again, if one is running)."""
        command = [sys.executable, "-c", "from spinsheet.cli import main; main()"]
        command += ["--workspace", str(self.root), "build", *filter(None, [self.exercise])]
        with self._building:
            if not self.pdf or self.stopping.is_set():
                return
            self._stop_builder()
            self._builder = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C in the terminal is the preview's to handle
            )

    def _stop_builder(self) -> None:
        """Stop a background build and its workers (its process group): every file is
        written atomically, so none is left half-way."""
        builder, self._builder = self._builder, None
        if builder is None:
            return
        if builder.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(builder.pid, signal.SIGTERM)
        try:
            builder.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(builder.pid, signal.SIGKILL)
            builder.wait()

    def _spawn(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        self._threads.append(thread)


def _links(name: str, variants: int) -> str:
    """Links to each edition of each variant of an exercise (ids are letters, digits, - and _)."""
    return " ".join(
        f'<a href="/sheet/{html.escape(name)}/{v}/{e}">{html.escape(name)} {v} {e}</a>'
        for v in variant_letters(variants)
        for e in EDITIONS
    )


_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def _handler_for(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            port = preview.server.server_address[1]
            if self.headers.get("Host") not in (f"{HOST}:{port}", f"localhost:{port}"):
                # Another site's page, its name pointed at 127.0.0.1 (DNS rebinding), gets
                # nothing: the passages may be unpublished work.
                self._send(HTTPStatus.MISDIRECTED_REQUEST, "text/plain", b"wrong host\n")
                return
            url = urlsplit(self.path)
            if url.path == "/events":
                since = parse_qs(url.query).get("since", ["-1"])[0]
                self._events(int(since) if since.lstrip("-").isdigit() else -1)
                return
            page = preview.page(url.path)
            if page is not None:
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", page.encode())
                return
            asset = preview.asset(url.path)
            if asset is None:
                self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")
                return
            kind = mimetypes.guess_type(asset.name)[0] or "application/octet-stream"
            self._send(HTTPStatus.OK, kind, asset.read_bytes())

        def _send(self, status: HTTPStatus, kind: str, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _events(self, since: int) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()

            def send(data: bytes) -> None:
                self.wfile.write(data)
                self.wfile.flush()

            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                preview.events(since, send)  # until the page is closed or reloaded

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the library prints nothing

    return Handler
