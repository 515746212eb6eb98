"""The one exception base, and the located problems content errors carry."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, at a line and column (both 1-based)."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{one_line(self.path)}:{self.line}:{self.col}"
        return f"{where}: {self.severity}: {one_line(self.message)}"


def one_line(text: str) -> str:
    """Text as one line of a report: a newline or other control character from a user's
    file (YAML folds them into values) is shown as its escape."""
    if text.isprintable():
        return text
    return "".join(repr(c)[1:-1] if _breaks_a_line(c) else c for c in text)


def _breaks_a_line(char: str) -> bool:
    # Control and format characters, line and paragraph separators; not spaces like U+00A0.
    return unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp")


class SpinsheetError(Exception):
    """Base of every error a user can cause; the CLI turns it into exit 1."""


class UsageError(SpinsheetError):
    """A command asked for wrongly (an unknown exercise, options that do not go together):
    the CLI exits 2, as for a mistyped option."""


class ContentError(SpinsheetError):
    """Raised when passages, exercises or the taxonomy have errors; carries all of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TemplateError(SpinsheetError):
    """Raised when a worksheet template is missing, malformed or uses an unknown name."""


class RenderError(SpinsheetError):
    """Raised when WeasyPrint cannot turn a worksheet into a PDF."""


class WriteError(SpinsheetError):
    """Raised when a file cannot be written: an output, or a passage the CLI edits."""
