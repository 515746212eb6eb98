"""`spinsheet import`: paragraphs a line, the SemEval cross-walk, sanity checks, variants.

Each test uses fixture files written in the shape the real tool writes
(tests/fixtures/imports/README.md), and asserts the exact message a teacher sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MakeWorkspace, Run
from spinsheet.errors import Problem, UsageError
from spinsheet.importing.articles import clean_author
from spinsheet.importing.labels import names_authority
from spinsheet.importing.pipeline import ImportRequest, run_import
from spinsheet.passages import load_passage
from spinsheet.sources import read_source
from spinsheet.taxonomy import SEMEVAL_TECHNIQUES, load_taxonomy

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
PTC = (FIXTURES / "article999000456.txt", FIXTURES / "article999000456.task-flc-tc.labels")


def _body(root: Path, passage_id: str) -> str:
    text = (root / "corpus" / f"{passage_id}.md").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def _request(format: str, *paths: Path, **options: object) -> ImportRequest:
    return ImportRequest(format=format, sources=paths, rels=tuple(p.name for p in paths), **options)  # type: ignore[arg-type]


# 1. Paragraphs: one a line, or parted by blank lines.


def test_a_ptc_article_with_a_paragraph_a_line_keeps_its_paragraphs(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    result = run(root, "import", "ptc", *map(str, PTC), "--id", "ferry")
    assert result.exit_code == 0, result.output
    assert (
        f"{PTC[0]}:1:1: warning: no blank lines between its paragraphs: each line is read "
        "as a paragraph (--paragraphs blank-lines reads it as one)"
    ) in result.output
    assert run(root, "check").exit_code == 0
    source = read_source(root / "corpus" / "ferry.md", "corpus/ferry.md")
    passage, problems = load_passage(source, load_taxonomy(root))  # type: ignore[arg-type]
    assert passage is not None, problems
    assert passage.paragraphs == 7
    article = PTC[0].read_text(encoding="utf-8")
    for span in passage.spans:  # the offsets stay exact: each span is the labelled text
        assert span.text in article
    assert [s.text for s in passage.spans_of("loaded")] == [
        "shameful betrayal",
        "slammed",
        "so-called",
        "Residents must stand together",
    ]


def test_a_text_with_a_paragraph_a_line_is_read_the_same(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    result = run(root, "import", "text", str(PTC[0]), "--id", "ferry")
    assert result.exit_code == 0, result.output
    body = _body(root, "ferry")
    assert body.count("\n\n") == 6
    assert body.startswith("Port Ellery council on Tuesday")


def test_hard_wrapped_text_with_no_blank_lines_stays_one_paragraph(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    result = run(root, "import", "text", str(FIXTURES / "wrapped.txt"), "--id", "tidal")
    assert result.exit_code == 0, result.output
    assert "no blank lines" not in result.output
    assert "\n\n" not in _body(root, "tidal").strip()


@pytest.mark.parametrize(("mode", "breaks"), [("lines", 4), ("blank-lines", 0)])
def test_the_paragraphs_option_forces_either_reading(
    make_workspace: MakeWorkspace, mode: str, breaks: int
) -> None:
    root = make_workspace({})
    request = _request("text", FIXTURES / "wrapped.txt", paragraphs=mode)
    (outcome,) = run_import(root, request)
    body = _body(root, "wrapped")
    assert body.strip().count("\n\n") == breaks
    assert not [p for p in outcome.report if "blank lines" in p.message]


def test_forced_lines_leave_out_a_span_across_a_line(make_workspace: MakeWorkspace) -> None:
    root = make_workspace({})
    article = FIXTURES / "wrapped.txt"
    text = article.read_text(encoding="utf-8")
    start = text.index("end of")
    labels = root / "labels.tsv"
    labels.write_text(f"1\tLoaded_Language\t{start}\t{start + 20}\n", encoding="utf-8")
    named = root / "article1.txt"
    named.write_text(text, encoding="utf-8")
    request = _request("ptc", named, labels, paragraphs="lines", partial=True)
    (outcome,) = run_import(root, request)
    assert [str(p) for p in outcome.report] == [
        "labels.tsv:1:1: warning: left out “end of October, foun”: it runs across a "
        "paragraph break, and a span stays inside one paragraph"
    ]


def test_an_unknown_paragraphs_reading_is_a_mistyped_command(
    make_workspace: MakeWorkspace,
) -> None:
    root = make_workspace({})
    with pytest.raises(UsageError) as raised:
        run_import(root, _request("text", FIXTURES / "wrapped.txt", paragraphs="words"))
    assert str(raised.value) == (
        "--paragraphs 'words' is not a reading; expected one of: auto, lines, blank-lines"
    )


# 2. Every SemEval-2020 technique has a cross-walk entry.


def test_every_semeval_technique_is_mapped_or_explicitly_ignored(
    make_workspace: MakeWorkspace,
) -> None:
    from spinsheet.importing.labels import IGNORE, Labels

    labels = Labels(load_taxonomy(make_workspace({})))
    for technique in SEMEVAL_TECHNIQUES:
        meant = labels.resolve([technique])
        assert meant is not None, technique
        if meant[0] == IGNORE:
            assert technique in ("Repetition", "Whataboutism,Straw_Men,Red_Herring")


def test_ignored_techniques_are_reported_once_each_with_a_count(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    result = run(root, "import", "ptc", *map(str, PTC), "--id", "ferry")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "cross-walk" in line]
    assert lines == [
        f"{PTC[1]}:7:1: warning: left out 2 annotations labelled Repetition: the taxonomy's "
        "cross-walk maps it to 'ignore' (it is not about wording or sourcing); map it with "
        "--map to keep them",
        f"{PTC[1]}:9:1: warning: left out 1 annotation labelled "
        "Whataboutism,Straw_Men,Red_Herring: the taxonomy's cross-walk maps it to 'ignore' "
        "(it is not about wording or sourcing); map it with --map to keep them",
    ]
    assert "placed 6 of 6 annotations (4 loaded, 1 unsourced, 1 sourced)" in result.output


def test_an_article_with_only_ignored_techniques_is_not_refused(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    text = PTC[0].read_text(encoding="utf-8")
    start = text.index("our island")
    root.joinpath("article7.txt").write_text(text, encoding="utf-8")
    root.joinpath("l.labels").write_text(f"7\tRepetition\t{start}\t{start + 10}\n")
    result = run(root, "import", "ptc", "article7.txt", "l.labels")
    assert result.exit_code == 0, result.output
    assert "corpus/article7.md: written, with no annotations to place" in result.output


def test_an_appeal_to_a_named_authority_is_sourced(make_workspace: MakeWorkspace) -> None:
    root = make_workspace({})
    run_import(root, _request("ptc", *PTC))
    body = _body(root, "article999000456")
    assert '[Harbour Board chair Tomas Velt said]{.sourced type="named-source"}' in body
    assert '[Experts say]{.unsourced type="vague-attribution"}' in body


@pytest.mark.parametrize(
    ("quote", "named"),
    [
        ("Harbour Board chair Tomas Velt said", True),
        ("said Tedros", True),
        ("according to the WHO", True),
        ("The World Health Organisation warned", True),
        ("Experts say", False),
        ("A senior official said", False),
        ("Scientists agree. Doctors too", False),
        ("many doctors believe", False),
    ],
)
def test_the_named_authority_rule(quote: str, named: bool) -> None:
    assert names_authority(quote) is named


def test_a_map_entry_for_appeal_to_authority_overrides_the_rule(
    make_workspace: MakeWorkspace,
) -> None:
    root = make_workspace({"map.yaml": "Appeal_to_Authority: unsourced/anonymous-source\n"})
    run_import(root, _request("ptc", *PTC, map_path=root / "map.yaml"))
    body = _body(root, "article999000456")
    assert '[Harbour Board chair Tomas Velt said]{.unsourced type="anonymous-source"}' in body


# 3. Garbage refused at its file and line: exit 1, nothing written.


def _refused(result, root: Path) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not list((root / "corpus").iterdir())
    return str(result.output)


def test_ptc_files_given_the_wrong_way_round_are_refused(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    output = _refused(run(root, "import", "ptc", str(PTC[1]), str(PTC[0])), root)
    assert output == (
        f"{PTC[1]}:1:1: error: this is a labels table (ID<TAB>TECHNIQUE<TAB>START<TAB>END), "
        "not an article: give the article<ID>.txt first, then the labels file\n"
        "1 error; nothing was written.\n"
    )


def test_a_labels_file_that_is_prose_is_refused_at_its_first_line(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    output = _refused(run(root, "import", "ptc", str(PTC[0]), str(FIXTURES / "wrapped.txt")), root)
    assert output == (
        f"{FIXTURES / 'wrapped.txt'}:1:1: error: expected rows "
        "'ID<TAB>TECHNIQUE<TAB>START<TAB>END': is this the article? give the "
        "article<ID>.txt first, then the labels file\n1 error; nothing was written.\n"
    )


def test_an_article_whose_id_has_no_label_row_is_refused(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    text = PTC[0].read_text(encoding="utf-8")
    root = make_workspace({"article42.txt": text})
    output = _refused(run(root, "import", "ptc", "article42.txt", str(PTC[1])), root)
    unmatched = (
        f"{PTC[1]}:1:1: error: no rows for article 42 (from the name article42.txt) in this "
        "file: is it the labels file of another set of articles? (--partial writes an article "
        "with no techniques)"
    )
    assert output == f"{unmatched}\n1 error; nothing was written.\n"
    result = run(root, "import", "ptc", "article42.txt", str(PTC[1]), "--partial")
    assert result.exit_code == 0, result.output
    assert unmatched.replace(": error: ", ": warning: ") in result.stderr
    assert "corpus/article42.md: written, with no annotations to place" in result.stdout


def test_a_passage_that_would_print_nothing_is_refused(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    invisible = FIXTURES / "invisible.txt"
    output = _refused(run(root, "import", "text", str(invisible)), root)
    assert output == (
        f"{invisible}:3:1: error: there is no article text here: only invisible characters "
        "(zero-width spaces, controls), so the passage would print nothing\n"
        "1 error; nothing was written.\n"
    )


def test_an_empty_label_studio_task_is_refused(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace({"empty.json": '[{"id": 1, "data": {"text": "  "}}]'})
    output = _refused(run(root, "import", "label-studio", "empty.json"), root)
    assert (
        output
        == "empty.json:1:1: error: there is no article text here\n1 error; nothing was written.\n"
    )


# 4. Annotations with no tag: a default kind, `tagging` motivations, refined selectors.

FERRY = FIXTURES / "article999000456.txt"
NO_TAG = (
    "warning: left out: no tag names a kind or type (tags: none); tag it loaded, unsourced "
    "or sourced, or give a kind for annotations with no tag: a line '\"*\": KIND[/TYPE]' in "
    "the --map file"
)


def _spans(root: Path, passage_id: str) -> list[str]:
    import re

    return re.findall(r"\[[^]]*\]\{[^}]*\}", _body(root, passage_id))


def test_untagged_hypothesis_annotations_are_reported_without_a_default(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    export = FIXTURES / "hypothesis-untagged.json"
    result = run(root, "import", "hypothesis", str(export), str(FERRY), "--id", "h")
    assert result.exit_code == 0, result.output
    assert f"{export}:6:5: {NO_TAG}" in result.stderr
    assert f"{export}:57:5: {NO_TAG}" in result.stderr
    assert "corpus/h.md: placed 1 of 3 annotations (1 unsourced)" in result.stdout


def test_a_star_entry_in_the_map_gives_untagged_annotations_a_kind(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    export, labels = FIXTURES / "hypothesis-untagged.json", FIXTURES / "map-untagged.yaml"
    result = run(
        root, "import", "hypothesis", str(export), str(FERRY), "--id", "h", "--map", str(labels)
    )
    assert result.exit_code == 0, result.output
    assert "no tag names" not in result.stderr
    assert _spans(root, "h") == [
        '[shameful betrayal]{.loaded why="Pushes anger." neutral="failure"}',
        '[Experts say]{.unsourced why="Which experts?"}',
        "[slammed]{.loaded}",
    ]


@pytest.mark.parametrize(
    ("default", "expected"),
    [("loaded/emotive", '[slammed]{.loaded type="emotive"}'), ("ignore", None)],
)
def test_a_default_kind_applies_to_annotations_with_no_tag(
    make_workspace: MakeWorkspace, default: str, expected: str | None
) -> None:
    root = make_workspace({})
    export = FIXTURES / "hypothesis-untagged.json"
    (outcome,) = run_import(root, _request("hypothesis", export, FERRY, default_kind=default))
    assert not [p for p in outcome.report if "no tag" in p.message]
    spans = _spans(root, "article999000456")
    assert (expected in spans) if expected else len(spans) == 1


def test_an_unknown_default_kind_is_a_mistyped_command(make_workspace: MakeWorkspace) -> None:
    root = make_workspace({})
    export = FIXTURES / "hypothesis-untagged.json"
    with pytest.raises(UsageError) as raised:
        run_import(root, _request("hypothesis", export, FERRY, default_kind="spin"))
    assert str(raised.value).startswith(
        "--default-kind 'spin' is not a kind, kind/type or 'ignore'; expected one of: loaded, "
    )


def test_w3c_tagging_motivation_and_refined_quote_selectors_are_read(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    page = FIXTURES / "w3c-tagging.jsonld"
    result = run(root, "import", "w3c", str(page), str(FERRY), "--id", "w")
    assert result.exit_code == 0, result.output
    assert _spans(root, "w") == [
        '[Experts say]{.unsourced why="Who are the experts?"}',
        "[so-called]{.loaded}",
    ]
    # the highlight with no body and no tag is the one left out
    assert result.stderr.count("no tag names") == 1
    assert f"{page}:67:5: {NO_TAG}" in result.stderr


# 5. doccano and Label Studio variants.


def test_doccano_data_instead_of_text_and_entities_as_triples(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    result = run(root, "import", "doccano", str(FIXTURES / "doccano-variants.jsonl"), "--id", "d")
    assert result.exit_code == 0, result.output
    assert "corpus/d-301.md: placed 2 of 2 annotations (1 loaded, 1 unsourced)" in result.stdout
    assert "corpus/d-302.md: placed 2 of 2 annotations (1 loaded, 1 unsourced)" in result.stdout
    assert _spans(root, "d-301") == ["[slammed]{.loaded}", "[Experts say]{.unsourced}"]
    assert _spans(root, "d-302") == ["[shameful waste]{.loaded}", "[A spokesperson]{.unsourced}"]
    assert run(root, "check").exit_code == 0


def test_a_doccano_entity_triple_of_the_wrong_length_is_refused(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"bad.jsonl": '{"text": "The plan failed.", "entities": [[4, 8]]}\n'})
    output = _refused(run(root, "import", "doccano", "bad.jsonl"), root)
    assert output == (
        'bad.jsonl:1:43: error: expected [START, END, "LABEL"]\n1 error; nothing was written.\n'
    )


def test_a_label_studio_task_with_image_regions_says_what_it_left_out(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    export = FIXTURES / "label-studio-image.json"
    result = run(root, "import", "label-studio", str(export), "--id", "ls")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"{export}:44:11: warning: left out 3 image regions (polygonlabels, rectanglelabels): "
        "only spans of the text are read\n"
    )
    assert "placed 2 of 2 annotations (1 loaded, 1 unsourced)" in result.stdout
    assert _spans(root, "ls") == ["[slammed]{.loaded}", "[Experts say]{.unsourced}"]


def test_a_label_studio_task_whose_data_is_the_text(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    text = "Critics slammed the plan."
    result_ = {"type": "labels", "value": {"start": 8, "end": 15, "labels": ["loaded"]}}
    export = [{"id": 5, "data": text, "annotations": [{"result": [result_]}]}]
    import json

    root = make_workspace({"ls.json": json.dumps(export)})
    result = run(root, "import", "label-studio", "ls.json", "--id", "ls")
    assert result.exit_code == 0, result.output
    assert _spans(root, "ls") == ["[slammed]{.loaded}"]


# 6. A saved page in the charset it declares.


def test_a_latin1_page_is_read_in_the_charset_it_declares(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    page = FIXTURES / "latin1.html"
    with pytest.raises(UnicodeDecodeError):
        page.read_bytes().decode("utf-8")  # the fixture is what it claims
    result = run(root, "import", "html", str(page), "--id", "cafe")
    assert result.exit_code == 0, result.output
    written = (root / "corpus" / "cafe.md").read_text(encoding="utf-8")
    assert "title: Café Owners Protest Harbour Fee" in written
    assert "author: Renée Dufour" in written
    # windows-1252 quotes under an iso-8859-1 label, as browsers read them
    assert "“We were never asked,” said Amélie Garnier" in written
    assert "£12,000" in written
    assert run(root, "check").exit_code == 0


def test_a_page_that_is_not_utf8_and_declares_nothing_is_refused(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    page = FIXTURES / "latin1-undeclared.html"
    output = _refused(run(root, "import", "html", str(page)), root)
    assert output == (
        f"{page}:4:11: error: not valid UTF-8 (byte 0xe9): save the file as UTF-8, or declare "
        'its charset in the page (<meta charset="…">)\n1 error; nothing was written.\n'
    )


def test_a_page_declaring_an_unknown_charset_is_refused_at_the_declaration(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    page = b'<!DOCTYPE html>\n<html><head>\n<meta charset="x-klingon">\n</head><body>\xe9</body></html>'
    root = make_workspace({"k.html": page})
    output = _refused(run(root, "import", "html", "k.html"), root)
    assert output == (
        "k.html:3:1: error: this page declares the charset 'x-klingon', which spinsheet "
        "cannot read\n1 error; nothing was written.\n"
    )


# 8. A quote that occurs more than once: placed by prefix, suffix or position, never guessed.


def test_a_repeated_quote_is_placed_by_its_context_or_reported(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    export = FIXTURES / "hypothesis-repeated.json"
    unsure = (
        f"{export}:87:5: error: the quoted text “council” occurs 2 times in {FERRY}, and "
        "neither its prefix and suffix nor a position tells which is meant"
    )
    output = _refused(run(root, "import", "hypothesis", str(export), str(FERRY)), root)
    assert output == f"{unsure}\n1 error; nothing was written.\n"
    result = run(root, "import", "hypothesis", str(export), str(FERRY), "--id", "r", "--partial")
    assert result.exit_code == 0, result.output
    assert unsure.replace("error: ", "warning: left out: ") in result.stderr
    body = _body(root, "r")
    assert "every family on the [island]{.loaded}" in body  # by its position
    assert "would sell out our [island]{.loaded}" in body  # by its prefix and suffix
    assert "council]" not in body


# 7. brat attribution with no source: the content is the unsourced claim, not the cue.


def test_an_attribution_with_no_source_marks_its_content(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    text, labels = FIXTURES / "attribution-brat.txt", FIXTURES / "map-attribution.yaml"
    result = run(root, "import", "brat", str(text), "--map", str(labels), "--id", "att")
    assert result.exit_code == 0, result.output
    assert "placed 5 of 5 annotations (4 unsourced, 1 sourced)" in result.stdout
    assert _spans(root, "att") == [
        '[The Port Ellery Gazette]{.sourced type="named-source"}',
        '[the contractor has been fined before]{.unsourced type="vague-attribution"}',
        '[the work would start in spring]{.unsourced type="vague-attribution"}',
        # a vague Source: not a named source, and its content is marked, not "warn"
        '[Some experts]{.unsourced type="vague-attribution"}',
        '[the seabed is too soft]{.unsourced type="vague-attribution"}',
    ]


def test_the_command_line_gives_paragraphs_and_a_default_kind(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"wrapped.txt": (FIXTURES / "wrapped.txt").read_text(encoding="utf-8")})
    for name, reading in (("a", "lines"), ("b", "blank-lines")):
        made = run(root, "import", "text", "wrapped.txt", "--id", name, "--paragraphs", reading)
        assert made.exit_code == 0, made.output
    lines, blank = (read_source(root / "corpus" / f"{n}.md", f"{n}.md") for n in "ab")
    assert not isinstance(lines, Problem) and not isinstance(blank, Problem)
    assert lines.text.count("\n\n") > blank.text.count("\n\n")
    wrong = run(root, "import", "text", "wrapped.txt", "--id", "c", "--paragraphs", "words")
    assert wrong.exit_code == 2 and "--paragraphs 'words' is not a reading" in wrong.output
    export = FIXTURES / "hypothesis-untagged.json"
    tagged = run(
        root, "import", "hypothesis", str(export), str(FERRY), "--id", "h",
        "--default-kind", "loaded/emotive",
    )  # fmt: skip
    assert tagged.exit_code == 0, tagged.output
    assert "no tag names" not in tagged.stderr
    assert '[slammed]{.loaded type="emotive"}' in _spans(root, "h")


def test_techniques_in_the_title_line_become_the_headline_s_spans(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    article, labels = (
        FIXTURES / "article999000789.txt",
        FIXTURES / "article999000789.task-flc-tc.labels",
    )
    result = run(root, "import", "ptc", str(article), str(labels), "--id", "fares")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    source = read_source(root / "corpus" / "fares.md", "corpus/fares.md")
    passage, problems = load_passage(source, load_taxonomy(root))  # type: ignore[arg-type]
    assert passage is not None, problems
    assert passage.title == "Outrage as Ferry Fares Soar Again"  # printed as it was
    assert [(s.text, s.paragraph) for s in passage.spans] == [
        ("Outrage", 0),
        ("Soar", 0),
        ("a disaster", 2),
    ]
    assert run(root, "check").exit_code == 0


# 10. A saved page: the whole article, the headline once, a clean byline, a stated date.


def _import_page(root: Path, run: Run, page: Path, passage_id: str) -> tuple[str, str, str]:
    """`import html` of a fixture page: what it printed, and the passage's front matter and body."""
    result = run(root, "import", "html", str(page), "--id", passage_id)
    assert result.exit_code == 0, result.output
    written = (root / "corpus" / f"{passage_id}.md").read_text(encoding="utf-8")
    head, body = written.split("\n---\n", 1)
    return str(result.output), head, body


