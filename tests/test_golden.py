"""Golden HTML for the fixture workspace.

After an intended change to templates or rendering, refresh with `make golden`
(`pytest tests/test_golden.py --update-golden`) and review the diff in git.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from conftest import FIXTURE_WORKSPACE
from spinsheet.build import BuildOptions, plan
from spinsheet.workspace import load_workspace

GOLDEN = Path(__file__).parent / "golden"


def rendered() -> dict[str, str]:
    workspace = load_workspace(FIXTURE_WORKSPACE)
    out = FIXTURE_WORKSPACE / "output"
    sheets = plan(workspace, BuildOptions(format="html"))
    return {sheet.path.relative_to(out).as_posix(): sheet.html for sheet in sheets}


def test_html_matches_golden(request: pytest.FixtureRequest) -> None:
    pages = rendered()
    if request.config.getoption("--update-golden"):
        for old in GOLDEN.rglob("*.html"):
            old.unlink()
        for name, html in pages.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(html, encoding="utf-8")
        pytest.skip("golden files rewritten; review them with git diff")
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.html"))
    assert sorted(pages) == expected
    for name, html in pages.items():
        golden = (GOLDEN / name).read_text(encoding="utf-8")
        if html != golden:
            diff = difflib.unified_diff(
                golden.splitlines(), html.splitlines(), f"golden/{name}", "rendered", lineterm=""
            )
            pytest.fail("\n".join(diff), pytrace=False)
