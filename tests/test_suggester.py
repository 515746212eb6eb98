"""The annotation suggester: known examples, offsets on awkward text, and its guarantees."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from spinsheet.suggest import DEFAULT_THRESHOLD, Suggestion, suggest

TAXONOMY_TYPES = {
    "loaded": {
        "emotive",
        "label",
        "exaggeration",
        "euphemism",
        "doubt",
        "said-verb",
        "editorialising",
        "us-vs-them",
    },
    "unsourced": {
        "vague-attribution",
        "anonymous-source",
        "unsourced-number",
        "sweeping-claim",
        "opinion-as-fact",
        "unsupported-cause",
    },
}
PUNCTUATION_EDGES = " \t\r\n\ufeff.,;:!?()[]{}\"'“”‘’—–-"

PASSAGE = (
    "\ufeffThe mayor admitted on Monday that the bridge would close.\r\n"
    "Critics slammed the plan 😀 as a “disaster”, and experts say it will fail.\r\n"
    "The regime's so-called reforms were, of course, a reckless gamble!\r\n"
    "A source close to the minister said the plan was dead. Everyone knows it."
)


def find(found: list[Suggestion], text: str) -> Suggestion:
    matches = [s for s in found if text in s.text]
    assert matches, f"{text!r} not suggested in {[s.text for s in found]}"
    return matches[0]


def test_admitted_is_a_said_verb_with_neutral_said() -> None:
    found = suggest("The mayor admitted the road was closed.")
    admitted = find(found, "admitted")
    assert (admitted.kind, admitted.type, admitted.text, admitted.neutral) == (
        "loaded",
        "said-verb",
        "admitted",
        "said",
    )
    assert admitted.why


def test_slammed_is_loaded_with_neutral_criticized() -> None:
    slammed = find(suggest("Critics slammed the new parking rules."), "slammed")
    assert (slammed.kind, slammed.text, slammed.neutral) == ("loaded", "slammed", "criticized")


def test_experts_say_is_a_vague_attribution() -> None:
    found = suggest("Experts say the bridge could have stayed open.")
    experts = find(found, "Experts say")
    assert (experts.kind, experts.type, experts.text) == (
        "unsourced",
        "vague-attribution",
        "Experts say",
    )


@pytest.mark.parametrize(
    ("text", "span", "kind", "type_"),
    [
        (
            "A source close to the minister said the plan was dead.",
            "A source close to",
            "unsourced",
            "anonymous-source",
        ),
        ("Everyone knows the ferry is unsafe.", "Everyone knows", "unsourced", "sweeping-claim"),
        (
            "It is widely reported that the deal is off.",
            "It is widely reported",
            "unsourced",
            "vague-attribution",
        ),
        ("The so-called experts were wrong.", "so-called", "loaded", "doubt"),
        ("The regime said nothing.", "regime", "loaded", "label"),
    ],
)
def test_known_examples(text: str, span: str, kind: str, type_: str) -> None:
    found = find(suggest(text), span)
    assert (found.kind, found.type) == (kind, type_)


def test_neutral_text_gives_nothing() -> None:
    assert suggest("The council voted on Tuesday to close the bridge.") == []


def test_empty_and_blank_text() -> None:
    assert suggest("") == []
    assert suggest("\ufeff \r\n\t") == []


def test_offsets_with_bom_crlf_curly_quotes_and_emoji() -> None:
    found = suggest(PASSAGE)
    assert len(found) >= 6
    for s in found:
        assert PASSAGE[s.start : s.end] == s.text
        assert s.text[0] not in PUNCTUATION_EDGES
        assert s.text[-1] not in PUNCTUATION_EDGES.replace("”", "").replace("’", "")
    assert find(found, "admitted").start == PASSAGE.index("admitted")
    assert find(found, "experts say").start == PASSAGE.index("experts say")


def test_fields_are_valid() -> None:
    for s in suggest(PASSAGE, threshold=0.0):
        assert s.type in TAXONOMY_TYPES[s.kind]
        assert 0.0 <= s.score <= 1.0
        assert '"' not in s.why
        assert s.kind == "loaded" or s.neutral == ""


def test_sorted_non_overlapping_and_above_threshold() -> None:
    for threshold in (0.0, DEFAULT_THRESHOLD, 0.7):
        found = suggest(PASSAGE, threshold=threshold)
        assert [s.start for s in found] == sorted(s.start for s in found)
        for a, b in itertools.pairwise(found):
            assert a.end <= b.start
        assert all(s.score >= threshold for s in found)


def test_higher_threshold_gives_fewer() -> None:
    # One suggestion scores above 0.9 ("truly despicable traitor!"), one below ("Experts say").
    text = "A truly despicable traitor! Experts say it will fail."
    high = suggest(text, threshold=0.9)
    everything = suggest(text, threshold=0.0)
    assert high
    assert len(high) < len(everything)
    assert all(s.score >= 0.9 for s in high)
    assert any(s.score < 0.9 for s in everything)


def test_deterministic() -> None:
    assert suggest(PASSAGE) == suggest(PASSAGE)


def test_arbitrary_text_does_not_fail() -> None:
    odd = "“”‘’ !!! ??? \u200b\u00a0 -- 'quoted' \"x\" é ñ 漢字 ١٢٣ \U0001f600\n\n" * 20
    for s in suggest(odd, threshold=0.0):
        assert odd[s.start : s.end] == s.text


def test_on_reference_data_if_present() -> None:
    data = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ptc-train"
    if not data.is_dir():
        pytest.skip("reference data not present")
    paths = sorted((data / "train-articles").glob("article*.txt"))[:5]
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        found = suggest(text)
        assert all(text[s.start : s.end] == s.text for s in found)


# Run in a fresh interpreter: which word lists does each step read?
READS = """
import pathlib
read = []
original = pathlib.Path.read_text
def spy(self, *args, **kwargs):
    if self.parent.name == "data" and self.parent.parent.name == "suggest":
        read.append(self.name)
    return original(self, *args, **kwargs)
pathlib.Path.read_text = spy
from spinsheet.suggest import suggest
print(sorted(read))
assert suggest("Critics slammed the plan.")
assert suggest("Experts say it will fail.")
print(sorted(read))
"""


def test_word_lists_are_read_once_on_first_use() -> None:
    """Importing the suggester reads no word list; the first suggestion reads each list once,
    and later ones read none again."""
    run = subprocess.run([sys.executable, "-c", READS], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == ["[]", "['loaded.txt', 'unsourced.txt', 'words.txt']"]
