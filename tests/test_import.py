"""`spinsheet init` and `spinsheet import`: articles and other tools' annotations in, passages out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import MakeWorkspace, Run, folded, pdf_text
from spinsheet.importing import registry
from spinsheet.importing.articles import text_article
from spinsheet.importing.format import Format, Imported
from spinsheet.importing.labels import Labels
from spinsheet.importing.marks import add_mark
from spinsheet.passages import load_passage
from spinsheet.sources import Text, read_raw, read_source
from spinsheet.taxonomy import load_taxonomy

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SENTENCE = "The mayor's reckless plan, experts say, was a total disaster."
ARTICLE = f"Mayor's Plan\n\n{SENTENCE}\n\nThe plan was reckless, critics said.\n"


def _passage(root: Path, passage_id: str):  # type: ignore[no-untyped-def]
    source = read_source(root / "corpus" / f"{passage_id}.md", f"corpus/{passage_id}.md")
    assert not isinstance(source, type(None))
    passage, problems = load_passage(source, load_taxonomy(root))  # type: ignore[arg-type]
    assert passage is not None, problems
    return passage


def _hypothesis(*annotations: dict[str, object]) -> str:
    return json.dumps({"export_date": "2025-01-01T00:00:00.000Z", "annotations": list(annotations)})


def _annotation(
    exact: str, tags: list[str], text: str = "", prefix: str = "", start: int | None = None
) -> dict[str, object]:
    selectors: list[dict[str, object]] = [
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": ""}
    ]
    if start is not None:
        selectors.append(
            {"type": "TextPositionSelector", "start": start, "end": start + len(exact)}
        )
    return {
        "uri": "https://news.example/mayor-plan",
        "document": {"title": ["Mayor's plan"]},
        "text": text,
        "tags": tags,
        "target": [{"source": "https://news.example/mayor-plan", "selector": selectors}],
    }


def test_init_makes_a_workspace_that_checks_and_builds(tmp_path: Path, run: Run) -> None:
    result = run(tmp_path, "init", "class")
    assert result.exit_code == 0, result.output
    root = tmp_path / "class"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        "README.md",
        "corpus/library-hours.md",
        "exercises/library-hours.yaml",
    ]
    check = run(root, "check")
    assert check.exit_code == 0 and "0 errors" in check.stdout
    assert run(root, "build", "--format", "html").exit_code == 0
    again = run(tmp_path, "init", "class")
    assert again.exit_code == 1
    assert again.output == "error: class already exists and is not empty: choose a new folder\n"


def test_text_import_prints_the_article_as_written(make_workspace: MakeWorkspace, run: Run) -> None:
    hostile = (
        "A *Title* with {{ 7*7 }}\n\n# not a heading\n- not a list\n1. not a list\n"
        "    not code\n<script>alert(1)</script> AT&T &amp; *stars* _under_ \\ `tick` "
        "[x]{.loaded} ![i](http://x/y.png) <http://evil.example/> Wow!\n\n---\n"
    )
    root = make_workspace({"article.txt": hostile})
    result = run(root, "import", "text", "article.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("corpus/article.md: written, with no annotations to place\n")
    passage = _passage(root, "article")
    assert passage.title == "A *Title* with {{ 7*7 }}"
    from spinsheet.markup import Printing, render_html

    html = render_html(passage.body, Printing("plain", {}))
    for literal in (
        "# not a heading",
        "- not a list",
        "1. not a list",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "AT&amp;T &amp;amp; *stars* _under_ \\ `tick` [x]{.loaded} ![i](http://x/y.png)",
        "&lt;http://evil.example/&gt; Wow!",
        "---",
    ):
        assert literal in html
    assert "<a " not in html and "<img" not in html and "<h1" not in html


def test_hypothesis_export_places_by_quote_and_reads_notes(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    export = _hypothesis(
        # The page counts positions differently: the quote decides, the prefix chooses.
        _annotation(
            "reckless",
            ["loaded", "label"],
            'Judges the plan.\n**Neutral:** "new"',
            "The mayor's ",
            999,
        ),
        _annotation("experts say", ["unsourced"], "Which experts?"),
        _annotation("reckless", ["emotive"], "", "The plan was "),
        _annotation("whole page", []),
    )
    root = make_workspace({"export.json": export, "mayor.txt": ARTICLE})
    result = run(root, "import", "hypothesis", "export.json", "mayor.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "corpus/mayor.md: placed 3 of 4 annotations (2 loaded, 1 unsourced)"
    )
    assert result.stderr == (
        "export.json:1:1025: warning: left out: no tag names a kind or type (tags: none); "
        "tag it loaded, unsourced or sourced, or give a kind for annotations with no tag: "
        "a line '\"*\": KIND[/TYPE]' in the --map file\n"
    )
    written = (root / "corpus" / "mayor.md").read_text()
    assert (
        'The mayor\'s [reckless]{.loaded type="label" why="Judges the plan." neutral="new"} plan, '
        '[experts say]{.unsourced why="Which experts?"}, was a total disaster.' in written
    )
    assert 'The plan was [reckless]{.loaded type="emotive"}, critics said.' in written
    assert "url: https://news.example/mayor-plan" in written
    check = run(root, "check")
    assert "0 errors" in check.stdout


def test_bad_input_is_reported_where_it_is_and_nothing_is_written(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    missing = _hypothesis(
        _annotation("a reckless mayor", ["loaded"]), _annotation("nowhere", ["loaded"])
    )
    root = make_workspace(
        {
            "bad.json": '{"annotations": [\n  {"tags": ["loaded"]}\n  {"tags": []}\n]}',
            "missing.json": missing,
            "mayor.txt": ARTICLE,
            "mayor.ann": "T1\tLoaded 12 20\treckless\nT2\tLoaded 12 400\tnothing\nT3 broken\n",
        }
    )
    bad = run(root, "import", "hypothesis", "bad.json", "mayor.txt")
    assert bad.exit_code == 1
    assert bad.output == (
        "bad.json:3:3: error: invalid JSON: Expecting ',' delimiter\n1 error; nothing was written.\n"
    )
    quote = run(root, "import", "hypothesis", "missing.json", "mayor.txt")
    assert quote.exit_code == 1
    assert quote.output == (
        "missing.json:1:61: error: the quoted text “a reckless mayor” does not occur in mayor.txt\n"
        "missing.json:1:339: error: the quoted text “nowhere” does not occur in mayor.txt\n"
        "2 errors; nothing was written.\n"
    )
    brat = run(root, "import", "brat", "mayor.txt")
    assert brat.exit_code == 1
    assert brat.output == (
        "mayor.ann:2:11: error: offsets 12-400 are outside the text of mayor.txt (114 characters)\n"
        "mayor.ann:3:1: error: not a brat text-bound line: 'T1<TAB>Label START END<TAB>text'\n"
        "2 errors; nothing was written.\n"
    )
    assert not list((root / "corpus").iterdir())
    partial = run(root, "import", "hypothesis", "missing.json", "mayor.txt", "--partial")
    assert partial.exit_code == 0
    assert "placed 0 of 2 annotations" in partial.stdout
    assert (
        "missing.json:1:61: warning: left out: the quoted text “a reckless mayor”" in partial.stderr
    )
    again = run(root, "import", "hypothesis", "missing.json", "mayor.txt", "--partial")
    assert again.exit_code == 1
    assert again.output == (
        "corpus/mayor.md:1:1: error: already exists: give another --id, or --force to replace it\n"
        "1 error; nothing was written.\n"
    )


def test_brat_offsets_counted_with_crlf_and_a_bom_still_land_on_their_words(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    text = "\ufeffMayor's Plan\r\n\r\nThe mayor's \U0001f600 reckless plan, experts say.\r\n"
    raw_start = text.index("reckless")  # code points of the file: BOM and \r counted
    utf16_start = len(text[:raw_start].encode("utf-16-le")) // 2
    ann = (
        f"T1\tLoaded {raw_start} {raw_start + 8}\treckless\n"
        f"T2\tUnsourced {utf16_start + 16} {utf16_start + 27}\texperts say\n"  # UTF-16 units
        "T3\tSource 0 3\t\ufeffMa\n"
        "A1\tSubtype T1 Label\n"
        "#1\tAnnotatorNotes T1\tJudges it.\n#2\tAnnotatorNotes T1\tNeutral: new\n"
    )
    root = make_workspace({"m.txt": text.encode(), "m.ann": ann, "map.yaml": "Source: ignore\n"})
    result = run(root, "import", "brat", "m.txt", "--map", "map.yaml")
    assert result.exit_code == 0, result.output
    written = (root / "corpus" / "m.md").read_text()
    assert (
        'The mayor\'s \U0001f600 [reckless]{.loaded type="label" why="Judges it." '
        'neutral="new"} plan, [experts say]{.unsourced}.' in written
    )
    assert "title: Mayor's Plan" in written


def test_crossing_spans_keep_the_longer_and_report_the_other(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    doc = {
        "text": SENTENCE,
        "label": [
            [12, 25, "loaded"],
            [21, 38, "unsourced"],
            [46, 60, "loaded"],
            [46, 60, "unsourced"],
        ],
    }
    root = make_workspace({"d.jsonl": json.dumps(doc) + "\n"})
    result = run(root, "import", "doccano", "d.jsonl", "--id", "mayor")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "corpus/mayor.md:3:1: warning: no title found: it is 'mayor' for now\n"
        "d.jsonl:1:86: warning: left out “reckless plan”: it crosses the longer unsourced span "
        "“plan, experts say”\n"
        "d.jsonl:1:149: warning: left out “total disaster”: the same words already carry the "
        "loaded span\n"
    )
    assert (
        "The mayor's reckless [plan, experts say]{.unsourced}, was a [total disaster]{.loaded}."
        in (root / "corpus" / "mayor.md").read_text()
    )


def test_text_offsets_convert_from_every_convention() -> None:
    text = Text("\ufeffa\r\n\U0001f600b")
    assert text.text == "a\n\U0001f600b"
    by_name = dict(text.conventions())
    assert by_name["code points"](5) == 3  # "b": BOM and \r dropped
    assert by_name["UTF-16 units"](6) == 3  # the emoji counts two
    assert by_name["code points, normalised"](3) == 3
    assert by_name["UTF-16 units, normalised"](4) == 3
    assert text.to_raw(3) == 5


needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not on this machine")


@needs_data
def test_a_ptc_article_imports_checks_clean_and_builds(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    articles = DATA / "ptc-train" / "train-articles"
    root = make_workspace(
        {
            "exercises/ptc.yaml": "title: PTC\npassages: [article111111111]\n"
            "activities:\n  - kind: spot\n  - kind: sort\n"
        }
    )
    result = run(
        root,
        "import",
        "ptc",
        str(articles / "article111111111.txt"),
        str(DATA / "ptc-train" / "train-task2-TC.labels"),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "corpus/article111111111.md: placed 7 of 7 annotations (5 loaded, 2 sourced)\n"
    )  # both appeals to authority quote Tedros, named in their sentence: sourced
    assert (
        "train-task2-TC.labels:4:1: warning: left out 1 annotation labelled Repetition: the "
        "taxonomy's cross-walk maps it to 'ignore' (it is not about wording or sourcing); "
        "map it with --map to keep them"
    ) in result.stderr
    passage = _passage(root, "article111111111")
    assert passage.title == "Next plague outbreak in Madagascar could be 'stronger': WHO"
    raw = (articles / "article111111111.txt").read_text(encoding="utf-8")
    for span in passage.spans:
        assert span.text in raw
    assert run(root, "check").exit_code == 0
    built = run(root, "build")
    assert built.exit_code == 0, built.output
    key = pdf_text(root / "output" / "ptc" / "ptc-A-key.pdf")
    assert all(" ".join(s.text.split()) in key for s in passage.spans)


@needs_data
def test_a_polnear_brat_file_imports_with_a_map_and_builds(
    make_workspace: MakeWorkspace, run: Run, tmp_path: Path
) -> None:
    polnear = DATA / "polnear-dev"
    name = "breitbart_2016-09-12_stealth-over-health-hillary-clin"
    shutil.copy(polnear / "text" / f"{name}.txt", tmp_path / "stealth.txt")
    shutil.copy(next((polnear / "attributions").glob(f"{name}_*.ann")), tmp_path / "stealth.ann")
    root = make_workspace(
        {
            "map.yaml": "Source: sourced/named-source\nAttribution-no-source: unsourced\n"
            "Cue: ignore\nContent: ignore\nAttribution: loaded/said-verb\n",
            "exercises/who.yaml": "title: Who\npassages: [stealth]\nactivities:\n  - kind: spot\n",
        }
    )
    result = run(root, "import", "brat", str(tmp_path / "stealth.txt"), "--map", "map.yaml")
    assert result.exit_code == 0, result.output
    assert "placed" in result.stdout
    passage = _passage(root, "stealth")
    assert passage.spans_of("sourced") and passage.spans_of("loaded")
    assert run(root, "build").exit_code == 0


def read_tsv(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    """A format of this test's own: an article, and rows `START<TAB>END<TAB>LABEL` on it."""
    imported = Imported(text_article(read_raw(paths[0], rels[0]), rels[0]))
    for number, row in enumerate(read_raw(paths[1], rels[1]).splitlines(), 1):
        start, end, label = row.split("\t")
        quote = imported.article.source.text[int(start) : int(end)]
        add_mark(imported, labels, (rels[1], number, 1), [label], quote, int(start), int(end), "")
    return [imported]


