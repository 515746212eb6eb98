"""The repository's own workspace: every sample exercise builds, with listed words masked,
to PDF/UA-1 files.

Slow (about half the suite's CPU): marked so, `make test` runs it and
`pytest -m "not slow"` leaves it out. One exercise per case, so that
pytest-xdist spreads them over the cores (see `conftest.py`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, cli, pdf_text
from pdfua import problems
from spinsheet.masking import BUILTIN_WORDS
from spinsheet.workspace import load_workspace

EXERCISES = sorted(p.stem for p in (REPO / "exercises").glob("*.yaml"))
MASKED = re.compile(r"(?<!\w)\w\*{2,}")  # "f***": a listed word as printed


def mask_patterns() -> list[re.Pattern[str]]:
    lines = (
        BUILTIN_WORDS.read_text().splitlines() + (REPO / "mask-words.txt").read_text().splitlines()
    )
    # " [slur]" tags a word; it is not part of it.
    words = [line.split("#")[0].removesuffix(" [slur]").strip() for line in lines]
    return [
        re.compile(
            r"(?<!\w)"
            + (re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w))
            + r"(?!\w)",
            re.IGNORECASE,
        )
        for w in words
        if w
    ]


def listed_words_in(exercise: str) -> list[re.Pattern[str]]:
    """The listed words the passages of an exercise contain, as written in corpus/."""
    passages = load_workspace(REPO).exercises[exercise].passages
    sources = [(REPO / "corpus" / f"{p}.md").read_text() for p in passages]
    return [p for p in mask_patterns() if any(p.search(source) for source in sources)]


def test_the_comments_hold_listed_words_so_the_masking_check_is_real() -> None:
    assert len(listed_words_in("comments")) >= 5


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_sample_exercise_builds_with_listed_words_masked(
    exercise: str, tmp_path: Path
) -> None:
    result = cli(REPO, "build", exercise, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    pdfs = sorted((tmp_path / exercise).glob("*.pdf"))
    names = [pdf.name for pdf in pdfs]
    assert f"{exercise}-A.pdf" in names and f"{exercise}-A-key.pdf" in names
    for pdf in pdfs:  # every sample PDF is PDF/UA-1, as far as pdfua.py checks
        assert problems(pdf) == [], pdf.name
    listed = listed_words_in(exercise)
    for pdf in pdfs if listed else []:
        text = pdf_text(pdf)
        assert [p.pattern for p in listed if p.search(text)] == [], pdf.name
        assert MASKED.search(text), pdf.name
