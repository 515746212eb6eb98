"""Where an article's paragraphs end: at blank lines, or at every line break.

Most texts part paragraphs with a blank line. Some (many PTC articles, text
copied from a page) give each paragraph one line and no blank lines at all:
read as Markdown, the whole article would be one paragraph. `--paragraphs`
chooses: `blank-lines`, `lines`, or `auto` (the default), which reads a text as
one paragraph a line when it has no blank line, at least `MIN_LINES` lines, and
fewer than half of its lines stop mid-sentence (hard-wrapped prose ends most of
its lines on a word or a comma; a paragraph a line ends them on a full stop, a
question mark, a quotation mark…).
"""

from __future__ import annotations

import re
from bisect import bisect_left

AUTO, LINES, BLANK_LINES = "auto", "lines", "blank-lines"
MODES = (AUTO, LINES, BLANK_LINES)
MIN_LINES = 3
_OPEN_END = re.compile(r"[\w,;\-–—]\Z")  # a line that stops mid-sentence


def reads_as_lines(body: str) -> bool:
    """Whether `auto` reads this text (without its title) as one paragraph a line."""
    lines = body.strip("\n").split("\n")
    if len(lines) < MIN_LINES or any(not line.strip() for line in lines):
        return False
    open_ends = sum(1 for line in lines if _OPEN_END.search(line.rstrip()))
    return open_ends * 2 < len(lines)


def mode_for(body: str, asked: str) -> str:
    """`lines` or `blank-lines`: what was asked, or what `auto` finds."""
    if asked == AUTO:
        return LINES if reads_as_lines(body) else BLANK_LINES
    return asked


class Lines:
    """A text's line breaks made paragraph breaks: the new text, and offsets moved to it."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self.text = text.replace("\n", "\n\n")

    def moved(self, offset: int) -> int:
        """Where a position of the old text is in the new: one more per break before it."""
        return offset + bisect_left(self.breaks, offset)