def register_tsv(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the `tsv` format for this test only: the registry is restored after it."""
    monkeypatch.setattr(registry, "FORMATS", dict(registry.FORMATS))
    registry.register(
        Format("tsv", ("ARTICLE", "ROWS"), "An article and its spans, one a row", read_tsv)
    )


def test_a_format_registered_at_run_time_imports_checks_and_builds(
    make_workspace: MakeWorkspace, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    register_tsv(monkeypatch)
    start = ARTICLE.index("reckless")
    root = make_workspace(
        {
            "mayor.txt": ARTICLE,
            "mayor.tsv": f"{start}\t{start + 13}\temotive\n",
            "exercises/spot.yaml": "title: Spot\npassages: [mayor]\nactivities:\n  - kind: spot\n",
        }
    )
    result = run(root, "import", "tsv", "mayor.txt", "mayor.tsv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("corpus/mayor.md: placed 1 of 1 annotation (1 loaded)\n")
    assert '[reckless plan]{.loaded type="emotive"}' in (root / "corpus" / "mayor.md").read_text()
    check = run(root, "check")
    assert check.exit_code == 0 and "0 errors" in check.stdout, check.output
    built = run(root, "build")
    assert built.exit_code == 0, built.output
    assert "reckless plan" in pdf_text(root / "output" / "spot" / "spot-A-key.pdf")


def test_the_help_lists_every_format_and_a_wrong_count_of_files_is_a_usage_error(
    make_workspace: MakeWorkspace, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workspace({"a.txt": ARTICLE})
    help_text = folded(run(root, "import", "--help").stdout)
    for format in registry.FORMATS.values():  # those registered when the CLI was loaded
        assert f"{format.name} {' '.join(format.files)}: {format.help}" in help_text
    register_tsv(monkeypatch)
    for name, files in [("hypothesis", ["a.txt"]), ("tsv", []), ("text", ["a.txt", "a.txt"])]:
        result = run(root, "import", name, *files)
        assert result.exit_code == 2
        assert f"{name} takes {' '.join(registry.FORMATS[name].files)}" in folded(result.output)
    unknown = run(root, "import", "csv", "a.txt")
    assert unknown.exit_code == 2 and "'csv' is not a format" in folded(unknown.output)
    assert not list((root / "corpus").iterdir())


FIXTURES = Path(__file__).parent / "fixtures" / "imports"
EVERY_FORMAT = [
    # format, files, id; each then checks clean and builds
    ("text", ["article.txt"], "a-text"),
    ("html", ["article.html"], "a-html"),
    ("hypothesis", ["hypothesis-export.json", "article.txt"], "a-hyp"),
    ("hypothesis", ["hypothesis-export.json", "article.html"], "a-hyp-html"),
    ("w3c", ["w3c.jsonld", "article.txt"], "a-w3c"),
    ("brat", ["article-brat.txt", "article-brat.ann"], "a-brat"),
    ("ptc", ["article999000123.txt", "article999000123.task-flc-tc.labels"], "a-ptc"),
    ("label-studio", ["label-studio.json"], "a-ls"),
    ("doccano", ["doccano.jsonl", "--map", "map-doccano.yaml"], "a-doc"),
    ("text", ["hostile.txt"], "h-text"),
    ("w3c", ["hostile-w3c.jsonld", "hostile.txt"], "h-w3c"),
]


@pytest.mark.parametrize(("format", "files", "passage_id"), EVERY_FORMAT)
def test_every_format_imports_files_written_by_someone_else(
    make_workspace: MakeWorkspace, run: Run, format: str, files: list[str], passage_id: str
) -> None:
    root = make_workspace({})
    args = [a if a.startswith("--") else str(FIXTURES / a) for a in files]
    result = run(root, "import", format, *args, "--id", passage_id)
    assert result.exit_code == 0, result.output
    check = run(root, "check")
    assert check.exit_code == 0, check.output
    written = sorted(p.stem for p in (root / "corpus").iterdir())
    assert written and all(w.startswith(passage_id) for w in written)
    for passage_id in written:
        passage = _passage(root, passage_id)
        for span in passage.spans:  # every span is on words the article has
            assert " ".join(span.text.split()) in " ".join(
                (FIXTURES / files[-1 if format in ("hypothesis", "w3c") else 0])
                .read_text(encoding="utf-8")
                .split()
            ) or format in ("html", "hypothesis", "w3c", "label-studio", "doccano")


def test_the_saved_page_loses_its_furniture_and_keeps_its_metadata(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({})
    assert run(root, "import", "html", str(FIXTURES / "article.html")).exit_code == 0
    written = (root / "corpus" / "article.md").read_text()
    passage = _passage(root, "article")
    assert passage.title and passage.author and passage.published and passage.url
    for furniture in ("cookie", "Related stories", "Subscribe"):
        assert furniture.lower() not in passage.body.lower(), furniture
    assert "Zoë" in written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["hypothesis", "bad-json.json", "article.txt"],
            "bad-json.json:4:3: error: invalid JSON: Expecting ',' delimiter",
        ),
        (
            ["brat", "article-brat.txt", "brat-out-of-range.ann"],
            "brat-out-of-range.ann:5:14: error: offsets 943-978 are outside the text of "
            "article-brat.txt (953 characters)",
        ),
        (
            ["doccano", "doccano-bad-offsets.jsonl", "--map", "map-doccano.yaml"],
            "doccano-bad-offsets.jsonl:2:",
        ),
        (
            ["text", "attribute-block.txt"],
            "attribute-block.txt:3:",
        ),
    ],
)
def test_malformed_fixtures_fail_at_their_place(
    make_workspace: MakeWorkspace, run: Run, args: list[str], message: str
) -> None:
    root = make_workspace({})
    for name in FIXTURES.iterdir():
        shutil.copy(name, root / name.name)
    result = run(root, "import", *args)
    assert result.exit_code == 1
    assert result.output.startswith(message), result.output
    assert result.output.endswith("; nothing was written.\n")
    assert not list((root / "corpus").iterdir())


def test_notes_give_why_and_an_exact_neutral() -> None:
    from spinsheet.importing.labels import notes

    assert notes('Judges it.\n**Neutral:** "said"') == ("Judges it.", "said")
    assert notes('Too strong. Neutral: "approved" or "passed"') == (
        "Too strong.",
        '"approved" or "passed"',
    )
    assert notes("neutral: a *bad* result") == (None, "a *bad* result")
    assert notes("Neutral: </textarea>{{ config }}") == (None, "</textarea>{{ config }}")


def test_ids_must_name_a_file_in_corpus(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace({"a.txt": ARTICLE})
    for bad in ("../evil", "/tmp/x", "Bad Id!"):
        result = run(root, "import", "text", "a.txt", "--id", bad)
        assert result.exit_code == 2  # a mistyped command
        assert result.output == (
            f"error: --id '{bad}' is not a passage id: use letters, digits and hyphens, "
            "starting with a letter (it names the file corpus/ID.md)\n"
        )
    assert not list(root.rglob("*.md"))


def test_unmapped_labels_write_nothing_unless_partial(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    doc = {"text": SENTENCE, "label": [[12, 20, "Bias"], [27, 38, "Attribution"]]}
    root = make_workspace({"d.jsonl": json.dumps(doc) + "\n"})
    result = run(root, "import", "doccano", "d.jsonl", "--id", "m")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "d.jsonl:1:1: error: none of its 2 annotations could be placed (see the warnings): "
        "map the labels with --map, or write the article without them with --partial"
    )
    assert result.output.endswith("1 error; nothing was written.\n")
    assert run(root, "import", "doccano", "d.jsonl", "--id", "m", "--partial").exit_code == 0
