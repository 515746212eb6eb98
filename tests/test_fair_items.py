"""Fair items (issue 10, points 4-6): no confusable choices, sort items that fit one column,
tally counts marked within a stated range. Each rule is read back from built PDFs."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeWorkspace, Run, pdf_text
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
