"""A workspace: the folder with `corpus/` and `exercises/`, loaded and checked as a whole."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .catalogue import ACTIVITY_KINDS
from .errors import ContentError, Problem, Severity, SpinsheetError
from .exercises import load_exercise
from .masking import Masker, load_masker
from .model import Activity, Exercise, Passage, plural
from .passages import load_passage
from .selection import variant_letters
from .sources import SourceFile, builtin_templates, read_source
from .taxonomy import Taxonomy, load_taxonomy
from .views import Drawn, draw_activities

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
    masker: Masker | None = None  # built-in and workspace mask words; None if unreadable

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_for_errors(self, strict: bool = False) -> None:
        """Raise a ContentError carrying every problem if any is fatal."""
        if _fails(self.problems, strict):
            raise ContentError(self.problems)

    def report(self, under: Sequence[str] = (), strict: bool = False) -> CheckReport:
        """The files and problems below the workspace-relative paths `under` (all if none)."""

        def wanted(rel: str) -> bool:
            return not under or any(_below(rel, folder) for folder in under)

        return CheckReport(
            files=[f for f in self.files if wanted(f)],
            problems=[p for p in self.problems if wanted(p.path)],
            strict=strict,
        )

    def passage(self, passage_id: str) -> Passage:
        """A passage by its id, or every problem that keeps it from loading."""
        if passage_id in self.passages:
            return self.passages[passage_id]
        own = [p for p in self.problems if p.path == f"corpus/{passage_id}.md"]
        if own:
            raise ContentError(own)
        raise SpinsheetError(f"no passage '{passage_id}' in corpus/")


@dataclass(frozen=True)
class CheckReport:
    """What `check` found in the files it was asked about."""

    files: list[str]
    problems: list[Problem]
    strict: bool = False  # warnings fail too

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def failed(self) -> bool:
        return _fails(self.problems, self.strict)


def _fails(problems: list[Problem], strict: bool) -> bool:
    """The one rule: errors fail; with `strict`, warnings fail too."""
    return any(p.severity == "error" or strict for p in problems)


def _below(rel: str, folder: str) -> bool:
    return not folder or rel == folder or rel.startswith(folder.rstrip("/") + "/")


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
    for path in _files(root, corpus, (".md",), workspace.problems):
        rel = path.relative_to(root).as_posix()
        workspace.files.append(rel)
        source = read_source(path, rel)
        if isinstance(source, Problem) or not _named_well(path, rel, workspace.problems):
            workspace.problems += [source] if isinstance(source, Problem) else []
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

    printed = _as_printed(workspace)  # exercises are checked against what sheets will print
    for path in _files(root, exercises, (".yaml", ".yml"), workspace.problems):
        rel = path.relative_to(root).as_posix()
        workspace.files.append(rel)
        source = read_source(path, rel)
        if isinstance(source, Problem) or not _named_well(path, rel, workspace.problems):
            workspace.problems += [source] if isinstance(source, Problem) else []
            continue
        exercise, problems = _guarded(load_exercise, source, printed, broken)
        workspace.problems += problems
        if exercise is not None:
            workspace.exercises[exercise.id] = exercise
            workspace.problems += _short_draws(exercise, printed)
    if taxonomy is not None and _own_templates(root):
        workspace.problems += _template_problems(workspace, taxonomy)
    # One problem once: a catalogue that does not read is found by every exercise using it.
    workspace.problems = sorted(set(workspace.problems))
    return workspace


def _short_draws(exercise: Exercise, printed: dict[str, Passage]) -> list[Problem]:
    """Activities that print fewer items than their `count` in some variant, and why.

    No activity asks what another prints the answer to (`selection.Asked`), so
    one may run short where the passage alone would not.
    """
    if any(passage_id not in printed for passage_id in exercise.passages):
        return []  # a passage with errors: reported as such
    problems = []
    for variant in variant_letters(exercise.variants):
        for activity, drawn in zip(
            exercise.activities, draw_activities(exercise, printed, variant), strict=True
        ):
            problems += _draw_problems(exercise, activity, variant, drawn)
    return problems


def _own_templates(root: Path) -> bool:
    """Whether the workspace has templates of its own (in a source checkout, the repository's
    `templates/` are the built-in ones, tested with the code)."""
    folder = root / "templates"
    return folder.is_dir() and folder.resolve() != builtin_templates().resolve()


def _template_problems(workspace: Workspace, taxonomy: Taxonomy) -> list[Problem]:
    """A workspace's own templates, compiled and tried on its exercises as build will use
    them: check reads what build reads. (Jinja is imported only for such a workspace.)"""
    from .render import Renderer

    renderer = Renderer(workspace.root, taxonomy)
    problems = renderer.problems()
    if workspace.masker is not None and not any(
        p.severity == "error" for p in workspace.problems + problems
    ):
        problems += renderer.trial(workspace.exercises, workspace.passages, workspace.masker)
    return problems


def _draw_problems(
    exercise: Exercise, activity: Activity, variant: str, drawn: Drawn
) -> list[Problem]:
    """At an activity's line: fewer items than its `count` (a warning), none at all (an
    error: an empty table on the page), or spans printed that spot asks students to find."""
    messages: list[tuple[Severity, str]] = []
    wanted = activity.count if activity.count is not None else 1
    count = len(drawn.spans)
    if ACTIVITY_KINDS[activity.kind].takes_count and count < wanted:
        has = f"{count} of its {wanted} items: more" if count else "no items: any"
        messages.append(
            (
                "warning" if count else "error",
                f"variant {variant}: {activity.kind} has {has} would give away an answer "
                "another activity asks for, or print one sentence twice",
            )
        )
    if drawn.found:
        quoted = ", ".join(f"'{s.text}'" for s in drawn.found)
        messages.append(
            (
                "warning",
                f"variant {variant}: {activity.kind} prints {plural(len(drawn.found), 'span')} "
                f"that spot asks students to find ({quoted}): give the two activities "
                "different 'paragraphs'",
            )
        )
    return [Problem(exercise.rel, activity.line, activity.col, *m) for m in messages]


def _as_printed(workspace: Workspace) -> dict[str, Passage]:
    """The passages as a default build draws items from them (see `Masker.as_drawn`)."""
    try:
        workspace.masker = masker = load_masker(workspace.root)
    except ContentError as exc:  # an unreadable word list: the build stops on it too
        workspace.problems += exc.problems
        return workspace.passages
    return {pid: masker.as_drawn(passage) for pid, passage in workspace.passages.items()}


def _guarded(
    load: Callable[..., tuple[T | None, list[Problem]]], source: SourceFile, *args: Any
) -> tuple[T | None, list[Problem]]:
    """Run a loader, turning nesting too deep for Python into a problem of the file."""
    try:
        return load(source, *args)
    except RecursionError:
        return None, [source.problem(1, 1, "nested too deeply to read (spans, lists or YAML)")]


def _files(
    root: Path, folder: Path, suffixes: tuple[str, ...], problems: list[Problem]
) -> list[Path]:
    if not folder.is_dir():
        return []
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in suffixes)
    except OSError as exc:
        rel = f"{folder.relative_to(root).as_posix()}/"
        problems.append(Problem(rel, 1, 1, "error", f"cannot read folder: {exc.strerror}"))
        return []


# A file's name is its id, and ids name output folders and files: nothing that could
# climb out of a folder, or be too long for one.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def _named_well(path: Path, rel: str, problems: list[Problem]) -> bool:
    if ID_PATTERN.fullmatch(path.stem):
        return True
    problems.append(
        Problem(
            rel,
            1,
            1,
            "error",
            "a file's name is its id: start it with a letter or digit, and use only letters, "
            "digits, '-' and '_' (64 at most)",
        )
    )
    return False
