"""Items a student can answer and a key a teacher can mark (issue 10: points 1, 2 and 9).

Each rule is checked on built PDFs read back, and `check` says where it leaves too few items.
"""

from __future__ import annotations

import re

from conftest import MakeWorkspace, Run, pdf_text
from spinsheet.build import BuildOptions, plan
from spinsheet.comparing import difference
from spinsheet.model import Span
from spinsheet.workspace import load_workspace

MASKED = re.compile(r"(?<![\w*])[^\W\d_]\*{2,}(?![\w*])")

# Reader comments: two loaded spans and one claim sit in sentences with a listed word.
COMMENTS = """\
---
title: Comments on the bridge
genre: comment
handles: keep
---
**Reader1:** The council is [reckless]{.loaded type="emotive" why="Judges it." neutral="hasty"} and the mayor is a shit.

**Reader2:** What [a crap plan]{.loaded type="emotive" why="Crude." neutral="a poor plan"}, honestly.

**Reader3:** The [hopeless]{.loaded type="emotive" why="Despair." neutral="unlikely"} repairs will drag on.

**Reader4:** [Everyone knows the shit is true]{.unsourced type="sweeping-claim" why="No evidence." ask="Who?" check="Polls."}.

**Reader5:** [People say it will close]{.unsourced type="vague-attribution" why="Which people?" ask="Who says so?" check="The council."}.
"""
ACTIVITIES = "  - kind: rewrite\n  - kind: who-says\n"


def exercise(activities: str, extra: str = "") -> str:
    return f"title: T\npassages: [c]\nvariants: 3\n{extra}activities:\n{activities}"


def activities_of(text: str) -> str:
    """A sheet's text from its first activity on (the passage before it may show masks)."""
    return text.split("Say it neutrally", 1)[1]


