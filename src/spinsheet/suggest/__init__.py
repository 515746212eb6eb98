"""Suggest candidate `loaded` and `unsourced` spans in a news passage, for a teacher to review.

A rule system: hand-written word lists (in `data/`, see its PROVENANCE.md) matched over word
tokens, widened to the natural phrase and scored by the word's strength and its context. Pure
and deterministic; the lists are read once, on first use.

Where things live: `tokens` (words, sentences, phrase tests), `lists` (reading `data/`),
`weights` (every score and count), `loaded` and `punctuation` (loaded language),
`unsourced` (vague sources and phrases), `candidates` (choosing what to suggest);
`marking` puts suggestions into passage files and settles them.
"""

from __future__ import annotations

from .candidates import Suggestion, choose
from .lists import lists
from .loaded import loaded_words
from .punctuation import outbursts, scare_quotes
from .tokens import tokenize
from .unsourced import unsourced_claims
from .weights import DEFAULT_THRESHOLD

__all__ = ["DEFAULT_THRESHOLD", "Suggestion", "suggest"]


def suggest(text: str, *, threshold: float = DEFAULT_THRESHOLD) -> list[Suggestion]:
    """Non-overlapping suggestions sorted by start, score >= threshold."""
    if not text:
        return []
    found = lists()
    tokens = tokenize(text)
    candidates = [
        *loaded_words(text, tokens, found),
        *scare_quotes(text, tokens, found),
        *outbursts(text),
        *unsourced_claims(text, tokens, found),
    ]
    return choose(text, candidates, threshold)
