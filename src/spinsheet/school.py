"""School editions of raw text: who wrote each comment, anonymised.

Comment sections name their writers by screen name, and a screen name can lead
to a real person. `handles: anonymise` prints "Commenter 1", "Commenter 2"… in
order of first appearance (the same handle keeps its number), on both editions.
"""

from __future__ import annotations

import re

from .errors import Problem
from .model import Passage
from .sources import Located

# A comment's writer: the bold label its paragraph opens with, "**Big Lies:** …".
HANDLE = re.compile(r"^(?P<open>[ \t]*\*\*)(?P<name>[^*\n]+?)(?P<close>:?\*\*:?)", re.MULTILINE)


def anonymise_handles(body: str) -> str:
    """The body with each comment's handle, wherever it appears, as "Commenter N"."""
    numbers: dict[str, int] = {}
    for match in HANDLE.finditer(body):
        numbers.setdefault(match["name"].strip(), len(numbers) + 1)
    labelled = HANDLE.sub(
        lambda m: f"{m['open']}Commenter {numbers[m['name'].strip()]}{m['close']}", body
    )
    # A reply may name another writer ("@Ahson", "as Ahson says"): those go too.
    named = [name for name in numbers if any(c.isalnum() for c in name)]
    if not named:
        return labelled
    mention = re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(n) for n in sorted(named, key=len, reverse=True))
        + r")(?!\w)"
    )
    return mention.sub(lambda m: f"Commenter {numbers[m[1]]}", labelled)


# Content notes a school must decide on before a passage prints whole.
_SENSITIVE = re.compile(r"sexual|rape|abuse|slur", re.IGNORECASE)


def undecided_content(passage: Passage, where: Located, excerpted: bool) -> list[Problem]:
    """A warning where an exercise prints, whole, a passage whose content notes name sexual
    violence or slurs: a teacher may keep it, but must decide (`omit` or an `excerpt`)."""
    notes = [note for note in passage.content_notes if _SENSITIVE.search(note)]
    if not notes or passage.omitted or excerpted:
        return []
    return [
        where.problem(
            f"passage '{passage.id}' prints whole, with content notes: {', '.join(notes)}; "
            "leave paragraphs out with 'omit' in its front matter or print an 'excerpt' of it "
            "(the whole passage, if you decide to keep it all)",
            "warning",
        )
    ]
