"""Masking: listed words print as their first letter and asterisks ("d***").

The built-in list is `mask-words.txt` beside this module; a workspace's own
`mask-words.txt` adds to it. One word a line; `#` starts a comment; a trailing
`*` matches any ending ("damn*" also masks "damned"); a word also matches spelt
out with spaces, dots or hyphens between its letters ("f u c k"). A word tagged
` [slur]` is never in an item (only `spot` shows it, masked), even where a
passage or a build prints words unmasked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .model import Passage, Span
from .sources import read_source, shorten

BUILTIN_WORDS = Path(__file__).with_name("mask-words.txt")
SLUR_TAG = "[slur]"


@dataclass(frozen=True)
class Masker:
    """Masks listed words in text; `slurs_only` masks just the words tagged as slurs."""

    words: re.Pattern[str] | None
    slurs: re.Pattern[str] | None

    def __call__(self, text: str) -> str:
        return self.words.sub(_hide, text) if self.words else text

    def slurs_only(self, text: str) -> str:
        return self.slurs.sub(_hide, text) if self.slurs else text

    def as_drawn(self, passage: Passage) -> Passage:
        """A passage as activities draw items from it: masked, or, where the passage prints
        its words unmasked, with its slurs masked all the same, so no item shows one."""
        return passage.with_text(self if passage.mask else self.slurs_only)


def load_masker(workspace: Path) -> Masker:
    """The masker for a workspace: built-in words plus its own `mask-words.txt`."""
    words: list[str] = []
    problems: list[Problem] = []
    for path, rel in (
        (BUILTIN_WORDS, "<built-in mask-words.txt>"),
        (workspace / "mask-words.txt", "mask-words.txt"),
    ):
        if not path.is_file():
            continue
        source = read_source(path, rel)
        if isinstance(source, Problem):
            raise ContentError([source])
        for number, line in enumerate(source.text.splitlines(), 1):
            word = line.split("#")[0].strip()
            if word and not word.removesuffix(SLUR_TAG).strip().removesuffix("*"):
                problems.append(
                    source.problem(
                        number, 1, f"'{shorten(word)}' would mask every word: list a word"
                    )
                )
            elif word:
                words.append(word)
    if problems:
        raise ContentError(problems)
    return masker_for(words)


def masker_for(entries: list[str]) -> Masker:
    """A masker for listed words, matched whole and regardless of case; "word [slur]" tags."""
    words = [e.removesuffix(SLUR_TAG).strip() for e in entries]
    slurs = [e.removesuffix(SLUR_TAG).strip() for e in entries if e.endswith(SLUR_TAG)]
    return Masker(words_pattern(words, spelt_out=True), words_pattern(slurs, spelt_out=True))


def words_pattern(words: Sequence[str], spelt_out: bool = False) -> re.Pattern[str] | None:
    """Any of the words or phrases, whole and in any case; a final `*` matches any ending.

    `spelt_out` also matches a word of three letters or more with a space, dot or hyphen
    between each letter ("f u c k"), as comment sections write to dodge filters.
    """
    if not words:
        return None
    alternatives = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    if spelt_out:
        stems = [w.removesuffix("*") for w in words]
        alternatives += [
            r"[ .-]".join(re.escape(c) for c in stem)
            for stem in stems
            if len(stem) >= 3 and stem.isalpha()
        ]
    alternatives.sort(key=len, reverse=True)
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
