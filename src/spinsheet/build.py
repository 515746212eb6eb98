"""The build: check everything, render every sheet, and only then write the files.

Stages: load the workspace → refuse if anything has an error → render HTML for
every exercise, variant and edition → render PDF → write each file atomically.

Nothing is done twice (see `cache`): an exercise none of whose inputs changed since
the last build with the same options, and whose files are on disk as written, is
not rendered at all; when no file of the workspace changed, it is not even read
(`prepare_build` answers from the build records, loading neither Jinja nor WeasyPrint).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import BuildRecords, Inputs, Output, PdfCache, builtin_templates
from .errors import Problem, SpinsheetError, UsageError
from .model import Exercise, Font, Format, Paper
from .writing import write_atomically

if TYPE_CHECKING:
    from .quiz import Quiz
    from .render import Renderer
    from .views import Edition
    from .workspace import Workspace

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    """What `spinsheet build` may override; None keeps each exercise's own value."""

    out: Path | None = None
    exercises: Sequence[str] = ()
    variants: int | None = None
    seed: int | None = None
    paper: Paper | None = None
    format: Format = "pdf"
    key: bool = True
    mask: bool = True  # False only for a teacher's own copy
    class_size: int | None = None  # one PDF of this many student sheets, variants in turn
    duplex: bool = False  # class packs: start every sheet on an odd page
    jobs: int | None = None  # processes rendering PDFs at once; None: one per core
    force: bool = False  # render every PDF again, whatever the cache holds
    large_print: bool = False  # every sheet in large print, as with `print: large`
    font: Font | None = None  # "dyslexic": as with `print: dyslexic`; "default": never


@dataclass(frozen=True)
class Sheet:
    """One file to write: an edition of a variant of an exercise, or a class pack of them.

    `parts` is the HTML of each sheet in the file, in order: one for a single
    sheet; for a class pack, the variants in turn (A, B, A, B, …).
    """

    exercise: Exercise
    variant: str  # "" for a class pack
    edition: Edition
    path: Path
    parts: tuple[str, ...]
    duplex: bool = False
    data: bytes = b""  # an online format's file, made whole (QTI, Moodle XML, web page)

    @property
    def html(self) -> str:
        return self.parts[0]


@dataclass(frozen=True)
class Written:
    """One file the build wrote."""

    path: Path
    pages: int


@dataclass(frozen=True)
class Prepared:
    """A build checked and ready to run: the warnings to show first, then `run`."""

    warnings: list[Problem]
    run: Callable[[Progress | None], list[Written]]


def prepare_build(root: Path, options: BuildOptions) -> Prepared:
    """Check the workspace (raising on any error, as `check` reports it) and get the build
    ready. When no file the workspace's check reads changed since the last successful build,
    and every exercise asked for is unchanged with its files on disk as written, nothing
    is read but the build records: the warnings are those found then, and `run` writes
    nothing."""
    inputs = Inputs(root)  # hashed before anything is read: a file saved meanwhile is new
    if not options.force:
        done = _unchanged(BuildRecords(root, inputs), options)
        if done is not None:
            warnings, written = done
            return Prepared(warnings, lambda progress: written)
    from .workspace import load_workspace

    inputs.take()
    workspace = load_workspace(root)
    check_request(workspace, options)
    warnings = workspace.warnings + font_warnings(workspace, options)
    return Prepared(warnings, partial(build, workspace, options, inputs=inputs))


def font_warnings(workspace: Workspace, options: BuildOptions) -> list[Problem]:
    """A warning for each exercise to build in the dyslexia-friendly font when it is not
    installed: those sheets print in the usual font (at its `print:`, or the file's start)."""
    from .fonts import DYSLEXIC_FONT, DYSLEXIC_PACKAGE, installed

    wanting = [
        exercise
        for name in dict.fromkeys(options.exercises or sorted(workspace.exercises))
        if (exercise := _with_overrides(workspace.exercises[name], options)).dyslexic
    ]
    if not wanting or installed(DYSLEXIC_FONT):
        return []
    message = (
        f"the dyslexia-friendly font {DYSLEXIC_FONT} is not installed (Debian and Ubuntu: "
        f"{DYSLEXIC_PACKAGE}); its sheets print in the usual font"
    )
    return [Problem(e.rel, *e.print_at, "warning", message) for e in wanting]


def _unchanged(
    records: BuildRecords, options: BuildOptions
) -> tuple[list[Problem], list[Written]] | None:
    checked = records.checked()
    if checked is None or (options.class_size is not None and options.format != "pdf"):
        return None
    settings = _settings(records.root, options)
    written = []
    for name in dict.fromkeys(options.exercises or checked.exercises):
        outputs = records.fresh(name, settings) if name in checked.exercises else None
        if outputs is None:
            return None
        written += [Written(records.path(o), o.pages) for o in outputs]
    return checked.warnings, written


