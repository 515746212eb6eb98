"""Accessible sheets: tagged PDF/UA-1 files read in order, large print, a dyslexia-friendly
font, and marks that a greyscale photocopy keeps apart.

Every PDF of the samples and of the fixture workspace passes `pdfua.problems` where it is
built (test_samples.py, test_build.py); here one exercise of the fixture workspace is
built once in each print (one variant: a few seconds).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2  # type: ignore[import-untyped]
import pytest
from weasyprint import HTML

from conftest import FIXTURE_WORKSPACE, MakeWorkspace, Run, cli, pdf_text
from pdfua import Element, problems, structure
from spinsheet import fonts
from spinsheet.catalogue import ACTIVITY_KINDS
from spinsheet.workspace import load_workspace


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's harbour exercise, variant A, built as usual, in large print, and in the
    dyslexia-friendly font: output/harbour/harbour-A{,-large,-dyslexic}{,-key}.pdf."""
    root = tmp_path_factory.mktemp("a11y") / "ws"
    shutil.copytree(FIXTURE_WORKSPACE, root)
    for options in ((), ("--large-print",), ("--font", "dyslexic")):
        result = cli(root, "build", "harbour", "--variants", "1", *options)
        assert result.exit_code == 0, result.output
    return root / "output" / "harbour"


def test_every_print_is_pdf_ua(harbour: Path) -> None:
    names = sorted(p.name for p in harbour.glob("*.pdf"))
    assert len(names) == 6 if fonts.installed(fonts.DYSLEXIC_FONT) else len(names) >= 4
    for pdf in harbour.glob("*.pdf"):
        assert problems(pdf) == [], pdf.name


def test_the_checks_fail_an_untagged_pdf(tmp_path: Path) -> None:
    untagged = tmp_path / "untagged.pdf"
    HTML(string="<table><tr><td>1</td></tr></table>").write_pdf(untagged)
    found = problems(untagged)
    assert "5: the XMP metadata has no pdfuaid:part 1" in found
    assert "7.1: no /StructTreeRoot" in found
    tagged = tmp_path / "tagged.pdf"
    HTML(
        string="<html lang=en><title>T</title><h2>Skips H1</h2><table><tr><td>1</td></tr>"
    ).write_pdf(tagged, pdf_variant="pdf/ua-1")
    assert problems(tagged) == [
        "7.5: a Table has no TH cell",
        "7.4: the first heading is H2, not H1",
    ]


def headings(tree: Element) -> list[tuple[str, str]]:
    return [(e.tag, e.all_text()) for e in tree.walk() if e.tag in ("H1", "H2", "H3")]


@pytest.mark.parametrize("edition", ["", "-key"])
def test_a_sheet_reads_in_order_passage_then_activities(harbour: Path, edition: str) -> None:
    exercise = load_workspace(FIXTURE_WORKSPACE).exercises["harbour"]
    tree = structure(harbour / f"harbour-A{edition}.pdf")
    found = headings(tree)
    titles = [ACTIVITY_KINDS[a.kind].title for a in exercise.activities]
    assert found[0] == ("H1", exercise.title)
    assert found[1] == ("H2", "Harbour Plan Sinks Fishing Town’s Hopes")
    activities = [text for tag, text in found[2:] if tag == "H2"]
    assert len(activities) == len(titles)
    for n, (text, title) in enumerate(zip(activities, titles, strict=True), 1):
        assert text.startswith(f"{n} {title}"), text
    # The passage, in its own language, comes before the first activity.
    sections = [e for e in tree.walk() if e.tag == "Sect"]
    assert sections[0].lang == "en"
    assert "Port Élan’s" in sections[0].all_text()
    assert all("Port Élan’s disastrous" not in s.all_text() for s in sections[1:2])
    # Every table has a header row, one header cell a column.
    tables = [e for e in tree.walk() if e.tag == "Table"]
    assert tables
    for table in tables:
        rows = [e for e in table.walk() if e.tag == "TR"]
        assert [c.tag for c in rows[0].children] == ["TH"] * len(rows[1].children)
        assert all(set(c.tag for c in row.children) == {"TD"} for row in rows[1:])


