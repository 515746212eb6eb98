"""The suggester's rules step by step: matching, widening and scoring, each alone."""

from __future__ import annotations

import pytest

from spinsheet.suggest.lists import Lists, lists
from spinsheet.suggest.loaded import Hit, Span, join_runs, match, score, widen
from spinsheet.suggest.tokens import Token, tokenize
from spinsheet.suggest.unsourced import Source, score_source, vague_noun, widen_source
from spinsheet.suggest.weights import (
    INTENSIFIED,
    POINTS_BACK,
    STRENGTH,
    VAGUE_QUANTIFIED,
    VAGUE_SAYS,
)


@pytest.fixture(scope="module")
def found() -> Lists:
    return lists()


def words(text: str, tokens: list[Token], first: int, last: int) -> str:
    return text[tokens[first].start : tokens[last].end]


def test_match_finds_the_entry(found: Lists) -> None:
    text = "Critics slammed the new parking rules."
    tokens = tokenize(text)
    [hit] = match(text, tokens, found)
    assert words(text, tokens, hit.first, hit.last) == "slammed"
    assert (hit.entry.type, hit.entry.part, hit.entry.neutral) == ("emotive", "verb", "criticized")


def test_match_skips_a_said_verb_used_literally(found: Lists) -> None:
    text = "The mayor was admitted to hospital."
    assert match(text, tokenize(text), found) == []


def test_widen_takes_in_the_intensifier_and_the_noun_after_an_adjective(found: Lists) -> None:
    text = "It was an utterly disgraceful decision."
    tokens = tokenize(text)
    # "utterly" is a loaded word too; widen the hit on "disgraceful" alone.
    [hit] = [h for h in match(text, tokens, found) if tokens[h.first].norm == "disgraceful"]
    span = widen(text, tokens, hit, found)
    assert words(text, tokens, span.core, hit.last) == "utterly disgraceful"
    assert words(text, tokens, span.first, span.last) == "utterly disgraceful decision"
    assert span.intensified


def test_widen_takes_in_the_noun_an_adjective_judges(found: Lists) -> None:
    text = "It was a reckless decision."
    tokens = tokenize(text)
    [hit] = match(text, tokens, found)
    span = widen(text, tokens, hit, found)
    assert words(text, tokens, span.first, span.last) == "reckless decision"
    assert not span.intensified


def test_join_runs_makes_neighbouring_hits_one(found: Lists) -> None:
    text = "It was an utterly disgraceful decision."
    tokens = tokenize(text)
    [run] = join_runs(text, tokens, match(text, tokens, found))
    assert words(text, tokens, run.first, run.last) == "utterly disgraceful"
    assert run.entry.type == "emotive"  # the stronger of the two words


def test_loaded_score_adds_the_intensifier_weight(found: Lists) -> None:
    text = "It was a deeply reckless decision."
    tokens = tokenize(text)
    [hit] = match(text, tokens, found)
    plain = Span(hit, hit.first, hit.first, hit.last)
    louder = widen(text, tokens, hit, found)
    assert louder.intensified
    base = score(plain, tokens, set(), set())
    assert base == STRENGTH[hit.entry.strength]
    assert score(louder, tokens, set(), set()) == pytest.approx(base + INTENSIFIED)


def _source(text: str, noun: str, found: Lists) -> tuple[list[Token], Source | None]:
    tokens = tokenize(text)
    i = next(i for i, t in enumerate(tokens) if t.norm == noun)
    assert vague_noun(tokens[i], found)
    return tokens, widen_source(text, tokens, i, found)


def test_widen_source_takes_the_quantifier_and_the_speech_verb(found: Lists) -> None:
    text = "In truth, many experts say it will fail."
    tokens, source = _source(text, "experts", found)
    assert source is not None
    assert words(text, tokens, source.first, source.last) == "many experts say"
    assert (source.quantified, source.named, source.points_back) == (True, 0, False)


def test_widen_source_takes_a_speech_verb_before(found: Lists) -> None:
    text = "The bridge is safe, according to experts."
    tokens, source = _source(text, "experts", found)
    assert source is not None
    assert words(text, tokens, source.first, source.last) == "according to experts"


def test_a_vague_noun_with_no_speech_verb_is_no_source(found: Lists) -> None:
    assert _source("The experts met on Monday.", "experts", found)[1] is None


def test_source_score_adds_the_named_weights() -> None:
    assert score_source(Source(0, 0, 1)) == VAGUE_SAYS
    assert score_source(Source(1, 0, 2, quantified=True)) == VAGUE_SAYS + VAGUE_QUANTIFIED
    assert score_source(Source(1, 1, 2, points_back=True)) == VAGUE_SAYS + POINTS_BACK


def test_hit_entry_is_the_strongest(found: Lists) -> None:
    weak, strong = found.loaded[("utterly",)], found.loaded[("disgraceful",)]
    assert Hit(0, 1, (weak, strong)).entry == strong