def test_no_item_shows_a_masked_word(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace({"corpus/c.md": COMMENTS, "exercises/e.yaml": exercise(ACTIVITIES)})
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for name in ("e-A", "e-A-key", "e-B", "e-C-key"):
        text = pdf_text(root / "output" / "e" / f"{name}.pdf")
        assert MASKED.search(text.split("Say it neutrally", 1)[0])  # the passage is masked
        asked = activities_of(text)
        assert MASKED.findall(asked) == [], name
        assert "hopeless" in asked and "reckless" not in asked and "People say" in asked


def test_check_says_when_masked_words_leave_too_few_items(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    activities = "  - kind: rewrite\n    count: 3\n  - kind: who-says\n    count: 2\n"
    root = make_workspace({"corpus/c.md": COMMENTS, "exercises/e.yaml": exercise(activities)})
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "exercises/e.yaml:6:12: error: 'count' is 3, but passage 'c' has only 2 loaded spans "
        "with a 'neutral' wording (outside quotations) (1 more shows a masked word, which no "
        "student could answer)",
        "exercises/e.yaml:8:12: error: 'count' is 2, but passage 'c' has only 1 unsourced spans "
        "(1 more shows a masked word, which no student could answer)",
        "Checked 2 files: 2 errors, 0 warnings.",
    ]


def test_a_teachers_unmasked_copy_asks_what_the_students_sheets_ask(
    make_workspace: MakeWorkspace,
) -> None:
    root = make_workspace({"corpus/c.md": COMMENTS, "exercises/e.yaml": exercise(ACTIVITIES)})
    workspace = load_workspace(root)
    masked = plan(workspace, BuildOptions(format="html"))
    unmasked = plan(workspace, BuildOptions(format="html", mask=False))
    for a, b in zip(masked, unmasked, strict=True):
        assert "s***" in a.html and "shit" in b.html
        assert activities_of(a.html) == activities_of(b.html), a.path.name


TWO_IN_ONE = """\
---
title: The Bridge
---
The [reckless]{.loaded #reckless type="emotive" why="Judges it." neutral="quick"} council made a [disastrous]{.loaded #disastrous type="emotive" why="Overstates." neutral="costly"} choice.

The [shameful]{.loaded #shameful type="emotive" why="Shames." neutral="late"} repairs start in May.
"""


def test_the_rewrite_key_gives_a_wholly_neutral_sentence(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    activities = "  - kind: rewrite\n    count: 2\n"
    root = make_workspace({"corpus/b.md": TWO_IN_ONE, "exercises/e.yaml": exercise(activities)})
    (root / "exercises" / "e.yaml").write_text(exercise(activities).replace("[c]", "[b]"))
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    key = pdf_text(root / "output" / "e" / "e-A-key.pdf")
    student = pdf_text(root / "output" / "e" / "e-A.pdf")
    assert "Neutral: The quick council made a costly choice." in key
    # One item for the sentence of two spans (no activity prints a sentence twice), its
    # model sentence neutral in both.
    assert "Neutral: The late repairs start in May." in key
    assert "The reckless council made a disastrous choice." in student


def test_a_sentence_with_one_span_to_ask_about_comes_first(make_workspace: MakeWorkspace) -> None:
    activities = "  - kind: rewrite\n    count: 1\n"
    root = make_workspace(
        {"corpus/b.md": TWO_IN_ONE, "exercises/e.yaml": exercise(activities).replace("[c]", "[b]")}
    )
    workspace = load_workspace(root)
    for seed in range(6):
        for sheet in plan(workspace, BuildOptions(format="html", seed=seed, key=False)):
            asked = sheet.html.split("Say it neutrally", 1)[1]
            assert '<strong class="target">shameful</strong>' in asked, (seed, sheet.path.name)


WAR = """\
---
title: Two Reports
---
The [brutal]{.loaded type="emotive" why="Pushes horror." neutral="heavy"} war goes on.

The [reckless]{.loaded type="emotive" why="Judges it." neutral="quick"} budget passed.

The [chaotic]{.loaded type="emotive" why="Overstates." neutral="busy"} market reopened.

The [butchery]{.loaded type="emotive" why="Horror." neutral="bombing"} ended in May.
"""


def test_avoided_words_keep_sentences_out_of_what_students_write(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    activities = (
        "  - kind: make-it-loaded\n    count: 1\n  - kind: vocabulary\n    count: 1\n"
        "  - kind: rewrite\n"
    )
    avoid = "avoid: [war, killed, bomb*]\n"
    root = make_workspace({"corpus/c.md": WAR, "exercises/e.yaml": exercise(activities, avoid)})
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    key = pdf_text(root / "output" / "e" / "e-B-key.pdf")
    make_it_loaded = key.split("Make it loaded", 1)[1].split("Charged words", 1)[0]
    vocabulary = key.split("Charged words", 1)[1].split("Say it neutrally", 1)[0]
    rewrite = key.split("Say it neutrally", 1)[1]
    for written in (make_it_loaded, vocabulary):
        # "bombing" is what make-it-loaded would print, and vocabulary's answer.
        assert not {"war", "brutal", "butchery", "bombing"} & set(re.findall(r"\w+", written))
    assert {"reckless", "chaotic"} == {
        w for w in ("reckless", "chaotic") if w in make_it_loaded
    } | {w for w in ("reckless", "chaotic") if w in vocabulary}
    assert "brutal" in rewrite  # reading a loaded word is not writing one

    too_many = activities.replace(
        "  - kind: vocabulary\n    count: 1\n", "  - kind: vocabulary\n    count: 3\n"
    )
    (root / "exercises" / "e.yaml").write_text(exercise(too_many, avoid))
    check = run(root, "check")
    assert check.stdout.splitlines()[0] == (
        "exercises/e.yaml:9:12: error: 'count' is 3, but passage 'c' has only 2 short loaded "
        "spans with a 'neutral' wording (2 more hold a word of the exercise's 'avoid' in the "
        "sentence or the neutral wording)"
    )
    (root / "exercises" / "e.yaml").write_text(exercise(activities, "avoid: war\n"))
    assert run(root, "check").stdout.splitlines()[0] == (
        "exercises/e.yaml:4:8: error: 'avoid' must be a list, such as [one, two]; got 'war'"
    )


SAID = """\
---
title: The Vote
---
The mayor [insisted]{.loaded #insisted type="said-verb" why="Sounds stubborn." neutral="said"} that the vote was fair.

The chief [warned]{.loaded #warned type="said-verb" why="Sounds alarming." neutral="spoke"} of delays on the line.

The minister [admitted]{.loaded #admitted type="said-verb" why="Sounds guilty." neutral="said"} the plan had failed.

The union [demanded]{.loaded #demanded type="said-verb" why="Sounds harsh." neutral="asked that"} the board resign.
"""


def test_said_verb_choices_fit_the_sentence(make_workspace: MakeWorkspace, run: Run) -> None:
    activities = "  - kind: said-verb\n"
    root = make_workspace(
        {"corpus/v.md": SAID, "exercises/e.yaml": exercise(activities).replace("[c]", "[v]")}
    )
    workspace = load_workspace(root)
    writers = {"mayor": "insisted", "chief": "warned", "minister": "admitted", "union": "demanded"}
    offered: dict[str, set[str]] = {verb: set() for verb in writers.values()}
    for seed in range(8):
        for sheet in plan(workspace, BuildOptions(format="html", seed=seed, key=False)):
            for item in sheet.html.split('<li class="item">')[1:]:
                verbs = set(re.findall(r'<span class="verb[^"]*">([^<]+)</span>', item))
                speaker = next(w for w in writers if f"The {w}" in item)
                offered[writers[speaker]] |= verbs
    # A that-clause or a clause: never "slammed"; after "of": only verbs that take "of".
    assert "slammed" not in offered["insisted"] | offered["admitted"]
    assert offered["warned"] <= {"warned", "spoke", "boasted"}
    # What the board must do: "conceded the board resign" is not English; and the neutral
    # is not the one choice ending in "that".
    assert offered["demanded"] == {"demanded that", "asked that", "insisted that"}
    assert len(offered["insisted"]) >= 5  # the distractors still vary
    result = run(root, "build", "--seed", "3")
    assert result.exit_code == 0, result.output
    key = pdf_text(root / "output" / "e" / "e-A-key.pdf")
    assert "slammed" not in key.split("The mayor", 1)[1].split("The chief", 1)[0]


# One sentence with two spans to rewrite, and two sentences with one each.
SHARED = TWO_IN_ONE + (
    '\nThe [brutal]{.loaded #brutal type="emotive" why="Horror." neutral="hard"} winter is over.\n'
)


def test_no_activity_asks_for_an_answer_the_sheet_prints_elsewhere(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    activities = (
        "  - kind: make-it-loaded\n    count: 1\n    paragraphs: 1\n"
        "  - kind: rewrite\n    count: 1\n  - kind: vocabulary\n"
    )
    root = make_workspace(
        {"corpus/b.md": SHARED, "exercises/e.yaml": exercise(activities).replace("[c]", "[b]")}
    )
    workspace = load_workspace(root)
    for seed in range(4):
        for sheet in plan(workspace, BuildOptions(format="html", seed=seed, key=False)):
            sections = re.split(r"Make it loaded|Say it neutrally|Charged words", sheet.html)[1:]
            asked = [set(re.findall(r"<strong[^>]*>([^<]+)</strong>", part)) for part in sections]
            loaded, rewrite, vocabulary = asked
            assert len(loaded) == 1 and loaded <= {"quick", "costly"}  # in bold, made neutral
            # make-it-loaded printed the other span of its sentence made neutral: its answer.
            assert not {"reckless", "disastrous", "quick", "costly"} & (rewrite | vocabulary)
            assert rewrite and vocabulary and not rewrite & vocabulary, (seed, sheet.path.name)
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for name in ("e-A", "e-B", "e-C"):
        printed = pdf_text(root / "output" / "e" / f"{name}.pdf")
        later = printed.split("Say it neutrally", 1)[1]  # rewrite and vocabulary
        # make-it-loaded printed these two's neutral wordings: neither is asked again.
        assert not {"reckless", "disastrous"} & set(later.replace(".", " ").split()), name
    (root / "exercises" / "e.yaml").write_text(
        exercise(activities + "    count: 2\n").replace("[c]", "[b]")
    )
    check = run(root, "check")
    assert check.exit_code == 0
    assert check.stdout.splitlines()[:2] == [
        "exercises/e.yaml:10:5: warning: variant A: vocabulary has 1 of its 2 items: more "
        "would give away an answer another activity asks for, or print one sentence twice",
        "exercises/e.yaml:10:5: warning: variant B: vocabulary has 1 of its 2 items: more "
        "would give away an answer another activity asks for, or print one sentence twice",
    ]


def test_make_it_loaded_never_prints_one_sentence_twice(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    activities = "  - kind: make-it-loaded\n"
    root = make_workspace(
        {"corpus/b.md": TWO_IN_ONE, "exercises/e.yaml": exercise(activities).replace("[c]", "[b]")}
    )
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for name in ("e-A", "e-B", "e-C"):
        text = pdf_text(root / "output" / "e" / f"{name}.pdf").split("Make it loaded", 1)[1]
        # Two spans share the first sentence: one item for it, and one for the second.
        assert text.count("council made a") == 1 and text.count("repairs start in May") == 1


# Two spans share the first sentence.
THREE = """\
---
title: Three Spans
---
The [reckless]{.loaded type="emotive" why="Judges." neutral="quick"} plan brought [disastrous]{.loaded type="exaggeration" why="Too big." neutral="costly"} repairs.

The [heroic]{.loaded type="emotive" why="Praise." neutral="busy"} crews worked on.
"""


def test_a_span_is_an_item_of_one_activity_while_others_are_left(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    activities = "  - kind: name-it\n    count: 2\n  - kind: make-it-loaded\n    count: 1\n"
    root = make_workspace(
        {"corpus/t.md": THREE, "exercises/e.yaml": exercise(activities).replace("[c]", "[t]")}
    )
    loaded_of = {"quick": "reckless", "costly": "disastrous", "busy": "heroic"}
    workspace = load_workspace(root)
    for sheet in plan(workspace, BuildOptions(format="html", seed=7, key=False)):
        named, made = sheet.html.split("Name it", 1)[1].split("Make it loaded", 1)
        quoted = set(re.findall(r"<q>(\w+)</q>", named))
        asked = {loaded_of[w] for w in re.findall(r"<strong[^>]*>(\w+)</strong>", made)}
        # name-it quotes two spans; make-it-loaded asks for the third, though every
        # sentence has been printed, rather than one of them.
        assert len(quoted) == 2 and len(asked) == 1 and not quoted & asked, (quoted, asked)


def test_compare_model_answer_says_what_the_difference_does() -> None:
    def span(kind: str, why: str) -> Span:
        fields = dict.fromkeys(("type", "neutral", "ask", "check", "source", "parent"))
        return Span(
            id=kind, kind=kind, why=why or None, text="t", paragraph=1, before="", after="",
            line=1, col=1, quoted=False, **fields,
        )  # fmt: skip

    sourced, unsourced = span("sourced", "Named."), span("unsourced", "Nobody.")
    loaded, plain = span("loaded", "Harsh."), span("unsourced", "")
    assert difference(sourced, unsourced, "Named source", "Sweeping claim") == (
        "Passage 1 names its source, while passage 2 gives it with no source (Sweeping "
        "claim), so only a reader of passage 1 can check where the fact comes from. "
        "Passage 1: Named. Passage 2: Nobody."
    )
    assert difference(plain, loaded, "Claim with no source", "Emotive word") == (
        "Passage 1 gives it with no source (Claim with no source), while passage 2 uses "
        "charged words (Emotive word), so the reader of passage 2 is pushed toward a feeling "
        "the other is not. Passage 2: Harsh."
    )


def test_items_keep_clear_of_what_spot_asks_students_to_find(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    activities = "  - kind: spot\n    paragraphs: 2\n  - kind: rewrite\n    count: 3\n"
    root = make_workspace({"corpus/c.md": WAR, "exercises/e.yaml": exercise(activities)})
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for name in ("e-A", "e-B", "e-C"):
        rewrite = pdf_text(root / "output" / "e" / f"{name}.pdf").split("Say it neutrally", 1)[1]
        # Bold in a rewrite item, 'reckless' would tell students one answer of spot.
        assert "reckless" not in rewrite
    (root / "exercises" / "e.yaml").write_text(exercise(activities.replace("3\n", "4\n")))
    check = run(root, "check")
    assert check.exit_code == 0
    assert check.stdout.splitlines()[0] == (
        "exercises/e.yaml:7:5: warning: variant A: rewrite prints 1 span that spot asks "
        "students to find ('reckless'): give the two activities different 'paragraphs'"
    )


def test_a_comment_claim_is_keyed_to_its_writer(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace(
        {"corpus/c.md": COMMENTS, "exercises/e.yaml": exercise("  - kind: who-says\n")}
    )
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    key = pdf_text(root / "output" / "e" / "e-A-key.pdf")
    # The handle is on the page: "No one is named" would be wrong.
    assert "Only the writer of the comment (Reader5), who names no source. Which people?" in key
    assert "No one is named" not in key


SIBLINGS = """\
---
title: The Plan
---
[Experts agree]{.unsourced type="vague-attribution" why="Who?" ask="Which?" check="Lists."} the [reckless]{.loaded type="emotive" why="Judges." neutral="new"} plan failed.

The [costly]{.loaded type="emotive" why="Price." neutral="new"} repairs began.

[People say]{.unsourced type="vague-attribution" why="Who?" ask="Which?" check="Polls."} it will close.
"""


def test_an_activity_prints_each_sentence_once(make_workspace: MakeWorkspace, run: Run) -> None:
    # Sort draws one span of each kind first: two of them shared a sentence.
    activities = "  - kind: sort\n    count: 2\n"
    root = make_workspace(
        {"corpus/s.md": SIBLINGS, "exercises/e.yaml": exercise(activities).replace("[c]", "[s]")}
    )
    result = run(root, "build", "--seed", "0", "--variants", "8", "--no-key")
    assert result.exit_code == 0, result.output
    for letter in "ABCDEFGH":
        sort = pdf_text(root / "output" / "e" / f"e-{letter}.pdf").split("Sort it", 1)[1]
        assert sort.count("plan failed") <= 1, (letter, sort)


def test_a_sentence_that_stands_on_its_own_comes_first(make_workspace: MakeWorkspace) -> None:
    # "they will grab that." cannot be judged without the sentence before it.
    passage = (
        "---\ntitle: Money\n---\nThe money sits in a bank. "
        '[They will grab that]{.unsourced type="sweeping-claim" why="Who?" ask="Who?" check="Banks."}.'
        "\n\nIraq might as well think the money is gone, because "
        '[the bank will never release any of it]{.unsourced type="sweeping-claim" why="Never?" '
        'ask="Who?" check="Banks."}.\n'
    )
    activities = "  - kind: who-says\n    count: 1\n"
    root = make_workspace(
        {"corpus/m.md": passage, "exercises/e.yaml": exercise(activities).replace("[c]", "[m]")}
    )
    workspace = load_workspace(root)
    for seed in range(6):
        for sheet in plan(workspace, BuildOptions(format="html", seed=seed, key=False)):
            assert "never release" in sheet.html.split("Who says?", 1)[1], seed
