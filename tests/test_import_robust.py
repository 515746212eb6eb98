"""`spinsheet import` on files nobody vouches for: a checked passage, or positioned errors.

Whatever a teacher feeds the importer, the result is a passage `check` accepts,
or `PATH:LINE:COL: error: …` lines, exit 1 and nothing written: never a
traceback, never a hang, never half an import. One test for each kind of
failure a fuzzing run found, with its smallest input, then a property test
that mutates a valid file of every format (run when Hypothesis is installed).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import MakeWorkspace, Run, cli
from spinsheet import writing
from spinsheet.errors import Problem, WriteError
from spinsheet.importing import pipeline
from spinsheet.sources import Text

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
SENTENCE = "The mayor's reckless plan, experts say, was a total disaster."
ARTICLE = f"Mayor's Plan\n\n{SENTENCE}\n"
PROBLEM = re.compile(r"^[^:]+:\d+:\d+: (error|warning): ")
SUMMARY = re.compile(r"^\d+ errors?; nothing was written\.$")


def refused(result: Result, root: Path, code: int = 1) -> str:
    """The errors of an import that failed as it must: exit 1 (2 for a mistyped command),
    located, nothing written."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not list((root / "corpus").iterdir())
    return result.output


def task(text: str = SENTENCE, **fields: object) -> str:
    """A Label Studio export of one task, with its fields as given."""
    return json.dumps([{"id": 1, "data": {"text": text}, **fields}])


# JSON nested deeper than Python's reader can go, or deep enough to break positions.


@pytest.mark.parametrize(
    ("depth", "col"),
    [(100_000, 65), (600, 65)],
)
def test_json_nested_too_deep_is_refused_where_it_goes_too_deep(
    make_workspace: MakeWorkspace, run: Run, depth: int, col: int
) -> None:
    root = make_workspace({"deep.json": "[" * depth + "]" * depth})
    assert refused(run(root, "import", "label-studio", "deep.json"), root) == (
        f"deep.json:1:{col}: error: nested too deeply: at most 64 lists and objects inside "
        "one another are read\n1 error; nothing was written.\n"
    )


def test_json_nesting_is_counted_outside_strings_only(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    text = f"Brackets {'[' * 200} in the text. {SENTENCE}"
    root = make_workspace({"d.jsonl": json.dumps({"text": text, "label": []}) + "\n"})
    result = run(root, "import", "doccano", "d.jsonl", "--id", "brackets")
    assert result.exit_code == 0, result.output


def test_a_json_number_too_long_for_int_is_refused_at_its_place(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"big.json": '[{"id": ' + "9" * 5000 + "}]"})
    assert refused(run(root, "import", "label-studio", "big.json"), root) == (
        "big.json:1:9: error: a number 5,000 characters long: at most 100 are read\n"
        "1 error; nothing was written.\n"
    )


# A value of the wrong JSON type, wherever a reader needs a list, an object or a string.


LABELLED = {"start": 4, "end": 9, "labels": ["loaded"]}


