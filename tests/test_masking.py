"""Masking: listed words print as f*** on every sheet unless a teacher turns it off."""

from __future__ import annotations

import re

from conftest import MakeWorkspace, Run, pdf_text
from spinsheet.masking import masker_for

COMMENTS = """\
---
title: Comments on a shitty day
genre: comment
---
**Reader1:** This is [fucking nonsense]{.loaded type="emotive" why="The swear word shouts; ‘fucking’ adds no fact." neutral="wrong"}, and darn the mayor.

**Reader2:** [Everyone knows the Shit is true]{.unsourced type="sweeping-claim" why="No evidence." ask="Who?" check="Polls."}.

**Reader3:** [People say the bridge will close]{.unsourced type="vague-attribution" why="Which people?" ask="Who says so?" check="The council."}.
"""
EXERCISE = "title: Masked\npassages: [comments]\nactivities:\n  - kind: spot\n  - kind: who-says\n"
LISTED = re.compile(r"fuck|shit|darn", re.IGNORECASE)


def test_masker_keeps_first_letter_and_length() -> None:
    mask = masker_for(["fuck*", "darn", "a$$", "$lum*"])
    assert mask("Fucking hell, darn it, darned Darn") == "F****** hell, d*** it, darned D***"
    assert mask("an a$$ from $lumville, glass") == "an a** from $********, glass"


def test_student_and_key_are_masked_by_default(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace(
        {
            "corpus/comments.md": COMMENTS,
            "exercises/masked.yaml": EXERCISE,
            "mask-words.txt": "# our own\ndarn\n",
        }
    )
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for name in ("masked-A.pdf", "masked-A-key.pdf"):
        text = pdf_text(root / "output" / "masked" / name)
        assert LISTED.findall(text) == [], name
        assert "f****** nonsense" in text and "d*** the mayor" in text and "s***** day" in text
    key = pdf_text(root / "output" / "masked" / "masked-A-key.pdf")
    assert "‘f******’ adds no fact" in key  # the teacher's notes are masked too


def test_no_mask_flag_and_front_matter_turn_it_off(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace({"corpus/comments.md": COMMENTS, "exercises/masked.yaml": EXERCISE})
    result = run(root, "build", "--no-mask", "--out", "plain")
    assert result.exit_code == 0, result.output
    assert "fucking nonsense" in pdf_text(root / "plain" / "masked" / "masked-A.pdf")

    unmasked = COMMENTS.replace("genre: comment\n", "genre: comment\nmask: false\n")
    root = make_workspace({"corpus/comments.md": unmasked, "exercises/masked.yaml": EXERCISE})
    assert run(root, "build").exit_code == 0
    assert "Shit is true" in pdf_text(root / "output" / "masked" / "masked-A.pdf")


def test_the_built_in_list_spares_innocent_words() -> None:
    from pathlib import Path

    from spinsheet.masking import load_masker

    mask = load_masker(Path(__file__).resolve().parents[1])
    # "Shite" is the Sahiounie article's spelling of Shia; Arsenal is a football club.
    assert mask("a Shite government, Arsenal, Pissarro") == "a Shite government, Arsenal, Pissarro"
    assert mask("shit, shitty, arses, pissed") == "s***, s*****, a****, p*****"


def test_words_spelt_out_are_masked_and_slurs_are_tagged() -> None:
    mask = masker_for(["fuck*", "zorbo [slur]", "a$$"])
    assert mask("what the f u c k, f.u.c.k and f-u-c-k-ing") == (
        "what the f******, f****** and f******-ing"
    )
    assert mask("a zorbo, a z o r b o") == "a z****, a z********"
    assert mask.slurs_only("fuck the zorbo") == "fuck the z****"  # only the slur


def test_a_slur_is_in_no_item_even_unmasked(make_workspace: MakeWorkspace, run: Run) -> None:
    passage = (
        "---\ntitle: Slurs\nmask: false\n---\n"
        'The [zorbo mob]{.loaded type="label" why="A slur." neutral="the group"} came.\n\n'
        'The [reckless]{.loaded type="emotive" why="Judges." neutral="quick"} plan passed.\n'
    )
    exercise = "title: T\npassages: [s]\nactivities:\n  - kind: rewrite\n"
    root = make_workspace(
        {"corpus/s.md": passage, "exercises/e.yaml": exercise, "mask-words.txt": "zorbo [slur]\n"}
    )
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    text = pdf_text(root / "output" / "e" / "e-A.pdf")
    assert "The zorbo mob came." in text  # the passage prints as its front matter says
    rewrite = text.split("Say it neutrally", 1)[1]
    assert "reckless" in rewrite and "zorbo" not in rewrite
