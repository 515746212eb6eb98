"""Sheet rules of issue 10, checked on real PDFs read back with pypdf.

Keys answer every box the student sees (3), a glossary of the techniques a
sheet names (10), the source line under each passage (11), and the seed on
the key only (15). One workspace of our own, built once for the module.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import MakeWorkspace, Run, folded, pdf_text
from spinsheet.model import Passage
from spinsheet.taxonomy import Taxonomy
from spinsheet.workspace import load_workspace

TOWN = """\
---
title: Town Row
author: Ana Ruiz
outlet: The Daily Test
published: 2024-01-26
url: https://example.org/town-row
genre: opinion
---
The mayor's [reckless]{.loaded #reckless type="emotive" why="Judges the plan before showing it." neutral="sudden"} plan closes the park.

[Experts agree]{.unsourced #experts type="vague-attribution" why="The experts are never named." ask="Which experts said so?" check="The council's planning report."} the park will not reopen.

Councillor Bo Lee [slammed]{.loaded #slammed type="said-verb" why="Makes a reply sound like an attack." neutral="criticised"} the vote.

[Everyone in town hates the plan]{.unsourced #everyone type="sweeping-claim" why="Speaks for a whole town."} and shops are closing.

The [so-called]{.loaded #so-called type="doubt" why="Hints the name is false." neutral="planned"} garden will cost more.

A [mob]{.loaded #mob type="label" neutral="crowd"} met the mayor.
"""

# Nothing known of its source; one loaded word to compare with the town passage.
BARE = """\
---
title: Park Plan
---
The [wild]{.loaded #wild type="emotive" why="Calls the plan out of control." neutral="new"} plan was approved.

[Experts agree]{.unsourced #bare-experts type="vague-attribution" why="No one is named." ask="Who?" check="The minutes."} it is fine.
"""

RULES = """\
title: Rules
passages: [town, bare]
seed: 42
activities:
  - kind: spot
    passage: town
  - kind: who-says
    passage: town
    paragraphs: 2
  - kind: source-check
    passage: town
    paragraphs: 4
  - kind: name-it
    passage: town
    count: 2
    paragraphs: 1-4
  - kind: compare
    passages: [town, bare]
    pairs: [[town#reckless, bare#wild, "How the plan is described"]]
  - kind: compare
    passages: [town, bare]
    shuffle: false
  - kind: vocabulary
    passage: town
"""

# Spot and who-says name no technique: no glossary.
PLAIN = """\
title: Plain
passages: [bare]
seed: 7
activities:
  - kind: spot
  - kind: who-says
"""

GLOSSARY = "Techniques on this sheet"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rules workspace, built once."""
    from conftest import cli

    root = tmp_path_factory.mktemp("rules") / "ws"
    files = {
        "corpus/town.md": TOWN,
        "corpus/bare.md": BARE,
        "exercises/rules.yaml": RULES,
        "exercises/plain.yaml": PLAIN,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = cli(root, "build")
    assert result.exit_code == 0, result.output
    return root


def sheet(ws: Path, name: str) -> str:
    exercise = name.removesuffix("-key").rsplit("-", 1)[0]
    return pdf_text(ws / "output" / exercise / f"{name}.pdf")


def between(text: str, start: str, end: str | None = None) -> str:
    """The text from the heading `start` to the next heading `end` (or the end)."""
    rest = text.split(start, 1)[1]
    return rest.split(end, 1)[0] if end else rest


def passage(ws: Path, pid: str) -> Passage:
    return load_workspace(ws).passages[pid]


# 3. Keys answer every box the student sees.


@pytest.mark.parametrize(
    ("title", "end", "columns"),
    [
        (
            "Who says?",
            "Check the source",
            "Claim Who is the source? What evidence would you need? Where could you check?",
        ),
        (
            "Check the source",
            "Name it",
            "Who is behind it? What is the evidence? What do other sources say?",
        ),
    ],
)
def test_source_tables_show_the_same_columns_and_the_key_fills_each(
    ws: Path, title: str, end: str, columns: str
) -> None:
    student = between(sheet(ws, "rules-A"), title, end)
    key = between(sheet(ws, "rules-A-key"), title, end)
    assert columns in student and columns in key
    # Each table asks about its own claim: no activity asks what an earlier one asked.
    asked = [s for s in passage(ws, "town").spans_of("unsourced") if folded(s.text) in student]
    assert len(asked) == 1
    for span in asked:
        who = f"No one is named. {span.why}"
        evidence = f"Evidence that answers: “{span.ask}”" if span.ask else "Evidence of who says"
        where = span.check or "A source that names who says this"
        assert f"{who} {evidence}" in key and where in key, span.id
        assert span.why and span.why not in student


def test_compare_key_gives_a_model_sentence_for_the_difference(ws: Path) -> None:
    key = between(sheet(ws, "rules-A-key"), "Compare the coverage", "Charged words")
    pairs, by_type = key.split("Compare the coverage")
    town, bare = passage(ws, "town"), passage(ws, "bare")
    reckless = next(s for s in town.spans if s.id == "reckless")
    wild = next(s for s in bare.spans if s.id == "wild")
    # What the difference does, in one sentence, then what each wording does.
    assert (
        "Model answer: Both passages use charged words (Emotive word), so each pushes its "
        f"reader toward its own view of the same fact. Passage 1: {reckless.why} "
        f"Passage 2: {wild.why}"
    ) in folded(pairs)
    # By technique: which passage leans on it, from the counts, and what the technique does.
    assert "Both passages use it (1 example each), so neither leans on it more." in by_type
    assert (
        "Passage 1 leans on it more (1 example to 0), so its reader meets more of this: "
        "a verb like" in by_type
    )
    student = sheet(ws, "rules-A")
    assert "Model answer" not in student and "leans on it more (" not in student


def test_vocabulary_key_answers_both_columns_even_without_a_why(ws: Path) -> None:
    student = between(sheet(ws, "rules-A"), "Charged words")
    key = folded(between(sheet(ws, "rules-A-key"), "Charged words"))
    taxonomy = load_workspace(ws).taxonomy
    assert taxonomy is not None
    asked = [
        s for s in passage(ws, "town").spans_of("loaded") if f"{s.text} (Passage 1, ¶" in student
    ]
    assert "mob" in [s.text for s in asked]
    for span in asked:
        span_type = taxonomy.type_of(span.kind, span.type)
        meaning = span.why or (span_type.definition if span_type else "")
        assert f"{span.text} (Passage 1, ¶{span.paragraph}) {meaning}" in key
        assert span.neutral and span.neutral in key


# 10. A glossary of the techniques the sheet names.


def glossary_terms(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    return [(t.name, t.definition) for k in taxonomy.kinds.values() for t in k.types.values()]


@pytest.mark.parametrize("name", ["rules-A", "rules-A-key"])
def test_glossary_once_before_the_first_activity_naming_techniques(ws: Path, name: str) -> None:
    taxonomy = load_workspace(ws).taxonomy
    assert taxonomy is not None
    text = sheet(ws, name)
    assert text.count(GLOSSARY) == 1
    # after the activities that name no technique, before the first that does
    assert text.index("Check the source") < text.index(GLOSSARY) < text.index("Name it")
    box = between(text, GLOSSARY, "Name it")
    name_it = between(text, "Name it", "Compare the coverage")
    terms = glossary_terms(taxonomy)
    shown = [name for name, definition in terms if f"{name}: {definition}" in box]
    # every name the sheet offers is defined; the box holds only defined names, in taxonomy order
    assert {name for name, _ in terms if name in name_it} <= set(shown)
    assert len(shown) == box.count(":") >= 4
    assert [box.index(f"{name}:") for name in shown] == sorted(box.index(f"{n}:") for n in shown)
    # only names the sheet prints elsewhere, not the whole taxonomy
    rest = text.replace(box, "")
    assert all(name in rest for name in shown) and len(shown) < len(terms)


def test_glossary_stays_on_one_page(ws: Path) -> None:
    for name in ("rules-A", "rules-A-key"):
        pages = [
            folded(p.extract_text() or "")
            for p in PdfReader(ws / "output" / "rules" / f"{name}.pdf").pages
        ]
        holding = [p for p in pages if GLOSSARY in p]
        assert len(holding) == 1
        assert "Emotive word: A word that pushes a feeling" in holding[0]


def test_no_glossary_where_no_technique_is_named(ws: Path) -> None:
    for name in ("plain-A", "plain-A-key"):
        assert GLOSSARY not in sheet(ws, name)


# 11. The source line.


@pytest.mark.parametrize("name", ["rules-A", "rules-A-key"])
def test_source_line_under_each_title_on_both_editions(ws: Path, name: str) -> None:
    text = sheet(ws, name)
    assert (
        "Passage 1: Town Row OPINION · Ana Ruiz · The Daily Test · 26 January 2024 · "
        "https://example.org/town-row"
    ) in text
    assert "Passage 2: Park Plan Author, outlet, date and web address not given" in text


def test_a_partly_known_source_names_what_is_missing(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace(
        {
            "corpus/half.md": BARE.replace("title: Park Plan", "title: Park Plan\nauthor: Jo Ng"),
            "exercises/half.yaml": "title: Half\npassages: [half]\nactivities:\n  - kind: spot\n",
        }
    )
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    for name in ("half-A", "half-A-key"):
        text = pdf_text(root / "output" / "half" / f"{name}.pdf")
        assert "Park Plan Jo Ng · outlet, date and web address not given" in text


# 15. The seed on the key only.


def test_seed_only_on_the_key_header_and_foot(ws: Path) -> None:
    student = PdfReader(ws / "output" / "rules" / "rules-A.pdf").pages
    key = PdfReader(ws / "output" / "rules" / "rules-A-key.pdf").pages
    for page in student:
        text = folded(page.extract_text() or "")
        assert "Rules · Variant A · Student sheet" in text and "Seed" not in text
    assert "Variant A Name Class" in folded(student[0].extract_text() or "")
    assert "Variant A Seed 42 Name Class" in folded(key[0].extract_text() or "")
    for page in key:
        assert "Rules · Variant A · Seed 42 · TEACHER KEY" in folded(page.extract_text() or "")
