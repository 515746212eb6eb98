"""Faults (issue 12): a killed build, a full disk, a read-only folder, two builds at once.

Outputs are whole or absent after any of them, and no temporary file is left for a
later run to trip over.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import GOOD_EXERCISE, GOOD_PASSAGE, MakeWorkspace, Run

SPINSHEET = [sys.executable, "-c", "from spinsheet.cli import main; main()"]


def workspace(make_workspace: MakeWorkspace) -> Path:
    exercise = GOOD_EXERCISE.replace("activities:", "variants: 6\nactivities:")
    return make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/spot.yaml": exercise})


def whole_pdfs(folder: Path) -> int:
    """How many PDFs the folder holds, each of which must open and have a page."""
    pdfs = sorted(folder.rglob("*.pdf"))
    for pdf in pdfs:
        assert len(PdfReader(pdf).pages) >= 1, pdf
    return len(pdfs)


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".*.part"))


def test_a_killed_build_leaves_whole_files_and_the_next_run_clears_up(
    make_workspace: MakeWorkspace,
) -> None:
    root = workspace(make_workspace)
    delays = random.Random(12).sample([0.4, 0.6, 0.8, 1.0, 1.2, 1.5], 3)
    for delay in delays:
        build = subprocess.Popen([*SPINSHEET, "build"], cwd=root, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        build.send_signal(signal.SIGKILL)
        build.wait()
        whole_pdfs(root / "output")  # whatever is there is whole
    result = subprocess.run([*SPINSHEET, "build"], cwd=root, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert whole_pdfs(root / "output") == 12
    assert leftovers(root) == []


def test_a_dead_writers_leftover_goes_and_a_live_ones_stays(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = workspace(make_workspace)
    folder = root / "output" / "spot"
    folder.mkdir(parents=True)
    dead = folder / ".spot-A.pdf.999999999.x1.part"  # no such process
    live = folder / f".spot-A.pdf.{os.getpid()}.x2.part"  # this one: alive
    dead.write_bytes(b"%PDF-1.7 trunc")
    live.write_bytes(b"%PDF-1.7 trunc")
    assert run(root, "build").exit_code == 0
    assert not dead.exists() and live.exists()


@pytest.mark.parametrize(
    ("where", "error", "message"),
    [
        ("fsync", OSError(28, "No space left on device"), "No space left on device"),
        ("mkstemp", PermissionError(13, "Permission denied"), "Permission denied"),
    ],
)
def test_a_full_disk_or_a_read_only_folder_is_a_clear_error(
    make_workspace: MakeWorkspace,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    error: OSError,
    message: str,
) -> None:
    root = workspace(make_workspace)

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    target = "spinsheet.writing.os.fsync" if where == "fsync" else "tempfile.mkstemp"
    monkeypatch.setattr(target, fail)
    result = run(root, "build")
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.endswith(f"spot-A.pdf: error: cannot write: {message}"), first
    assert whole_pdfs(root / "output") == 0 and leftovers(root) == []


def test_two_builds_into_one_folder_leave_every_file_whole(make_workspace: MakeWorkspace) -> None:
    root = workspace(make_workspace)
    builds = [
        subprocess.Popen([*SPINSHEET, "build"], cwd=root, stderr=subprocess.PIPE) for _ in range(2)
    ]
    for build in builds:
        _, stderr = build.communicate(timeout=120)
        assert build.returncode == 0, stderr
    assert whole_pdfs(root / "output") == 12
    assert leftovers(root) == []


def test_a_killed_import_leaves_a_whole_passage_or_none(make_workspace: MakeWorkspace) -> None:
    sentence = "Critics say the reckless plan will fail, and many experts agree it is a disaster. "
    article = "\n\n".join(sentence * 20 for _ in range(60))
    root = make_workspace({"big.txt": article, "exercises/.keep": ""})
    command = [*SPINSHEET, "import", "text", "big.txt", "--id", "big", "--suggest"]
    for delay in random.Random(7).sample([0.5, 0.8, 1.1, 1.4, 1.8], 3):
        running = subprocess.Popen(command, cwd=root, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        running.send_signal(signal.SIGKILL)
        running.wait()
        if (root / "corpus" / "big.md").exists():  # whole: it checks
            check = subprocess.run([*SPINSHEET, "check"], cwd=root, capture_output=True)
            assert check.returncode == 0, check.stdout
            (root / "corpus" / "big.md").unlink()
    result = subprocess.run(command, cwd=root, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert leftovers(root) == []
