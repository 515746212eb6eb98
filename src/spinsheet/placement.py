"""Where each span sits in the printed passage: its paragraph, its sentence, its quotation marks.

Read from the rendered tree, so a span's text and sentence are what the sheet
prints (Markdown gone, entities decoded); activities print sentences around spans.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
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


def place_spans(tree: etree.Element) -> dict[str, Placement]:
    """Find each span's paragraph, printed text and sentence in the rendered tree."""
    placed: dict[str, Placement] = {}
    for number, pieces in numbered_blocks(tree):
        flat = ""
        ranges: dict[str, tuple[int, int, str | None]] = {}  # id -> start, end, parent
        open_spans: list[tuple[str, int]] = []
        for piece in pieces:
            if isinstance(piece, str):
                flat += piece
            elif piece.opens:
                open_spans.append((piece.span_id, len(flat)))
            else:
                span_id, start = open_spans.pop()
                parent = open_spans[-1][0] if open_spans else None
                ranges[span_id] = (start, len(flat), parent)
        ends = _sentence_ends(flat)
        for span_id, (start, end, parent) in ranges.items():
            first, last = _sentence_bounds(ends, len(flat), start, end)
            placed[span_id] = Placement(
                text=squash(flat[start:end]).strip(),
                paragraph=number,
                before=squash(flat[first:start]).lstrip(),
                after=squash(flat[end:last]).rstrip(),
                parent=parent,
                quoted=_inside_quotation(flat[:start]) or _is_quotation(flat[start:end]),
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
    """The sentence around flat[start:end], given the paragraph's sentence ends."""
    first = max((after for _, after in ends if after <= start), default=0)
    last = min((stop for stop, _ in ends if stop >= end), default=length)
    return first, last


def _inside_quotation(before: str) -> bool:
    """Whether a quotation opened in `before` (this paragraph, up to the span) is still open."""
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _is_quotation(text: str) -> bool:
    """Whether a span's text is itself a quotation, marks included."""
    text = text.strip()
    return len(text) > 1 and text[0] in '“"' and text[-1] in '”"'


def squash(text: str) -> str:
    """Runs of white space as one space, as a printed line shows them."""
    return re.sub(r"\s+", " ", text)
