"""Sheets in a right-to-left language lay out right to left; others are as they were.

The PDF is read back with pdfplumber, which gives each character's position: an Arabic
sheet's headings and passage lines end at the right margin (their left ends ragged), and an
Arabic word's letters run from right to left. An English passage on an Arabic sheet keeps
its own direction, and an Arabic passage on an English sheet gets its own.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from conftest import FIXTURE_WORKSPACE
from spinsheet.build import BuildOptions, build, plan
from spinsheet.views import text_direction
from spinsheet.workspace import load_workspace

MARGIN = 0.75 * 72  # the page's side margins (worksheet.css)
INDENT = 0.32 * 72  # the passage's indent, on its start side, for its paragraph numbers
TITLE = "من يقول ذلك؟ سوق الحيّ"

PASSAGE = """\
---
title: "خلاف على موقف الحافلة المدرسية في حيّ البساتين"
language: ar
rights: "كُتب لاختبارات spinsheet. يجوز نسخه للاستعمال في الصف."
---
قرر المجلس البلدي نقل موقف الحافلة المدرسية من أمام المدرسة إلى آخر الشارع، في خطوة [مفاجئة]{.loaded #mufaji2a type="emotive" why="تحكم على الخطوة قبل عرض أسبابها." neutral="جديدة"} أثارت نقاشًا بين الأهالي وأصحاب المحلات في الحيّ كله منذ أيام.

وقالت مديرة المدرسة إن الموقف الجديد أبعد على الصغار، بينما [يرى كثيرون أن الشارع صار أكثر أمانًا]{.unsourced #kathirun type="vague-attribution" why="لا يُذكر اسم أحد." ask="من هؤلاء الكثيرون؟" check="محضر جلسة المجلس البلدي."} بعد النقل، ويطالب آخرون بجلسة مفتوحة يسمع فيها المجلس من الطرفين قبل أن يبدأ العام الدراسي المقبل.
"""

ARABIC_SHEET = f"""\
title: "{TITLE}"
language: ar
passages: [bus]
paper: a4
activities:
  - kind: spot
"""

# The fixture's English passage with Arabic instructions, and the Arabic passage with English ones.
ENGLISH_PASSAGE_ARABIC_SHEET = """\
title: "نص إنجليزي"
language: ar
passages: [harbour-plan]
paper: a4
activities:
  - kind: spot
"""

ARABIC_PASSAGE_ENGLISH_SHEET = """\
title: "An Arabic Passage"
language: en
passages: [bus]
paper: a4
activities:
  - kind: spot
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rtl") / "ws"
    shutil.copytree(
        FIXTURE_WORKSPACE, root, ignore=shutil.ignore_patterns("output", ".spinsheet-cache")
    )
    for old in (root / "exercises").glob("*.yaml"):
        old.unlink()
    (root / "corpus" / "bus.md").write_text(PASSAGE, encoding="utf-8")
    for name, text in {
        "ar-sheet": ARABIC_SHEET,
        "en-in-ar": ENGLISH_PASSAGE_ARABIC_SHEET,
        "ar-in-en": ARABIC_PASSAGE_ENGLISH_SHEET,
    }.items():
        (root / "exercises" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def html(workspace: Path) -> dict[str, str]:
    loaded = load_workspace(workspace)
    assert not loaded.errors, loaded.errors
    return {sheet.path.name: sheet.html for sheet in plan(loaded, BuildOptions(format="html"))}


@pytest.fixture(scope="module")
def pdfs(workspace: Path) -> Path:
    out = workspace / "out"
    build(load_workspace(workspace), BuildOptions(out=out, variants=1, jobs=1))
    return out


def test_languages_written_right_to_left() -> None:
    for tag in ("ar", "ar-EG", "fa", "he", "ur", "AR", "az-Arab"):
        assert text_direction(tag) == "rtl", tag
    for tag in ("en", "es", "fr", "de", "pt-BR", "ku-Latn", "x-test"):
        assert text_direction(tag) == "ltr", tag


def _opening(html: str, tag: str, cls: str = "") -> str:
    match = re.search(rf"<{tag}\b[^>]*{cls}[^>]*>", html)
    assert match, tag
    return match.group(0)


def test_an_arabic_sheet_is_right_to_left_and_each_passage_keeps_its_direction(
    html: dict[str, str],
) -> None:
    for name in ("ar-sheet-A.html", "ar-sheet-A-key.html"):
        assert _opening(html[name], "html") == '<html lang="ar" dir="rtl">'
        assert "dir=" not in _opening(html[name], "section", 'class="passage"')  # as its sheet
    # An English passage on an Arabic sheet: left to right in its own element.
    assert 'lang="en" dir="ltr"' in _opening(html["en-in-ar-A.html"], "section", 'class="passage"')
    assert '<p class="provenance" dir="rtl"' in _directions(html["en-in-ar-A.html"])
    # An Arabic passage on an English sheet: right to left in its own element, the sheet not.
    assert _opening(html["ar-in-en-A.html"], "html") == '<html lang="en">'
    assert 'lang="ar" dir="rtl"' in _opening(html["ar-in-en-A.html"], "section", 'class="passage"')


def test_an_english_sheet_has_no_direction_of_its_own(html: dict[str, str]) -> None:
    # The golden tests hold English sheets to their old HTML; here, the rule they follow.
    # On an English sheet, only an Arabic passage sets a direction, and its lines of the sheet's
    # own (the source line, the key's legend) set the sheet's back.
    assert _directions(html["ar-in-en-A.html"]) == [
        '<section class="passage" dir="rtl"',
        '<p class="provenance" dir="ltr"',
    ]
    # The key's table quotes the passage and its notes: each row right to left, in the
    # table's columns left to right, and the column that names the kind in the sheet's.
    assert _directions(html["ar-in-en-A-key.html"]) == [
        '<section class="passage" dir="rtl"',
        '<p class="provenance" dir="ltr"',
        '<p class="legend" dir="ltr"',
        '<tr class="loaded" dir="rtl"',
        '<td class="col-type" dir="ltr"',
        '<tr class="unsourced" dir="rtl"',
        '<td class="col-type" dir="ltr"',
    ]
    workspace = load_workspace(FIXTURE_WORKSPACE)
    for sheet in plan(workspace, BuildOptions(format="html")):
        assert _directions(sheet.html) == [], sheet.path.name


def _directions(html: str) -> list[str]:
    """The elements that set a direction (the stylesheet aside): each tag, class and `dir`."""
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return [
        re.sub(r"\s(id|lang)=\S+", "", tag).rstrip(">")
        for tag in re.findall(r"<[a-z][^>]*\sdir=[^>]*>", body)
    ]


def _lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters by line, left to right: those whose baselines are within 2 pt of the last.

    Vowel and shadda marks, placed above or below their letter, are left out.
    """
    letters = sorted(
        (c for c in chars if c["text"].strip() and unicodedata.category(c["text"][0]) != "Mn"),
        key=_baseline,
    )
    lines: list[list[dict[str, Any]]] = []
    for char in letters:
        if lines and _baseline(char) - _baseline(lines[-1][-1]) < 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _baseline(char: dict[str, Any]) -> float:
    """How far down the page a character's baseline is (its text matrix's origin)."""
    return -float(char["matrix"][5])


def _arabic(line: list[dict[str, Any]]) -> bool:
    letters = [c for c in line if c["text"].isalpha()]
    return bool(letters) and all("\u0600" <= c["text"] <= "\u06ff" for c in letters)


def _passage_lines(page: Any, size: float) -> list[list[dict[str, Any]]]:
    """The passage's lines: its body text is the only text of its size."""
    chars = [c for c in page.chars if abs(c["size"] - size) < 0.05]
    return [line for line in _lines(chars) if len(line) > 10]


def test_an_arabic_sheet_is_set_right_to_left_in_the_pdf(pdfs: Path) -> None:
    for name in ("ar-sheet-A.pdf", "ar-sheet-A-key.pdf"):
        with pdfplumber.open(pdfs / "ar-sheet" / name) as pdf:
            page = pdf.pages[0]
            right = float(page.width) - MARGIN
            # The sheet's title and the passage's title end at the right margin.
            headings = [line for line in _lines(page.chars) if line[0]["size"] >= 13.5]
            assert len(headings) >= 2, name
            for line in headings:
                assert _arabic(line), name
                assert line[-1]["x1"] == pytest.approx(right, abs=1), name
                assert line[0]["x0"] > MARGIN + 20, name  # not stretched across the page
            # The passage's lines end at the right margin, less its indent, and start where
            # they run out: right-aligned, not justified.
            lines = _passage_lines(page, 10.5 * 1.1)
            assert len(lines) >= 4, name
            assert all(_arabic(line) for line in lines), name
            ends = [line[-1]["x1"] for line in lines]
            assert max(ends) - min(ends) < 1, (name, ends)
            assert ends[0] == pytest.approx(right - INDENT, abs=1.5), name
            starts = [line[0]["x0"] for line in lines]
            assert max(starts) - min(starts) > 20, (name, starts)
            # Each paragraph's number stands right of its first line, in the indent.
            numbers = [
                c
                for c in page.chars
                if c["text"] in "12"
                and abs(c["size"] - 8) < 0.05
                and c["top"] < lines[-1][0]["top"]
            ]
            assert len(numbers) == 2, name
            assert all(c["x0"] > right - INDENT for c in numbers), name
            # Page furniture mirrored: the page number at the bottom left, the running foot
            # (the exercise's title) at the bottom right.
            foot = [c for c in page.chars if c["top"] > float(page.height) - MARGIN]
            assert min(c["x0"] for c in foot if c["text"].isdigit()) == pytest.approx(MARGIN, abs=1)
            assert max(c["x1"] for c in foot) == pytest.approx(right, abs=1), name


def test_an_arabic_words_letters_come_right_to_left(pdfs: Path) -> None:
    with pdfplumber.open(pdfs / "ar-sheet" / "ar-sheet-A.pdf") as pdf:
        title = _lines(pdf.pages[0].chars)[0]
    # Read from the right, the letters spell the title (its spaces and shadda aside); read
    # from the left, they spell it backwards.
    letters = "".join(c for c in TITLE if c != " " and unicodedata.category(c) != "Mn")
    assert "".join(c["text"] for c in sorted(title, key=lambda c: -c["x0"])) == letters
    assert "".join(c["text"] for c in title) == letters[::-1]
    # Its first letter, the م of من, is the rightmost, at the margin.
    assert title[-1]["text"] == "م"


def test_an_english_passage_on_an_arabic_sheet_stays_left_to_right(pdfs: Path) -> None:
    with pdfplumber.open(pdfs / "en-in-ar" / "en-in-ar-A.pdf") as pdf:
        page = pdf.pages[0]
        right = float(page.width) - MARGIN
        lines = _passage_lines(page, 10.5)
        assert len(lines) >= 3
        starts = [line[0]["x0"] for line in lines]
        # Its lines start at the left margin past the indent, their right ends ragged.
        assert max(starts) - min(starts) < 1, starts
        assert starts[0] == pytest.approx(MARGIN + INDENT, abs=1.5)
        assert min(line[-1]["x1"] for line in lines) < right - 20
        # The sheet's own title is Arabic and ends at the right margin.
        title = _lines(page.chars)[0]
        assert _arabic(title) and title[-1]["x1"] == pytest.approx(right, abs=1)


def test_an_arabic_passage_on_an_english_sheet_is_right_to_left(pdfs: Path) -> None:
    with pdfplumber.open(pdfs / "ar-in-en" / "ar-in-en-A.pdf") as pdf:
        page = pdf.pages[0]
        right = float(page.width) - MARGIN
        lines = _passage_lines(page, 10.5 * 1.1)
        assert len(lines) >= 4
        ends = [line[-1]["x1"] for line in lines]
        assert max(ends) - min(ends) < 1, ends
        assert ends[0] == pytest.approx(right - INDENT, abs=1.5)
        # The English sheet's title starts at the left margin, as on any English sheet.
        title = _lines(page.chars)[0]
        assert title[0]["x0"] == pytest.approx(MARGIN, abs=1)