@pytest.mark.parametrize(
    ("format", "export", "at", "message"),
    [
        (
            "label-studio",
            task(annotations=5),
            "5",
            "expected a list for 'annotations', not a number",
        ),
        (
            "label-studio",
            task(annotations=[5]),
            "5]",
            "expected an object in 'annotations', not a number",
        ),
        (
            "label-studio",
            task(annotations=[{"result": 5}]),
            "5}",
            "expected a list for 'result', not a number",
        ),
        (
            "label-studio",
            task(annotations=[{"result": [{"value": 5}]}]),
            "5}",
            "expected an object for 'value', not a number",
        ),
        (
            "label-studio",
            task(annotations=[{"result": [{"value": {**LABELLED, "labels": "x"}}]}]),
            '"x"',
            "expected a list of strings for 'labels', not the string 'x'",
        ),
        (
            "label-studio",
            task(annotations=[{"result": [{"value": {**LABELLED, "labels": [{}]}}]}]),
            "{}",
            "expected a string in 'labels', not an object",
        ),
        (
            "label-studio",
            task(annotations=[{"result": [{"id": [1], "value": LABELLED}]}]),
            "[1]",
            "expected 'id' as a string or a number, not a list",
        ),
        (
            "hypothesis",
            json.dumps({"annotations": [{"tags": 5, "target": []}]}),
            "5",
            "expected a list of strings for 'tags', not a number",
        ),
        (
            "hypothesis",
            json.dumps({"annotations": [{"text": ["note"], "target": []}]}),
            '["note"]',
            "expected a string for 'text', not a list",
        ),
        (
            "hypothesis",
            json.dumps({"annotations": [{"target": [{"selector": 5}]}]}),
            "5",
            "expected a list for 'selector', not a number",
        ),
        (
            "hypothesis",
            json.dumps({"annotations": 5}),
            "5",
            "expected a list for 'annotations', not a number",
        ),
        (
            "hypothesis",
            json.dumps({"annotations": [True]}),
            "true",
            "expected an annotation (an object), not true",
        ),
        (
            "w3c",
            json.dumps([{"target": {"selector": []}, "body": 5}]),
            "5",
            "expected an object, a list or a text for 'body', not a number",
        ),
        (
            "doccano",
            json.dumps({"text": SENTENCE, "label": [[4, 9, {"name": "loaded"}]]}),
            '{"name"',
            "expected the label as a string or a number, not an object",
        ),
        (
            "doccano",
            json.dumps({"text": SENTENCE, "label": "loaded"}),
            '"loaded"',
            "expected a list for 'label', not the string 'loaded'",
        ),
        (
            "doccano",
            json.dumps({"text": SENTENCE, "entities": [5]}),
            "5]",
            "expected an object in 'entities', not a number",
        ),
    ],
)
def test_a_value_of_the_wrong_json_type_is_an_error_at_its_place(
    make_workspace: MakeWorkspace, run: Run, format: str, export: str, at: str, message: str
) -> None:
    root = make_workspace({"export.json": export, "mayor.txt": ARTICLE})
    files = ["export.json", "mayor.txt"] if format in ("hypothesis", "w3c") else ["export.json"]
    output = refused(run(root, "import", format, *files, "--id", "m"), root)
    col = export.rindex(at) + 1  # the value's first character (the last one so written)
    assert output == f"export.json:1:{col}: error: {message}\n1 error; nothing was written.\n"


def test_json_strings_no_text_file_can_hold_are_refused(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    nul = '{"text": "The mayor\\u0000 said so.", "label": []}\n'
    half = '{"text": "The mayor said so.", "title": "A \\ud800 title"}\n'
    root = make_workspace({"nul.jsonl": nul, "half.jsonl": half})
    assert refused(run(root, "import", "doccano", "nul.jsonl", "--id", "m"), root) == (
        "nul.jsonl:1:10: error: this text holds a NUL character (\\u0000), which no text file "
        "can\n1 error; nothing was written.\n"
    )
    assert refused(run(root, "import", "doccano", "half.jsonl", "--id", "m"), root) == (
        "half.jsonl:1:41: error: this text holds half of a UTF-16 surrogate pair (\\ud800), "
        "which no text file can\n1 error; nothing was written.\n"
    )


# Offsets in digits that str.isdigit() or \d accept and int() does not, or not as meant.


@pytest.mark.parametrize(
    ("format", "files", "message"),
    [
        (
            "ptc",
            {"article5.txt": ARTICLE, "a.labels": "5\tLoaded_Language\t2²\t30\n"},
            "a.labels:1:1: error: expected 'ID<TAB>TECHNIQUE<TAB>START<TAB>END'",
        ),
        (
            "ptc",
            {"article5.txt": ARTICLE, "a.labels": f"5\tLoaded_Language\t2\t{'9' * 5000}\n"},
            "a.labels:1:19: error: expected whole-number start and end offsets "
            "(of at most 15 digits)",
        ),
        (
            "brat",
            {"article5.txt": ARTICLE, "a.ann": "T1\tLoaded 2² 30\treckless\n"},
            "a.ann:1:1: error: not a brat text-bound line: 'T1<TAB>Label START END<TAB>text'",
        ),
        (
            "brat",
            {"article5.txt": ARTICLE, "a.ann": "T1\tLoaded \u0663 30\treckless\n"},
            "a.ann:1:1: error: not a brat text-bound line: 'T1<TAB>Label START END<TAB>text'",
        ),
        (
            "brat",
            {"article5.txt": ARTICLE, "a.ann": f"T1\tLoaded 2 {'9' * 5000}\treckless\n"},
            "a.ann:1:11: error: expected whole-number start and end offsets (of at most 15 digits)",
        ),
    ],
)
def test_offsets_are_ascii_digits_and_not_too_many(
    make_workspace: MakeWorkspace, run: Run, format: str, files: dict[str, str], message: str
) -> None:
    root = make_workspace(dict(files))
    output = refused(run(root, "import", format, *files), root)
    assert output == f"{message}\n1 error; nothing was written.\n"


# Ids: a file of corpus/, whatever --id or a file or document name says.


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "a" * 300,
            f"--id '{'a' * 39}…' is too long for a passage id: at most 64 characters "
            "(it names the file corpus/ID.md)",
        ),
        (
            "x/../../evil",
            "--id 'x/../../evil' is not a passage id: use letters, digits and hyphens, "
            "starting with a letter (it names the file corpus/ID.md)",
        ),
        (
            ".hidden",
            "--id '.hidden' is not a passage id: use letters, digits and hyphens, "
            "starting with a letter (it names the file corpus/ID.md)",
        ),
        (
            "a..b",
            "--id 'a..b' is not a passage id: use letters, digits and hyphens, "
            "starting with a letter (it names the file corpus/ID.md)",
        ),
        (
            "a\\b\x1b[2J",
            "--id 'a\\b\\x1b[2J' is not a passage id: use letters, digits and hyphens, "
            "starting with a letter (it names the file corpus/ID.md)",
        ),
    ],
)
def test_a_bad_id_is_refused_before_anything_is_read(
    make_workspace: MakeWorkspace, run: Run, given: str, message: str
) -> None:
    root = make_workspace({"a.txt": ARTICLE})
    assert (
        refused(run(root, "import", "text", "a.txt", "--id", given), root, code=2)
        == f"error: {message}\n"
    )
    assert sorted(p.name for p in root.parent.iterdir()) == ["ws"]


