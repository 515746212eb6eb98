"""Fair items (issue 10, points 4-6): no confusable choices, sort items that fit one column,
tally counts marked within a stated range. Each rule is read back from built PDFs."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import MakeWorkspace, Run, pdf_text
from spinsheet.items import tally_range
from spinsheet.taxonomy import load_taxonomy


def fruit_type(name: str, confusable: str = "") -> str:
    """One type of the test taxonomy: fruit names, so no passage word looks like one."""
    line = f"      confusable: {confusable}\n" if confusable else ""
    return (
        f"    {name.lower()}:\n      name: {name}\n      definition: The {name} technique.\n"
        f"      question: Is it {name}?\n      example: An {name}.\n"
        f"      wikipedia: []\n      semeval: []\n{line}"
    )


def taxonomy(loaded: str, unsourced: str, sourced: str = fruit_type("Iris")) -> str:
    return "".join(
        f"{kind}:\n  name: {kind.title()} kind\n  definition: D.\n  question: Q?\n  types:\n{types}"
        for kind, types in (("loaded", loaded), ("unsourced", unsourced), ("sourced", sourced))
    )


# Apple and Banana cannot be told apart, nor Cherry and the unsourced Grape.
FRUIT = taxonomy(
    fruit_type("Apple", "[banana]")
    + fruit_type("Banana")
    + fruit_type("Cherry", "[unsourced.grape]")
    + "".join(fruit_type(n) for n in ("Damson", "Elder", "Fig")),
    fruit_type("Grape") + fruit_type("Hazel"),
)


def span(text: str, kind: str, type_: str, extra: str = "") -> str:
    keys = {"loaded": 'neutral="n"', "unsourced": 'ask="a" check="c"', "sourced": 'source="s"'}
    return f'[{text}]{{.{kind} type="{type_}" why="w" {extra or keys[kind]}}}'


def passage(*paragraphs: str) -> str:
    return "---\ntitle: A Quiet Town\n---\n" + "\n\n".join(paragraphs) + "\n"


def exercise(activity: str, variants: int = 1) -> str:
    return f"title: T\npassages: [t]\nvariants: {variants}\nactivities:\n  - {activity}\n"


def build(run: Run, root: Path) -> Path:
    result = run(root, "build", "--out", str(root / "out"))
    assert result.exit_code == 0, result.output
    return root / "out" / "e"


def section(pdf: Path, title: str) -> str:
    """The text of a sheet from an activity's title on: the passage above it holds every span."""
    text = pdf_text(pdf)
    return text[text.index(title) :]


# Point 4: confusable types.


def test_the_built_in_taxonomy_declares_confusable_pairs_both_ways() -> None:
    built_in = load_taxonomy(Path("/nonexistent"))
    types = {t.id: t for kind in built_in.kinds.values() for t in kind.types.values()}
    pairs = [
        ("vague-attribution", "anonymous-source"),
        ("doubt", "said-verb"),
        ("exaggeration", "sweeping-claim"),
        ("editorialising", "opinion-as-fact"),
    ]
    for a, b in pairs:
        assert built_in.confusable(types[a], types[b]) and built_in.confusable(types[b], types[a])
    assert not built_in.confusable(types["emotive"], types["anonymous-source"])


def test_name_it_never_offers_confusable_choices(make_workspace: MakeWorkspace, run: Run) -> None:
    text = passage(f"The {span('apple words', 'loaded', 'apple')} were here.")
    root = make_workspace(
        {
            "taxonomy.yaml": FRUIT,
            "corpus/t.md": text,
            "exercises/e.yaml": exercise("kind: name-it", variants=8),
        }
    )
    out = build(run, root)
    offered = []
    for letter in "ABCDEFGH":
        items = section(out / f"e-{letter}.pdf", "Name it")
        assert "Apple" in items and "Banana" not in items  # confusable with the right name
        assert not ("Cherry" in items and "Grape" in items)  # confusable with each other
        offered.append(items)
    # Not by luck: each is offered on some sheet, never both.
    assert any("Cherry" in s for s in offered) and any("Grape" in s for s in offered)


