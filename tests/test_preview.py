"""`spinsheet preview`: a saved change is in the served page within a second, problems show
in it, nothing outside the template folders is served, and it listens on 127.0.0.1 only."""

from __future__ import annotations

import http.client
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURE_WORKSPACE, Run
from spinsheet.preview import Preview

PASSAGE = Path("corpus") / "harbour-plan.md"
SHEET = "sheet/harbour/A/student"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """The preview of a copy of the fixture workspace, on a free port, without PDFs."""
    root = tmp_path / "ws"
    shutil.copytree(FIXTURE_WORKSPACE, root)
    server = Preview(root, port=0, pdf=False)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        text: str = response.read().decode()
        return text


def served_within(url: str, wanted: str, seconds: float = 1.0) -> float:
    """How long until `wanted` is in the page at `url` (fails after `seconds`)."""
    started = time.perf_counter()
    while True:
        waited = time.perf_counter() - started
        if wanted in get(url):
            return waited
        assert waited < seconds, f"{wanted!r} not served after {seconds} s"
        time.sleep(0.02)


def test_a_saved_change_is_served_within_a_second(preview: Preview) -> None:
    assert preview.server.server_address[0] == "127.0.0.1"
    index = get(preview.url)
    assert f'href="/{SHEET}"' in index and 'href="/sheet/harbour/A/key"' in index
    page = get(preview.url + SHEET)
    assert "Port Élan" in page and page.count("<script") == 1  # the reload script only
    passage = preview.root / PASSAGE
    text = passage.read_text()
    # Passage text is untrusted: escaped, it reaches neither the markup nor the script.
    passage.write_text(
        text.replace("Tourism brought in", "Zanzibar <script>x()</script> brought in")
    )
    served_within(preview.url + SHEET, "Zanzibar &lt;script&gt;x()&lt;/script&gt; brought in")
    assert get(preview.url + SHEET).count("<script") == 1
    # Pages that show something else are not rendered again.
    assert ("two-bridges", "A", "student") not in preview.pages


def test_an_open_page_is_told_to_reload(preview: Preview) -> None:
    page = get(preview.url + SHEET)
    version = preview.version
    assert f"var version = {version};" in page
    host, port = preview.server.server_address[:2]
    events = http.client.HTTPConnection(str(host), int(port), timeout=5)
    events.request("GET", f"/events?since={version}")
    response = events.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    passage = preview.root / PASSAGE
    passage.write_text(passage.read_text().replace("Tourism", "Tourisme"))
    started = time.perf_counter()
    line = response.readline()
    assert line == f"data: {version + 1}\n".encode()
    assert time.perf_counter() - started < 1
    events.close()


def test_a_problem_shows_in_the_page_at_its_line(preview: Preview) -> None:
    passage = preview.root / PASSAGE
    passage.write_text(passage.read_text().replace('type="emotive"', 'type="<b>nope"', 1))
    wanted = "corpus/harbour-plan.md:9:46: error: unknown loaded type &#x27;&lt;b&gt;nope&#x27;"
    served_within(preview.url + SHEET, wanted)
    assert "Port Élan" in get(preview.url + SHEET)  # the last good sheet stays
    assert wanted in get(preview.url)


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../corpus/harbour-plan.md",
        "/assets/%2e%2e/corpus/harbour-plan.md",
        "/assets/..%2fcorpus/harbour-plan.md",
        "/assets//etc/passwd",
        "/../corpus/harbour-plan.md",
        "/sheet/harbour/Z/student",
        "/sheet/nope/A/student",
    ],
)
def test_only_the_template_folders_are_served(preview: Preview, path: str) -> None:
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=5)
    connection.request("GET", path)  # sent as written: no client tidies the `..` away
    response = connection.getresponse()
    assert response.status == 404 and b"Harbour" not in response.read()
    connection.close()
    assert "size" in get(preview.url + "assets/worksheet.css")


def test_the_command_serves_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURE_WORKSPACE, root)
    command = [sys.executable, "-c", "from spinsheet.cli import main; main()"]
    process = subprocess.Popen(
        [*command, "--workspace", "ws", "preview", "harbour", "--port", "0", "--no-pdf"],
        cwd=tmp_path,  # a workspace given as a relative path is watched all the same
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("Previewing at http://127.0.0.1:"), line
        url = line.split()[2]
        with pytest.raises(urllib.error.HTTPError):
            get(url + "sheet/catalogue/A/student")  # only the exercise asked for
        assert "Port Élan" in get(url + SHEET)
        passage = root / PASSAGE
        passage.write_text(passage.read_text().replace("Port Élan", "Port Ouest"))
        served_within(url + SHEET, "Port Ouest")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0 and out == "Stopped.\n" and err == ""


def test_an_unknown_exercise_or_a_port_in_use_is_refused(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURE_WORKSPACE, root)
    unknown = run(root, "preview", "nope", "--port", "0", "--no-pdf")
    assert unknown.exit_code == 2 and "no exercise named 'nope'" in unknown.output
    climbing = run(root, "preview", "../corpus/harbour-plan", "--port", "0", "--no-pdf")
    assert climbing.exit_code == 2
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        busy = run(root, "preview", "--port", port, "--no-pdf")
    assert busy.exit_code == 1 and f"error: cannot listen on 127.0.0.1:{port}" in busy.output
    assert "Traceback" not in busy.output


def test_a_page_of_another_site_gets_nothing(preview: Preview) -> None:
    # A site whose name is made to point at 127.0.0.1 (DNS rebinding) sends its own Host.
    host, port = preview.server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=5)
    connection.request("GET", "/" + SHEET, headers={"Host": f"evil.example:{port}"})
    response = connection.getresponse()
    assert response.status == 421 and b"Harbour" not in response.read()
    connection.close()
    assert "Port Élan" in get(f"http://localhost:{port}/{SHEET}")
