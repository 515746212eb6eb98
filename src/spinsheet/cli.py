"""The `spinsheet` command: a thin layer over the library.

User errors (`SpinsheetError`) become a message and exit 1 in `_reporting`,
the one place that does it; bad command lines are typer's exit 2.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .errors import ContentError, SpinsheetError
from .model import plural

app = typer.Typer(
    help="Turn annotated news passages into printed media-literacy worksheets and answer keys.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class PaperChoice(StrEnum):
    letter = "letter"
    a4 = "a4"


class FormatChoice(StrEnum):
    pdf = "pdf"
    html = "html"


@contextmanager
def _reporting(consequence: str = "") -> Iterator[None]:
    """Turn a user error into its message on stderr and exit 1."""
    try:
        yield
    except ContentError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        errors = sum(1 for p in exc.problems if p.severity == "error")
        typer.echo(f"{plural(errors, 'error')}{consequence}.", err=True)
        raise typer.Exit(1) from None
    except SpinsheetError as exc:
        message = str(exc)
        typer.echo(message if ": error: " in message else f"error: {message}", err=True)
        raise typer.Exit(1) from None


def _workspace() -> Path:
    return Path.cwd()


@app.command()
def build(
    exercises: Annotated[
        list[str] | None,
        typer.Argument(help="Exercise ids to build (default: all).", show_default=False),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Output folder (default: output/).")] = None,
    variants: Annotated[
        int | None,
        typer.Option(min=1, max=26, help="Number of variants, overriding each exercise."),
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Seed, overriding each exercise's.")] = None,
    paper: Annotated[
        PaperChoice | None, typer.Option(help="Paper size, overriding each exercise's.")
    ] = None,
    format: Annotated[
        FormatChoice, typer.Option("--format", help="Write PDF or HTML.")
    ] = FormatChoice.pdf,
    no_key: Annotated[bool, typer.Option("--no-key", help="Leave out the teacher keys.")] = False,
    class_size: Annotated[
        int | None,
        typer.Option(
            min=1, max=200, help="One PDF of N student sheets, variants in turn, plus the keys."
        ),
    ] = None,
    duplex: Annotated[
        bool, typer.Option("--duplex", help="Class packs: start every sheet on a front page.")
    ] = False,
    no_mask: Annotated[
        bool,
        typer.Option("--no-mask", help="Print listed words unmasked (a teacher's own copy)."),
    ] = False,
) -> None:
    """Build a student sheet and a teacher key for every variant of each exercise."""
    from .build import BuildOptions
    from .build import build as run_build
    from .workspace import load_workspace

    with _reporting("; nothing was written"):
        started = time.perf_counter()
        workspace = load_workspace(_workspace())
        for warning in workspace.warnings:
            typer.echo(str(warning), err=True)
        options = BuildOptions(
            out=out,
            exercises=tuple(exercises or ()),
            variants=variants,
            seed=seed,
            paper=paper.value if paper else None,
            format=format.value,
            key=not no_key,
            mask=not no_mask,
            class_size=class_size,
            duplex=duplex,
        )
        progress = _ProgressBar()
        try:
            written = run_build(workspace, options, progress)
        finally:
            progress.close()
        for file in written:
            typer.echo(_relative(file.path))
        pages = sum(f.pages for f in written)
        summary = f"{plural(len(written), 'file')}"
        if options.format == "pdf":
            summary += f", {plural(pages, 'page')}"
        typer.echo(f"Built {summary} in {time.perf_counter() - started:.1f} s.")


class _ProgressBar:
    """A progress bar on a terminal; silent when stderr is piped."""

    def __init__(self) -> None:
        self.bar: typer.progressbar | None = None  # type: ignore[valid-type]

    def __call__(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = typer.progressbar(length=total, label="Rendering", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to report on (default: all).", show_default=False),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Report every problem in the passages, exercises and taxonomy, one a line."""
    from .workspace import load_workspace

    with _reporting():
        root = _workspace()
        workspace = load_workspace(root)
        wanted = [_workspace_relative(root, p) for p in paths or []]
        problems = [
            p for p in workspace.problems if not wanted or any(_under(p.path, w) for w in wanted)
        ]
        for problem in problems:
            typer.echo(str(problem))
        errors = sum(1 for p in problems if p.severity == "error")
        warnings = len(problems) - errors
        files = [f for f in workspace.files if not wanted or any(_under(f, w) for w in wanted)]
        typer.echo(
            f"Checked {plural(len(files), 'file')}: "
            f"{plural(errors, 'error')}, {plural(warnings, 'warning')}."
        )
        if errors or (strict and warnings):
            raise typer.Exit(1)


def _workspace_relative(root: Path, path: Path) -> str:
    absolute = path if path.is_absolute() else Path.cwd() / path
    if not absolute.exists():
        raise typer.BadParameter(f"'{path}' does not exist", param_hint="PATHS")
    try:
        rel = absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise typer.BadParameter(f"'{path}' is outside the workspace", param_hint="PATHS") from None
    return "" if rel == "." else rel


def _under(file: str, wanted: str) -> bool:
    return not wanted or file == wanted or file.startswith(wanted.rstrip("/") + "/")


@app.command("list")
def list_command() -> None:
    """List the passages (with their spans by kind) and the exercises."""
    from .terminal import list_workspace
    from .workspace import load_workspace

    with _reporting():
        typer.echo(list_workspace(load_workspace(_workspace())))


@app.command()
def show(
    passage: Annotated[
        str, typer.Argument(help="A passage id (its file name in corpus/ without .md).")
    ],
) -> None:
    """Print a passage with its spans coloured and numbered, then each span's notes."""
    from .terminal import show_passage
    from .workspace import load_workspace

    with _reporting():
        workspace = load_workspace(_workspace())
        if passage not in workspace.passages:
            own = [p for p in workspace.problems if p.path == f"corpus/{passage}.md"]
            if own:
                raise ContentError(own)
            raise SpinsheetError(f"no passage '{passage}' in corpus/")
        typer.echo(show_passage(workspace.passages[passage]))


def main() -> None:
    """Entry point of the console script."""
    app()
