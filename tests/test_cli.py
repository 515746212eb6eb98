"""The command line: help, listings, showing a passage, exit codes."""

from __future__ import annotations

import subprocess
import sys

from conftest import GOOD_EXERCISE, GOOD_PASSAGE, MakeWorkspace, Run
from spinsheet.cli import app


def test_help_does_not_import_weasyprint() -> None:
    code = (
        "import sys\n"
        "from spinsheet.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "for name in ('build', 'check', 'list', 'show'):\n"
        "    try:\n        app([name, '--help'])\n    except SystemExit:\n        pass\n"
        "print('weasyprint' in sys.modules)\n"
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
    assert result.stdout == (
        "Passages\n"
        "  town  A Small Town Row  (1 loaded, 1 unsourced)\n"
        "\n"
        "Exercises\n"
        "  spot  Spot It  (town; spot; 1 variant, letter)\n"
        "\n"
        "Taxonomy (<built-in taxonomy.yaml>)\n"
        "  loaded: Loaded language\n"
        "    emotive: Emotive word. A word that pushes a feeling (anger, fear, pity) instead of describing.\n"
        "    label: Label or name-calling. A name stuck on a person or group so you judge them before you know the facts.\n"
        "    exaggeration: Exaggeration. Making something sound bigger, worse or more certain than the facts show.\n"
        '    said-verb: Loaded "said" word. A verb like "admitted" or "claimed" used instead of "said" to hint that someone is guilty or lying.\n'
        "  unsourced: Claim with no source\n"
        '    vague-attribution: Vague "someone says". The claim hides behind "experts", "many people" or "observers" without naming anyone.\n'
        "    anonymous-source: Anonymous source. The claim comes from someone the writer does not name, so you cannot check them.\n"
        "    sweeping-claim: Sweeping claim. A big statement about everyone or everything, given with no evidence.\n"
    )


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
