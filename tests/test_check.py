"""`spinsheet check` and the validator: every problem, at its file, line and column, word for word."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_WORKSPACE, GOOD_EXERCISE, GOOD_PASSAGE, MakeWorkspace, Run

BROKEN_FILES: dict[str, str | bytes] = {
    "corpus/town.md": (FIXTURE_WORKSPACE / "corpus" / "harbour-plan.md").read_text(),
    "corpus/types.md": """\
---
title: [a, b]
published: 14/03/2025
url: ftp://example.org/x
genre: blog
language: english language
content_notes: profanity
tags: [x]
---
Fine text.
""",
    "corpus/yaml.md": '---\ntitle: "unclosed\n---\nBody\n',
    "corpus/nofm.md": "No front matter here.\n",
    "corpus/unclosed.md": "---\ntitle: Never closed\nBody\n",
    "corpus/latin1.md": b"---\ntitle: Caf\xe9\n---\nBody\n",
    "corpus/binary.md": b"PK\x03\x04\x00\x00binary",
    "corpus/spans.md": """\
---
title: Span problems
---
A [word]{.loded type="emotive"} and [two]{.loaded .unsourced} and [key]{.loaded colour="red"}.

An [unsourced]{.unsourced neutral="x" type="vague"} claim and []{.loaded why="x"} and [dup]{.loaded #same} [dup2]{.loaded #same}.

An [empty]{.loaded why=""} value, [ids]{.loaded #a #b}, [nokind]{#c type="emotive"} and a stray {.loaded} block.
""",
    "exercises/bad.yaml": """\
title: Broken
passages: [town, nowhere]
paper: legal
variants: 30
seed: "eleven"
colour: blue
activities:
  - kind: spot
    count: 2
    passage: town
  - kind: rewrite
    count: 9
    passage: town
  - kind: quiz
    passage: town
  - kind: who-says
  - kind: who-says
    passage: elsewhere
    paragraphs: 5-2
""",
    "exercises/yaml.yaml": "title: Bad YAML\npassages: [town\nactivities: []\n",
    "exercises/uses-broken-passage.yaml": "title: T\npassages: [spans]\nactivities:\n  - kind: spot\n",
    "exercises/empty.yaml": "title: Empty\npassages: [town]\nactivities: []\nminutes: 0\n",
}

EXPECTED = """\
corpus/binary.md:1:1: error: this is a binary file, not UTF-8 text
corpus/latin1.md:2:11: error: not valid UTF-8 (byte 0xe9): save the file as UTF-8
corpus/nofm.md:1:1: error: missing front matter: start the file with a '---' line
corpus/spans.md:4:10: error: unknown kind '.loded'; expected one of: .loaded, .unsourced, .sourced
corpus/spans.md:4:51: error: a span has exactly one kind; remove this one
corpus/spans.md:4:81: error: unknown key 'colour' for a loaded span; expected one of: type, why, neutral
corpus/spans.md:6:27: error: unknown key 'neutral' for an unsourced span; expected one of: type, why, ask, check
corpus/spans.md:6:39: error: unknown unsourced type 'vague'; expected one of: vague-attribution, anonymous-source, unsourced-number, sweeping-claim, opinion-as-fact, unsupported-cause
corpus/spans.md:6:63: error: a span's text must not be empty
corpus/spans.md:6:87: warning: a loaded span with no 'type', 'why' or 'neutral'
corpus/spans.md:6:108: warning: a loaded span with no 'type', 'why' or 'neutral'
corpus/spans.md:6:123: error: id '#same' is already used on line 6
corpus/spans.md:8:20: error: 'why' must not be empty
corpus/spans.md:8:52: error: a span has at most one #id; remove this one
corpus/spans.md:8:65: error: a span needs a kind: .loaded, .unsourced, .sourced
corpus/spans.md:8:97: error: an attribute block '{…}' must follow the ']' of a span directly
corpus/types.md:2:8: error: 'title' must be text; got a list
corpus/types.md:3:12: error: 'published' must be a date written YYYY-MM-DD; got '14/03/2025'
corpus/types.md:4:6: error: 'url' must be an http or https address; got 'ftp://example.org/x'
corpus/types.md:5:8: error: 'genre' must be one of news, opinion, analysis, comment, press-release, social; got 'blog'
corpus/types.md:6:11: error: 'language' must be a language tag such as en or pt-BR; got 'english language'
corpus/types.md:7:16: error: 'content_notes' must be a list, such as [one, two]; got 'profanity'
corpus/types.md:8:1: warning: unknown key 'tags' in front matter; expected one of: title, author, outlet, published, url, genre, language, rights, content_notes, mask, omit, omit_reason, handles
corpus/unclosed.md:1:1: error: front matter is not closed: add a '---' line after it
corpus/yaml.md:2:8: error: invalid YAML: while scanning a quoted scalar; found unexpected end of stream
exercises/bad.yaml:2:18: error: no passage 'nowhere' in corpus/ (looked for corpus/nowhere.md)
exercises/bad.yaml:3:8: error: 'paper' must be one of letter, a4; got 'legal'
exercises/bad.yaml:4:11: error: 'variants' must be from 1 to 26; got 30
exercises/bad.yaml:5:7: error: 'seed' must be a whole number; got 'eleven'
exercises/bad.yaml:6:1: error: unknown key 'colour' in the exercise; expected one of: title, passages, audience, minutes, paper, print, variants, seed, avoid, excerpt, references, language, activities
exercises/bad.yaml:9:12: error: 'count' does not apply to spot: students look for every span
exercises/bad.yaml:12:12: error: 'count' is 9, but passage 'town' has only 4 loaded spans with a 'neutral' wording (outside quotations)
exercises/bad.yaml:14:11: error: 'kind' must be one of spot, rewrite, who-says, name-it, match, said-verb, sort, tally, source-check, compare, vocabulary, make-it-loaded, respond; got 'quiz'
exercises/bad.yaml:16:5: error: this exercise names 2 passages: say which one with 'passage'
exercises/bad.yaml:18:14: error: 'passage' must be one of the exercise's passages (town, nowhere); got 'elsewhere'
exercises/bad.yaml:19:17: error: 'paragraphs' must run from a first paragraph to a later one; got '5-2'
exercises/empty.yaml:3:13: error: 'activities' must be a list of at least one activity, each with a 'kind'
exercises/empty.yaml:4:10: error: 'minutes' must be from 1 to 600; got 0
exercises/yaml.yaml:3:11: error: invalid YAML: while parsing a flow sequence; expected ',' or ']', but got ':'
Checked 12 files: 36 errors, 3 warnings.
"""


def test_check_reports_every_problem_in_one_run(make_workspace: MakeWorkspace, run: Run) -> None:
    result = run(make_workspace(BROKEN_FILES), "check")
    assert result.stdout == EXPECTED
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_build_writes_nothing_when_anything_is_wrong(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    files = {**BROKEN_FILES, "corpus/good.md": GOOD_PASSAGE.replace("town", "good")}
    root = make_workspace(files)
    result = run(root, "build")
    assert result.exit_code == 1
    errors = [line for line in EXPECTED.splitlines() if ": error: " in line]
    assert result.stderr.splitlines()[-1] == "36 errors; nothing was written."
    assert all(line in result.stderr.splitlines() for line in errors)
    assert not (root / "output").exists()
    assert "Traceback" not in result.output


def test_check_is_clean_and_says_so(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/spot.yaml": GOOD_EXERCISE})
    result = run(root, "check")
    assert (result.exit_code, result.stdout) == (0, "Checked 2 files: 0 errors, 0 warnings.\n")


def test_strict_fails_on_warnings_only(make_workspace: MakeWorkspace, run: Run) -> None:
    passage = GOOD_PASSAGE.replace('neutral="sudden"', "")
    root = make_workspace({"corpus/town.md": passage})
    expected = (
        "corpus/town.md:4:13: warning: a loaded span with no 'neutral'\n"
        "Checked 1 file: 0 errors, 1 warning.\n"
    )
    assert (run(root, "check").exit_code, run(root, "check").stdout) == (0, expected)
    assert (run(root, "check", "--strict").exit_code, run(root, "check", "--strict").stdout) == (
        1,
        expected,
    )


def test_check_paths_limit_the_report(make_workspace: MakeWorkspace, run: Run) -> None:
    root = make_workspace(BROKEN_FILES)
    result = run(root, "check", "corpus/types.md", "exercises")
    lines = result.stdout.splitlines()
    assert {line.split(":")[0] for line in lines[:-1]} == {
        "corpus/types.md",
        "exercises/bad.yaml",
        "exercises/empty.yaml",
        "exercises/yaml.yaml",
    }
    assert lines[-1] == "Checked 5 files: 20 errors, 1 warning."


def test_check_outside_a_workspace(tmp_path: Path, run: Run) -> None:
    result = run(tmp_path, "check")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {tmp_path} is not a spinsheet workspace: it has no corpus/ or exercises/ folder\n"
    )


def test_span_problems_in_a_nested_span_and_a_second_line(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    passage = (
        "---\ntitle: T\n---\nFirst line\nand [an [inner]{.loaded type=emotiv} claim]{.unsourced "
        'why="w" ask="a" check="c" type="sweeping-claim"}.\n'
    )
    result = run(make_workspace({"corpus/p.md": passage}), "check")
    assert result.stdout.splitlines()[0] == (
        "corpus/p.md:5:25: error: unknown loaded type 'emotiv'; "
        "expected one of: emotive, label, exaggeration, euphemism, doubt, said-verb, editorialising, us-vs-them"
    )


def test_a_workspace_taxonomy_replaces_the_built_in_one(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    taxonomy = """\
loaded:
  name: Loaded language
  definition: Feeling words.
  question: How does it want me to feel?
  types:
    puffery:
      name: Puffery
      definition: Praise with nothing to check.
      question: What fact earned the praise?
      example: A *legendary* mayor.
      wikipedia: [Puffery]
      semeval: [Loaded_Language]
unsourced:
  name: No source
  definition: Nobody stands behind it.
  question: Who says?
  types:
    weasel:
      name: Weasel words
      definition: Vague words that hide who says so.
      question: Which people?
      wikipedia: [Weasel words]
      semeval: []
sourced:
  name: Named source
  definition: Says who says so.
  question: Are they in a position to know?
  types:
    named:
      name: Named
      definition: A named source.
      question: Who?
      example: According to the council.
      wikipedia: []
      semeval: []
"""
    passage = GOOD_PASSAGE.replace('type="emotive"', 'type="puffery"').replace(
        'type="vague-attribution"', 'type="weasel"'
    )
    result = run(make_workspace({"taxonomy.yaml": taxonomy, "corpus/town.md": passage}), "check")
    assert (result.exit_code, result.stdout) == (
        1,
        "taxonomy.yaml:19:7: error: 'example' is required in type 'unsourced.weasel'\n"
        "taxonomy.yaml:22:18: error: 'wikipedia' names 'Weasel words', not one of: "
        "Puffery, Contentious labels, Unsupported attributions, Expressions of doubt, "
        "Editorializing, Synonyms for said, Euphemisms, Clichés and idioms, Relative time "
        "references, Neologisms and new compounds, Offensive material\n"
        "Checked 1 file: 2 errors, 0 warnings.\n",
    )
    fixed = taxonomy.replace("[Weasel words]", "[Unsupported attributions]").replace(
        "      question: Which people?\n",
        "      question: Which people?\n      example: Some say.\n",
    )
    root = make_workspace({"taxonomy.yaml": fixed, "corpus/town.md": passage})
    assert run(root, "check").exit_code == 0
    assert "    puffery: Puffery. Praise with nothing to check." in run(root, "list").stdout


def test_yaml_alias_bombs_are_cheap(make_workspace: MakeWorkspace) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    exercise = "\n".join(lines) + "\ntitle: T\npassages: [town]\nactivities:\n  - kind: spot\n"
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/bomb.yaml": exercise})
    # In a process of its own, so that a regression fails the test instead of hanging it.
    command = [sys.executable, "-c", "from spinsheet.cli import main; main()", "check"]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    # Refused before anything is built from it, at the first value past the limit.
    assert result.stdout.splitlines()[0] == (
        "exercises/bomb.yaml:5:5: error: this YAML stands for more than 100,000 values (an "
        "alias repeats all it points to): write out what you mean"
    )


MISTAKES = [
    (
        {"corpus/q.md": '---\ntitle: T\n---\nA [word]{.loaded why="x neutral="y"}.\n'},
        "corpus/q.md:4:18: error: the value of 'why' has no closing '\"' (it runs into 'neutral=')",
    ),
    (
        {"corpus/d.md": "---\ntitle: T\npublished: 2025-06-31\n---\nText.\n"},
        "corpus/d.md:3:12: error: 'published' is not a real date (day is out of range for month); got '2025-06-31'",
    ),
    (
        {"exercises/t.yaml": "title: T\npassages: [town]\nactivities:\n\t- kind: spot\n"},
        "exercises/t.yaml:4:1: error: invalid YAML: while scanning for the next token; found character '\\t' that cannot start any token (indent with spaces, not tabs)",
    ),
    (
        {
            "exercises/i.yaml": "title: T\npassages: [town]\nactivities:\n  - kind: spot\n   count: 2\n"
        },
        "exercises/i.yaml:5:4: error: invalid YAML: while parsing a block collection; expected <block end>, but found '<block mapping start>' (check the indentation: keys of one item line up)",
    ),
    (
        {
            "exercises/m.yaml": "title: T\npassages: [twon, town]\nactivities:\n  - kind: spot\n    passage: town\n"
        },
        "exercises/m.yaml:2:12: error: no passage 'twon' in corpus/ (looked for corpus/twon.md)",
    ),
    (
        {
            "exercises/p.yaml": "title: T\npassages: [town]\nactivities:\n  - kind: spot\n    paragraphs: 2-9\n"
        },
        "exercises/p.yaml:5:17: error: 'paragraphs' goes up to 9, but passage 'town' has 2 paragraphs",
    ),
    (
        {
            "corpus/empty.md": "---\ntitle: Only front matter\n---\n   \n",
            "exercises/e.yaml": "title: T\npassages: [empty]\nactivities:\n  - kind: spot\n",
        },
        "exercises/e.yaml:4:5: error: passage 'empty' has no spans for spot",
    ),
    (
        {
            "corpus/h.md": '---\ntitle: T\n---\n# A [heading]{.loaded type=label why="w" neutral="n"}\n\nText.\n'
        },
        "corpus/h.md:4:5: error: this span is not in a paragraph of the passage (it is in a heading, a code span, a link or an image), so it would never be marked",
    ),
    (
        {"exercises/d.yaml": "title: T\npassages: [town, town]\nactivities:\n  - kind: spot\n"},
        "exercises/d.yaml:2:11: error: 'passages' names 'town' more than once",
    ),
]


@pytest.mark.parametrize(("files", "expected"), MISTAKES)
def test_typical_teacher_mistakes(
    make_workspace: MakeWorkspace, run: Run, files: dict[str, str | bytes], expected: str
) -> None:
    result = run(make_workspace({"corpus/town.md": GOOD_PASSAGE, **files}), "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:-1] == [expected]
