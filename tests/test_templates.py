"""Templates: a workspace overrides single files; template mistakes name file and line."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import GOOD_EXERCISE, GOOD_PASSAGE, MakeWorkspace, Run

BASE = {"corpus/town.md": GOOD_PASSAGE, "exercises/spot.yaml": GOOD_EXERCISE}


def html_of(root: Path, run: Run, name: str = "spot-A.html") -> str:
    result = run(root, "build", "--format", "html")
    assert result.exit_code == 0, result.output
    return (root / "output" / "spot" / name).read_text()


def test_a_workspace_template_replaces_one_file(make_workspace: MakeWorkspace, run: Run) -> None:
    override = (
        "<section class='mine'>{{ activity.title }}: {{ activity.items | length }}</section>\n"
    )
    root = make_workspace({**BASE, "templates/activities/spot.html": override})
    html = html_of(root, run)
    assert "<section class='mine'>Spot the spin: 2</section>" in html
    assert "Name</span>" in html  # the rest is still the built-in worksheet


def test_an_override_can_extend_the_built_in_file(make_workspace: MakeWorkspace, run: Run) -> None:
    override = (
        '{% extends "default:worksheet.html" %}\n'
        "{% block header %}<p>Room 12</p>{{ super() }}{% endblock %}\n"
    )
    root = make_workspace({**BASE, "templates/worksheet.html": override})
    html = html_of(root, run)
    assert "<p>Room 12</p>" in html and "<h1>Spot It</h1>" in html


def test_template_syntax_error_names_the_file_and_line(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({**BASE, "templates/activities/spot.html": "ok\n{% if %}\n"})
    # check reads templates as build does, and says where, as for any file.
    expected = (
        "templates/activities/spot.html:2:1: error: Expected an expression, got 'end of "
        "statement block'"
    )
    assert run(root, "check").stdout.splitlines()[0] == expected
    result = run(root, "build")
    assert result.exit_code == 1
    assert result.stderr == f"{expected}\n1 error; nothing was written.\n"
    assert not (root / "output").exists()


def test_unknown_name_in_a_template_is_an_error_not_a_blank(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({**BASE, "templates/activities/spot.html": "\n\n{{ activty.title }}\n"})
    # Found by check, which tries a workspace's templates, as for any file.
    result = run(root, "build")
    assert (result.exit_code, result.stderr) == (
        1,
        "templates/activities/spot.html:3:1: error: 'activty' is undefined\n"
        "1 error; nothing was written.\n",
    )


def test_missing_template_lists_where_it_looked(make_workspace: MakeWorkspace, run: Run) -> None:
    override = '{% include "nowhere.html" %}'
    root = make_workspace({**BASE, "templates/worksheet.html": override})
    result = run(root, "build")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "templates/worksheet.html:1:1: error: template 'nowhere.html' not found; looked in: "
        f"{root / 'templates'}, "
    )


def test_the_wheel_carries_the_templates_and_taxonomy(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=repo,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("spinsheet-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        p.relative_to(repo / "templates").as_posix() for p in (repo / "templates").rglob("*.*")
    }
    assert {f"spinsheet/templates/{n}" for n in shipped} <= names
    assert {"spinsheet/taxonomy.yaml", "spinsheet/py.typed"} <= names


def test_a_python_error_in_a_template_is_reported_not_raised(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({**BASE, "templates/activities/spot.html": "{{ activity.title + 1 }}\n"})
    result = run(root, "build")
    assert (result.exit_code, result.stderr) == (
        1,
        'templates/activities/spot.html:1:1: error: TypeError: can only concatenate str (not "int") '
        "to str\n1 error; nothing was written.\n",
    )
