"""The repository's own workspace: every sample exercise builds, and the comments print masked.

Slow (about half the suite's time): one build of everything, shared by the
tests of this file. `make test` runs them; `pytest -m "not slow"` skips them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO, cli, pdf_text
from spinsheet.masking import BUILTIN_WORDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every exercise of the repository's workspace, built once to PDF: the output folder."""
    out = tmp_path_factory.mktemp("samples")
    result = cli(REPO, "build", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_the_repository_samples_build(sample_build: Path) -> None:
    exercises = sorted(p.stem for p in (REPO / "exercises").glob("*.yaml"))
    assert exercises
    for name in exercises:
        made = {p.name for p in (sample_build / name).glob("*.pdf")}
        assert f"{name}-A.pdf" in made and f"{name}-A-key.pdf" in made


def mask_patterns() -> list[re.Pattern[str]]:
    lines = (
        BUILTIN_WORDS.read_text().splitlines() + (REPO / "mask-words.txt").read_text().splitlines()
    )
    words = [line.split("#")[0].strip() for line in lines]
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


def test_masking_leaves_no_listed_word_on_the_comment_sheets(sample_build: Path) -> None:
    source = (REPO / "corpus" / "araujo-comments.md").read_text()
    listed = [p for p in mask_patterns() if p.search(source)]
    assert len(listed) >= 5  # the comments do contain listed words: the check below is real
    pdfs = sorted((sample_build / "comments").glob("*.pdf"))
    assert len(pdfs) >= 2
    for pdf in pdfs:
        text = pdf_text(pdf)
        assert [p.pattern for p in listed if p.search(text)] == [], pdf.name
        assert "f***" in text
