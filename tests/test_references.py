"""Research said out loud (issue 10, point 12): the instructions say where to look, and an
exercise can print other sources after its activities so the research works offline."""

from __future__ import annotations

from conftest import GOOD_PASSAGE, MakeWorkspace, Run, pdf_text
from spinsheet.catalogue import RESEARCH_ELSEWHERE, RESEARCH_HERE

REPORT = """\
---
title: Council Planning Report, Spring
author: Planning Office
rights: Written for spinsheet's tests.
---
The park will close for twelve weeks while the pond is relined.

No expert named in the press has written to the council about the works.
"""


# Who-says and source-check each need a claim of their own.
TWO_CLAIMS = GOOD_PASSAGE + (
    '\n[The pond has leaked for years]{.unsourced type="sweeping-claim" why="No evidence." '
    'ask="Who measured it?" check="Council records."}.\n'
)


def exercise(extra: str = "") -> str:
    return (
        f"title: Research\npassages: [town]\n{extra}activities:\n"
        "  - kind: who-says\n    count: 1\n    instructions: Ask who could be behind each claim.\n"
        "  - kind: source-check\n"
    )


def test_research_needs_are_said_and_other_sources_print_after_the_activities(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace(
        {
            "corpus/town.md": TWO_CLAIMS,
            "corpus/report.md": REPORT,
            "exercises/plain.yaml": exercise(),
            "exercises/offline.yaml": exercise("references: [report]\n"),
        }
    )
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for edition in ("A", "A-key"):
        plain = pdf_text(root / "output" / "plain" / f"plain-{edition}.pdf")
        offline = pdf_text(root / "output" / "offline" / f"offline-{edition}.pdf")
        # A teacher's own instructions keep the note on where research happens.
        assert f"Ask who could be behind each claim. {RESEARCH_ELSEWHERE}" in plain
        assert plain.count(RESEARCH_ELSEWHERE) == 2 and "Other sources" not in plain
        assert offline.count(RESEARCH_HERE) == 2 and RESEARCH_ELSEWHERE not in offline
        last_activity = offline.rindex("Check the source")
        others = offline.index("Other sources")
        assert others > last_activity  # after every activity
        assert "Council Planning Report, Spring Planning Office" in offline[others:]
        assert "The park will close for twelve weeks" in offline[others:]


def test_references_are_checked(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "exercises/e.yaml": exercise("references: [town, nowhere]\n"),
        }
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "exercises/e.yaml:3:14: error: 'town' is one of the exercise's passages; a reference is "
        "another text",
        "exercises/e.yaml:3:20: error: no passage 'nowhere' in corpus/ (looked for "
        "corpus/nowhere.md)",
    ]