def plan(workspace: Workspace, options: BuildOptions, skip: Sequence[str] = ()) -> list[Sheet]:
    """Render the HTML of every sheet the build will write (nothing is written yet),
    leaving out the exercises in `skip`."""
    check_request(workspace, options)
    from .render import Renderer  # Jinja: only when there is something to render

    # A workspace without errors has both; the masker is used with --no-mask too, as it
    # decides which spans may be items students can read.
    assert workspace.taxonomy is not None and workspace.masker is not None
    renderer: Renderer | None = None
    masker = workspace.masker
    out = options.out or workspace.root / "output"
    sheets = []
    for name in dict.fromkeys(options.exercises or sorted(workspace.exercises)):
        if name in skip:
            continue
        renderer = renderer or Renderer(workspace.root, workspace.taxonomy)
        exercise = _with_overrides(workspace.exercises[name], options)
        if options.format in ONLINE_SUFFIXES:
            folder = out / exercise.id
            sheets += _online_files(renderer, exercise, workspace, folder, options)
            continue
        render = partial(
            renderer.sheet,
            exercise,
            workspace.passages,
            masker=masker,
            unmasked=not options.mask,
            font=_dyslexic_font() if exercise.dyslexic else None,
        )
        sheets += _exercise_sheets(exercise, render, out / exercise.id, options)
    return sheets


# The online formats: one file per variant, for students to do on screen or in an LMS.
ONLINE_SUFFIXES = {"qti": "-qti.zip", "moodle": "-moodle.xml", "web": "-web.html"}


def _online_files(
    renderer: Renderer,
    exercise: Exercise,
    workspace: Workspace,
    folder: Path,
    options: BuildOptions,
) -> list[Sheet]:
    """Each variant of an exercise as a QTI package, Moodle XML or a self-marking web page:
    the questions of the printed sheet, drawn in the same seeded order."""
    from .quiz import quiz
    from .selection import variant_letters

    files = []
    for variant in variant_letters(exercise.variants):
        editions = [
            renderer.context(
                exercise, workspace.passages, variant, edition, workspace.masker, not options.mask
            )
            for edition in ("student", "key")
        ]
        questions = quiz(editions[0], editions[1], renderer.messages)
        path = folder / f"{exercise.id}-{variant}{ONLINE_SUFFIXES[options.format]}"
        data = _online_file(options.format, questions, renderer)
        files.append(Sheet(exercise, variant, "student", path, (), data=data))
    return files


def _online_file(format: Format, questions: Quiz, renderer: Renderer) -> bytes:
    if format == "qti":
        from .qti import package

        return package(questions)
    if format == "moodle":
        from .moodle import moodle_xml

        return moodle_xml(questions)
    from .web import web_page

    return web_page(questions, renderer)


def _dyslexic_font() -> str | None:
    """The dyslexia-friendly font's family if installed; None: the usual font (warned)."""
    from .fonts import DYSLEXIC_FONT, installed

    return DYSLEXIC_FONT if installed(DYSLEXIC_FONT) else None


def check_request(workspace: Workspace, options: BuildOptions) -> None:
    """Refuse a workspace with errors, an unknown exercise, or options that do not go together."""
    from .sources import shorten

    workspace.raise_for_errors()
    unknown = [name for name in options.exercises if name not in workspace.exercises]
    if unknown:
        raise UsageError(
            f"no exercise named {', '.join(repr(shorten(n)) for n in unknown)} in exercises/"
        )
    if options.class_size is not None and options.format != "pdf":
        raise UsageError(
            f"a class pack is one PDF: use --class-size without --format {options.format}"
        )


def _exercise_sheets(
    exercise: Exercise,
    render: Callable[[str, Edition], str],
    folder: Path,
    options: BuildOptions,
) -> list[Sheet]:
    """An exercise's files: each variant's editions, or its keys and one class pack."""
    from .selection import variant_letters

    suffix = ".pdf" if options.format == "pdf" else ".html"
    editions: list[Edition] = ["student", "key"] if options.key else ["student"]
    sheets, students = [], []
    for variant in variant_letters(exercise.variants):
        for edition in editions:
            html = render(variant, edition)
            if edition == "student" and options.class_size is not None:
                students.append(html)
                continue
            stem = f"{exercise.id}-{variant}{_print_suffix(exercise)}" + (
                "-key" if edition == "key" else ""
            )
            sheets.append(Sheet(exercise, variant, edition, folder / f"{stem}{suffix}", (html,)))
    if options.class_size is not None and students:
        size = options.class_size
        parts = tuple(students[n % len(students)] for n in range(size))
        path = folder / f"{exercise.id}-class-{size}{_print_suffix(exercise)}.pdf"
        sheets.append(Sheet(exercise, "", "student", path, parts, options.duplex))
    return sheets


