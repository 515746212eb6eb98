"""Unsourced claims: vague sources ("many experts say") and phrases from unsourced.txt.

A vague source goes through three steps, each testable alone: `vague_noun` matches the noun,
`widen_source` takes in its quantifier and modifiers and finds the speech verb after or before
it, and `score_source` weighs what was found.
"""

from __future__ import annotations

from dataclasses import dataclass

from .candidates import Candidate
from .lists import Lists
from .tokens import Token, joined, longest_phrase, norms
from .weights import (
    NAMED_NEARBY,
    NAMED_WITHIN,
    PHRASE_SCORES,
    POINTS_BACK,
    QUANTIFIER_WORDS,
    SOURCE_ADVERBS,
    SOURCE_MODIFIERS,
    SPEECH_WORDS,
    VAGUE_QUANTIFIED,
    VAGUE_SAYS,
)

# The taxonomy type of a phrase from each phrase list of unsourced.txt, and why it is flagged.
_PHRASE_TYPES = {
    "anonymous-phrases": "anonymous-source",
    "passive-phrases": "vague-attribution",
    "study-phrases": "vague-attribution",
    "sweeping-phrases": "sweeping-claim",
    "hedge-phrases": "opinion-as-fact",
}
_PHRASE_WHY = {
    "anonymous-phrases": "The source is not named, so no one can check what they said.",
    "passive-phrases": "No one is named as saying this: who reported or believes it?",
    "study-phrases": "The study, poll or data is not named, so it cannot be looked up.",
    "sweeping-phrases": "A claim about everyone or everything, with no evidence given.",
    "hedge-phrases": "A judgement with no one named as making it: who thinks so, and why?",
}
_ADVERB_ENDING = "ly"  # "officials increasingly worried"


@dataclass(frozen=True)
class Source:
    """A vague source widened to its phrase, tokens first..last, and what scoring weighs."""

    noun: int  # the vague noun's token
    first: int
    last: int
    named: int = 0  # capitalised modifiers taken in: "Pentagon officials"
    quantified: bool = False  # "many experts"
    points_back: bool = False  # "the officials"


def unsourced_claims(text: str, tokens: list[Token], lists: Lists) -> list[Candidate]:
    """A candidate for every vague source and every listed phrase, in the order of the text."""
    out: list[Candidate] = []
    for i, token in enumerate(tokens):
        if vague_noun(token, lists):
            source = widen_source(text, tokens, i, lists)
            if source is not None:
                out.append(_source_candidate(tokens, source, lists))
        if token.norm in lists.firsts:
            out += _phrase(text, tokens, i, lists)
    return out


def _phrase(text: str, tokens: list[Token], i: int, lists: Lists) -> list[Candidate]:
    """The longest listed phrase at token i, if any, scored."""
    n = longest_phrase(text, tokens, i, lists.phrases, lists.longest)
    if not n:
        return []
    last = i + n - 1
    section = lists.phrases[norms(tokens[i : last + 1])]
    score = PHRASE_SCORES[section]
    if named_after(tokens, last):
        score += NAMED_NEARBY
    type_, why = _PHRASE_TYPES[section], _PHRASE_WHY[section]
    return [Candidate(tokens[i].start, tokens[last].end, "unsourced", type_, score, why, "")]


def named_after(tokens: list[Token], last: int) -> bool:
    """A capitalised word within the next few words: the source is probably named after all."""
    for token in tokens[last + 1 : last + 1 + NAMED_WITHIN]:
        if token.sentence != tokens[last].sentence:
            return False
        if token.capital:
            return True
    return False


def vague_noun(token: Token, lists: Lists) -> bool:
    """Who is speaking, with no name: "experts"; capitalised inside a sentence, it is a name."""
    return token.norm in lists.vague_nouns and not (token.capital and not token.initial)


def widen_source(text: str, tokens: list[Token], i: int, lists: Lists) -> Source | None:
    """The phrase around the vague noun at token i, or None if no speech verb goes with it.

    `many experts say`, `officials have long said`, `said analysts`, `according to critics`.
    """
    start, named = _modifiers_before(text, tokens, i, lists)
    first = _quantifier_before(text, tokens, start, lists)
    quantified = first < start
    points_back = first == i and i > 0 and tokens[i - 1].norm in lists.pointing_back
    last = _speech_after(text, tokens, i, lists)
    if last is None:
        back = _speech_before(text, tokens, first, i, lists)
        if back is None:
            return None
        first, last = back, i
    return Source(i, first, last, named, quantified, points_back)


def _modifiers_before(text: str, tokens: list[Token], i: int, lists: Lists) -> tuple[int, int]:
    """Plain words before the noun: "state officials". The first token, and how many are names."""
    j, named = i, 0
    for _ in range(SOURCE_MODIFIERS):
        if j == 0 or not joined(text, tokens, j - 1, j):
            break
        prev = tokens[j - 1]
        if prev.norm in lists.function_words or not prev.norm.replace("-", "").isalpha():
            break
        if prev.capital and not prev.initial:
            named += 1
        j -= 1
    return j, named


def _quantifier_before(text: str, tokens: list[Token], j: int, lists: Lists) -> int:
    """The first token of a quantifier just before token j ("some", "a number of"), else j."""
    for n in range(min(QUANTIFIER_WORDS, j), 0, -1):
        if norms(tokens[j - n : j]) in lists.quantifiers and joined(text, tokens, j - n, j):
            return j - n
    return j


def _speech_after(text: str, tokens: list[Token], i: int, lists: Lists) -> int | None:
    """The last token of a speech verb after the noun at i, perhaps past an adverb or two."""
    k = i + 1
    for _ in range(SOURCE_ADVERBS):
        if k < len(tokens) and (
            tokens[k].norm in lists.between or tokens[k].norm.endswith(_ADVERB_ENDING)
        ):
            k += 1
    n = longest_phrase(text, tokens, k, lists.speech, SPEECH_WORDS)
    return k + n - 1 if n and joined(text, tokens, i, k) else None


def _speech_before(
    text: str, tokens: list[Token], first: int, noun: int, lists: Lists
) -> int | None:
    """The first token of a speech verb just before the source ("said", "according to")."""
    longest = max(len(p) for p in lists.speech_before_source)
    for n in range(min(longest, first), 0, -1):
        if norms(tokens[first - n : first]) in lists.speech_before_source:
            back = first - n
            if joined(text, tokens, back, noun) and not named_after(tokens, noun):
                return back
            return None
    return None


def score_source(source: Source) -> float:
    """A vague source's score, with the weights of what was taken in around it."""
    score = VAGUE_SAYS
    for _ in range(source.named):
        score += NAMED_NEARBY
    if source.quantified:
        score += VAGUE_QUANTIFIED
    if source.points_back:
        score += POINTS_BACK
    return score


def _source_candidate(tokens: list[Token], source: Source, lists: Lists) -> Candidate:
    noun = tokens[source.noun].norm
    why = (
        f"Says who? The {noun} are not named, so the claim cannot be checked."
        if noun not in lists.quantity_nouns
        else "Says who? No one is named, so the claim cannot be checked."
    )
    start, end = tokens[source.first].start, tokens[source.last].end
    return Candidate(start, end, "unsourced", "vague-attribution", score_source(source), why, "")
