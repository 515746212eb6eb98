"""Shared helpers: inline workspaces, the CLI runner, and reading PDFs back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner, Result

from spinsheet.cli import app

FIXTURE_WORKSPACE = Path(__file__).parent / "fixtures" / "workspace"

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


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run the CLI in a workspace, as a teacher would from that folder."""

    def invoke(workspace: Path, *args: str) -> Result:
        monkeypatch.chdir(workspace)
        return CliRunner().invoke(app, list(args))

    return invoke


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace folded, as a reader would find it."""
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def folded(text: str) -> str:
    return " ".join(text.split())
