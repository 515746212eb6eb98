"""Where each span sits in the printed passage: its paragraph, its sentence, its quotation marks.

Read from the rendered tree, so a span's text and sentence are what the sheet
prints (Markdown gone, entities decoded); activities print sentences around spans.

Sentences and quotation marks follow the passage's `language:` (its primary
subtag: `pt-BR` reads as `pt`): English, Spanish, French, German, Portuguese
and Arabic have their own rules, and any other language reads as English, as
every passage did before languages were told apart.

The rules are written here rather than taken from a segmenter library: pySBD,
the rule-based one of the right size, placed 32 of the 46 spans of
tests/test_placement_languages.py it could read in the right sentence (these
rules, written against them, place all 52): it splits after "Sr.", "Dra.",
"p. ex." and Arabic "د.", cuts a closing » off its question, keeps
« Personne. » Puis … as one sentence, and has no Portuguese. It took 2.2 s
where these take 3 ms (a paragraph of 45,000 characters) and has had no
release since 2021.

Known limits, each on the safe side or rare in news text: a German number
before a word is taken for an ordinal ("Platz 3. Danach" stays one sentence);
in Arabic, which has no capitals, an ellipsis never ends a sentence, and a
quoted question is a sentence apart from the "he asked" after it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .markup import numbered_blocks


@dataclass
class Placement:
    """Where a span sits in the printed passage, and what it prints."""

    text: str
    paragraph: int
    before: str
    after: str
    parent: str | None
    quoted: bool


# The most of its sentence an item prints on either side of a span: a "sentence" of
# thousands of words is no sentence, and printing it whole for every span in it
# would grow with the square of its length.
MAX_CONTEXT = 600


def place_spans(tree: etree.Element, language: str = "en") -> dict[str, Placement]:
    """Find each span's paragraph, printed text and sentence in the rendered tree, reading
    sentences and quotations by the rules of `language` (a BCP 47 tag)."""
    rules = rules_for(language)
    placed: dict[str, Placement] = {}
    carried: list[str] = []  # quotations the previous paragraph left open
    for number, pieces in numbered_blocks(tree):
        texts: list[str] = []
        length = 0
        ranges: dict[str, tuple[int, int, str | None]] = {}  # id -> start, end, parent
        open_spans: list[tuple[str, int]] = []
        for piece in pieces:
            if isinstance(piece, str):
                texts.append(piece)
                length += len(piece)
            elif piece.opens:
                open_spans.append((piece.span_id, length))
            else:
                span_id, start = open_spans.pop()
                parent = open_spans[-1][0] if open_spans else None
                ranges[span_id] = (start, length, parent)
        flat = "".join(texts)
        ends = sentence_ends(flat, rules)
        quotes = Quotations(flat, rules, carried)
        carried = quotes.left_open
        for span_id, (start, end, parent) in ranges.items():
            first, last = _sentence_bounds(ends, len(flat), start, end)
            before = flat[max(first, start - MAX_CONTEXT) : start]
            after = flat[end : min(last, end + MAX_CONTEXT)]
            placed[span_id] = Placement(
                text=squash(flat[start:end]).strip(),
                paragraph=number,
                before=("…" if first < start - MAX_CONTEXT else "") + squash(before).lstrip(),
                after=squash(after).rstrip() + ("…" if last > end + MAX_CONTEXT else ""),
                parent=parent,
                quoted=quotes.holds_quotation(start, end) or _is_quotation(flat[start:end], rules),
            )
    return placed


@dataclass(frozen=True)
class Language:
    """How one language ends its sentences and marks its quotations."""

    code: str
    # Right after a stop, marks that close what it ends and so belong to its sentence.
    closers: str
    # Closing marks that may stand after a stop with a space between (French « … »).
    spaced_closers: str
    # Opening mark -> the marks that close it. A mark may both open and close (German
    # “ closes „ but opens an English-style quotation), read by what is open.
    quotes: dict[str, str]
    # Opening mark -> the marks that carry it on at the start of the next paragraph, when
    # a quotation runs on over several (the newspaper convention: no closing mark at the
    # end of the first, an opening one, or » in French and Spanish, at the next).
    continues: dict[str, str]
    # Words before a full stop that never end a sentence (titles, "z. B."), and those that
    # end one only before a capital ("etc." may end a list and its sentence).
    titles: frozenset[str] = frozenset()
    may_end: frozenset[str] = frozenset()
    single_letters: bool = True  # "J. K.", "a. C.", "d. h.": initials and abbreviations
    ordinals: bool = False  # German "am 3. Oktober", "im 19. Jahrhundert"
    # A stop before a lowercase word does not end the sentence: « Qui paie ? » demanda-t-il,
    # ¿quién paga? y nadie contesta. Languages without it read it only after a question
    # or exclamation in quotation marks ("Who pays?" she asked).
    lowercase_goes_on: bool = True
    dotted_ellipsis: bool = True  # "..." is an ellipsis, not a full stop


_STOPS = ".!?…؟۔"
# Marks that open a sentence's first word, skipped to see whether it starts with a capital.
_OPENING = "\"'“‘„‚«»‹›([¿¡—–-"
_STRAIGHT_AND_SINGLE = "'’‘‛"  # also apostrophes, told apart by the letters around them
_LATIN_QUOTES = {"“": "”", "‘": "’", "„": "“”", "‚": "‘’", "«": "»", '"': '"', "'": "'"}
_SAME_AGAIN = {"“": "“", "‘": "‘", "„": "„", "‚": "‚", "«": "«»", '"': '"', "'": "'"}

# The English rules are those every passage was read by before languages were told
# apart, kept as they were so that no English sheet changes.
_ENGLISH_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|Prof|No|vs|etc|e\.g|i\.e|U\.S|U\.K)\.$"
)

ENGLISH = Language(
    code="en",
    closers="\"'”’)]",
    spaced_closers="",
    quotes=_LATIN_QUOTES,
    continues=_SAME_AGAIN,
    single_letters=False,
    lowercase_goes_on=False,
    dotted_ellipsis=False,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LANGUAGES = {
    "en": ENGLISH,
    "es": Language(
        code="es",
        closers="\"'”’»)]",
        spaced_closers="»",
        quotes=_LATIN_QUOTES,
        continues={**_SAME_AGAIN, "«": "«»"},
        titles=_words(
            "Sr Sra Srta Sres Sras Dr Dra Dres Lic Ing Prof Profa Arq Gral Cnel Tte Cap Av Avda "
            "Cía Ltda Ud Uds Vd Vds Excmo Excma Sto Sta Mons pág págs núm art cap vol ej p.ej "
            "aprox tel máx mín izq dcha nº n.º EE"
        ),
        may_end=_words("etc EE.UU UU"),
    ),
    "fr": Language(
        code="fr",
        closers="\"'”’»)]",
        spaced_closers="»",
        quotes=_LATIN_QUOTES,
        continues={**_SAME_AGAIN, "«": "«»"},
        titles=_words(
            "MM Mme Mmes Mlle Mlles Dr Pr Me Mgr St Ste ex p.ex cf av apr env vol art chap fig "
            "éd tél bd boul no n° nº"
        ),
        may_end=_words("etc"),
    ),
    "de": Language(
        code="de",
        closers="\"'”’“‘«»)]",
        spaced_closers="",
        # » « the other way round (»Zitat«) as well as „ “ and Swiss « ».
        quotes={**_LATIN_QUOTES, "»": "«", "«": "»"},
        continues={**_SAME_AGAIN, "»": "»"},
        titles=_words(
            "Dr Prof Hr Hrn Fr Nr Nrn bzw ca evtl ggf inkl vgl Mio Mrd Str Abs Art Bd Hrsg geb "
            "gest Std Min Tel sog St Jh Jhd Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez "
            "z.B d.h u.a v.a o.ä s.o s.u"
        ),
        may_end=_words("usw etc"),
        ordinals=True,
    ),
    "pt": Language(
        code="pt",
        closers="\"'”’»)]",
        spaced_closers="»",
        quotes=_LATIN_QUOTES,
        continues={**_SAME_AGAIN, "«": "«»"},
        titles=_words(
            "Sr Sra Srta Srs Sras Dr Dra Drs Prof Profa Eng Exmo Exma Sto Sta Av Ltda Cia p pág "
            "págs núm nº n.º art cap vol ex p.ex aprox tel máx mín fl V Exa"
        ),
        may_end=_words("etc"),
    ),
    "ar": Language(
        code="ar",
        closers="\"'”“’»«)]",
        spaced_closers="»",
        # Right-to-left text is typed with « » and “ ” either way round, as each writer's
        # keyboard shows them: either mark of a pair closes either.
        quotes={**_LATIN_QUOTES, "«": "»«", "»": "«»", "“": "”“", "”": "“”"},
        continues={**_SAME_AGAIN, "«": "«»", "»": "»«", "“": "“”", "”": "”“"},
        # د. (doctor), م. (year AD), هـ. (year of the Hijra) are single letters, the last
        # drawn out with a tatweel: `single_letters` keeps them.
        lowercase_goes_on=False,  # the script has no case
    ),
}


def rules_for(language: str) -> Language:
    """The rules of a language tag's primary subtag; English's for any other language."""
    return LANGUAGES.get(language.split("-")[0].lower(), ENGLISH)


def _stop_pattern(rules: Language) -> re.Pattern[str]:
    closers = re.escape(rules.closers)
    spaced = (
        rf"(?:[ \u00a0\u202f\u2009]*[{re.escape(rules.spaced_closers)}][{closers}]*)?"
        if rules.spaced_closers
        else ""
    )
    return re.compile(rf"[{_STOPS}]+[{closers}]*{spaced}\s+")


_STOP_PATTERNS = {code: _stop_pattern(rules) for code, rules in LANGUAGES.items()}
_STOP_RUN = re.compile(f"[{_STOPS}]+")
_WORD_BEFORE = re.compile(r"[\w.\-°ºª]+$")


def sentence_ends(flat: str, rules: Language = ENGLISH) -> list[tuple[int, int]]:
    """Where sentences end in a paragraph: (end of the punctuation, start of the next one).

    A closing quotation mark or bracket after the stop ends the sentence with it;
    Spanish ¿ and ¡ start the sentence they open, as any other first character does.
    """
    ends = []
    for match in _STOP_PATTERNS[rules.code].finditer(flat):
        stops = _STOP_RUN.match(match.group())
        assert stops is not None  # the pattern starts with one
        if _ends_sentence(flat, match.start(), stops.group(), match.group(), match.end(), rules):
            ends.append((match.start() + len(match.group().rstrip()), match.end()))
    return ends


def _ends_sentence(
    flat: str, start: int, stops: str, found: str, after: int, rules: Language
) -> bool:
    """Whether the stops at `start` (then closing marks and space, up to `after`) end one."""
    following = _first_letter(flat, after)
    if stops.endswith("…") or (rules.dotted_ellipsis and stops.endswith("..")):
        # An ellipsis ends a sentence only before a capital: inside quotations it marks a
        # cut. (So, in a script without case, never: a sentence too long is safer than a
        # quotation cut in two.)
        return following.isupper()
    goes_on = rules.lowercase_goes_on or (stops[-1] in "?!؟" and _closes_quotation(found, rules))
    if goes_on and following.islower():
        return False
    if stops != ".":
        return True
    if rules is ENGLISH:
        # Only the few characters before the stop can make it an abbreviation.
        return not _ENGLISH_ABBREVIATION.search(flat, max(0, start - 8), start + 1)
    match = _WORD_BEFORE.search(flat, max(0, start - 12), start)
    word = match.group() if match else ""
    if word in rules.titles or (rules.single_letters and _one_letter(word)):
        return False
    # A number and a full stop before a word is an ordinal; before a quotation, it ends.
    if rules.ordinals and word.isdigit() and len(word) <= 3 and flat[after : after + 1].isalpha():
        return False
    if word in rules.may_end or _dotted(word):
        return following.isupper()
    return True


def _one_letter(word: str) -> bool:
    """A letter alone ("J.", "z."), or drawn out with a tatweel (Arabic "هـ")."""
    return len(word.rstrip("ـ")) == 1 and word[0].isalpha()


def _dotted(word: str) -> bool:
    """Letters and dots, a short abbreviation between each ("EE.UU", "S.A", "a.C")."""
    parts = word.split(".")
    return len(parts) > 1 and all(0 < len(p) <= 3 and p.isalpha() for p in parts)


def _first_letter(flat: str, at: int) -> str:
    """The first character of the sentence that may start at `at`, past its opening marks."""
    for char in flat[at : at + 12]:
        if not (char.isspace() or char in _OPENING):
            return char
    return ""


def _closes_quotation(found: str, rules: Language) -> bool:
    """Whether the closing marks after a stop include a quotation mark (not a bracket)."""
    return any(mark in found for mark in rules.closers if mark not in ")]")


class Quotations:
    """Which stretches of a paragraph are inside quotation marks, nested ones included.

    Marks pair by the language's rules; a closing mark closes the quotation it
    belongs to and any left open inside it. An apostrophe between letters (l'État,
    don't, d'água) is no mark, nor a closing single mark with nothing open
    (the workers’ union). A quotation still open at the end of the paragraph goes on
    into the next only when that one opens with a mark that continues it.
    """

    def __init__(self, flat: str, rules: Language, carried: list[str]) -> None:
        stack: list[str] = []
        self.positions: list[int] = []  # each mark's offset
        self.open_after: list[bool] = []  # and whether a quotation is open after it
        body = flat.lstrip()
        first = len(flat) - len(body)
        if carried and body and body[0] in rules.continues.get(carried[0], ""):
            stack = carried[:1]  # its opening mark only says so; it opens nothing new
            first += 1
        self.initially_open = bool(stack)
        for found in _MARKS.finditer(flat, first):
            index, mark = found.start(), found.group()
            before = flat[index - 1] if index else " "
            after = flat[index + 1] if index + 1 < len(flat) else " "
            if mark in _STRAIGHT_AND_SINGLE and before.isalnum() and after.isalnum():
                continue  # an apostrophe in a word
            closes = _closing(stack, mark, rules)
            if closes is not None and not _may_close(mark, before, after):
                closes = None
            if closes is None and mark in "“‘" and mark in stack and not after.isalnum():
                # Typed the wrong way round at the end of a quotation (‘proxies‘ …): an
                # opening mark before no word closes one of its own kind.
                closes = len(stack) - 1 - stack[::-1].index(mark)
            if closes is not None:
                del stack[closes:]
            elif mark in rules.quotes and _may_open(mark, before, after):
                stack.append(mark)
            else:
                continue
            self.positions.append(index)
            self.open_after.append(bool(stack))
        self.left_open = stack

    def open_at(self, offset: int) -> bool:
        """Whether a quotation is open just before `offset`."""
        marks = bisect_left(self.positions, offset)
        return self.open_after[marks - 1] if marks else self.initially_open

    def holds_quotation(self, start: int, end: int) -> bool:
        """Whether someone's words are quoted anywhere in flat[start:end]: a quotation open at
        its start, or one that opens inside it ("described as “terrorist and criminal”")."""
        first, last = bisect_left(self.positions, start), bisect_left(self.positions, end)
        return self.open_at(start) or any(self.open_after[first:last])


_MARKS = re.compile("[\"'“”‘’„‚«»‛]")
_CLOSING = frozenset("".join(_LATIN_QUOTES.values()) + "«")


def _closing(stack: list[str], mark: str, rules: Language) -> int | None:
    """The depth of the innermost open quotation `mark` closes, if any."""
    for depth in range(len(stack) - 1, -1, -1):
        if mark in rules.quotes[stack[depth]]:
            return depth
    return None


def _may_close(mark: str, before: str, after: str) -> bool:
    if mark in _STRAIGHT_AND_SINGLE:  # at the end of a word, not the start of one
        return not before.isspace() and not after.isalnum()
    return True


def _may_open(mark: str, before: str, after: str) -> bool:
    if mark == "'":  # before a letter: a year's '90s opens nothing
        return not before.isalnum() and after.isalpha()
    if mark in _STRAIGHT_AND_SINGLE:
        return not before.isalnum() and not after.isspace()
    return True


def _is_quotation(text: str, rules: Language) -> bool:
    """Whether a span's text is itself a quotation, marks included."""
    text = text.strip()
    # Any closing mark after an opening one: "“reckless\"" as typed is a quotation too.
    return len(text) > 1 and text[0] in rules.quotes and text[-1] in _CLOSING


def _sentence_bounds(
    ends: list[tuple[int, int]], length: int, start: int, end: int
) -> tuple[int, int]:
    """The sentence around flat[start:end], given the paragraph's sentence ends (in order,
    so found by bisection: a paragraph of many sentences and spans stays fast)."""
    # The last sentence start at or before `start`, and the first stop at or after `end`.
    starts = bisect_right(ends, start, key=lambda e: e[1])
    first = ends[starts - 1][1] if starts else 0
    stops = bisect_left(ends, end, key=lambda e: e[0])
    last = ends[stops][0] if stops < len(ends) else length
    return first, last


def squash(text: str) -> str:
    """Runs of white space as one space, as a printed line shows them."""
    return re.sub(r"\s+", " ", text)
