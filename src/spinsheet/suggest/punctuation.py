"""Loading done with punctuation: scare quotes, rhetorical questions and exclamations."""

from __future__ import annotations

import bisect
import re
from functools import cache

from .candidates import Candidate
from .lists import Lists
from .tokens import TOKEN, Token
from .weights import (
    EXCLAMATION,
    MAX_SCORE,
    OUTBURST_LONG,
    OUTBURST_MIN,
    OUTBURST_WORDS,
    QUESTION,
    QUOTE_MAX_CHARS,
    QUOTE_MAX_WORDS,
    QUOTED_WORD,
    SCARE_QUOTES,
    SPEECH_BEFORE_CHARS,
)

_CHARS = QUOTE_MAX_CHARS
# A short quotation on one line, in curly, straight or single curly quotes (not apostrophes).
_QUOTE = re.compile(
    rf"“([^”\n]{{1,{_CHARS}}})”|\"([^\"\n]{{1,{_CHARS}}})\"|(?<![\w’'])‘([^’\n]{{1,{_CHARS}}})’(?!\w)"
)
# A whole sentence ending in "?" or "!".
_OUTBURST = re.compile(r"(?:^|(?<=[\n.!?]))[^\n.!?]*[!?]+")
_SENTENCE_MARK = re.compile(r"[.!?]")
_SCARE_WHY = "Quotation marks around a word can hint that it is not true or not meant."
_QUESTION_WHY = "A question that plants a doubt instead of showing evidence."
_EXCLAMATION_WHY = "An exclamation: it tells the reader how strongly to feel."


@cache
def _speech_before(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """The end of a text that introduces a quotation as speech: a speech verb, ":" or ","."""
    alternatives = "|".join(re.escape(v) for v in verbs)
    return re.compile(rf"(?:\b(?:{alternatives})|[:,])\s*$", re.IGNORECASE)


def _quoted(match: re.Match[str], tokens: list[Token], starts: list[int]) -> list[Token]:
    """The tokens inside a quotation, or none if it is too long or holds a sentence."""
    group = next(g for g in range(1, _QUOTE.groups + 1) if match.group(g) is not None)
    inner_start, inner_end = match.start(group), match.end(group)
    lo = bisect.bisect_left(starts, inner_start)
    hi = bisect.bisect_left(starts, inner_end)
    inside = [t for t in tokens[lo:hi] if t.end <= inner_end]
    if not 1 <= len(inside) <= QUOTE_MAX_WORDS or _SENTENCE_MARK.search(match.group(group)):
        return []
    return inside


def scare_quotes(text: str, tokens: list[Token], lists: Lists) -> list[Candidate]:
    """Short phrases in quotation marks that no speech verb introduces: the "reforms"."""
    speech = _speech_before(lists.speech_before_quote)
    starts = [t.start for t in tokens]
    out = []
    for m in _QUOTE.finditer(text):
        inside = _quoted(m, tokens, starts)
        if not inside or speech.search(text[max(0, m.start() - SPEECH_BEFORE_CHARS) : m.start()]):
            continue
        score = SCARE_QUOTES
        if any((t.norm,) in lists.loaded for t in inside):
            score += QUOTED_WORD
        start, end = inside[0].start, inside[-1].end
        out.append(Candidate(start, end, "loaded", "doubt", min(MAX_SCORE, score), _SCARE_WHY, ""))
    return out


def outbursts(text: str) -> list[Candidate]:
    """Whole sentences that end in "?" or "!": rhetorical questions and exclamations."""
    out = []
    for m in _OUTBURST.finditer(text):
        words = TOKEN.findall(m.group())
        if len(words) < OUTBURST_MIN:
            continue
        first = TOKEN.search(text, m.start())
        assert first is not None
        start, end = first.start(), m.end()
        while end > start and text[end - 1] not in "?!":
            end -= 1
        question = text[end - 1] == "?"
        score = QUESTION if question else EXCLAMATION
        if len(words) > OUTBURST_WORDS:
            score += OUTBURST_LONG
        type_, why = ("doubt", _QUESTION_WHY) if question else ("emotive", _EXCLAMATION_WHY)
        out.append(Candidate(start, end, "loaded", type_, score, why, ""))
    return out
