"""Where each span sits in the printed passage: its paragraph, its sentence, its quotation marks.

Read from the rendered tree, so a span's text and sentence are what the sheet
prints (Markdown gone, entities decoded); activities print sentences around spans.
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


def place_spans(tree: etree.Element) -> dict[str, Placement]:
    """Find each span's paragraph, printed text and sentence in the rendered tree."""
    placed: dict[str, Placement] = {}
    for number, pieces in numbered_blocks(tree):
        texts: list[str] = []
        length = 0
        quotes = {"“": 0, "”": 0, '"': 0}  # so far in the paragraph
        ranges: dict[str, tuple[int, int, str | None, bool]] = {}  # id -> start, end, parent…
        open_spans: list[tuple[str, int, bool]] = []
        for piece in pieces:
            if isinstance(piece, str):
                texts.append(piece)
                length += len(piece)
                for mark in quotes:
                    quotes[mark] += piece.count(mark)
            elif piece.opens:
                inside = quotes["“"] > quotes["”"] or quotes['"'] % 2 == 1
                open_spans.append((piece.span_id, length, inside))
            else:
                span_id, start, inside = open_spans.pop()
                parent = open_spans[-1][0] if open_spans else None
                ranges[span_id] = (start, length, parent, inside)
        flat = "".join(texts)
        ends = _sentence_ends(flat)
        for span_id, (start, end, parent, inside) in ranges.items():
            first, last = _sentence_bounds(ends, len(flat), start, end)
            before = flat[max(first, start - MAX_CONTEXT) : start]
            after = flat[end : min(last, end + MAX_CONTEXT)]
            placed[span_id] = Placement(
                text=squash(flat[start:end]).strip(),
                paragraph=number,
                before=("…" if first < start - MAX_CONTEXT else "") + squash(before).lstrip(),
                after=squash(after).rstrip() + ("…" if last > end + MAX_CONTEXT else ""),
                parent=parent,
                quoted=inside or _is_quotation(flat[start:end]),
            )
    return placed


# An ellipsis ends a sentence only before a capital: inside quotations it marks a cut.
_SENTENCE_END = re.compile(r"(?:[.!?]|…(?=[\"'”’)\]]*\s+[\"“‘(\[]?[A-Z]))[\"'”’)\]]*\s+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|Prof|No|vs|etc|e\.g|i\.e|U\.S|U\.K)\.$"
)


def _sentence_ends(flat: str) -> list[tuple[int, int]]:
    """Where sentences end in a paragraph: (end of the punctuation, start of the next one)."""
    ends = []
    for match in _SENTENCE_END.finditer(flat):
        # Only the few characters before the stop can make it an abbreviation.
        if not _ABBREVIATION.search(flat, max(0, match.start() - 8), match.start() + 1):
            ends.append((match.start() + len(match.group().rstrip()), match.end()))
    return ends


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


def _is_quotation(text: str) -> bool:
    """Whether a span's text is itself a quotation, marks included."""
    text = text.strip()
    return len(text) > 1 and text[0] in '“"' and text[-1] in '”"'


def squash(text: str) -> str:
    """Runs of white space as one space, as a printed line shows them."""
    return re.sub(r"\s+", " ", text)