def test_ids_made_from_names_fit_and_stay_inside_corpus(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    long_name = "-".join(["word"] * 8) + "x" * 150 + ".txt"  # 8 words, 190 characters
    documents = [
        {"id": "A b", "text": SENTENCE},
        {"id": "a-b", "text": SENTENCE},
        {"id": "y" * 300, "text": SENTENCE},
        {"id": "日本", "text": SENTENCE},
    ]
    export = "".join(json.dumps(d) + "\n" for d in documents)
    root = make_workspace({long_name: ARTICLE, "../outside.jsonl": export})
    result = run(root, "import", "text", long_name)
    assert result.exit_code == 0, result.output
    first = "word-word-word-word-word-word-word-wordxxxxxxxxxxxxxxxxxxxxxxxxx"
    assert result.stdout.startswith(f"corpus/{first}.md: written")
    result = run(root, "import", "doccano", "../outside.jsonl")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "corpus").iterdir()) == sorted(
        [
            f"{first}.md",
            "outside-a-b.md",
            "outside-a-b-2.md",  # not the first again
            "outside-yyyyyyyyyyyyyyyyyyyyyyyy.md",
            "outside-document.md",
        ]
    )
    assert sorted(p.name for p in root.parent.iterdir()) == ["outside.jsonl", "ws"]
    check = run(root, "check")
    assert check.exit_code == 0, check.output


# The --map file: YAML that would cost more to read than its size.


def _laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        before = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join([f'*{before}'] * 9)}]")
    return "\n".join([*lines, "Loaded: *i"]) + "\n"


def _merges() -> str:
    lines = ["x0: &x0 {a: loaded, b: loaded}"]
    lines += [f"x{n}: &x{n} {{<<: [*x{n - 1}, *x{n - 1}]}}" for n in range(1, 40)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            "Loaded: " + "[" * 100_000 + "]" * 100_000 + "\n",
            "map.yaml:1:72: error: nested too deeply: at most 64 levels are read",
        ),
        (_laughs(), "map.yaml:4:16: error: too many aliases (*name): at most 20 are read"),
        (_merges(), "map.yaml:12:17: error: too many aliases (*name): at most 20 are read"),
        (
            "Loaded: " + "9" * 5000 + "\n",
            "map.yaml:1:9: error: a number 5,000 characters long: at most 100 are read",
        ),
        (
            "Loaded: [loaded, loaded]\n",
            "map.yaml:1:9: error: expected a kind, kind/type or 'ignore' here, not a list",
        ),
        (
            "Loaded: lo\x01aded\n",
            "map.yaml:1:11: error: invalid YAML: character #x0001: "
            "special characters are not allowed",
        ),
    ],
)
def test_a_map_file_is_read_within_limits_and_refused_at_its_place(
    make_workspace: MakeWorkspace, run: Run, yaml_text: str, message: str
) -> None:
    root = make_workspace({"a.txt": ARTICLE, "map.yaml": yaml_text})
    output = refused(run(root, "import", "text", "a.txt", "--map", "map.yaml"), root)
    assert output == f"{message}\n1 error; nothing was written.\n"


