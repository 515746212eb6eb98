"""Unbreakable on bad input (issue 12): each class a fuzzing run found, with its minimal input.

The contract for every case: exit 1, `PATH:LINE:COL: error: message` saying what the limit
is, no traceback, and quickly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import GOOD_PASSAGE, MakeWorkspace, Run
from spinsheet.workspace import load_workspace
from test_fair_items import fruit_type, passage, span, taxonomy

EXERCISE = "title: T\npassages: [town]\nactivities:\n  - kind: spot\n"

YAML_CASES = [
    (
        "title: T\nminutes: " + "9" * 5000 + "\npassages: [town]\n",
        "exercises/e.yaml:2:10: error: a number of more than 100 digits",
    ),
    ("title: &a [*a]\n", "exercises/e.yaml:1:8: error: a YAML alias here contains itself"),
    (
        "title: T\x0c\n",
        "exercises/e.yaml:1:9: error: invalid YAML: the control character U+000C is not allowed",
    ),
    (
        'title: "\\ud800"\n',
        "exercises/e.yaml:1:8: error: a YAML escape here makes half of a character (a lone "
        "surrogate such as \\ud800)",
    ),
    # Past Python's own depth (the parser recurses) and just past the limit: one message.
    (
        "title: T\npassages: " + "[" * 5000 + "]" * 5000 + "\n",
        "exercises/e.yaml:2:60: error: YAML nested more than 50 levels deep",
    ),
    (
        "title: T\npassages: " + "[" * 60 + "]" * 60 + "\n",
        "exercises/e.yaml:2:60: error: YAML nested more than 50 levels deep",
    ),
]


@pytest.mark.parametrize(("exercise", "message"), YAML_CASES)
def test_yaml_past_a_limit_is_an_error_at_its_place(
    make_workspace: MakeWorkspace, run: Run, exercise: str, message: str
) -> None:
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/e.yaml": exercise})
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == message
    assert "Traceback" not in result.output


def test_the_same_limits_hold_in_front_matter_and_the_taxonomy(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    passage = GOOD_PASSAGE.replace("---\n", "---\npublished: &a [*a]\n", 1)
    root = make_workspace({"corpus/town.md": passage})
    assert run(root, "check").stdout.splitlines()[0] == (
        "corpus/town.md:2:12: error: a YAML alias here contains itself"
    )
    (root / "taxonomy.yaml").write_text("a: " + "[" * 3000)
    result = run(root, "check")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        1,
        "taxonomy.yaml:1:53: error: YAML nested more than 50 levels deep",
    )


def test_a_mask_word_that_would_mask_everything_is_an_error(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "exercises/e.yaml": EXERCISE,
            "mask-words.txt": "darn\n*\n",
        }
    )
    for command in ("check", "build"):
        result = run(root, command)
        assert result.exit_code == 1
        assert "mask-words.txt:2:1: error: '*' would mask every word: list a word" in result.output


def test_long_values_are_quoted_short(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace({"exercises/e.yaml": f"title: T\npaper: {'x' * 5000}\n"})
    assert run(root, "check").stdout.splitlines()[2] == (
        f"exercises/e.yaml:2:8: error: 'paper' must be one of letter, a4; got '{'x' * 59}…'"
    )


def test_file_names_that_are_no_ids_are_refused(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "exercises/....yaml": EXERCISE,
            f"exercises/{'x' * 70}.yaml": EXERCISE,
        }
    )
    result = run(root, "build", "--out", "out/inner")
    assert result.exit_code == 1
    message = (
        "error: a file's name is its id: start it with a letter or digit, and use only letters, "
        "digits, '-' and '_' (64 at most)"
    )
    assert result.stderr.splitlines()[:2] == [
        f"exercises/....yaml:1:1: {message}",
        f"exercises/{'x' * 70}.yaml:1:1: {message}",
    ]
    assert not (root / "out").exists()


def test_an_unreadable_folder_is_an_error(
    make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/e.yaml": EXERCISE})
    listing = Path.iterdir

    def refused(folder: Path) -> Iterator[Path]:
        if folder.name == "corpus":  # as chmod 0 does, for a user who is not root
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", refused)
    problems = [str(p) for p in load_workspace(root).problems]
    assert problems[0] == "corpus/:1:1: error: cannot read folder: Permission denied"


def test_the_terminal_gets_no_control_characters_from_a_passage(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    hostile = GOOD_PASSAGE.replace("title: A Small Town Row", 'title: "Row\\e]0;pwned\\a"').replace(
        "The mayor's", "The \x1b[2J mayor's"
    )
    root = make_workspace({"corpus/town.md": hostile})
    for command in (("show", "town"), ("list",)):
        result = run(root, *command)
        assert result.exit_code == 0, result.output
        assert "\x1b]" not in result.output and "\x07" not in result.output
        assert "\x1b[2J" not in result.output
    assert "Row\\x1b]0;pwned\\x07" in run(root, "show", "town").output


def test_check_reads_workspace_templates_as_build_does(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "exercises/e.yaml": EXERCISE,
            "templates/passage.html": "{% if view %}\n<p>\n",
        }
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "templates/passage.html:2:1: error: Unexpected end of template. Jinja was looking for "
        "the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be "
        "closed is 'if'."
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            "worksheet.html: error: the template's loops ran more than 1,000,000 times for one "
            "sheet",
        ),
        (
            "{% for a in range(99999) %}{{ 'x' * 1000 }}{% endfor %}",
            "worksheet.html: error: the template made more than 20,000,000 characters for one "
            "sheet",
        ),
        (
            "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
            "templates/worksheet.html:1: error: RecursionError: maximum recursion depth exceeded",
        ),
    ],
)
def test_a_runaway_template_is_stopped(
    make_workspace: MakeWorkspace, run: Run, template: str, message: str
) -> None:
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "exercises/e.yaml": EXERCISE,
            "templates/worksheet.html": template,
        }
    )
    # check tries the workspace's templates, so it stops them as build would.
    check = run(root, "check")
    assert check.exit_code == 1
    assert message.split(": error: ")[1] in check.stdout.splitlines()[0]
    result = run(root, "build", "--format", "html")
    assert result.exit_code == 1
    assert message.split(": error: ")[1] in result.stderr.splitlines()[0]


SPAN = '[w]{.loaded type="emotive" why="A feeling." neutral="a word"}'


def test_spans_nested_too_deep_are_an_error_before_any_rendering(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    nested = "[" * 250 + "x" + '{.loaded type="emotive" why="w" neutral="n"}'.join(["]"] * 251)
    root = make_workspace({"corpus/deep.md": f"---\ntitle: Deep\n---\nA {nested}.\n"})
    result = run(root, "check")
    assert result.exit_code == 1
    assert (
        result.stdout.splitlines()[0]
        == "corpus/deep.md:4:13: error: spans nested more than 10 deep"
    )


def test_many_spans_and_brackets_build(make_workspace: MakeWorkspace, run: Run) -> None:
    body = " ".join([SPAN] * 3000) + " " + "[" * 20000 + ".\n"
    exercise = "title: T\npassages: [many]\nactivities:\n  - kind: spot\n"
    root = make_workspace(
        {"corpus/many.md": f"---\ntitle: Many\n---\n{body}", "exercises/e.yaml": exercise}
    )
    # Minutes when reading grew as the square of the spans; bench/bench_scan.py measures it.
    result = run(root, "build", "--format", "html", "--no-key")
    assert result.exit_code == 0, result.output
    assert (root / "output" / "e" / "e-A.html").read_text().count("w") >= 3000


def test_a_report_line_is_one_line_whatever_the_value(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    # Found by fuzz/run.py: YAML folds a blank line inside a flow list into a newline.
    taxonomy = "loaded:\n types:\n  e:\n   confusable: [o\n\n t]"
    root = make_workspace({"taxonomy.yaml": taxonomy, "exercises/e.yaml": ""})
    lines = run(root, "check").stdout.splitlines()
    assert (
        "taxonomy.yaml:4:17: error: 'confusable' names unknown loaded type 'o\\nt'; expected one "
        "of: e (or kind.type for a type of another kind)"
    ) in lines
    assert all(re.match(r"[^:]+:\d+:\d+: |Checked ", line) for line in lines)


def test_check_tries_a_workspace_template_on_the_exercises(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    # Found by fuzz/run.py: a misspelt name compiles, and failed only at build.
    root = make_workspace(
        {
            "corpus/town.md": GOOD_PASSAGE,
            "exercises/e.yaml": EXERCISE,
            "templates/activities/spot.html": "{{ activity.tlte }}\n",
        }
    )
    result = run(root, "check")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (
        1,
        "templates/activities/spot.html:1:1: error: 'spinsheet.views.ActivityView object' has "
        "no attribute 'tlte'",
    )


@pytest.mark.parametrize("url", ["h://]", "http://[::1", "https://i]"])
def test_a_malformed_address_is_an_error(make_workspace: MakeWorkspace, run: Run, url: str) -> None:
    passage = GOOD_PASSAGE.replace("---\n", f"---\nurl: {url}\n", 1)
    result = run(make_workspace({"corpus/town.md": passage}), "check")
    assert result.stdout.splitlines()[0] == (
        f"corpus/town.md:2:6: error: 'url' must be an http or https address; got '{url}'"
    )


@pytest.mark.parametrize("types", [1, 30])
def test_a_taxonomy_of_any_size_gives_fair_name_it_and_match_items(
    make_workspace: MakeWorkspace, run: Run, types: int
) -> None:
    names = [f"Fruit{chr(65 + n // 26)}{chr(97 + n % 26)}" for n in range(types)]
    loaded = "".join(fruit_type(name) for name in names)
    text = passage(*(f"Some {span(f'{n} words', 'loaded', n.lower())} here." for n in names))
    exercise = "title: T\npassages: [t]\nactivities:\n  - kind: name-it\n  - kind: match\n"
    root = make_workspace(
        {"taxonomy.yaml": taxonomy(loaded, fruit_type("Grape")), "corpus/t.md": text,
         "exercises/e.yaml": exercise}
    )  # fmt: skip
    result = run(root, "build", "--format", "html")
    assert result.exit_code == 0, result.output
    sheet = (root / "output" / "e" / "e-A.html").read_text()
    # Past Z, the names are lettered on: AA, AB…
    assert (">AD.<" in sheet) == (types == 30)


def test_a_taxonomy_text_too_long_to_print_is_an_error(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    # Two unbreakable 3,000-character strings doubled the PDF layout time.
    long_name = fruit_type("Apple").replace("name: Apple", f"name: {'A' * 3000}")
    root = make_workspace({"taxonomy.yaml": taxonomy(long_name, fruit_type("Grape"))})
    assert run(root, "check").stdout.splitlines()[0] == (
        "taxonomy.yaml:7:13: error: 'name' must be at most 60 characters; got 3,000"
    )
