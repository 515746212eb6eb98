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
