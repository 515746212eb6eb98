"""Suggest candidate `loaded` and `unsourced` spans in a news passage, for a teacher to review.

A rule system: hand-written word lists (in the `suggester/` folder beside this module, see its
PROVENANCE.md) matched over word tokens, widened to the natural phrase and scored by the word's
strength and its context. Pure and deterministic; the lists are read once, on first use.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["DEFAULT_THRESHOLD", "Suggestion", "suggest"]

DEFAULT_THRESHOLD = 0.45

# Feature weights. Set by hand, then adjusted on the TUNING half of the benchmark corpora only
# (bench/bench_suggest.py); see suggester/PROVENANCE.md.
_STRENGTH = {1: 0.3, 2: 0.5, 3: 0.7}
_INTENSIFIED = 0.15  # "utterly disgraceful": an intensifier makes the judgement louder
_PAIRED = 0.1  # two loaded words in a row ("radical Islamic terrorists")
_EXCLAIMED = 0.1  # the sentence ends with "!"
_SCARE_QUOTES = 0.55  # a short phrase in quotation marks, not introduced as speech
_QUOTED_WORD = 0.1  # a loaded word inside scare quotes
_NAME_LIKE = -0.3  # capitalised inside a sentence: probably a name ("Mr. Savage", "Hope Street")
# How many plain words to take in on each side, so a span covers the natural phrase:
# "reckless decision" (the noun an adjective judges), "political theater" (a noun's modifier).
_EXTEND_ADJ = 1
_EXTEND_NOUN = 1
_EXTEND_OTHER_LEFT = 1
_EXTEND_OTHER_RIGHT = 1
_QUESTION = 0.5  # a whole sentence ending in "?"
_EXCLAMATION = 0.55  # a whole sentence ending in "!"
_OUTBURST_WORDS = 8
_OUTBURST_MIN = 3  # "Why?" alone is too often a plain question or a headline
_OUTBURST_LONG = -0.05  # long sentences are likelier to be plain questions
_VAGUE_SAYS = 0.65  # "experts say", "officials said" with no name
_VAGUE_QUANTIFIED = 0.1  # "many experts", "some officials"
_NAMED_NEARBY = -0.35  # "a spokesman for the Pentagon": an organisation is named after all
_PHRASE_SCORES = {
    "anonymous-phrases": ("anonymous-source", 0.6),
    "passive-phrases": ("vague-attribution", 0.6),
    "study-phrases": ("vague-attribution", 0.5),
    "sweeping-phrases": ("sweeping-claim", 0.6),
    "hedge-phrases": ("opinion-as-fact", 0.45),
}

_DATA = Path(__file__).parent / "suggest" / "data"
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n\s*\n|\r?\n")
_QUOTE = re.compile(r"“([^”\n]{1,60})”|\"([^\"\n]{1,60})\"|(?<![\w’'])‘([^’\n]{1,60})’(?!\w)")
_OUTBURST = re.compile(r"(?:^|(?<=[\n.!?]))[^\n.!?]*[!?]+")
_SPEECH_BEFORE = re.compile(
    r"(?:\b(?:said|says|say|told|tells|wrote|writes|added|asked|declared|tweeted|stated)"
    r"|[:,])\s*$",
    re.IGNORECASE,
)

# A said-verb next to one of these is used literally: "admitted to hospital", "claimed lives".
_LITERAL_AFTER = {
    "admitted": frozenset({"to", "into"}),
    "claimed": frozenset({"responsibility", "credit", "victory", "the", "a", "his", "her"}),
    "claims": frozenset({"responsibility", "credit", "victory"}),
    "claiming": frozenset({"responsibility", "credit", "victory"}),
    "declared": frozenset({"a", "an", "the", "war", "bankruptcy", "dead", "independence"}),
    "warned": frozenset({"of"}),
}


@dataclass(frozen=True)
class Suggestion:
    """One candidate span: offsets are code points into the text given, end exclusive."""

    start: int
    end: int
    kind: str
    type: str
    text: str
    score: float
    why: str
    neutral: str


@dataclass(frozen=True)
class _Entry:
    type: str
    strength: int
    part: str
    neutral: str
    why: str


@dataclass(frozen=True)
class _Lists:
    loaded: dict[tuple[str, ...], _Entry]
    phrases: dict[tuple[str, ...], tuple[str, float, str]]
    vague_nouns: frozenset[str]
    quantifiers: frozenset[tuple[str, ...]]
    speech: frozenset[tuple[str, ...]]
    longest: int
    firsts: frozenset[str]  # first words of every phrase: most tokens start none
    function_words: frozenset[str]
    intensifiers: frozenset[str]
    between: frozenset[str]
    quantity_nouns: frozenset[str]


@dataclass
class _Token:
    start: int
    end: int
    norm: str  # lower case, curly apostrophe made straight, a final 's dropped
    capital: bool
    sentence: int
    initial: bool  # first word of its sentence or line


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    type: str
    score: float
    why: str
    neutral: str


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_norm(m.group()) for m in _TOKEN.finditer(phrase))


def _norm(word: str) -> str:
    word = word.lower().replace("’", "'")
    return word[:-2] if word.endswith("'s") and len(word) > 2 else word


def _expand(forms: str) -> list[str]:
    out = []
    for form in forms.split("/"):
        form = form.strip()
        if form.endswith("(s)"):
            out += [form[:-3], form[:-3] + "s"]
        else:
            out.append(form)
    return out


def _sections(name: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in (_DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), [])
        else:
            current.append(line)
    return sections


@cache
def _lists() -> _Lists:
    classes = {
        name: frozenset(w for line in lines for w in line.split())
        for name, lines in _sections("words.txt").items()
    }
    function_words = classes["function-words"]
    loaded: dict[tuple[str, ...], _Entry] = {}
    for header, lines in _sections("loaded.txt").items():
        type_, strength, part = header.split()
        why = ""
        for line in lines:
            if line.startswith("why:"):
                why = line[4:].strip()
                continue
            forms, _, neutrals = line.partition("=")
            words = _expand(forms)
            rewordings = [n.strip() for n in neutrals.split("/")] if neutrals.strip() else []
            if len(rewordings) == 1:
                rewordings *= len(words)
            for i, word in enumerate(words):
                neutral = rewordings[i] if i < len(rewordings) else ""
                entry = _Entry(type_, int(strength), part, neutral, why)
                # Writers hyphenate compounds or not ("hit piece", "hit-piece"): match both.
                for variant in {word, word.replace("-", " "), word.replace(" ", "-")}:
                    key = _words(variant)
                    if all(w in function_words for w in key):
                        continue  # "would-be" must not become "would be"
                    if key not in loaded:
                        loaded[key] = entry
    unsourced = _sections("unsourced.txt")
    phrases: dict[tuple[str, ...], tuple[str, float, str]] = {}
    for section, (type_, score) in _PHRASE_SCORES.items():
        for line in unsourced[section]:
            phrases.setdefault(_words(line), (type_, score, section))
    longest = max(len(k) for k in [*loaded, *phrases])
    return _Lists(
        loaded=loaded,
        phrases=phrases,
        vague_nouns=frozenset(_norm(w) for w in unsourced["vague-nouns"]),
        quantifiers=frozenset(_words(w) for w in unsourced["vague-quantifiers"]),
        speech=frozenset(_words(w) for w in unsourced["speech-verbs"]),
        longest=longest,
        firsts=frozenset(k[0] for k in [*loaded, *phrases]),
        function_words=function_words,
        intensifiers=classes["intensifiers"],
        between=classes["between"],
        quantity_nouns=classes["quantity-nouns"],
    )


def _tokens(text: str) -> list[_Token]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    tokens = []
    sentence = -1
    for m in _TOKEN.finditer(text):
        word = m.group()
        index = bisect.bisect_right(ends, m.start())
        initial = index != sentence
        sentence = index
        end = m.end()
        if word.lower().endswith(("'s", "’s")) and len(word) > 2:
            end -= 2
        tokens.append(_Token(m.start(), end, _norm(word), word[0].isupper(), index, initial))
    return tokens


def _title_lines(text: str, tokens: list[_Token]) -> set[int]:
    """Sentences that look like headlines (most words capitalised), where capitals mean nothing."""
    counts: dict[int, list[int]] = {}
    for token in tokens:
        pair = counts.setdefault(token.sentence, [0, 0])
        pair[0] += token.capital
        pair[1] += 1
    return {s for s, (caps, n) in counts.items() if n >= 3 and caps / n >= 0.6}


def _loaded(text: str, tokens: list[_Token], lists: _Lists) -> list[_Candidate]:
    titles = _title_lines(text, tokens)
    exclaimed = _exclaimed(text, tokens)
    hits: list[tuple[int, int, _Entry]] = []  # first token, last token, entry
    i = 0
    while i < len(tokens):
        if tokens[i].norm not in lists.firsts:
            i += 1
            continue
        for n in range(min(lists.longest, len(tokens) - i), 0, -1):
            key = tuple(t.norm for t in tokens[i : i + n])
            entry = lists.loaded.get(key)
            if entry is not None and _joined(text, tokens, i, i + n - 1):
                nxt = tokens[i + n].norm if i + n < len(tokens) else ""
                if nxt not in _LITERAL_AFTER.get(key[-1], frozenset()):
                    hits.append((i, i + n - 1, entry))
                    i += n - 1
                    break
        i += 1
    out: list[_Candidate] = []
    k = 0
    while k < len(hits):
        first, last, entry = hits[k]
        single_hit = True
        score = _STRENGTH[entry.strength]
        # Join a run of adjacent loaded words into one phrase.
        while (
            k + 1 < len(hits)
            and hits[k + 1][0] == last + 1
            and _joined(text, tokens, last, last + 1)
        ):
            k += 1
            single_hit = False
            last = hits[k][1]
            other = hits[k][2]
            if other.strength > entry.strength:
                entry = other
            score = max(score, _STRENGTH[other.strength]) + _PAIRED
        k += 1
        if (
            first > 0
            and tokens[first - 1].norm in lists.intensifiers
            and _joined(text, tokens, first - 1, first)
        ):
            first -= 1
            score += _INTENSIFIED
        hit_first, hit_last = first, last
        if entry.part != "verb":
            right = _EXTEND_ADJ if entry.part == "adj" else _EXTEND_OTHER_RIGHT
            left = _EXTEND_NOUN if entry.part == "noun" else _EXTEND_OTHER_LEFT
            for _ in range(right):
                if last + 1 < len(tokens) and _modifier(text, tokens, last, last + 1, lists):
                    last += 1
            for _ in range(left):
                if first > 0 and _modifier(text, tokens, first, first - 1, lists):
                    first -= 1
        head = tokens[first]
        if head.capital and not head.initial and head.sentence not in titles:
            score += _NAME_LIKE
        if head.sentence in exclaimed:
            score += _EXCLAIMED
        neutral = ""
        if entry.neutral and single_hit:
            # Reword only the loaded word and keep the words the span took in around it.
            lead = text[tokens[first].start : tokens[hit_first].start]
            tail = text[tokens[hit_last].end : tokens[last].end]
            neutral = lead + entry.neutral + tail
        out.append(
            _Candidate(
                tokens[first].start,
                tokens[last].end,
                "loaded",
                entry.type,
                min(1.0, score),
                entry.why,
                neutral,
            )
        )
    out += _scare_quotes(text, tokens, lists)
    out += _outbursts(text)
    return out


def _outbursts(text: str) -> list[_Candidate]:
    """Whole sentences that end in "?" or "!": rhetorical questions and exclamations."""
    out = []
    for m in _OUTBURST.finditer(text):
        words = _TOKEN.findall(m.group())
        if len(words) < _OUTBURST_MIN:
            continue
        first = _TOKEN.search(text, m.start())
        assert first is not None
        start, end = first.start(), m.end()
        while end > start and text[end - 1] not in "?!":
            end -= 1
        question = text[end - 1] == "?"
        score = _QUESTION if question else _EXCLAMATION
        if len(words) > _OUTBURST_WORDS:
            score += _OUTBURST_LONG
        out.append(
            _Candidate(
                start,
                end,
                "loaded",
                "doubt" if question else "emotive",
                score,
                "A question that plants a doubt instead of showing evidence."
                if question
                else "An exclamation: it tells the reader how strongly to feel.",
                "",
            )
        )
    return out


def _modifier(text: str, tokens: list[_Token], hit: int, other: int, lists: _Lists) -> bool:
    """Token `other`, next to `hit`, is a plain lower-case content word in the same phrase."""
    word = tokens[other]
    return (
        word.norm not in lists.function_words
        and (word.norm,) not in lists.speech
        and word.norm.replace("-", "").isalpha()
        and not word.capital
        and _joined(text, tokens, min(hit, other), max(hit, other))
    )


def _joined(text: str, tokens: list[_Token], a: int, b: int) -> bool:
    """Tokens a..b are one phrase: only single spaces or hyphens between neighbours."""
    for j in range(a, b):
        gap = text[tokens[j].end : tokens[j + 1].start]
        if gap not in (" ", "-", "- ", " -", "\u00a0"):
            return False
    return True


def _exclaimed(text: str, tokens: list[_Token]) -> set[int]:
    marks = {m.start() for m in re.finditer("!", text)}
    if not marks:
        return set()
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return {bisect.bisect_right(ends, p) for p in marks}


def _scare_quotes(text: str, tokens: list[_Token], lists: _Lists) -> list[_Candidate]:
    out = []
    starts = [t.start for t in tokens]
    for m in _QUOTE.finditer(text):
        group = next(g for g in range(1, 4) if m.group(g) is not None)
        inner_start, inner_end = m.start(group), m.end(group)
        lo = bisect.bisect_left(starts, inner_start)
        hi = bisect.bisect_left(starts, inner_end)
        inside = [t for t in tokens[lo:hi] if t.end <= inner_end]
        if not 1 <= len(inside) <= 4 or re.search(r"[.!?]", m.group(group)):
            continue
        if _SPEECH_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        score = _SCARE_QUOTES
        if any(lists.loaded.get((t.norm,)) for t in inside):
            score += _QUOTED_WORD
        out.append(
            _Candidate(
                inside[0].start,
                inside[-1].end,
                "loaded",
                "doubt",
                min(1.0, score),
                "Quotation marks around a word can hint that it is not true or not meant.",
                "",
            )
        )
    return out


def _unsourced(text: str, tokens: list[_Token], lists: _Lists) -> list[_Candidate]:
    out: list[_Candidate] = []
    norms = [t.norm for t in tokens]
    n_tokens = len(tokens)
    for i in range(n_tokens):
        if norms[i] in lists.vague_nouns:
            out += _vague_source(text, tokens, i, lists)
        if norms[i] not in lists.firsts:
            continue
        for n in range(min(lists.longest, n_tokens - i), 0, -1):
            found = lists.phrases.get(tuple(norms[i : i + n]))
            if found is None or not _joined(text, tokens, i, i + n - 1):
                continue
            type_, score, section = found
            if _named_after(tokens, i + n - 1):
                score += _NAMED_NEARBY
            out.append(
                _Candidate(
                    tokens[i].start,
                    tokens[i + n - 1].end,
                    "unsourced",
                    type_,
                    score,
                    _UNSOURCED_WHY[section],
                    "",
                )
            )
            break
    return out


_UNSOURCED_WHY = {
    "anonymous-phrases": "The source is not named, so no one can check what they said.",
    "passive-phrases": "No one is named as saying this: who reported or believes it?",
    "study-phrases": "The study, poll or data is not named, so it cannot be looked up.",
    "sweeping-phrases": "A claim about everyone or everything, with no evidence given.",
    "hedge-phrases": "A judgement with no one named as making it: who thinks so, and why?",
}


def _named_after(tokens: list[_Token], last: int) -> bool:
    """A capitalised word within the next few words: the source is probably named after all."""
    for token in tokens[last + 1 : last + 4]:
        if token.sentence != tokens[last].sentence:
            return False
        if token.capital:
            return True
    return False


def _vague_source(text: str, tokens: list[_Token], i: int, lists: _Lists) -> list[_Candidate]:
    """`many experts say`, `officials said`, `said analysts`, `according to critics`."""
    noun = tokens[i]
    if noun.capital and not noun.initial:
        return []
    first = i
    score = _VAGUE_SAYS
    # Up to two lower-case modifiers, then a quantifier: "some state officials", "many experts".
    j = i
    for _ in range(2):
        if j > 0 and _joined(text, tokens, j - 1, j):
            prev = tokens[j - 1]
            if prev.norm in lists.function_words or not prev.norm.replace("-", "").isalpha():
                break
            if prev.capital and not prev.initial:
                score += _NAMED_NEARBY  # "Pentagon officials": an organisation is named
            j -= 1
    for q in range(3, 0, -1):
        words = tuple(t.norm for t in tokens[max(0, j - q) : j])
        if j - q >= 0 and words in lists.quantifiers and _joined(text, tokens, j - q, j):
            j -= q
            score += _VAGUE_QUANTIFIED
            break
    first = j if j < i else i
    if first == i and i > 0 and (tokens[i - 1].norm in {"the", "his", "her", "their"}):
        score -= 0.15  # "the officials said" usually points back to a named group
    out = []
    # Forward: noun [adverb] verb.
    k = i + 1
    # Up to two adverbs between: "officials have long said", "leaders increasingly worried".
    for _ in range(2):
        if k < len(tokens) and (tokens[k].norm in lists.between or tokens[k].norm.endswith("ly")):
            k += 1
    for n in (3, 2, 1):
        key = tuple(t.norm for t in tokens[k : k + n])
        if len(key) == n and key in lists.speech and _joined(text, tokens, i, k + n - 1):
            out.append(_vague(tokens, first, k + n - 1, noun, score))
            break
    # Backward: "said officials", "according to experts".
    if first > 0 and not out:
        before = tuple(t.norm for t in tokens[max(0, first - 2) : first])
        if before[-1:] in {("said",), ("say",), ("says",), ("told",)} or before == (
            "according",
            "to",
        ):
            back = first - (2 if before == ("according", "to") else 1)
            if _joined(text, tokens, back, i) and not _named_after(tokens, i):
                out.append(_vague(tokens, back, i, noun, score))
    return out


def _vague(tokens: list[_Token], first: int, last: int, noun: _Token, score: float) -> _Candidate:
    lists = _lists()
    return _Candidate(
        tokens[first].start,
        tokens[last].end,
        "unsourced",
        "vague-attribution",
        score,
        f"Says who? The {noun.norm} are not named, so the claim cannot be checked."
        if noun.norm not in lists.quantity_nouns
        else "Says who? No one is named, so the claim cannot be checked.",
        "",
    )


def suggest(text: str, *, threshold: float = DEFAULT_THRESHOLD) -> list[Suggestion]:
    """Non-overlapping suggestions sorted by start, score >= threshold."""
    if not text:
        return []
    lists = _lists()
    tokens = _tokens(text)
    candidates = [
        c
        for c in _loaded(text, tokens, lists) + _unsourced(text, tokens, lists)
        if c.score >= threshold and c.end > c.start
    ]
    # Keep the most confident of overlapping candidates; ties go to the longer, then earlier.
    candidates.sort(key=lambda c: (-c.score, -(c.end - c.start), c.start, c.kind, c.type))
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    chosen = []
    for c in candidates:
        at = bisect.bisect_left(taken_starts, c.start)
        if at > 0 and taken_ends[at - 1] > c.start:
            continue
        if at < len(taken_starts) and taken_starts[at] < c.end:
            continue
        taken_starts.insert(at, c.start)
        taken_ends.insert(at, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return [
        Suggestion(
            c.start,
            c.end,
            c.kind,
            c.type,
            text[c.start : c.end],
            round(c.score, 3),
            c.why,
            c.neutral,
        )
        for c in chosen
    ]
