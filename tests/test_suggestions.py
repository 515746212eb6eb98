"""Suggestions in passages: marked by `suggest`, shown, reported, kept off worksheets until accepted."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import MakeWorkspace, Run, pdf_text

PASSAGE = """\
---
title: The Budget Vote
---
The mayor [admitted]{.loaded type="said-verb" why="Suggests a confession." neutral="said"} on Tuesday that the budget would rise.

Her rivals slammed the plan, and experts say it will fail.
"""
EXERCISE = "title: Spot\npassages: [vote]\nactivities:\n  - kind: spot\n"


def _suggested(root: Path, run: Run) -> str:
    result = run(root, "suggest", "vote")
    assert result.exit_code == 0, result.output
    return (root / "corpus" / "vote.md").read_text()


def test_suggest_marks_prose_only_and_check_reports_each(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"corpus/vote.md": PASSAGE, "exercises/spot.yaml": EXERCISE})
    text = _suggested(root, run)
    assert '[admitted]{.loaded type="said-verb"' in text  # the teacher's span, untouched
    assert "[[admitted]" not in text
    assert '[slammed]{.loaded suggested="' in text
    assert '[experts say]{.unsourced suggested="' in text
    check = run(root, "check")
    assert check.exit_code == 0
    lines = [line for line in check.stdout.splitlines() if "suggested" in line]
    assert len(lines) == 2
    assert lines[0].startswith(
        "corpus/vote.md:6:12: warning: suggested loaded span #slammed (score "
    )
    assert lines[0].endswith(
        "is not on any worksheet until you accept it: remove 'suggested=…', "
        "or run 'spinsheet accept vote slammed'"
    )
    shown = run(root, "show", "vote").stdout
    assert "Suggested, not on any worksheet until accepted" in shown
    assert "#slammed: “slammed”" in shown
    again = run(root, "suggest", "vote")  # what is marked is not proposed twice
    assert again.stdout.startswith("corpus/vote.md: 0 suggestions")


def test_a_suggestion_reaches_worksheets_only_once_accepted(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"corpus/vote.md": PASSAGE, "exercises/spot.yaml": EXERCISE})
    text = _suggested(root, run)
    assert run(root, "build").exit_code == 0
    key = pdf_text(root / "output" / "spot" / "spot-A-key.pdf")
    assert "admitted" in key and "Suggests a confession." in key
    assert "L2" not in key and "U1" not in key  # one span marked, no more
    ids = re.findall(r"\[([^\]]*)\]\{\.\w+ suggested", text)
    slugs = ["-".join(i.lower().split()) for i in ids]
    unknown = run(root, "accept", "vote", "nope")
    assert unknown.exit_code == 1
    assert unknown.output == (
        f"corpus/vote.md: error: no suggestion nope; its suggestions: {', '.join(slugs)}\n"
    )
    assert (root / "corpus" / "vote.md").read_text() == text
    accepted = run(root, "accept", "vote", slugs[0])
    assert accepted.exit_code == 0, accepted.output
    assert accepted.stdout.startswith("corpus/vote.md: accepted 1 suggestion.\n")
    rejected = run(root, "reject", "vote")
    assert rejected.stdout.startswith("corpus/vote.md: rejected 1 suggestion.\n")
    after = (root / "corpus" / "vote.md").read_text()
    assert "suggested=" not in after and "experts say]" not in after
    assert f"[{ids[0]}]{{.loaded type=" in after
    assert run(root, "build").exit_code == 0
    key = pdf_text(root / "output" / "spot" / "spot-A-key.pdf")
    assert "L2" in key and "U1" not in key


def test_suggest_json_counts_offsets_in_the_file_as_read(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    text = "\ufeffHeadline\r\n\r\nOfficials admitted \U0001f600 the plan. Critics slammed it.\r\n"
    root = make_workspace({"story.txt": text.encode()})
    result = run(root, "suggest", "story.txt", "--json")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, result.output
    for record in records:
        assert text[record["start"] : record["end"]] == record["text"]
        assert set(record) >= {"start", "end", "kind", "type", "text", "score"}
    assert "slammed" in [r["text"] for r in records]
    assert not list((root / "corpus").iterdir())


def test_import_with_suggest_marks_an_article_in_one_step(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"a.txt": "Budget Row\n\nCritics slammed the reckless plan.\n"})
    result = run(root, "import", "text", "a.txt", "--suggest")
    assert result.exit_code == 0, result.output
    assert "to review" in result.stdout
    assert 'suggested="' in (root / "corpus" / "a.md").read_text()
