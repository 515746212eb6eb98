"""Masking: listed words print as their first letter and asterisks ("d***").

The built-in list is `mask-words.txt` beside this module; a workspace's own
`mask-words.txt` adds to it. One word a line; `#` starts a comment; a trailing
`*` matches any ending ("damn*" also masks "damned").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import ContentError, Problem
from .model import Span
from .sources import read_source

BUILTIN_WORDS = Path(__file__).with_name("mask-words.txt")

Masker = Callable[[str], str]


def load_masker(workspace: Path) -> Masker:
    """The masking function for a workspace: built-in words plus its own `mask-words.txt`."""
    words: list[str] = []
    for path, rel in (
        (BUILTIN_WORDS, "<built-in mask-words.txt>"),
        (workspace / "mask-words.txt", "mask-words.txt"),
    ):
        if not path.is_file():
            continue
        source = read_source(path, rel)
        if isinstance(source, Problem):
            raise ContentError([source])
        words += [line.split("#")[0].strip() for line in source.text.splitlines()]
    return masker_for([w for w in words if w])


def masker_for(words: list[str]) -> Masker:
    """A function that masks each listed word, matched whole and regardless of case."""
    pattern = words_pattern(words)
    if pattern is None:
        return lambda text: text
    return lambda text: pattern.sub(_hide, text)


def words_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    """Any of the words or phrases, whole and in any case; a final `*` matches any ending."""
    if not words:
        return None
    alternatives = sorted(
        (re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words),
        key=len,
        reverse=True,
    )
    # Not \b: a listed word may start or end with a symbol ("a$$").
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _hide(match: re.Match[str]) -> str:
    word = match.group()
    return word[0] + "*" * (len(word) - 1)


# A word as masking prints it ("f***"), or as a passage's author masked it already: a letter,
# then two asterisks or more, alone ("7*'7'" in a sum or a template is not one).
_MASKED = re.compile(r"(?<![\w*])[^\W\d_]\*{2,}(?![\w*])")


def shows_masked_word(span: Span) -> bool:
    """Whether anything a sheet prints about a span (its sentence, its notes) has a masked word.

    Such a span makes an item no student can answer without guessing the word.
    """
    printed = (span.sentence, span.why, span.neutral, span.ask, span.check, span.source)
    return any(text is not None and _MASKED.search(text) for text in printed)
