"""How far an import reads a file written by someone else, and how messages quote it.

An import reads files a teacher did not write and cannot vouch for: another
tool's export, or one mangled on the way. Every limit here stops a file before
it costs more than its size (nesting deep enough to exhaust Python's stack, a
number too long to convert, YAML aliases that expand without end), and is said
in the message that refuses the file. A value from the file is quoted short
and escaped, never whole: it may be a megabyte, or hold terminal controls.
"""

from __future__ import annotations

import re

MAX_DEPTH = 64  # lists and objects inside one another (an export nests about 8)
MAX_NUMBER = 100  # characters of one JSON number (an offset has a few digits)
MAX_OFFSET_DIGITS = 15  # digits of a brat or PTC offset: a text a petabyte long
MAX_ID = 64  # characters of a passage id, the file name corpus/ID.md
MAX_ALIASES = 20  # YAML aliases (`*name`) in a --map file: each `<<: *name` copies
MAX_NESTED = 10  # spans inside one another (the passage reader recurses on them)
MAX_OCCURRENCES = 1_000  # places one quote is found at, for its context to choose from
MAX_QUOTED = 40  # characters of a value a message quotes

_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_DIGITS = re.compile(rf"[0-9]{{1,{MAX_OFFSET_DIGITS}}}")


def excerpt(text: str, limit: int = MAX_QUOTED) -> str:
    """A value from a file as a message quotes it: its start, escaped, on one line.

    Characters that do not print (line breaks, tabs, terminal controls, bidi
    overrides) are written as Python escapes, so what the message shows is what
    the file holds, and a terminal shows it as it is.
    """
    cut = len(text) > limit
    text = text[: limit - 1] if cut else text
    shown = "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
        for c in text
    )
    return shown + ("…" if cut else "")


def offset(text: str) -> int | None:
    """A brat or PTC offset: ASCII digits only (`"²".isdigit()` is true), and not too many."""
    return int(text) if _DIGITS.fullmatch(text) else None


def is_passage_id(text: str) -> bool:
    """Whether `text` names a passage file: a letter, then letters, digits, `-` and `_`."""
    return len(text) <= MAX_ID and _ID.fullmatch(text) is not None


def listing(labels: list[str], most: int = 5) -> str:
    """Labels as a message lists them: quoted, short, and no more than `most` of them."""
    shown = ", ".join(f"'{excerpt(label)}'" for label in labels[:most])
    return shown + (f" and {len(labels) - most} more" if len(labels) > most else "")
