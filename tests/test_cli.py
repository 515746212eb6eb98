"""The command line: help, listings, showing a passage, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOOD_EXERCISE, GOOD_PASSAGE, MakeWorkspace, Run
from spinsheet.cli import app
from spinsheet.taxonomy import load_taxonomy


def test_help_does_not_import_weasyprint() -> None:
    code = (
        "import sys\n"
        "from spinsheet.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "for name in ('build', 'check', 'list', 'show', 'init', 'import', 'suggest', 'accept',"
        " 'reject', 'preview'):\n"
        "    try:\n        app([name, '--help'])\n    except SystemExit:\n        pass\n"
        "print('weasyprint' in sys.modules or 'trafilatura' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "False"


def test_every_command_has_help() -> None:
    import typer.main

    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        assert command.help, name


def test_list_shows_passages_with_span_counts_and_exercises(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/spot.yaml": GOOD_EXERCISE})
    result = run(root, "list")
    assert result.exit_code == 0
    listing, taxonomy = result.stdout.split("\n\nTaxonomy (<built-in taxonomy.yaml>)\n")
    assert listing == (
        "Passages\n"
        "  town  A Small Town Row  (1 loaded, 1 unsourced, 0 sourced)\n"
        "\n"
        "Exercises\n"
        "  spot  Spot It  (town; spot; 1 variant, letter)"
    )
    built_in = load_taxonomy(root)
    for kind in built_in.kinds.values():
        assert f"  {kind.id}: {kind.name}. Ask: {kind.question}\n" in taxonomy
        for t in kind.types.values():
            assert f"    {t.id}: {t.name}. {t.definition}\n" in taxonomy + "\n"


def test_show_marks_and_numbers_spans(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE})
    result = run(root, "show", "town")
    assert result.exit_code == 0
    assert result.stdout == (
        "A Small Town Row\n"
        "corpus/town.md · 2 spans\n"
        "\n"
        "  1  The mayor's ⟦L1\u00a0reckless⟧ plan.\n"
        "\n"
        "  2  ⟦U1\u00a0Experts agree⟧ it will fail.\n"
        "\n"
        "  L1 ¶1 loaded/emotive #reckless: “reckless”\n"
        "       why: Judges before showing.\n"
        "       neutral: sudden\n"
        "  U1 ¶2 unsourced/vague-attribution #experts: “Experts agree”\n"
        "       why: No expert is named.\n"
        "       ask: Which experts?\n"
        "       check: The council report.\n"
    )


def test_show_reports_a_broken_or_missing_passage(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace({"corpus/bad.md": "---\ntitle: [x\n---\n"})
    broken = run(root, "show", "bad")
    assert (broken.exit_code, broken.stderr) == (
        1,
        "corpus/bad.md:2:8: error: invalid YAML: while parsing a flow sequence; "
        "expected ',' or ']', but got '<stream end>'\n1 error.\n",
    )
    missing = run(root, "show", "nope")
    assert (missing.exit_code, missing.stderr) == (1, "error: no passage 'nope' in corpus/\n")


def test_bad_options_are_usage_errors(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace({})
    assert run(root, "build", "--variants", "27").exit_code == 2
    assert run(root, "build", "--paper", "legal").exit_code == 2
    assert run(root, "check", "missing.md").exit_code == 2
    assert run(root, "frobnicate").exit_code == 2


def test_workspace_option_works_as_if_started_there(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "exercises/spot.yaml": GOOD_EXERCISE,
            "article.txt": "Title\n\nSome text.\n",
            "map.yaml": "Person: nonsense\n",
        }
    )
    assert not (Path.cwd() / "corpus" / "town.md").exists()  # not started in the workspace
    check = run(root, "check", "corpus/town.md")
    assert (check.exit_code, check.stdout) == (0, "Checked 1 file: 0 errors, 0 warnings.\n")
    built = run(root, "build", "--out", "prints", "--format", "html")
    assert built.stdout.splitlines()[:2] == [
        "prints/spot/spot-A.html",
        "prints/spot/spot-A-key.html",
    ]
    mapped = run(root, "import", "text", "article.txt", "--map", "map.yaml")
    assert mapped.exit_code == 1
    assert mapped.stderr.startswith("map.yaml:1:9: error: 'nonsense' is not a kind")
    outside = run(root, "check", "..")
    assert outside.exit_code == 2 and "'..' is outside the workspace" in outside.output


HEAVY = ("weasyprint", "jinja2", "trafilatura", "lxml", "pypdf", "hypothesis", "pydantic", "babel")


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["list"],
        ["show", "town"],
        ["suggest", "corpus/town.md"],
        ["accept", "town"],
        ["reject", "town"],
    ],
)
def test_commands_load_only_what_they_use(
    make_workspace: MakeWorkspace, command: list[str]
) -> None:
    # Start-up is most of a quick command's time: only build loads WeasyPrint and Jinja.
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/spot.yaml": GOOD_EXERCISE})
    script = (
        "import sys\nfrom typer.testing import CliRunner\nfrom spinsheet.cli import app\n"
        f"result = CliRunner().invoke(app, {command!r})\n"
        "assert result.exit_code == 0, result.output\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]", loaded