def test_marks_and_answer_spaces_are_announced(harbour: Path) -> None:
    key = structure(harbour / "harbour-A-key.pdf").all_text()
    student = structure(harbour / "harbour-A.pdf").all_text()
    # The key's marks are read out by name, their printed "L1" is an artifact.
    assert "Loaded language 1" in key
    assert "Claim with no source 2" in key
    assert "L1" not in key.split()
    # The student sheet's spaces to write in are said to be so; its passage carries no mark.
    assert student.count("answer space") >= 2
    assert "Loaded language 1" not in student and "Loaded language 1" not in pdf_text(
        harbour / "harbour-A.pdf"
    )


def body_size(pdf: Path) -> float:
    """The size most of the passage's characters are printed in, in points."""
    sizes: Counter[float] = Counter()
    with pdfplumber.open(pdf) as plumbed:
        for char in plumbed.pages[0].chars:
            if char["fontname"].endswith("Serif"):  # the passage: DejaVu Serif
                sizes[round(char["size"], 1)] += 1
    return sizes.most_common(1)[0][0]


def test_large_print_has_an_18_pt_body_and_the_same_words(harbour: Path) -> None:
    assert body_size(harbour / "harbour-A.pdf") == 10.5
    assert body_size(harbour / "harbour-A-large.pdf") == 18
    with pdfplumber.open(harbour / "harbour-A-large.pdf") as plumbed:
        smallest = min(c["size"] for page in plumbed.pages for c in page.chars if c["size"] > 2)
        pages = len(plumbed.pages)
    assert smallest > 10.9  # the page footer (11 pt); the rest at least 14 pt
    assert pages > 2
    usual, large = (pdf_text(harbour / f"harbour-A{p}.pdf") for p in ("", "-large"))
    # The same text, bar the page furniture. Large print floats the name, class, date and
    # score fields into two rows, and floats are painted (so extracted) before the text
    # around them: they are compared apart; the structure tree keeps them in order.
    fields = re.compile(r"NameClassDateScore/\d+")
    usual_fields, large_fields = fields.findall("".join(usual.split())), []
    large_pieces = []
    for piece in unpaged(large):
        large_fields += fields.findall(piece)
        large_pieces.append(fields.sub("", piece))
    assert large_fields == usual_fields and len(usual_fields) == 1
    assert [fields.sub("", piece) for piece in unpaged(usual)] == large_pieces
    # The key's tables break over more pages, repeating their header rows, and the marks'
    # names for screen readers come at the end of each page: every character of the usual
    # key is in the large one.
    usual, large = (pdf_text(harbour / f"harbour-A{p}-key.pdf") for p in ("", "-large"))
    assert Counter("".join(unpaged(usual))) - Counter("".join(unpaged(large))) == Counter()


def unpaged(text: str) -> list[str]:
    """The text without its footers, in pieces between the dots, no spaces (lines break
    elsewhere in large print, "so-called" after its hyphen)."""
    foot = r"Reading the Harbour Story · Variant A · (Student sheet|Seed 5 · TEACHER KEY)"
    text = re.sub(rf"Page \d+ of \d+|{foot}", "", text)
    return "".join(text.split()).split("·")


def test_print_large_in_an_exercise_and_an_unknown_print(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    from conftest import GOOD_EXERCISE, GOOD_PASSAGE

    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "exercises/big.yaml": GOOD_EXERCISE + "print: large\n",
            "exercises/odd.yaml": GOOD_EXERCISE + "print: [large, huge]\n",
        }
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert (
        "exercises/odd.yaml:5:8: error: 'print' must be one of large, dyslexic; got 'huge'"
        in result.output
    )
    (root / "exercises" / "odd.yaml").unlink()
    result = run(root, "build", "--no-key")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (root / "output" / "big").iterdir()] == ["big-A-large.pdf"]
    assert body_size(root / "output" / "big" / "big-A-large.pdf") == 18


def pdf_fonts(pdf: Path) -> set[str]:
    with pikepdf.open(pdf) as opened:
        return {
            str(font.get("/BaseFont", "")).split("+")[-1]
            for page in opened.pages
            for font in page.obj.Resources.Font.values()
        }