def _print_suffix(exercise: Exercise) -> str:
    """ "-large", "-dyslexic", "-large-dyslexic": a sheet printed for some readers is a file of
    its own beside the usual one, so that a build with --large-print replaces nothing."""
    return ("-large" if exercise.large_print else "") + ("-dyslexic" if exercise.dyslexic else "")


def _with_overrides(exercise: Exercise, options: BuildOptions) -> Exercise:
    return dataclasses.replace(
        exercise,
        variants=options.variants or exercise.variants,
        seed=exercise.seed if options.seed is None else options.seed,
        paper=options.paper or exercise.paper,
        large_print=options.large_print or exercise.large_print,
        dyslexic=exercise.dyslexic if options.font is None else options.font == "dyslexic",
    )


def build(
    workspace: Workspace,
    options: BuildOptions,
    progress: Progress | None = None,
    inputs: Inputs | None = None,
) -> list[Written]:
    """Build the sheets; every file is rendered before the first one is written.

    An exercise whose inputs (as hashed in `inputs`, before the workspace was read) are
    those of its last build with the same options, and whose files are on disk as
    written then, is left as it is (all are rendered with `force`). Afterwards, what
    each exercise read and wrote is recorded for the next build.
    """
    records = BuildRecords(workspace.root, inputs or Inputs(workspace.root))
    settings = _settings(workspace.root, options)
    names = list(dict.fromkeys(options.exercises or sorted(workspace.exercises)))
    check_request(workspace, options)
    fresh: dict[str, list[Output]] = {}
    for name in [] if options.force else names:
        outputs = records.fresh(name, settings)
        if outputs is not None:
            fresh[name] = outputs
    sheets = plan(workspace, options, skip=list(fresh))
    if options.format in ONLINE_SUFFIXES:
        rendered = [(s.data, 0) for s in sheets]
    elif options.format == "html":
        rendered = [(s.html.encode(), 0) for s in sheets]
    else:
        rendered = _pdfs(workspace, options, sheets, progress)
    for sheet, (data, _) in zip(sheets, rendered, strict=True):
        if not _holds(sheet.path, data):  # an unchanged file is left as it is
            write_atomically(sheet.path, data)
    made: dict[str, list[Output]] = {}
    for sheet, (data, pages) in zip(sheets, rendered, strict=True):
        made.setdefault(sheet.exercise.id, []).append(records.output(sheet.path, data, pages))
    with contextlib.suppress(SpinsheetError):  # records that cannot be written: none
        for name, outputs in made.items():
            exercise = workspace.exercises[name]
            read = [exercise.rel] + [
                workspace.passages[pid].rel for pid in (*exercise.passages, *exercise.references)
            ]
            records.save(name, settings, [f"file:{rel}" for rel in read], outputs)
        records.save_checked(sorted(workspace.exercises), workspace.warnings)
    written = []
    for name in names:
        outputs = fresh.get(name) or made.get(name, [])
        written += [Written(records.path(o), o.pages) for o in outputs]
    return written


def _settings(root: Path, options: BuildOptions) -> dict[str, Any]:
    """The options that decide what an exercise's files hold, as its record keeps them."""
    out = (options.out or root / "output").absolute()
    with contextlib.suppress(ValueError):
        out = out.relative_to(root.absolute())
    return {
        "out": out.as_posix(),
        "variants": options.variants,
        "seed": options.seed,
        "paper": options.paper,
        "format": options.format,
        "key": options.key,
        "mask": options.mask,
        "class_size": options.class_size,
        "duplex": options.duplex,
        "large_print": options.large_print,
        "font": options.font,
    }


def _pdfs(
    workspace: Workspace,
    options: BuildOptions,
    sheets: list[Sheet],
    progress: Progress | None,
) -> list[tuple[bytes, int]]:
    """Each sheet's PDF and page count: from the cache where the same HTML was rendered
    before (unless `force`), the rest rendered, `jobs` at a time."""
    folders = [workspace.root / "templates", builtin_templates()]
    cache = PdfCache(workspace.root, folders)
    keys = [cache.key(s.parts, s.duplex) for s in sheets]
    results = [None if options.force else cache.get(key) for key in keys]
    missing = [n for n, hit in enumerate(results) if hit is None]
    if missing:
        from . import pdf  # WeasyPrint is slow to import: only when rendering

        jobs = min(options.jobs or os.cpu_count() or 1, len(missing))
        documents = [(sheets[n].parts, sheets[n].path.name, sheets[n].duplex) for n in missing]
        made_all = pdf.write_all(documents, folders, jobs)
        for done, (n, made) in enumerate(zip(missing, made_all, strict=True), 1):
            results[n] = made
            with contextlib.suppress(SpinsheetError):  # a cache that cannot be written: none
                cache.put(keys[n], *made)
            if progress is not None:
                progress(done, len(missing))
    return [r for r in results if r is not None]


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
