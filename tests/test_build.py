"""End to end: real WeasyPrint PDFs, read back with pypdf, as a teacher would check them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import (
    FIXTURE_WORKSPACE,
    GOOD_EXERCISE,
    GOOD_PASSAGE,
    MakeWorkspace,
    Run,
    folded,
    pdf_text,
)
from pdfua import problems
from spinsheet.catalogue import ACTIVITY_KINDS
from spinsheet.model import Passage
from spinsheet.workspace import load_workspace

POINTS = {"letter": (612, 792), "a4": (595, 842)}


def passages() -> dict[str, Passage]:
    return load_workspace(FIXTURE_WORKSPACE).passages


def test_every_variant_and_edition_is_written(built: Path) -> None:
    names = sorted(p.relative_to(built / "output").as_posix() for p in built.glob("output/**/*.*"))
    assert names == [
        "catalogue/catalogue-A-key.pdf",
        "catalogue/catalogue-A.pdf",
        "catalogue/catalogue-B-key.pdf",
        "catalogue/catalogue-B.pdf",
        "harbour/harbour-A-key.pdf",
        "harbour/harbour-A.pdf",
        "harbour/harbour-B-key.pdf",
        "harbour/harbour-B.pdf",
        "harbour/harbour-C-key.pdf",
        "harbour/harbour-C.pdf",
        "two-bridges/two-bridges-A-key.pdf",
        "two-bridges/two-bridges-A.pdf",
    ]


@pytest.mark.parametrize(
    ("exercise", "paper"), [("harbour", "a4"), ("two-bridges", "letter"), ("catalogue", "letter")]
)
def test_page_size_matches_paper(built: Path, exercise: str, paper: str) -> None:
    pdfs = sorted((built / "output" / exercise).glob("*.pdf"))
    assert len(pdfs) >= 2  # a student sheet and a key at least
    for pdf in pdfs:
        for page in PdfReader(pdf).pages:
            size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
            assert size == POINTS[paper], pdf.name


def answers(passage: Passage, neutral: bool = True) -> list[str]:
    """Every answer text of a passage that does not already stand in the passage itself."""
    plain = folded(" ".join(s.sentence for s in passage.spans))
    keys = ("why", "neutral", "ask", "check") if neutral else ("why", "ask", "check")
    texts = [t for s in passage.spans for t in (getattr(s, k) for k in keys) if t]
    return [t for t in texts if not re.search(rf"\b{re.escape(t)}\b", plain)]


def test_every_file_is_pdf_ua(built: Path) -> None:
    pdfs = sorted(built.glob("output/*/*.pdf"))
    assert len(pdfs) == 12
    for pdf in pdfs:
        assert problems(pdf) == [], pdf.name


def test_student_editions_hold_no_answer(built: Path) -> None:
    every_answer = [a for p in passages().values() for a in answers(p)]
    assert len(every_answer) >= 15  # the check below must have something to find
    # make-it-loaded and said-verb print neutral wordings as the question itself.
    not_neutral = [a for p in passages().values() for a in answers(p, neutral=False)]
    students = [p for p in sorted(built.glob("output/*/*.pdf")) if not p.stem.endswith("-key")]
    assert len(students) == 6
    for pdf in students:
        text = pdf_text(pdf)
        assert "TEACHER KEY" not in text and "Neutral:" not in text and "Marking:" not in text
        expected = not_neutral if pdf.parent.name == "catalogue" else every_answer
        leaked = [a for a in expected if folded(a) in text]
        assert leaked == [], pdf.name


def test_student_edition_has_passage_fields_and_provenance(built: Path) -> None:
    text = pdf_text(built / "output" / "harbour" / "harbour-A.pdf")
    for expected in (
        "Name",
        "Class",
        "Date",
        "Variant A",
        "Page 1 of",
        "Harbour Plan Sinks Fishing Town’s Hopes",
        "Zoë Ngũgĩ · The Coastal Courier · 2 November 2024 · web address not given",
        "Fixture text written for spinsheet's tests.",
        "Port Élan’s disastrous harbour plan will cost €4.2 million",
        "Find 4 loaded words or phrases to underline and 2 claims with no source to circle.",
    ):
        assert expected in text
    assert "Seed" not in text  # the seed is the key's business


def test_spot_key_holds_every_span_and_its_answer(built: Path) -> None:
    harbour = passages()["harbour-plan"]
    text = pdf_text(built / "output" / "harbour" / "harbour-A-key.pdf")
    assert "TEACHER KEY" in text
    for span in harbour.spans:
        assert f"“{span.text}”" in text
        for answer in (span.why, span.neutral if span.kind == "loaded" else span.ask):
            assert answer is not None and folded(answer) in text


def test_rewrite_and_who_says_keys_answer_the_items_they_ask(built: Path) -> None:
    harbour = passages()["harbour-plan"]
    for variant in "ABC":
        student = pdf_text(built / "output" / "harbour" / f"harbour-{variant}.pdf")
        key = pdf_text(built / "output" / "harbour" / f"harbour-{variant}-key.pdf")
        # In the rewrite activity, an item is its sentence and the paragraph it comes from.
        rewrite = student.split("Say it neutrally")[1].split("Who says?")[0]
        asked = [
            s
            for s in harbour.spans_of("loaded")
            if f"{folded(s.sentence)} (¶{s.paragraph})" in rewrite
        ]
        assert len(asked) == 2 and all(s.paragraph <= 2 for s in asked)
        for span in asked:
            neutral_sentence = f"{span.before}{span.neutral}{span.after}"
            assert f"Neutral: {folded(neutral_sentence)} Why: {span.why}" in key
        for span in harbour.spans_of("unsourced"):
            assert (
                f"No one is named. {span.why} Evidence that answers: “{span.ask}” {span.check}"
            ) in key


def test_variants_differ_and_the_seed_reproduces_them(
    built: Path, tmp_path: Path, run: Run
) -> None:
    sheets = {
        pdf_text(built / "output" / "harbour" / f"harbour-{v}.pdf").replace(f"Variant {v}", "")
        for v in "ABC"
    }
    assert len(sheets) > 1  # the variants choose or order their items differently

    again = tmp_path / "again"
    result = run(built, "build", "harbour", "--out", str(again))
    assert result.exit_code == 0, result.output
    rebuilt = sorted((again / "harbour").glob("*.pdf"))
    assert len(rebuilt) == 6
    for pdf in rebuilt:
        assert pdf.read_bytes() == (built / "output" / "harbour" / pdf.name).read_bytes()


def test_options_override_the_exercise(built: Path, tmp_path: Path, run: Run) -> None:
    out = tmp_path / "o"
    result = run(
        built, "build", "two-bridges", "--out", str(out), "--variants", "2", "--paper", "a4",
        "--seed", "9", "--no-key",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "two-bridges").iterdir()) == [
        "two-bridges-A.pdf",
        "two-bridges-B.pdf",
    ]
    page = PdfReader(out / "two-bridges" / "two-bridges-B.pdf").pages[0]
    assert round(float(page.mediabox.width)) == POINTS["a4"][0]
    text = pdf_text(out / "two-bridges" / "two-bridges-B.pdf")
    assert "Variant B · Student sheet" in text and "Seed" not in text  # the seed is on keys only
    keys = tmp_path / "k"
    html = run(built, "build", "two-bridges", "--out", str(keys), "--seed", "9", "--format", "html")
    assert html.exit_code == 0, html.output
    assert "Seed 9" in (keys / "two-bridges" / "two-bridges-A-key.html").read_text()


def test_html_format_writes_html_beside_the_same_names(
    built: Path, tmp_path: Path, run: Run
) -> None:
    out = tmp_path / "h"
    result = run(built, "build", "two-bridges", "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("Built 2 files in ")
    names = sorted(p.name for p in (out / "two-bridges").iterdir())
    assert names == ["two-bridges-A-key.html", "two-bridges-A.html"]
    student = (out / "two-bridges" / "two-bridges-A.html").read_text()
    assert "data-span" not in student and 'class="span' not in student  # no trace of an answer


def test_unknown_exercise_name(built: Path, run: Run) -> None:
    result = run(built, "build", "nope")
    assert (result.exit_code, result.stderr) == (
        2,  # a mistyped command, as for an unknown option
        "error: no exercise named 'nope' in exercises/\n",
    )


@pytest.fixture(scope="module")
def sheets(built: Path) -> dict[str, str]:
    return {p.stem: pdf_text(p) for p in (built / "output" / "catalogue").glob("*.pdf")}


def test_each_kind_prints_its_answers_only_on_the_key(sheets: dict[str, str]) -> None:
    student, key = sheets["catalogue-A"], sheets["catalogue-A-key"]
    exercise = load_workspace(FIXTURE_WORKSPACE).exercises["catalogue"]
    titles = {ACTIVITY_KINDS[a.kind].title for a in exercise.activities}
    assert len(titles) == 10
    for title in titles:
        assert title in student and title in key
    key_only = [
        "Marking: 1 point for each right name.",  # name-it
        "Marking: 2 points for each item: half for the neutral verb",  # said-verb
        "said Neutral: it reports the words without judging them.",  # said-verb
        "Sample answer (Strong):",  # respond
        "Level What the answer does Strong",  # the rubric
        "The writer wrote:",  # make-it-loaded
        "Nobody can know what everyone thinks.",  # source-check notes (why)
        "Interviews with named fishers.",  # source-check notes (check)
    ]
    for text in key_only:
        assert text in key and text not in student, text
    assert "Score / 65" in student


def test_a_parallel_build_is_byte_identical_to_a_one_process_build(built: Path, run: Run) -> None:
    # `built` rendered with a process a core; this renders it all in one (--force: nothing
    # from the cache), and then builds it again from the cache alone.
    result = run(built, "build", "--jobs", "1", "--force", "--out", "one")
    assert result.exit_code == 0, result.output
    assert run(built, "build", "--out", "cached").exit_code == 0
    outputs = [
        {p.relative_to(built / out): p.read_bytes() for p in (built / out).rglob("*.pdf")}
        for out in ("output", "one", "cached")
    ]
    assert len(outputs[0]) >= 10 and outputs[0] == outputs[1] == outputs[2]


def test_a_rebuild_renders_only_what_changed(make_workspace: MakeWorkspace, run: Run) -> None:
    other = GOOD_PASSAGE.replace("A Small Town Row", "Another Row")
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "corpus/other.md": other,
            "exercises/town.yaml": GOOD_EXERCISE,
            "exercises/other.yaml": GOOD_EXERCISE.replace("[town]", "[other]"),
        }
    )
    assert run(root, "build").exit_code == 0
    first = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (root / "output").rglob("*.pdf")}
    assert len(first) == 4
    # Nothing changed: every file is left as it was, and none is rendered.
    again = run(root, "build")
    assert again.exit_code == 0 and "Built 4 files" in again.output
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in first} == first
    # One passage edited: only the exercise that prints it is rewritten.
    (root / "corpus" / "other.md").write_text(other.replace("plan.", "scheme."))
    assert run(root, "build").exit_code == 0
    rewritten = {p.name for p in first if p.stat().st_mtime_ns != first[p][0]}
    assert rewritten == {"other-A.pdf", "other-A-key.pdf"}
    assert "scheme" in pdf_text(root / "output" / "other" / "other-A.pdf")
    # A cache entry tampered with is not trusted, and --force renders all again.
    for entry in (root / ".spinsheet-cache").glob("*.pdf"):
        entry.write_bytes(b"%PDF-1.7 not this")
    (root / "output" / "town" / "town-A.pdf").unlink()
    assert run(root, "build").exit_code == 0
    assert (
        first[root / "output" / "town" / "town-A.pdf"][1]
        == (root / "output" / "town" / "town-A.pdf").read_bytes()
    )
    assert run(root, "build", "--force").exit_code == 0


def _stamps(root: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (root / "output").rglob("*.html")}


def test_an_unchanged_build_is_answered_from_its_records(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    # HTML, so that the test is quick: the records work alike for PDF.
    exercise = GOOD_EXERCISE.replace("title: Spot It", "title: Spot It\nvariants: 2")
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "corpus/other.md": GOOD_PASSAGE.replace("plan.", "scheme."),
            "exercises/town.yaml": exercise,
            "exercises/other.yaml": exercise.replace("[town]", "[other]"),
        }
    )
    first = run(root, "build", "--format", "html")
    assert first.exit_code == 0, first.output
    stamps = _stamps(root)
    assert len(stamps) == 8
    # A no-op build reads neither passages nor templates: it loads no Jinja, no WeasyPrint.
    script = (
        "import sys\nfrom typer.testing import CliRunner\nfrom spinsheet.cli import app\n"
        "result = CliRunner().invoke(app, ['build', '--format', 'html'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(result.stdout.splitlines()[-1])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'weasyprint')"
        " or m in ('spinsheet.passages', 'spinsheet.workspace')))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert shown[0].startswith("Built 8 files in") and shown[1] == "[]", shown
    assert _stamps(root) == stamps
    # Other options are other records: they do not answer for these.
    assert run(root, "build", "--format", "html", "--variants", "1", "--out", "one").exit_code == 0
    assert _stamps(root) == stamps | {"town-A.html": _stamps(root)["town-A.html"]}
    # A file written over, or removed, is written again; the other exercise is not rendered.
    town = root / "output" / "town" / "town-B.html"
    town.write_text("mine")
    (root / "output" / "town" / "town-A-key.html").unlink()
    assert run(root, "build", "--format", "html").exit_code == 0
    assert "mine" not in town.read_text()
    after = _stamps(root)
    assert {n for n in stamps if after[n] != stamps[n]} == {"town-B.html", "town-A-key.html"}


def test_a_new_file_or_a_problem_is_seen_by_the_next_build(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/town.yaml": GOOD_EXERCISE})
    assert run(root, "build", "--format", "html").exit_code == 0
    # A new passage nobody prints yet is still checked: one with an error fails the build.
    (root / "corpus" / "new.md").write_text(
        '---\ntitle: New\n---\nA [word]{.loaded type="nope"}.\n'
    )
    failed = run(root, "build", "--format", "html")
    assert failed.exit_code == 1
    assert "corpus/new.md:4:" in failed.output and "nothing was written" in failed.output
    # Fixed, it builds; its warnings are shown again by a build with nothing to do.
    (root / "corpus" / "new.md").write_text("---\ntitle: New\ncolour: red\n---\nA word.\n")
    built = run(root, "build", "--format", "html")
    assert built.exit_code == 0, built.output
    warnings = [line for line in built.output.splitlines() if ": warning: " in line]
    assert warnings
    again = run(root, "build", "--format", "html")
    assert [line for line in again.output.splitlines() if ": warning: " in line] == warnings
    # An exercise nobody built is a mistyped command, records or not.
    assert run(root, "build", "nope").exit_code == 2


def test_a_catalogue_saved_in_the_workspace_rebuilds_the_sheets_it_words(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/town.yaml": GOOD_EXERCISE})
    assert run(root, "build", "--format", "html").exit_code == 0
    sheet = root / "output" / "town" / "town-A.html"
    assert "Spot the spin" in sheet.read_text(encoding="utf-8")
    (root / "locale").mkdir()
    (root / "locale" / "en.po").write_text(
        'msgid "Spot the spin"\nmsgstr "Find the spin"\n', encoding="utf-8"
    )
    assert run(root, "build", "--format", "html").exit_code == 0
    assert "Find the spin" in sheet.read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["garbage", "foreign"])
def test_a_corrupted_or_foreign_record_is_ignored(
    make_workspace: MakeWorkspace, run: Run, tmp_path: Path, damage: str
) -> None:
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/town.yaml": GOOD_EXERCISE})
    assert run(root, "build", "--format", "html").exit_code == 0
    records = sorted((root / ".spinsheet-cache" / "builds").glob("*.json"))
    assert len(records) == 2
    page = root / "output" / "town" / "town-A.html"
    if damage == "garbage":
        for record in records:
            record.write_bytes(b"\x00{not json")
    else:  # another workspace's records, for other text, copied in
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        for folder in ("corpus", "exercises"):
            shutil.copytree(root / folder, elsewhere / folder)
        (elsewhere / "corpus" / "town.md").write_text(GOOD_PASSAGE.replace("plan.", "scheme."))
        assert run(elsewhere, "build", "--format", "html").exit_code == 0
        shutil.rmtree(root / ".spinsheet-cache")
        shutil.copytree(elsewhere / ".spinsheet-cache", root / ".spinsheet-cache")
        shutil.copytree(elsewhere / "output", root / "output", dirs_exist_ok=True)
    assert run(root, "build", "--format", "html").exit_code == 0
    assert "reckless" in page.read_text() and "scheme" not in page.read_text()
