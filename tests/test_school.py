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


FIVE = """\
---
title: Five Comments
genre: comment
omit: [2, 4-5]
omit_reason: graphic violence
---
**Ann:** The [reckless]{.loaded type="emotive" why="Judges." neutral="quick"} plan passed.

**Bob:** The [gory]{.loaded type="emotive" why="Horror." neutral="hard"} scene was shown.

**Cy:** [Everyone hates it]{.unsourced type="sweeping-claim" why="No poll." ask="Who?" check="Polls."}.

**Di:** A [bloodbath]{.loaded type="emotive" why="Horror." neutral="fight"} followed.

**Ed:** It was [grisly]{.loaded type="emotive" why="Horror." neutral="bad"} to watch.
"""


def test_omitted_paragraphs_never_print_and_the_key_says_why(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    exercise = "title: T\npassages: [f]\nactivities:\n  - kind: {}\n"
    root = make_workspace(
        {
            "corpus/f.md": FIVE,
            "exercises/e.yaml": exercise.format("spot"),
            "exercises/r.yaml": exercise.format("rewrite"),
        }
    )
    check = run(root, "check")
    assert check.stdout == "Checked 3 files: 0 errors, 0 warnings.\n"
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for edition in ("e/e-A", "e/e-A-key", "r/r-A", "r/r-A-key"):
        text = pdf_text(root / "output" / f"{edition}.pdf")
        for word in ("gory", "bloodbath", "grisly", "Bob", "Di:", "Ed:"):
            assert word not in text, (edition, word)
        # The numbers stay those of the full passage, and the gaps are said.
        assert "[Paragraph 2 is left out of this edition.] 3 Cy:" in text
        assert "[Paragraphs 4–5 are left out of this edition.]" in text
        assert "1 reckless" in text or "1 Ann:" in text
    key = pdf_text(root / "output" / "e" / "e-A-key.pdf")
    assert "Left out of this edition: paragraphs 2 and 4–5 (graphic violence)." in key
    # Spot counts only what students can see: one loaded word, one claim.
    student = pdf_text(root / "output" / "e" / "e-A.pdf")
    assert "Find 1 loaded word or phrase to underline and 1 claim with no source" in student


def test_omit_is_checked(make_workspace: MakeWorkspace, run: Run) -> None:
    beyond = FIVE.replace("omit: [2, 4-5]", "omit: [2, 9]")
    unexplained = FIVE.replace("omit_reason: graphic violence\n", "")
    root = make_workspace({"corpus/beyond.md": beyond, "corpus/why.md": unexplained})
    result = run(root, "check")
    assert result.stdout.splitlines()[:2] == [
        "corpus/beyond.md:4:7: error: 'omit' names paragraph 9, but the passage has 5 paragraphs",
        "corpus/why.md:4:7: warning: say why these paragraphs are left out with "
        "'omit_reason': the key prints it",
    ]
