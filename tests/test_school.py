"""A school edition of raw text (issue 11): [sic], omitted paragraphs, anonymised handles,
content notes on the student sheet and annotated headlines, each read back from real PDFs."""

from __future__ import annotations

from conftest import MakeWorkspace, Run, pdf_text

SIC = """\
---
title: Sects
---
Most of the city is [Shite]{.sic}, and [the council chose a [Shite]{.sic} [regime]{.loaded type="label" why="Judges." neutral="government"} for it]{.unsourced type="opinion-as-fact" why="No evidence." ask="Who says?" check="Records."}.
"""


def test_sic_prints_after_the_writers_spelling_on_both_editions(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    exercise = "title: T\npassages: [s]\nactivities:\n  - kind: spot\n  - kind: who-says\n"
    root = make_workspace({"corpus/s.md": SIC, "exercises/e.yaml": exercise})
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for edition in ("e-A", "e-A-key"):
        text = pdf_text(root / "output" / "e" / f"{edition}.pdf")
        assert "Most of the city is Shite [sic], and" in text
        # Inside a span too: the claim an item quotes keeps it.
        assert text.count("chose a Shite [sic] regime for it") == 2, edition
        assert "{.sic}" not in text and "Shite]" not in text


def test_sic_takes_nothing_else(make_workspace: MakeWorkspace, run: Run) -> None:
    passage = SIC.replace("[Shite]{.sic},", '[Shite]{.sic why="Spelling."},')
    root = make_workspace({"corpus/s.md": passage})
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "corpus/s.md:4:34: error: '.sic' marks the writer's own wording, printed with [sic]; it "
        "takes no other kind, id or attribute (put it in a span of its own)"
    )
