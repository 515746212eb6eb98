"""The suggester's word lists, read from the `data/` folder once, on first use.

Each file is a list of `[section]`s, one entry a line, `#` starting a comment; `loaded.txt`
has its own entry format, described at its top. Where each list came from: data/PROVENANCE.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .tokens import norm, words

_DATA = Path(__file__).parent / "data"
# The phrase lists of unsourced.txt, in order of precedence: a phrase in two lists belongs to
# the first.
PHRASE_SECTIONS = (
    "anonymous-phrases",
    "passive-phrases",
    "study-phrases",
    "sweeping-phrases",
    "hedge-phrases",
)

Phrase = tuple[str, ...]  # the normal forms of a phrase's words


@dataclass(frozen=True)
class Entry:
    """A loaded word or phrase: what it is, how strong, and how to say it plainly."""

    type: str
    strength: int
    part: str
    neutral: str
    why: str


@dataclass(frozen=True)
class Lists:
    """Every list the rules use, ready for matching tokens against."""

    loaded: dict[Phrase, Entry]
    phrases: dict[Phrase, str]  # an unsourced phrase and the section it is from
    vague_nouns: frozenset[str]
    quantifiers: frozenset[Phrase]
    speech: frozenset[Phrase]
    speech_before_source: frozenset[Phrase]  # "said officials", "according to experts"
    pointing_back: frozenset[str]  # "the officials said"
    longest: int
    firsts: frozenset[str]  # first words of every phrase: most tokens start none
    function_words: frozenset[str]
    intensifiers: frozenset[str]
    between: frozenset[str]
    quantity_nouns: frozenset[str]
    literal_after: dict[str, frozenset[str]]  # said-verb -> words that make it literal
    speech_before_quote: tuple[str, ...]  # in the file's order


def sections(name: str) -> dict[str, list[str]]:
    """The lines of each section of a data file, comments and blank lines left out."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in (_DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            # A section may come back later in the file: its lines are added to the first.
            current = found.setdefault(line[1:-1].strip(), [])
        else:
            current.append(line)
    return found


def _expand(forms: str) -> list[str]:
    """The word forms of a line: a/b(s) stands for a, b and bs."""
    out = []
    for form in forms.split("/"):
        form = form.strip()
        if form.endswith("(s)"):
            stem = form.removesuffix("(s)")
            out += [stem, stem + "s"]
        else:
            out.append(form)
    return out


def _entries(line: str, header: str, why: str) -> list[tuple[str, Entry]]:
    """The word forms of a loaded.txt line, each with its entry: "a/b = x/y"."""
    type_, strength, part = header.split()
    forms, _, neutrals = line.partition("=")
    variants = _expand(forms)
    rewordings = [n.strip() for n in neutrals.split("/")] if neutrals.strip() else []
    if len(rewordings) == 1:
        rewordings *= len(variants)
    return [
        (word, Entry(type_, int(strength), part, rewordings[i] if i < len(rewordings) else "", why))
        for i, word in enumerate(variants)
    ]


def _loaded(function_words: frozenset[str]) -> dict[Phrase, Entry]:
    """loaded.txt: every word form, spelt with and without hyphens; the first entry wins."""
    loaded: dict[Phrase, Entry] = {}
    for header, lines in sections("loaded.txt").items():
        why = ""
        for line in lines:
            if line.startswith("why:"):
                why = line[len("why:") :].strip()
                continue
            for word, entry in _entries(line, header, why):
                # Writers hyphenate compounds or not ("hit piece", "hit-piece"): match both.
                for variant in {word, word.replace("-", " "), word.replace(" ", "-")}:
                    key = words(variant)
                    # "would-be" must not become "would be"
                    if not all(w in function_words for w in key):
                        loaded.setdefault(key, entry)
    return loaded


def _phrases(unsourced: dict[str, list[str]]) -> dict[Phrase, str]:
    phrases: dict[Phrase, str] = {}
    for section in PHRASE_SECTIONS:
        for line in unsourced[section]:
            phrases.setdefault(words(line), section)
    return phrases


def _word_list(lines: list[str]) -> tuple[str, ...]:
    """A words.txt section: words separated by spaces, on any number of lines."""
    return tuple(w for line in lines for w in line.split())


def _mapping(lines: list[str]) -> dict[str, frozenset[str]]:
    """A words.txt section of "key: words" lines."""
    pairs = (line.partition(":") for line in lines)
    return {key.strip(): frozenset(value.split()) for key, _, value in pairs}


@cache
def lists() -> Lists:
    """Every list, read on the first call only."""
    classes = sections("words.txt")
    function_words = frozenset(_word_list(classes["function-words"]))
    loaded = _loaded(function_words)
    unsourced = sections("unsourced.txt")
    phrases = _phrases(unsourced)
    return Lists(
        loaded=loaded,
        phrases=phrases,
        vague_nouns=frozenset(norm(w) for w in unsourced["vague-nouns"]),
        quantifiers=frozenset(words(w) for w in unsourced["vague-quantifiers"]),
        speech=frozenset(words(w) for w in unsourced["speech-verbs"]),
        speech_before_source=frozenset(words(w) for w in unsourced["speech-before-source"]),
        pointing_back=frozenset(norm(w) for w in unsourced["pointing-back"]),
        longest=max(len(k) for k in [*loaded, *phrases]),
        firsts=frozenset(k[0] for k in [*loaded, *phrases]),
        function_words=function_words,
        intensifiers=frozenset(_word_list(classes["intensifiers"])),
        between=frozenset(_word_list(classes["between"])),
        quantity_nouns=frozenset(_word_list(classes["quantity-nouns"])),
        literal_after=_mapping(classes["literal-after"]),
        speech_before_quote=_word_list(classes["speech-before-quote"]),
    )