def test_match_merges_confusable_names_into_one_entry(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    text = passage(
        f"Some {span('apple words', 'loaded', 'apple')} here.",
        f"Some {span('banana words', 'loaded', 'banana')} there.",
        f"And {span('damson words', 'loaded', 'damson')} too.",
        span(f"A claim with {span('fig words', 'loaded', 'fig')} in it", "unsourced", "hazel")
        + ".",
    )
    files: dict[str, str | bytes] = {
        "taxonomy.yaml": FRUIT,
        "corpus/t.md": text,
        "exercises/e.yaml": exercise("kind: match\n    shuffle: false"),
    }
    out = build(run, make_workspace(files))
    student = section(out / "e-A.pdf", "Match it")
    entries = re.findall(r"● ([A-Z])\. (.+?) (?:\d\.|T ·)", student)
    assert entries == [("A", "Apple / Banana"), ("B", "Damson"), ("C", "Hazel"), ("D", "Fig")]
    # The glossary defines each name of the shared entry.
    glossary = pdf_text(out / "e-A.pdf").split("Techniques on this sheet", 1)[1]
    assert re.findall(r"(\w+): The \1 technique\.", glossary) == [
        "Apple",
        "Banana",
        "Damson",
        "Fig",
        "Hazel",
    ]
    key = section(out / "e-A-key.pdf", "Match it")
    assert "“apple words” (¶1) A ●" in key and "“banana words” (¶2) A ●" in key
    # The claim holds a Fig span, and the Fig quotation sits in a Hazel claim: either fits.
    assert "“A claim with fig words in it” (¶4) C or D" in key
    assert "“fig words” (¶4) C or D" in key


CONFUSABLE_ERRORS = taxonomy(
    fruit_type("Apple", "[banan, apple]") + fruit_type("Banana", "[unsourced.grap, grape]"),
    fruit_type("Grape", "[loaded.apple, sourced.iris]"),
)


def test_check_rejects_a_confusable_naming_an_unknown_type(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace({"taxonomy.yaml": CONFUSABLE_ERRORS})
    result = run(root, "check")
    assert (result.exit_code, result.stdout) == (
        1,
        "taxonomy.yaml:13:20: error: 'confusable' names unknown loaded type 'banan'; expected "
        "one of: apple, banana (or kind.type for a type of another kind)\n"
        "taxonomy.yaml:13:27: error: 'confusable' names the type 'apple' itself\n"
        "taxonomy.yaml:21:20: error: 'confusable' names unknown unsourced type "
        "'unsourced.grap'; expected one of: grape (or kind.type for a type of another kind)\n"
        "taxonomy.yaml:21:36: error: 'confusable' names unknown loaded type 'grape'; expected "
        "one of: apple, banana (or kind.type for a type of another kind)\n"
        "Checked 0 files: 4 errors, 0 warnings.\n",
    )


# Point 5: sort items fit exactly one column.

SORTING = passage(
    f"The {span('reckless', 'loaded', 'apple')} mayor spoke.",
    span(
        f"Everyone agrees the {span('awful', 'loaded', 'banana')} plan will fail",
        "unsourced",
        "grape",
    )
    + ".",
    span("Crime doubled last year", "unsourced", "hazel") + ", it is said.",
    span("Mayor Ann Lee said", "sourced", "iris", 'source="Mayor Ann Lee"') + " the road shuts.",
    span("according to the council", "sourced", "iris", 'source="The council"')
    + ", the bridge will close.",
    span(
        "The traffic study counted 11,400 cars a day",
        "sourced",
        "iris",
        'source="The council\'s traffic study"',
    )
    + " on the bridge.",
)


def test_sort_draws_only_items_that_fit_one_column(make_workspace: MakeWorkspace, run: Run) -> None:
    files: dict[str, str | bytes] = {
        "taxonomy.yaml": FRUIT,
        "corpus/t.md": SORTING,
        "exercises/e.yaml": exercise("kind: sort\n    shuffle: false"),
    }
    out = build(run, make_workspace(files))
    student = section(out / "e-A.pdf", "Sort it")
    # The loaded word is shown in its whole sentence, so the student can judge it.
    assert "1. The reckless mayor spoke. (¶1)" in student
    assert "2. Crime doubled last year, it is said. (¶3)" in student
    assert "3. The traffic study counted 11,400 cars a day on the bridge. (¶6)" in student
    # Loaded inside a claim with no source fits two columns; "X said" is a free point.
    for left_out in ("awful", "Everyone agrees", "Ann Lee", "according to the council"):
        assert left_out not in student
    assert "4." not in student
    key = section(out / "e-A-key.pdf", "Sort it")
    assert "(¶1) ✔ L1" in key and "(¶3) ✔ U2" in key and "(¶6) ✔ S3" in key


def test_check_counts_only_sort_items_that_fit_one_column(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    files: dict[str, str | bytes] = {
        "taxonomy.yaml": FRUIT,
        "corpus/t.md": SORTING,
        "exercises/e.yaml": exercise("kind: sort\n    count: 4"),
        "exercises/f.yaml": exercise("kind: sort\n    paragraphs: 2"),
    }
    result = run(make_workspace(files), "check")
    assert (result.exit_code, result.stdout) == (
        1,
        "exercises/e.yaml:6:12: error: 'count' is 4, but passage 't' has only 3 spans that "
        "fit exactly one column\n"
        "exercises/f.yaml:5:5: error: passage 't' has no spans that fit exactly one column "
        "in paragraph 2 for sort\n"
        "Checked 3 files: 2 errors, 0 warnings.\n",
    )


# Point 6: tally counts are marked within a range the key states.


def test_tally_ranges() -> None:
    assert [tally_range(n) for n in (0, 1, 5, 6, 10, 11)] == [
        (0, 1),
        (0, 2),
        (4, 6),
        (4, 8),
        (8, 12),
        (8, 14),
    ]


def test_the_tally_key_gives_each_count_with_its_range(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    seven = " ".join(f"A {span(f'apple{n}', 'loaded', 'apple')} here." for n in range(7))
    files: dict[str, str | bytes] = {
        "taxonomy.yaml": FRUIT,
        "corpus/t.md": passage(seven, f"One {span('hazel claim', 'unsourced', 'hazel')}."),
        "exercises/e.yaml": exercise("kind: tally\n    shuffle: false"),
    }
    out = build(run, make_workspace(files))
    key = section(out / "e-A-key.pdf", "Count it")
    rule = (
        "Marking: 1 point for each technique whose count is in the range the key gives: the "
        "key's count give or take 1, or give or take a fifth of it (rounded up) when it is "
        "over 5, because where a phrase starts and ends is a judgement call."
    )
    assert rule in key
    assert re.search(r"Apple Loaded kind The Apple technique\. 7 accept 5–9 L1, L2", key)
    assert "Banana Loaded kind The Banana technique. 0 accept 0–1" in key
    assert "Hazel Unsourced kind The Hazel technique. 1 accept 0–2 U1" in key
    student = section(out / "e-A.pdf", "Count it")
    assert "accept" not in student and "Marking" not in student
