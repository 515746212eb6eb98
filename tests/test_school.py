"""A school edition of raw text (issue 11): [sic], omitted paragraphs, anonymised handles,
content notes on the student sheet and annotated headlines, each read back from real PDFs."""

from __future__ import annotations

import re

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
handles: keep
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
    headline = FIVE.replace("omit: [2, 4-5]", "omit: [0, 2]")
    unexplained = FIVE.replace("omit_reason: graphic violence\n", "")
    root = make_workspace(
        {"corpus/beyond.md": beyond, "corpus/why.md": unexplained, "corpus/h.md": headline}
    )
    result = run(root, "check")
    assert result.stdout.splitlines()[:3] == [
        "corpus/beyond.md:5:7: error: 'omit' names paragraph 9, but the passage has 5 paragraphs",
        "corpus/h.md:5:7: error: 'omit' cannot leave out the headline (paragraph 0): every "
        "sheet prints it",
        "corpus/why.md:5:7: warning: say why these paragraphs are left out with "
        "'omit_reason': the key prints it",
    ]


REPLIES = """\
---
title: Replies
genre: comment
handles: anonymise
content_notes: [insults, violent language]
---
**Big Lies:** The [reckless]{.loaded type="emotive" why="Judges." neutral="quick"} plan passed.

**Thraxite:** [Everyone hates it]{.unsourced type="sweeping-claim" why="No poll." ask="Who?" check="Polls."}.

**Big Lies:** Thraxite is wrong, as @Thraxite knows.
"""


def test_handles_are_anonymised_in_order_on_both_editions(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    exercise = (
        "title: T\npassages: [r]\nactivities:\n  - kind: spot\n    paragraphs: 1\n"
        "  - kind: who-says\n"
    )
    root = make_workspace({"corpus/r.md": REPLIES, "exercises/e.yaml": exercise})
    assert run(root, "check").stdout == "Checked 2 files: 0 errors, 0 warnings.\n"
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for edition in ("e-A", "e-A-key"):
        text = pdf_text(root / "output" / "e" / f"{edition}.pdf")
        assert "Big Lies" not in text and "Thraxite" not in text, edition
        assert "1 Commenter 1: The" in text and "2 Commenter 2:" in text
        # The same writer keeps the number, mentions of a writer included.
        assert "3 Commenter 1: Commenter 2 is wrong, as @Commenter 2 knows." in text
        # The content note is on the student sheet too, before the passage.
        assert "Before you read: this text includes insults and violent language. 1" in text
    key = pdf_text(root / "output" / "e" / "e-A-key.pdf")
    assert "Only the writer of the comment (Commenter 2), who names no source." in key


def test_check_asks_for_a_decision_on_handles_and_on_sensitive_content(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    passage = REPLIES.replace("handles: anonymise\n", "").replace(
        "[insults, violent language]", "[slurs, references to sexual abuse]"
    )
    exercise = "title: T\npassages: [r]\nactivities:\n  - kind: spot\n"
    root = make_workspace({"corpus/r.md": passage, "exercises/e.yaml": exercise})
    assert run(root, "check").stdout.splitlines() == [
        "corpus/r.md:3:8: warning: a comment passage prints its writers' screen names: add "
        "'handles: anonymise' to print Commenter 1, Commenter 2…, or 'handles: keep'",
        "exercises/e.yaml:2:12: warning: passage 'r' prints whole, with content notes: slurs, "
        "references to sexual abuse; leave paragraphs out with 'omit' in its front matter or "
        "print an 'excerpt' of it (the whole passage, if you decide to keep it all)",
        "Checked 2 files: 0 errors, 2 warnings.",
    ]
    decided = exercise.replace("activities:", "excerpt:\n  r: 1-3\nactivities:")
    (root / "exercises" / "e.yaml").write_text(decided)
    assert run(root, "check").stdout.splitlines()[1] == "Checked 2 files: 0 errors, 1 warning."


HEADLINE = """\
---
title: "Council [Slams]{.loaded #slams type=\\"said-verb\\" why=\\"Drama.\\" neutral=\\"Criticises\\"} Bridge Plan"
author: A. Writer
---
The mayor [insisted]{.loaded type="said-verb" why="Stubborn." neutral="said"} the plan was fine.

[Everyone agrees it failed]{.unsourced type="sweeping-claim" why="No poll." ask="Who?" check="Polls."}.
"""


def test_headline_spans_print_on_both_editions_and_count_as_paragraph_0(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    # An excerpt always prints the headline: paragraphs from 0 are within it.
    exercise = (
        "title: T\npassages: [h]\nexcerpt:\n  h: 1-2\nactivities:\n  - kind: spot\n"
        "    paragraphs: 1-2\n  - kind: said-verb\n    paragraphs: 0-1\n"
    )
    root = make_workspace({"corpus/h.md": HEADLINE, "exercises/e.yaml": exercise})
    assert run(root, "check").stdout == "Checked 2 files: 0 errors, 0 warnings.\n"
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    student = pdf_text(root / "output" / "e" / "e-A.pdf")
    key = pdf_text(root / "output" / "e" / "e-A-key.pdf")
    assert "Council Slams Bridge Plan A. Writer" in student
    assert "Council L1 Slams Bridge Plan" in key  # marked like a body span
    assert "1 The mayor insisted the plan was fine. 2 Everyone" in student  # numbers from 1
    # said-verb asks about the headline's verb, and says where it is.
    verbs = student.split("Said, or something else?", 1)[1]
    assert re.search(r"Council _+ Bridge Plan \(headline\)", verbs)
    # "Slams" is no form the list knows, and nothing follows it that says which verbs fit:
    # only the writer's and the neutral one, not "Council Admitted Bridge Plan".
    assert re.search(r"\(headline\) (Criticises Slams|Slams Criticises) What", verbs), verbs


def test_headline_spans_are_checked_at_their_place(make_workspace: MakeWorkspace, run: Run) -> None:
    broken = HEADLINE.replace('type=\\"said-verb\\"', 'type=\\"shouting\\"')
    root = make_workspace({"corpus/h.md": broken})
    result = run(root, "check")
    assert result.stdout.splitlines()[0] == (
        "corpus/h.md:2:40: error: unknown loaded type 'shouting'; expected one of: emotive, "
        "label, exaggeration, euphemism, doubt, said-verb, editorialising, us-vs-them"
    )
