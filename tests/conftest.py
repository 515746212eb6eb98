"""Shared helpers: inline workspaces, the CLI runner, builds made once, and reading PDFs back."""

from __future__ import annotations

import functools
import gc
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner, Result

from spinsheet.cli import app

FIXTURE_WORKSPACE = Path(__file__).parent / "fixtures" / "workspace"
REPO = Path(__file__).resolve().parents[1]
pytest_plugins = ["browser"]  # the chromium, page and network_requests fixtures

MakeWorkspace = Callable[[dict[str, str | bytes]], Path]
Run = Callable[..., Result]

GOOD_PASSAGE = """\
---
title: A Small Town Row
---
The mayor's [reckless]{.loaded #reckless type="emotive" why="Judges before showing." neutral="sudden"} plan.

[Experts agree]{.unsourced #experts type="vague-attribution" why="No expert is named." ask="Which experts?" check="The council report."} it will fail.
"""

GOOD_EXERCISE = """\
title: Spot It
passages: [town]
activities:
  - kind: spot
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from tests/fixtures/workspace/ (intended changes only)",
    )


@pytest.fixture
def make_workspace(tmp_path: Path) -> MakeWorkspace:
    """Write a workspace from {relative path: content}; corpus/ and exercises/ always exist."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "ws"
        for folder in ("corpus", "exercises"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


def cli(workspace: Path, *args: str) -> Result:
    """Run the CLI on a workspace, as a teacher would: `spinsheet --workspace DIR …`."""
    return CliRunner().invoke(app, ["--workspace", str(workspace), *args])


@pytest.fixture
def run() -> Run:
    return cli


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture workspace (written apart from the samples), built once to PDF.

    Its tests live in test_build.py: pytest-xdist gives each file to one worker
    (`--dist loadfile`), so this is built once per run.
    """
    root = tmp_path_factory.mktemp("fixture") / "ws"
    shutil.copytree(FIXTURE_WORKSPACE, root)
    result = cli(root, "build")
    assert result.exit_code == 0, result.output
    return root


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The slow tests first, so that the cores share them (see pytest_xdist_make_scheduler).
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


# Files whose tests share no build: under pytest-xdist, each of their tests goes on its own.
SPREAD = ("tests/test_samples.py",)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Give pytest-xdist workers a file at a time, so a build its tests share is made once,
    except the files in SPREAD, whose tests go one at a time; in collection order."""
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuilds(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return nodeid if path in SPREAD else path

    return SharedBuilds(config, log)


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace folded, as a reader would find it."""
    stat = path.stat()
    return _pdf_text(path.resolve(), stat.st_ino, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _pdf_text(path: Path, inode: int, mtime_ns: int, size: int) -> str:
    # Several tests read the same built PDF; its inode, time and size tell a rewrite apart.
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def folded(text: str) -> str:
    return " ".join(text.split())


def pytest_collection_finish(session: pytest.Session) -> None:
    # Everything alive now (modules, collected tests) stays alive: keep the cyclic garbage
    # collector from scanning it again and again while WeasyPrint lays out pages.
    # That saves about a twelfth of the slow sample build.
    gc.freeze()
