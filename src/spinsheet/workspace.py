"""A workspace: the folder with `corpus/` and `exercises/`, loaded and checked as a whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import ContentError, Problem, SpinsheetError
from .exercises import load_exercise
from .model import Exercise, Passage
from .passages import load_passage
from .sources import SourceFile, read_source
from .taxonomy import Taxonomy, load_taxonomy

T = TypeVar("T")


@dataclass
class Workspace:
    """Everything read from a workspace, with every problem found on the way."""

    root: Path
    taxonomy: Taxonomy | None
    passages: dict[str, Passage] = field(default_factory=dict)
    exercises: dict[str, Exercise] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_for_errors(self, strict: bool = False) -> None:
        """Raise a ContentError carrying every problem if any is fatal."""
        if self.errors or (strict and self.warnings):
            raise ContentError(self.problems)


def load_workspace(root: Path) -> Workspace:
    """Read the taxonomy, every passage and every exercise; collect all problems."""
    corpus, exercises = root / "corpus", root / "exercises"
    if not corpus.is_dir() and not exercises.is_dir():
        raise SpinsheetError(
            f"{root} is not a spinsheet workspace: it has no corpus/ or exercises/ folder"
        )
    try:
        taxonomy: Taxonomy | None = load_taxonomy(root)
    except ContentError as exc:
        taxonomy = None
        workspace = Workspace(root, None, problems=list(exc.problems))
    else:
        workspace = Workspace(root, taxonomy)

    broken: set[str] = set()
    for path in _files(corpus, (".md",)):
        rel = path.relative_to(root).as_posix()
        workspace.files.append(rel)
        source = read_source(path, rel)
        if isinstance(source, Problem):
            workspace.problems.append(source)
            broken.add(path.stem)
            continue
        if taxonomy is None:
            broken.add(path.stem)
            continue
        passage, problems = _guarded(load_passage, source, taxonomy)
        workspace.problems += problems
        if passage is None:
            broken.add(path.stem)
        else:
            workspace.passages[passage.id] = passage

    for path in _files(exercises, (".yaml", ".yml")):
        rel = path.relative_to(root).as_posix()
        workspace.files.append(rel)
        source = read_source(path, rel)
        if isinstance(source, Problem):
            workspace.problems.append(source)
            continue
        exercise, problems = _guarded(load_exercise, source, workspace.passages, broken)
        workspace.problems += problems
        if exercise is not None:
            workspace.exercises[exercise.id] = exercise
    workspace.problems.sort()
    return workspace


def _guarded(
    load: Callable[..., tuple[T | None, list[Problem]]], source: SourceFile, *args: Any
) -> tuple[T | None, list[Problem]]:
    """Run a loader, turning nesting too deep for Python into a problem of the file."""
    try:
        return load(source, *args)
    except RecursionError:
        return None, [source.problem(1, 1, "nested too deeply to read (spans, lists or YAML)")]


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in suffixes)