def test_a_page_keeps_its_story_once_without_hidden_text_or_a_guessed_date(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    output, head, body = _import_page(root, run, FIXTURES / "headline-repeated.html", "vote")
    assert "warning" not in output
    assert "title: Harbour Board Delays Wind Farm Vote" in head
    assert "author: Mara Quist" in head
    assert "outlet: Port Ellery Gazette" in head
    assert "published" not in head  # the footer's "© 2019" is no date of publication
    # the headline is printed once, as the title; text a reader never sees is not the article's
    assert "Harbour Board Delays" not in body
    assert "Subscribe now" not in body and "Advertisement" not in body
    # nor are a slideshow's controls and the labels of what the extractor cut
    assert body.rstrip().endswith("before the next meeting in May.")
    assert body.lstrip().startswith("The Port Ellery Harbour Board put off its vote")
    assert body.count("\n\n") >= 3  # four paragraphs
    assert run(root, "check").exit_code == 0


def test_a_section_heading_is_not_taken_for_the_headline(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    _, head, _ = _import_page(root, run, FIXTURES / "section-heading.html", "fares")
    assert "title: Ferry Fares to Rise in June\n" in head  # the <title>, without the site
    assert "author: Ines Harrow\n" in head  # not "; Transport Correspondent"
    assert "published" not in head


def test_a_page_whose_article_comes_out_short_says_so(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    page = FIXTURES / "cut-short.html"
    output, _, _ = _import_page(root, run, page, "short")
    assert (
        f"{page}:1:1: warning: the article found in this page is 24 words, much shorter than "
        "its longest run of paragraphs (328 words): compare the passage with the page, and if "
        "text is missing, copy the article into a .txt file and import that\n"
    ) in output


@pytest.mark.parametrize(
    ("found", "author"),
    [
        ("Username", None),  # a comment form's label (two Washington Post pages)
        ("Jane Roe Jane Roe", "Jane Roe"),  # the byline read twice (New York Times)
        ("Jane Roe; jane roe", "Jane Roe"),
        ("Aleš Vávra před", "Aleš Vávra"),  # "před 3 hodinami": a dateline's words
        ("Laura June Topolsky July", "Laura June Topolsky"),
        ("Joe Wee Monday; February", "Joe Wee"),
        ("Last Updated January 7", None),
        ("SPIEGEL ONLINE; Hamburg; Germany", "SPIEGEL ONLINE"),  # a place line
        ("Analysis by Chris Cillizza; CNN Editor-at-large", "Chris Cillizza"),
        ("Ben Silverman Games Editor", "Ben Silverman"),
        ("By Jane Smith, Staff Writer", "Jane Smith"),
        ("Brenda Goodman; MA", "Brenda Goodman"),
        ("Theresa May", "Theresa May"),  # a month in a name is kept
        ("Our Foreign Staff", "Our Foreign Staff"),
        ("AFP", "AFP"),
        ("Ana Ruiz; Tom Bell", "Ana Ruiz, Tom Bell"),
    ],
)
def test_a_byline_is_cleaned_of_what_extractors_keep(found: str, author: str | None) -> None:
    assert clean_author(found) == author
