"""School editions of raw text: paragraphs left out, writers anonymised, content decided.

Comment sections name their writers by screen name, and a screen name can lead
to a real person. `handles: anonymise` prints "Commenter 1", "Commenter 2"… in
order of first appearance (the same handle keeps its number), on both editions.
`omit` leaves paragraphs out, and says why; `check` asks a teacher to decide on
content a school may not hand out whole.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import Problem
from .i18n import N_, load_messages, tr
from .model import Passage, plural
from .sources import Located

# A comment's writer: the bold label its paragraph opens with, "**Big Lies:** …".
HANDLE = re.compile(r"^(?P<open>[ \t]*\*\*)(?P<name>[^*\n]+?)(?P<close>:?\*\*:?)", re.MULTILINE)


def anonymise_handles(body: str, language: str = "en") -> str:
    """The body with each comment's handle, wherever it appears, as "Commenter N" in the
    passage's own language (the label is part of the passage: the built-in catalogue's)."""
    numbers: dict[str, int] = {}
    for match in HANDLE.finditer(body):
        numbers.setdefault(match["name"].strip(), len(numbers) + 1)
    messages = load_messages(None, language)
    labels = {
        name: tr(messages, N_("Commenter %(number)s"), number=n) for name, n in numbers.items()
    }
    labelled = HANDLE.sub(lambda m: f"{m['open']}{labels[m['name'].strip()]}{m['close']}", body)
    # A reply may name another writer ("@Ahson", "as Ahson says"): those go too.
    named = [name for name in numbers if any(c.isalnum() for c in name)]
    if not named:
        return labelled
    mention = re.compile(
        r"(?<!\w)("
        + "|".join(re.escape(n) for n in sorted(named, key=len, reverse=True))
        + r")(?!\w)"
    )
    return mention.sub(lambda m: labels[m[1]], labelled)


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


def edition_problems(
    meta: dict[str, Any], located: dict[str, Located], paragraphs: int
) -> list[Problem]:
    """What a school edition must settle: `omit` within the passage and explained, and what
    to do with the screen names of a comment passage."""
    problems = []
    omitted: tuple[int, ...] = meta.get("omit", ())
    if omitted:
        problems += _omit_problems(located["omit"], omitted, "omit_reason" in meta, paragraphs)
    if meta.get("genre") in ("comment", "social") and "handles" not in meta:
        problems.append(
            located["genre"].problem(
                "a comment passage prints its writers' screen names: add 'handles: anonymise' "
                "to print Commenter 1, Commenter 2…, or 'handles: keep'",
                "warning",
            )
        )
    return problems


def _omit_problems(
    where: Located, omitted: tuple[int, ...], has_reason: bool, paragraphs: int
) -> list[Problem]:
    """`omit` names paragraphs the passage has, and says why (the key prints the reason)."""
    if omitted[0] == 0:
        return [
            where.problem(
                "'omit' cannot leave out the headline (paragraph 0): every sheet prints it"
            )
        ]
    if omitted[-1] > paragraphs:
        return [
            where.problem(
                f"'omit' names paragraph {omitted[-1]}, but the passage has "
                f"{plural(paragraphs, 'paragraph')}"
            )
        ]
    if not has_reason:
        return [
            where.problem(
                "say why these paragraphs are left out with 'omit_reason': the key prints it",
                "warning",
            )
        ]
    return []
