"""The content model: ids, sentences, paragraphs, selection, and atomic output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import GOOD_EXERCISE, GOOD_PASSAGE, MakeWorkspace, Run
from spinsheet.catalogue import ACTIVITY_KINDS
from spinsheet.errors import RenderError, WriteError
from spinsheet.model import Activity
from spinsheet.workspace import load_workspace
from spinsheet.writing import write_atomically

PASSAGE = """\
---
title: Ids and sentences
---
Dr. Lee spoke first. The [Mayor's *truly* awful]{.loaded} plan, [said critics]{.unsourced}, failed!

* A list item with [a span]{.loaded} in it
* [Café owners]{.unsourced #cafe} agree. [Café owners]{.unsourced} disagree.

> Quoted: [awful]{.loaded} and [awful]{.loaded}.
"""


def test_generated_ids_are_stable_slugs_and_never_clash(make_workspace: MakeWorkspace) -> None:
    root = make_workspace({"corpus/p.md": PASSAGE})
    passage = load_workspace(root).passages["p"]
    assert [s.id for s in passage.spans] == [
        "mayor-s-truly-awful",
        "said-critics",
        "a-span",
        "cafe",
        "cafe-owners",
        "awful",
        "awful-2",
    ]


def test_spans_know_their_text_paragraph_sentence_and_parent(make_workspace: MakeWorkspace) -> None:
    root = make_workspace({"corpus/p.md": PASSAGE})
    spans = {s.id: s for s in load_workspace(root).passages["p"].spans}
    awful = spans["mayor-s-truly-awful"]
    assert (awful.text, awful.paragraph, awful.line, awful.col) == ("Mayor's truly awful", 1, 4, 26)
    assert (awful.before, awful.after) == ("The ", " plan, said critics, failed!")
    assert spans["a-span"].paragraph == 2 and spans["cafe-owners"].paragraph == 3
    assert spans["cafe-owners"].sentence == "Café owners disagree."
    assert (
        spans["awful-2"].paragraph == 4 and spans["awful-2"].sentence == "Quoted: awful and awful."
    )


def test_nested_spans_record_their_parent(make_workspace: MakeWorkspace) -> None:
    passage = "---\ntitle: T\n---\n[They say the [awful]{.loaded #w} plan failed]{.unsourced #c}.\n"
    spans = load_workspace(make_workspace({"corpus/n.md": passage})).passages["n"].spans
    assert [(s.id, s.parent, s.text) for s in spans] == [
        ("c", None, "They say the awful plan failed"),
        ("w", "c", "awful"),
    ]


def test_paragraphs_limit_the_eligible_spans(make_workspace: MakeWorkspace, run: Run) -> None:
    exercise = GOOD_EXERCISE.replace("  - kind: spot", "  - kind: who-says\n    paragraphs: 1")
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/w.yaml": exercise})
    result = run(root, "check")
    assert result.stdout.splitlines()[0] == (
        "exercises/w.yaml:4:5: error: passage 'town' has no unsourced spans in paragraph 1 for who-says"
    )


def test_atomic_write_keeps_the_old_file_when_replacing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "sheet.pdf"
    write_atomically(target, b"old")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(WriteError, match="cannot write: No space left on device"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["sheet.pdf"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_render_failure_midway_writes_nothing(
    make_workspace: MakeWorkspace, run: Run, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    from spinsheet import pdf

    real = pdf.PdfWriter.write

    def flaky(
        self: pdf.PdfWriter, parts: list[str], name: str, duplex: bool = False
    ) -> tuple[bytes, int]:
        if name == "spot-A-key.pdf":  # the second of the two: the first is rendered
            raise RenderError(f"{name}: error: WeasyPrint could not render it: boom")
        return real(self, parts, name, duplex)

    monkeypatch.setattr(pdf.PdfWriter, "write", flaky)  # forked workers inherit it
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/spot.yaml": GOOD_EXERCISE})
    result = run(root, "build", "--jobs", jobs)
    assert (result.exit_code, result.stderr) == (
        1,
        "spot-A-key.pdf: error: WeasyPrint could not render it: boom\n",
    )
    assert not (root / "output").exists()


def test_entities_and_escapes_read_as_the_reader_sees_them(make_workspace: MakeWorkspace) -> None:
    passage = (
        "---\ntitle: T\n---\nShares in AT&amp;T fell &mdash; and [critics say it]{.unsourced} "
        "for Tom &amp; Jerry \\*really\\*.\n"
    )
    (span,) = load_workspace(make_workspace({"corpus/e.md": passage})).passages["e"].spans
    assert span.sentence == "Shares in AT&T fell — and critics say it for Tom & Jerry *really*."


def test_yaml_merge_keys_are_not_duplicates(make_workspace: MakeWorkspace, run: Run) -> None:
    exercise = (
        "base: &base {kind: who-says, count: 1}\n"
        "title: T\npassages: [town]\nactivities:\n  - {<<: *base, count: 1}\n"
    )
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/m.yaml": exercise})
    assert run(root, "check").stdout.splitlines()[0] == (
        "exercises/m.yaml:1:1: error: unknown key 'base' in the exercise; expected one of: "
        "title, passages, audience, minutes, paper, print, variants, seed, avoid, excerpt, references, language, activities"
    )


def test_leftover_attribute_text_is_caught_outside_code(make_workspace: MakeWorkspace) -> None:
    import xml.etree.ElementTree as etree

    from spinsheet.passages import _Body, _printed_attributes
    from spinsheet.sources import SourceFile

    text = 'A `[x]{.loaded why="shown as code"}` and [y]{.loaded why="leak"}.\n'
    body = _Body(SourceFile(Path("p.md"), "corpus/p.md", text), text, 4)
    tree = etree.fromstring(
        '<div><p>A <code>[x]{.loaded why="shown as code"}</code> and [y]{.loaded why="leak"}.</p></div>'
    )
    assert [str(p) for p in _printed_attributes(body, tree)] == [
        "corpus/p.md:4:45: error: this attribute block would print as text, answers and all; "
        "check the brackets and backticks before it"
    ]


def test_quoted_words_are_marked_but_never_rewritten(make_workspace: MakeWorkspace) -> None:
    passage = (
        "---\ntitle: T\n---\n"
        "The minister said the strikes were “[necessary]{.loaded neutral=n} … and [proportionate]{.loaded"
        " neutral=n}. They will go on.” Critics called them [reckless]{.loaded neutral=n}.\n"
    )
    spans = load_workspace(make_workspace({"corpus/q.md": passage})).passages["q"].spans
    assert [(s.id, s.quoted) for s in spans] == [
        ("necessary", True),
        ("proportionate", True),
        ("reckless", False),
    ]
    # The ellipsis inside the quotation does not end the sentence.
    assert spans[1].sentence.startswith("The minister said the strikes were “necessary … and")
    exercise = Activity("rewrite", "q", None, None, None, 1)
    passage_model = load_workspace(make_workspace({"corpus/q.md": passage})).passages["q"]
    assert [s.id for s in ACTIVITY_KINDS["rewrite"].eligible(exercise, passage_model)] == [
        "reckless"
    ]
