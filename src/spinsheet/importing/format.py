"""What a format is: its name, the files it takes, its help line, and its reader.

A reader only reads: it says what each annotation quotes, where it claims to be,
and which labels it carries. Placing marks on the text is `anchoring`'s job,
and choosing a kind for a label is `labels`'s. Every problem names the file,
line and column of the annotation it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, SpinsheetError
from .anchoring import Mark
from .articles import Article
from .labels import Labels


@dataclass
class Imported:
    """One article to write as a passage, the marks read for it, and what was left aside."""

    article: Article
    marks: list[Mark] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # warnings: annotations not taken
    suffix: str = ""  # tells passages apart when one export holds several documents
    annotations: int = 0  # annotations read for it that are not mapped to `ignore`
    # Why the annotation file seems not to be this article's: an error unless --partial.
    unmatched: Problem | None = None
    # SemEval techniques the cross-walk ignores: where the first was, and how many there were.
    ignored: dict[str, tuple[tuple[str, int, int], int]] = field(default_factory=dict)

    def ignore(self, technique: str, where: tuple[str, int, int]) -> None:
        """Count an annotation left out because the cross-walk maps its technique to `ignore`."""
        first, count = self.ignored.get(technique, (where, 0))
        self.ignored[technique] = (first, count + 1)

    def ignored_report(self) -> list[Problem]:
        """One warning for each technique the cross-walk ignores, with its count."""
        return [
            Problem(
                *where,
                "warning",
                f"left out {count} annotation{'' if count == 1 else 's'} labelled {technique}: "
                "the taxonomy's cross-walk maps it to 'ignore' (it is not about wording or "
                "sourcing); map it with --map to keep them",
            )
            for technique, (where, count) in self.ignored.items()
        ]


# The files as given (none for standard input), the paths messages show, the labels.
Reader = Callable[[list[Path], list[str], Labels], list[Imported]]


class ImportUsageError(SpinsheetError):
    """An import asked for wrongly: an unknown format, or the wrong number of files."""


@dataclass(frozen=True)
class Format:
    """One format `spinsheet import` reads."""

    name: str  # as typed on the command line
    files: tuple[str, ...]  # as the help names them, optional ones in brackets: "[ANN]"
    help: str  # one line
    read: Reader
    names_passage: int = 0  # which (required) file's name is the passage id without --id

    @property
    def usage(self) -> str:
        return " ".join(self.files)

    def check_count(self, given: int) -> None:
        """Refuse a number of files this format does not take."""
        fewest = sum(1 for name in self.files if not name.startswith("["))
        if not fewest <= given <= len(self.files):
            raise ImportUsageError(f"{self.name} takes {self.usage}")
