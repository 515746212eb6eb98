"""Every activity kind, in both editions, from a workspace of its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import FIXTURE_WORKSPACE, MakeWorkspace, Run, folded, pdf_text
from spinsheet.build import BuildOptions, plan
from spinsheet.catalogue import ACTIVITY_KINDS, ActivityKind
from spinsheet.items import Draw, Items, span_items
from spinsheet.model import Span
from spinsheet.workspace import load_workspace


def test_the_fixture_workspace_uses_every_kind() -> None:
    exercises = load_workspace(FIXTURE_WORKSPACE).exercises.values()
    assert {a.kind for e in exercises for a in e.activities} == set(ACTIVITY_KINDS)


def test_points_add_up_on_the_sheet() -> None:
    workspace = load_workspace(FIXTURE_WORKSPACE)
    (sheet,) = [
        s
        for s in plan(workspace, BuildOptions(exercises=["catalogue"], key=False))
        if s.variant == "A"
    ]
    assert "/ 65</span>" in sheet.html


def test_variants_order_items_and_choices_differently_and_reproducibly() -> None:
    workspace = load_workspace(FIXTURE_WORKSPACE)
    first = {s.path.name: s.html for s in plan(workspace, BuildOptions(exercises=["catalogue"]))}
    again = {s.path.name: s.html for s in plan(workspace, BuildOptions(exercises=["catalogue"]))}
    assert first == again
    a, b = first["catalogue-A.pdf"], first["catalogue-B.pdf"]
    assert a.replace("Variant A", "") != b.replace("Variant B", "")


def test_shuffle_false_keeps_passage_order(make_workspace: MakeWorkspace, run: Run) -> None:
    markdown = (FIXTURE_WORKSPACE / "corpus" / "harbour-plan.md").read_text()
    exercise = (
        "title: T\npassages: [h]\nvariants: 3\nactivities:\n  - kind: sort\n    shuffle: false\n"
    )
    root = make_workspace({"corpus/h.md": markdown, "exercises/s.yaml": exercise})
    workspace = load_workspace(root)
    passage = workspace.passages["h"]
    # Sort prints, in bold in their sentences, the spans that fit one column only.
    (activity,) = workspace.exercises["s"].activities
    eligible = ACTIVITY_KINDS["sort"].eligible(activity, passage)
    sentences = {(s.paragraph, s.sentence) for s in eligible}  # each printed once
    for sheet in plan(workspace, BuildOptions(key=False)):
        positions = [sheet.html.find(f'<strong class="target">{s.text}</strong>') for s in eligible]
        printed = [p for p in positions if p > 0]
        assert printed == sorted(printed) and len(printed) == len(sentences)


ERRORS = [
    (
        "  - kind: compare\n    passages: [h, p]\n    pairs:\n      - [h#disastrous, p#nothing]\n      - [p#catastrophique, h#critics]\n      - just-one\n",
        [
            "exercises/e.yaml:9:24: error: passage 'p' has no span '#nothing'",
            "exercises/e.yaml:10:10: error: expected h#id here; got 'p#catastrophique'",
            "exercises/e.yaml:10:28: error: expected p#id here; got 'h#critics'",
            'exercises/e.yaml:11:9: error: a pair is [h#id, p#id] or [h#id, p#id, "the fact"]',
        ],
    ),
    (
        "  - kind: respond\n    passage: h\n    prompt: Why?\n    rubric: []\n",
        [
            "exercises/e.yaml:9:13: error: 'rubric' needs at least one level, each with 'level' and 'descriptor'"
        ],
    ),
    (
        "  - kind: respond\n    passage: h\n    prompt: Why?\n    rubric:\n      - {level: Good}\n      - {level: Fine, descriptor: ok}\n    samples:\n      - {level: Great, answer: x}\n",
        [
            "exercises/e.yaml:10:9: error: 'descriptor' is required in a rubric level",
            "exercises/e.yaml:13:17: error: 'level' must be one of the rubric's levels (Fine); got 'Great'",
        ],
    ),
    (
        "  - kind: name-it\n    passage: h\n    pairs: []\n    rubric: x\n",
        [
            "exercises/e.yaml:8:5: error: unknown key 'pairs' in a name-it activity; expected one of: kind, passage, count, paragraphs, instructions, shuffle, points",
            "exercises/e.yaml:9:5: error: unknown key 'rubric' in a name-it activity; expected one of: kind, passage, count, paragraphs, instructions, shuffle, points",
        ],
    ),
    (
        "  - kind: tally\n    passage: h\n    count: 3\n",
        ["exercises/e.yaml:8:12: error: 'count' does not apply to tally: it counts every span"],
    ),
]


@pytest.mark.parametrize(("activity", "expected"), ERRORS)
def test_new_keys_are_checked_at_file_and_line(
    make_workspace: MakeWorkspace, run: Run, activity: str, expected: list[str]
) -> None:
    files: dict[str, str | bytes] = {
        "corpus/h.md": (FIXTURE_WORKSPACE / "corpus" / "harbour-plan.md").read_text(),
        "corpus/p.md": (FIXTURE_WORKSPACE / "corpus" / "pont-neuf.md").read_text(),
        "exercises/e.yaml": "title: T\npassages: [h, p]\nvariants: 2\nseed: 1\nactivities:\n"
        + activity,
    }
    result = run(make_workspace(files), "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:-1] == expected
    assert folded(result.stdout)


def test_class_pack_cycles_variants_in_one_pdf(tmp_path: Path, run: Run) -> None:
    result = run(
        FIXTURE_WORKSPACE,
        "build",
        "harbour",
        "--class-size",
        "4",
        "--duplex",
        "--out",
        str(tmp_path),
    )
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in (tmp_path / "harbour").iterdir())
    assert made == [
        "harbour-A-key.pdf",
        "harbour-B-key.pdf",
        "harbour-C-key.pdf",
        "harbour-class-4.pdf",
    ]
    from pypdf import PdfReader

    pages = [
        p.extract_text() or ""
        for p in PdfReader(tmp_path / "harbour" / "harbour-class-4.pdf").pages
    ]
    firsts = [n for n, text in enumerate(pages) if "Name" in text and "Page 1 of" in text]
    assert len(firsts) == 4 and all(n % 2 == 0 for n in firsts)  # each sheet starts on a front
    letters = [pages[n].split("Variant ")[1][0] for n in firsts]
    assert letters == ["A", "B", "C", "A"]
    assert len(pages) % 2 == 0


def test_class_pack_is_pdf_only(run: Run) -> None:
    result = run(
        FIXTURE_WORKSPACE, "build", "--class-size", "3", "--format", "html", "--out", "/tmp/x"
    )
    assert (result.exit_code, result.stderr) == (
        2,  # a mistyped command, as for an unknown option
        "error: a class pack is one PDF: use --class-size without --format html\n",
    )


def test_one_sheet_never_shows_a_sentence_twice_when_it_can_avoid_it() -> None:
    workspace = load_workspace(Path(__file__).resolve().parents[1])
    for sheet in plan(workspace, BuildOptions(exercises=["araujo"], key=False)):
        rewrite = sheet.html.split("Say it neutrally")[1].split("Who says?")[0]
        sentences = [s.split("</p>")[0] for s in rewrite.split('<p class="sentence">')[1:]]
        assert len(sentences) == 4 and len(set(sentences)) == 4


def test_a_compare_with_one_passage_gets_one_message(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    files: dict[str, str | bytes] = {
        "corpus/h.md": (FIXTURE_WORKSPACE / "corpus" / "harbour-plan.md").read_text(),
        "corpus/p.md": (FIXTURE_WORKSPACE / "corpus" / "pont-neuf.md").read_text(),
        "exercises/e.yaml": "title: T\npassages: [h, p]\nactivities:\n  - kind: compare\n    passages: [h]\n",
    }
    result = run(make_workspace(files), "check")
    assert result.stdout.splitlines()[:-1] == [
        "exercises/e.yaml:5:15: error: 'passages' must name two different passages, such as [a, b]; got ['h']"
    ]


# A kind of activity made here, to show what adding one takes: one catalogue entry (with
# its own item builder) and one template.
def first_letters(draw: Draw) -> Items:
    """Each loaded word as a clue: its first letter, and how many letters it has."""
    items = [
        replace(item, label=f"{item.span.text[0]}… ({len(item.span.text)} letters)")
        for item in span_items(draw.passage, draw.spans, draw.taxonomy)
        if item.span is not None
    ]
    return Items(items)


def one_loaded_word(span: Span) -> bool:
    return span.kind == "loaded" and " " not in span.text


WORD_HUNT = ActivityKind(
    title="Word hunt",
    instructions="Find the loaded word in the passage from its first letter and length.",
    points=1,
    scoring="{points} for each word found.",
    draws=one_loaded_word,
    what="one-word loaded spans",
    build=first_letters,
)

WORD_HUNT_TEMPLATE = """\
{% from "macros.html" import heading %}
<section class="activity word-hunt">
{{ heading(activity, is_key) }}
{% for item in activity.items %}
  <p>{{ item.number }}. {{ item.label }}: {{ item.span.text if is_key else "________" }}</p>
{% endfor %}
</section>
"""


def test_a_new_kind_is_one_catalogue_entry_and_one_template(
    make_workspace: MakeWorkspace, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ACTIVITY_KINDS, "word-hunt", WORD_HUNT)
    exercise = "title: Hunt\npassages: [h]\nactivities:\n  - kind: word-hunt\n    count: 2\n"
    root = make_workspace(
        {
            "corpus/h.md": (FIXTURE_WORKSPACE / "corpus" / "harbour-plan.md").read_text(),
            "exercises/hunt.yaml": exercise,
            "templates/activities/word-hunt.html": WORD_HUNT_TEMPLATE,
        }
    )
    assert run(root, "check").stdout.endswith("0 errors, 0 warnings.\n")
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    student = pdf_text(root / "output" / "hunt" / "hunt-A.pdf")
    key = pdf_text(root / "output" / "hunt" / "hunt-A-key.pdf")
    words = [s.text for s in load_workspace(root).passages["h"].spans if one_loaded_word(s)]
    asked = [w for w in words if f"{w[0]}… ({len(w)} letters): ________" in student]
    assert len(asked) == 2 and "Word hunt 2 points" in student
    for word in asked:
        assert f"{word[0]}… ({len(word)} letters): {word}" in key
    # The checker knows the new kind's rules as it knows the built-in ones'.
    (root / "exercises" / "hunt.yaml").write_text(exercise.replace("count: 2", "count: 99"))
    too_many = run(root, "check")
    assert too_many.exit_code == 1
    assert too_many.stdout.startswith(
        f"exercises/hunt.yaml:5:12: error: 'count' is 99, but passage 'h' has only {len(words)} "
        "one-word loaded spans\n"
    )