@pytest.mark.skipif(
    not fonts.installed(fonts.DYSLEXIC_FONT), reason="fonts-opendyslexic is not installed"
)
def test_the_dyslexic_font_prints_every_text(harbour: Path) -> None:
    used = pdf_fonts(harbour / "harbour-A-dyslexic.pdf")
    assert any(name.startswith("OpenDyslexic") for name in used), used
    # Only glyphs OpenDyslexic lacks fall back to DejaVu Sans; no serif is left.
    assert not any("Serif" in name for name in used), used
    assert pdf_text(harbour / "harbour-A-dyslexic.pdf") == pdf_text(harbour / "harbour-A.pdf")


def test_a_missing_dyslexic_font_falls_back_with_a_warning(
    make_workspace: MakeWorkspace, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import GOOD_EXERCISE, GOOD_PASSAGE

    monkeypatch.setattr(fonts, "DYSLEXIC_FONT", "No Such Font Anywhere")
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "exercises/easy.yaml": GOOD_EXERCISE + "print: dyslexic\n",
            "exercises/plain.yaml": GOOD_EXERCISE,
        }
    )
    result = run(root, "build", "--no-key")
    assert result.exit_code == 0, result.output
    assert (
        "exercises/easy.yaml:5:8: warning: the dyslexia-friendly font No Such Font Anywhere is "
        "not installed (Debian and Ubuntu: fonts-opendyslexic); its sheets print in the usual font"
    ) in result.stderr.splitlines()
    pdf = root / "output" / "easy" / "easy-A-dyslexic.pdf"
    assert "DejaVu-Serif" in pdf_fonts(pdf)
    assert pdf_text(pdf) == pdf_text(root / "output" / "plain" / "plain-A.pdf").replace(
        "plain", "easy"
    )
    result = run(root, "build", "plain", "--font", "dyslexic", "--no-key")
    assert "exercises/plain.yaml:1:1: warning: the dyslexia-friendly font" in result.stderr


def dark_runs(pixels: list[int], threshold: int = 128) -> tuple[float, int]:
    """The share of dark pixels in a row of pixels, and how many dark runs it makes."""
    dark = [p < threshold for p in pixels]
    runs = sum(1 for n, d in enumerate(dark) if d and (n == 0 or not dark[n - 1]))
    return sum(dark) / len(dark), runs


def test_marks_stay_apart_on_a_greyscale_photocopy(harbour: Path) -> None:
    """Loaded language is a solid underline; a claim with no source a dashed box: read from
    the key's first page rendered in grey, in the boxes pdfplumber gives the marked words."""
    key = harbour / "harbour-A-key.pdf"
    scale = 150 / 72
    image = pypdfium2.PdfDocument(key)[0].render(scale=scale, grayscale=True).to_pil().convert("L")
    with pdfplumber.open(key) as plumbed:
        words = plumbed.pages[0].extract_words()

    def box(first: str, last: str) -> tuple[int, int, int, int]:
        n = next(i for i, w in enumerate(words) if first in w["text"] and i > 20)
        m = next(i for i in range(n, len(words)) if last in words[i]["text"])
        x0, x1 = words[n]["x0"], words[m]["x1"]
        top, bottom = words[n]["top"], words[n]["bottom"]
        return round(x0 * scale), round(top * scale), round(x1 * scale), round(bottom * scale)

    def lines(x0: int, top: int, x1: int, bottom: int) -> tuple[list[tuple[float, int]], ...]:
        height = bottom - top
        above = [
            dark_runs([image.getpixel((x, y)) for x in range(x0 + 2, x1 - 2)])
            for y in range(top - height // 2, top + 2)
        ]
        below = [
            dark_runs([image.getpixel((x, y)) for x in range(x0 + 2, x1 - 2)])
            for y in range(bottom - 2, bottom + height // 2)
        ]
        return above, below

    # "disastrous" (loaded): one unbroken dark line below it, none above it.
    above, below = lines(*box("disastrous", "disastrous"))
    assert max(share for share, _ in below) > 0.95
    assert max(share for share, _ in above) < 0.2
    # "critics say it will" (no source, on one line): dashed lines above and below.
    above, below = lines(*box("critics", "will"))
    dashed = [(share, runs) for share, runs in above if runs >= 5 and 0.3 < share < 0.9]
    assert dashed, above
    assert any(runs >= 5 and 0.3 < share < 0.9 for share, runs in below), below
