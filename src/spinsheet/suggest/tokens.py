"""Words and sentences of a text, normalised for matching, and tests of which words form a phrase.

Every rule matches over these tokens; offsets are code points into the text given.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Container
from dataclasses import dataclass

from .weights import TITLE_CAPITALS, TITLE_MIN_WORDS

# A word: letters and digits, with inner apostrophes or hyphens ("don't", "so-called").
TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# The end of a sentence or a line.
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n\s*\n|\r?\n")
_POSSESSIVES = ("'s", "’s")
# What may stand between two words of one phrase.
_PHRASE_GAPS = (" ", "-", "- ", " -", "\u00a0")


@dataclass(frozen=True)
class Token:
    """One word: its offsets (a final 's left out), its normal form and where it stands."""

    start: int
    end: int
    norm: str  # lower case, curly apostrophe made straight, a final 's dropped
    capital: bool
    sentence: int
    initial: bool  # first word of its sentence or line


def _possessive(word: str) -> bool:
    """The word ends in 's, straight or curly, after at least one letter."""
    return word.lower().endswith(_POSSESSIVES) and len(word) > len("'s")


def norm(word: str) -> str:
    """A word as the lists spell it: "Regime’s" -> "regime"."""
    word = word.lower().replace("’", "'")
    return word[: -len("'s")] if _possessive(word) else word


def words(phrase: str) -> tuple[str, ...]:
    """The normal forms of a phrase's words, as a key to match tokens against."""
    return tuple(norm(m.group()) for m in TOKEN.finditer(phrase))


def tokenize(text: str) -> list[Token]:
    """The words of `text`, each with its sentence number."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    tokens = []
    sentence = -1
    for m in TOKEN.finditer(text):
        word = m.group()
        index = bisect.bisect_right(ends, m.start())
        initial = index != sentence
        sentence = index
        end = m.end()
        # The span stops before a possessive: "[the regime]'s reforms".
        if _possessive(word):
            end -= len("'s")
        tokens.append(Token(m.start(), end, norm(word), word[0].isupper(), index, initial))
    return tokens


def norms(tokens: list[Token]) -> tuple[str, ...]:
    """The normal forms of some tokens, as a key into a list of phrases."""
    return tuple([t.norm for t in tokens])


def joined(text: str, tokens: list[Token], a: int, b: int) -> bool:
    """Tokens a..b are one phrase: only single spaces or hyphens between neighbours."""
    return all(text[tokens[j].end : tokens[j + 1].start] in _PHRASE_GAPS for j in range(a, b))


def longest_phrase(
    text: str,
    tokens: list[Token],
    i: int,
    phrases: Container[tuple[str, ...]],
    longest: int,
    fits: Callable[[int], bool] = lambda last: True,
) -> int:
    """How many words the longest phrase of `phrases` at token i has (0: none).

    The phrase's words must be joined, and `fits(last token)` true.
    """
    key = norms(tokens[i : i + longest])
    for n in range(len(key), 0, -1):
        last = i + n - 1
        if key[:n] in phrases and joined(text, tokens, i, last) and fits(last):
            return n
    return 0


def title_lines(tokens: list[Token]) -> set[int]:
    """Sentences that look like headlines (most words capitalised), where capitals mean nothing."""
    counts: dict[int, list[int]] = {}
    for token in tokens:
        pair = counts.setdefault(token.sentence, [0, 0])
        pair[0] += token.capital
        pair[1] += 1
    return {
        s for s, (caps, n) in counts.items() if n >= TITLE_MIN_WORDS and caps / n >= TITLE_CAPITALS
    }


def exclaimed(text: str) -> set[int]:
    """Sentences with a "!" in them."""
    marks = [m.start() for m in re.finditer("!", text)]
    if not marks:
        return set()
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    return {bisect.bisect_right(ends, p) for p in marks}