def test_a_wrong_map_value_is_quoted_short_and_escaped(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"a.txt": ARTICLE, "map.yaml": f'Loaded: "\\e[2J{"z" * 300}"\n'})
    output = refused(run(root, "import", "text", "a.txt", "--map", "map.yaml"), root)
    assert output.startswith(
        f"map.yaml:1:9: error: '\\x1b[2J{'z' * 35}…' is not a kind, kind/type or 'ignore'; "
        "expected one of: loaded, unsourced, sourced, "
    )


# Placing marks takes time linear in marks and text, and never builds a passage check refuses.


def test_offset_tables_are_built_once_per_article_not_per_mark(
    make_workspace: MakeWorkspace, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = Text.conventions

    def counted(self: Text):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(self)

    monkeypatch.setattr(Text, "conventions", counted)
    text = "Title\n\n" + " ".join(f"Word{n} was reckless." for n in range(400))
    labels = [[m.start(), m.end(), "loaded"] for m in re.finditer("reckless", text)]
    root = make_workspace({"d.jsonl": json.dumps({"text": text, "label": labels}) + "\n"})
    result = run(root, "import", "doccano", "d.jsonl", "--id", "many")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("corpus/many.md: placed 400 of 400 annotations (400 loaded)")
    assert len(calls) == 1


def test_a_quote_too_common_or_too_loose_to_place_costs_no_more_than_the_text(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    text = "Title\n\n" + "a " * 50_000 + "end."
    export = json.dumps(
        {
            "annotations": [
                {"tags": ["loaded"], "target": [{"selector": [_quote("a")]}]},
                # Spacing differs: found by the loose search, once, in linear time.
                {"tags": ["loaded"], "target": [{"selector": [_quote("a  " * 3000 + "b")]}]},
                {"tags": ["loaded"], "target": [{"selector": [_quote("a", "x" * 100_000)]}]},
            ]
        }
    )
    root = make_workspace({"export.json": export, "a.txt": text})
    output = refused(run(root, "import", "hypothesis", "export.json", "a.txt"), root)
    first, second, third = (m.start() + 1 for m in re.finditer('{"tags"', export))
    assert output == (
        f"export.json:1:{first}: error: the quoted text “a” occurs 50,000 times in a.txt, "
        "too often to tell which is meant\n"
        f"export.json:1:{second}: error: the quoted text “a a a a a a a a a a a a a a a a a a a "
        "a…” does not occur in a.txt\n"
        f"export.json:1:{third}: error: the quoted text “a” occurs 50,000 times in a.txt, "
        "too often to tell which is meant\n"
        "3 errors; nothing was written.\n"
    )


def _quote(exact: str, prefix: str = "") -> dict[str, str]:
    return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": ""}


def test_a_neutral_line_full_of_spaces_is_read_in_linear_time(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    note = "Judges it.\nNeutral: x" + " " * 200_000 + "y"
    doc = {
        "data": {"text": SENTENCE},
        "annotations": [
            {
                "result": [
                    {
                        "id": "r",
                        "type": "labels",
                        "value": {"start": 12, "end": 20, "labels": ["loaded"]},
                    },
                    {"id": "r", "type": "textarea", "value": {"text": [note]}},
                ]
            }
        ],
    }
    root = make_workspace({"ls.json": json.dumps([doc])})
    result = run(root, "import", "label-studio", "ls.json", "--id", "spaces")
    assert result.exit_code == 0, result.output
    assert 'neutral="x y"' in (root / "corpus" / "spaces.md").read_text()


def test_spans_nested_deeper_than_the_passage_reader_goes_are_left_out(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    depth = 1_500  # the passage reader recursed on these: RecursionError
    text = "a " * depth + "word" + " b" * depth + "."
    labels = [[2 * i, len(text) - 1 - 2 * i, "loaded"] for i in range(depth)]
    root = make_workspace({"d.jsonl": json.dumps({"text": text, "label": labels}) + "\n"})
    result = run(root, "import", "doccano", "d.jsonl", "--id", "nested")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("corpus/nested.md: placed 10 of 1500 annotations (10 loaded)")
    export = (root / "d.jsonl").read_text()
    eleventh = export.index(f"[{2 * 10}, ") + 2
    assert (
        f"d.jsonl:1:{eleventh}: warning: left out “a a a a a a a a a a a a a a a a a a a a…”: "
        "it is inside 10 other spans, and spans nest at most 10 deep\n"
    ) in result.stderr
    assert result.stderr.count("spans nest at most 10 deep") == depth - 10
    check = run(root, "check")
    assert check.exit_code == 0, check.output


def test_a_passage_check_would_refuse_is_an_error_on_the_article_and_not_written(
    make_workspace: MakeWorkspace, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workspace({"a.txt": "Title\n\nFirst paragraph.\n\nThe second one.\n"})

    def refusing(source, taxonomy):  # type: ignore[no-untyped-def]
        line = source.text.splitlines().index("The second one.") + 1
        return None, [Problem(source.rel, line, 5, "error", "a rule check has")]

    monkeypatch.setattr(pipeline, "load_passage", refusing)
    assert refused(run(root, "import", "text", "a.txt"), root) == (
        "a.txt:5:1: error: the passage made from this would not pass check: a rule check has "
        "(at corpus/a.md:8:5; please report this)\n1 error; nothing was written.\n"
    )

    def recursing(source, taxonomy):  # type: ignore[no-untyped-def]
        raise RecursionError

    monkeypatch.setattr(pipeline, "load_passage", recursing)
    assert refused(run(root, "import", "text", "a.txt"), root) == (
        "a.txt:1:1: error: the passage made from this would not pass check: nested too deeply "
        "to read (spans or YAML) (at corpus/a.md:1:1; please report this)\n"
        "1 error; nothing was written.\n"
    )


def test_text_that_markdown_would_read_otherwise_imports_clean_or_is_refused_on_its_line(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    text = "Title\n\nThe mayor.\n\nThe reckless plan\n===\n"
    root = make_workspace({"a.txt": text, "a.ann": "T1\tLoaded 27 35\treckless\n"})
    result = run(root, "import", "brat", "a.txt", "a.ann")
    if result.exit_code == 0:  # once `authoring.escape` escapes a setext underline
        assert run(root, "check").exit_code == 0
    else:
        assert refused(result, root).startswith(
            "a.txt:5:1: error: the passage made from this would not pass check: this span is not "
            "in a paragraph of the passage"
        )


@pytest.mark.parametrize("uri", ["https://[]x/", "http://", "javascript:alert(1)"])
def test_a_url_check_would_refuse_is_left_out(
    make_workspace: MakeWorkspace, run: Run, uri: str
) -> None:
    selector = _quote("reckless")
    export = json.dumps(
        {"annotations": [{"uri": uri, "tags": ["loaded"], "target": [{"selector": [selector]}]}]}
    )
    root = make_workspace({"export.json": export, "mayor.txt": ARTICLE})
    result = run(root, "import", "hypothesis", "export.json", "mayor.txt")
    assert result.exit_code == 0, result.output
    assert "url:" not in (root / "corpus" / "mayor.md").read_text()
    check = run(root, "check")
    assert check.exit_code == 0, check.output


def test_a_title_that_reads_as_span_syntax_is_not_the_title(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    doc = {"title": "[x]{#id}", "text": SENTENCE, "label": [[12, 20, "loaded"]]}
    root = make_workspace({"d.jsonl": json.dumps(doc) + "\n"})
    result = run(root, "import", "doccano", "d.jsonl", "--id", "m")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "corpus/m.md:3:1: warning: the title reads as spinsheet span syntax ([…]{…}), so it is "
        "'m' for now: set 'title' yourself\n"
    )
    check = run(root, "check")
    assert check.exit_code == 0, check.output


def test_an_import_writes_every_passage_or_none(
    make_workspace: MakeWorkspace, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workspace(
        {"corpus/ls-41.md": "replaced, then put back\n", "corpus/ls-42.md": "an older passage\n"}
    )
    writes: list[Path] = []
    real = writing.write_atomically

    def full_disk(path: Path, data: bytes) -> None:
        writes.append(path)
        if len(writes) == 2:
            raise WriteError(f"{path}: error: cannot write: No space left on device")
        real(path, data)

    monkeypatch.setattr(pipeline, "write_atomically", full_disk)
    result = run(
        root, "import", "label-studio", str(FIXTURES / "label-studio.json"), "--id", "ls", "--force"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "corpus/ls-42.md:1:1: error: cannot write: No space left on device\n"
        "1 error; nothing was written.\n"
    )
    assert sorted(p.name for p in (root / "corpus").iterdir()) == ["ls-41.md", "ls-42.md"]
    assert (root / "corpus" / "ls-41.md").read_text() == "replaced, then put back\n"
    assert (root / "corpus" / "ls-42.md").read_text() == "an older passage\n"
    assert writes[2] == writes[0]  # ls-41.md, written again as it was


def test_long_labels_are_quoted_short_in_messages(make_workspace: MakeWorkspace, run: Run) -> None:
    label = "\u202e" + "L" * 10_000
    doc = {"text": SENTENCE, "label": [[12, 20, label], [12, 20, "loaded"]]}
    root = make_workspace({"d.jsonl": json.dumps(doc) + "\n"})
    result = run(root, "import", "doccano", "d.jsonl", "--id", "m")
    assert result.exit_code == 0, result.output
    col = json.dumps(doc).index("[[12") + 3
    assert (
        f"d.jsonl:1:{col}: warning: left out “reckless”: no kind for label '\\u202e{'L' * 38}…'; "
        "map it with --map\n"
    ) in result.stderr
    assert max(len(line) for line in result.output.splitlines()) < 200


# Every format's valid file, mutated: exit 0 with a passage check accepts, or 1 with located errors.

CASES = [
    ("text", ["article.txt"]),
    ("html", ["article.html"]),
    ("hypothesis", ["hypothesis-export.json", "article.txt"]),
    ("w3c", ["w3c.jsonld", "article.txt"]),
    ("w3c", ["hostile-w3c.jsonld", "hostile.txt"]),
    ("brat", ["article-brat.txt", "article-brat.ann"]),
    ("ptc", ["article999000123.txt", "article999000123.task-flc-tc.labels"]),
    ("label-studio", ["label-studio.json"]),
    ("doccano", ["doccano.jsonl", "map-doccano.yaml"]),  # the second is the --map file
]
TOKENS = [
    "[",
    "]",
    "{",
    "}",
    '"',
    ",",
    ":",
    "\\",
    "\\u0000",
    "\\ud800",
    "\n",
    "\r",
    "\t",
    "²",
    "\u0663",
    "-1",
    "0",
    "1e999",
    "9" * 5000,
    "[" * 300,
    "null",
    "true",
    "5",
    "[]",
    "{}",
    '""',
    "\u202e",
    "\x1b[2J",
    "\u2028",
    "\ufeff",
    "😡",
    "&a ",
    "*a",
    "<<: *a",
    "---",
    "===",
    "[x]{.loaded}",
    "<script>",
    "Neutral: ",
    "T9\tLoaded 1 2\tx",
    "999000123\tX\t",
]


def test_mutated_files_import_clean_or_fail_with_located_errors() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = pytest.importorskip("hypothesis.strategies")

    @hypothesis.settings(max_examples=50, deadline=None, database=None)
    @hypothesis.given(data=st.data())
    def mutated(data):  # type: ignore[no-untyped-def]
        format, files = data.draw(st.sampled_from(CASES))
        target = data.draw(st.sampled_from(files))
        contents = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in files}
        for _ in range(data.draw(st.integers(1, 4))):
            contents[target] = _mutate(data, st, contents[target])
        with tempfile.TemporaryDirectory() as folder:
            _import_and_check(Path(folder), format, files, contents)

    mutated()


def _mutate(data, st, text: str) -> str:  # type: ignore[no-untyped-def]
    """`text` with one stretch cut, repeated, or replaced by or preceded with a token."""
    start = data.draw(st.integers(0, len(text)))
    end = min(len(text), start + data.draw(st.integers(0, 40)))
    token = data.draw(st.sampled_from(TOKENS))
    how = data.draw(st.sampled_from(["insert", "replace", "cut", "repeat"]))
    middle: str = {
        "insert": token + text[start:end],
        "replace": token,
        "cut": "",
        "repeat": text[start:end] * 3,
    }[how]
    return text[:start] + middle + text[end:]


def _import_and_check(
    folder: Path, format: str, files: list[str], contents: dict[str, str]
) -> None:
    root = folder / "ws"
    for sub in ("corpus", "exercises"):
        (root / sub).mkdir(parents=True)
    for name, text in contents.items():
        (root / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    args = [*files[:-1], "--map", files[-1]] if format == "doccano" else files
    result = cli(root, "import", format, *args, "--id", "mutated")
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for line in result.stderr.splitlines():
        assert PROBLEM.match(line) or SUMMARY.match(line), line
    if result.exit_code == 1:
        assert any(": error: " in line for line in result.stderr.splitlines()), result.stderr
        assert not list((root / "corpus").iterdir())
    else:
        check = cli(root, "check")
        assert check.exit_code == 0, check.output
