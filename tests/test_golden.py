"""Golden HTML for the fixture workspace.

After an intended change to templates or rendering, refresh with `make golden`
(`pytest tests/test_golden.py --update-golden`) and review the diff in git.
Every sheet inlines the same stylesheet; the golden sheets reference it
instead (`golden/worksheet.css`), so a change to it rewrites one file, not all.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from conftest import FIXTURE_WORKSPACE
from spinsheet.build import BuildOptions, plan
from spinsheet.render import Renderer
from spinsheet.workspace import load_workspace

GOLDEN = Path(__file__).parent / "golden"
STYLESHEET = "worksheet.css"
# In place of the inlined text; the cascade keeps its order, and a browser shows the golden styled.
REFERENCE = f'</style>\n<link rel="stylesheet" href="../{STYLESHEET}">\n<style>\n'


def rendered() -> dict[str, str]:
    """Each golden file's name and its text: the stylesheet, then every sheet referencing it."""
    workspace = load_workspace(FIXTURE_WORKSPACE)
    assert workspace.taxonomy is not None
    css = Renderer(workspace.root, workspace.taxonomy).env.get_template(STYLESHEET).render()
    out = FIXTURE_WORKSPACE / "output"
    pages = {STYLESHEET: css}
    for sheet in plan(workspace, BuildOptions(format="html")):
        assert sheet.html.count(css) == 1, sheet.path.name  # inlined, once
        pages[sheet.path.relative_to(out).as_posix()] = sheet.html.replace(css, REFERENCE)
    return pages


def golden_files() -> list[Path]:
    return [p for p in GOLDEN.rglob("*") if p.suffix in (".html", ".css")]


def test_html_matches_golden(request: pytest.FixtureRequest) -> None:
    pages = rendered()
    if request.config.getoption("--update-golden"):
        for old in golden_files():
            old.unlink()
        for name, text in pages.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten; review them with git diff")
    assert sorted(pages) == sorted(p.relative_to(GOLDEN).as_posix() for p in golden_files())
    for name, text in pages.items():
        golden = (GOLDEN / name).read_text(encoding="utf-8")
        if text != golden:
            diff = difflib.unified_diff(
                golden.splitlines(), text.splitlines(), f"golden/{name}", "rendered", lineterm=""
            )
            pytest.fail("\n".join(diff), pytrace=False)
