"""Point 16, length: check estimates a sheet's minutes; an exercise may print an excerpt."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeWorkspace, Run, pdf_text

# Four paragraphs, one loaded span (with a neutral wording) in each.
FOUR = """\
---
title: Four Paragraphs
---
First the [furious]{.loaded #one type="emotive" why="Feeling." neutral="angry"} mayor spoke.

Then the [reckless]{.loaded #two type="emotive" why="Judges." neutral="sudden"} plan came.

Next the [shameful]{.loaded #three type="emotive" why="Judges." neutral="late"} vote was held.

Last the [disastrous]{.loaded #four type="emotive" why="Judges." neutral="costly"} bill arrived.
"""
OTHER = FOUR.replace("Four Paragraphs", "Other Paragraphs")


def test_check_warns_when_the_estimate_exceeds_minutes(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    exercise = "title: Long\npassages: [four]\nminutes: 2\nactivities:\n  - kind: rewrite\n"
    root = make_workspace({"corpus/four.md": FOUR, "exercises/long.yaml": exercise})
    result = run(root, "check")
    # 21 words: 1 minute of reading; 4 rewrites at 2 minutes each: 8.
    assert result.stdout.splitlines()[0] == (
        "exercises/long.yaml:3:10: warning: the sheet takes about 9 minutes (reading 21 words "
        "at 150 a minute, 1 minute; activities, 8 minutes), more than its 2: print an "
        "'excerpt' of a passage, ask for fewer items with 'count', or allow more 'minutes'"
    )


def test_the_estimate_counts_only_the_excerpt(make_workspace: MakeWorkspace, run: Run) -> None:
    exercise = (
        "title: Short\npassages: [four]\nminutes: 5\nexcerpt: {four: 2-3}\n"
        "activities:\n  - kind: rewrite\n"
    )
    root = make_workspace({"corpus/four.md": FOUR, "exercises/short.yaml": exercise})
    result = run(root, "check", "--strict")
    assert result.exit_code == 0, result.stdout  # 11 words and two rewrites: 5 minutes


EXCERPT = """\
title: Middle
passages: [four]
excerpt:
  four: 2-3
activities:
  - kind: spot
  - kind: rewrite
variants: 3
"""


def test_an_excerpt_prints_only_its_paragraphs_with_their_numbers(
    make_workspace: MakeWorkspace, run: Run, tmp_path: Path
) -> None:
    root = make_workspace({"corpus/four.md": FOUR, "exercises/middle.yaml": EXCERPT})
    result = run(root, "build", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    for variant in "ABC":
        for name in (f"middle-{variant}.pdf", f"middle-{variant}-key.pdf"):
            text = pdf_text(tmp_path / "out" / "middle" / name)
            assert "An excerpt: paragraphs 2–3 of 4, numbered as in the original." in text
            # Each paragraph under its number in the original: 2 and 3 only.
            passage = text.replace("L1 ", "").replace("L2 ", "")
            assert "2 Then the reckless plan came. 3 Next the shameful vote was held." in passage
            # Neither the paragraphs outside nor their spans, in the passage or any activity.
            for word in ("First", "furious", "angry", "Last", "disastrous", "costly"):
                assert word not in text, (name, word)
    key = pdf_text(tmp_path / "out" / "middle" / "middle-A-key.pdf")
    assert "Find 2 loaded words or phrases to underline." in key
    assert "sudden" in key and "late" in key  # both rewrites: all the excerpt holds


def test_excerpt_problems_are_reported_at_their_place(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    exercise = """\
title: Wrong
passages: [four, other]
excerpt:
  four: 2-9
  elsewhere: 1-2
  other: 2-3
activities:
  - kind: spot
    passage: other
    paragraphs: 1-3
  - kind: compare
    passages: [other, four]
    pairs:
      - [other#one, four#two]
"""
    root = make_workspace(
        {"corpus/four.md": FOUR, "corpus/other.md": OTHER, "exercises/wrong.yaml": exercise}
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:4] == [
        "exercises/wrong.yaml:4:9: error: 'excerpt' of 'four' goes up to paragraph 9, "
        "but the passage has 4 paragraphs",
        "exercises/wrong.yaml:5:3: error: 'excerpt' names 'elsewhere', not one of the "
        "exercise's passages (four, other)",
        "exercises/wrong.yaml:10:17: error: 'paragraphs' paragraphs 1–3 are not all in the "
        "excerpt of 'other' the sheet prints (paragraphs 2–3)",
        "exercises/wrong.yaml:14:10: error: span '#one' is in paragraph 1, outside the excerpt "
        "of 'other' the sheet prints (paragraphs 2–3)",
    ]


def test_check_warns_when_a_printed_why_points_outside_the_excerpt(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    pointing = FOUR.replace('why="Judges." neutral', 'why="Compare paragraph 4." neutral', 1)
    exercise = (
        "title: Middle\npassages: [four]\nexcerpt:\n  four: 2-3\nactivities:\n  - kind: rewrite\n"
    )
    root = make_workspace({"corpus/four.md": pointing, "exercises/middle.yaml": exercise})
    result = run(root, "check")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "exercises/middle.yaml:4:9: warning: the excerpt of 'four' (paragraphs 2–3) leaves out "
        "paragraph 4, which the 'why' of span '#two' (corpus/four.md:6) refers to: widen the "
        "excerpt, or say what is meant without its number"
    )
    (root / "exercises" / "middle.yaml").write_text(exercise.replace("2-3", "2-4"))
    assert run(root, "check").stdout == "Checked 2 files: 0 errors, 0 warnings.\n"
