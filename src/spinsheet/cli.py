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

from .errors import ContentError, Problem, SpinsheetError
from .importing import registry
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


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="The new workspace's folder.")],
) -> None:
    """Start a workspace: corpus/, exercises/, an example passage and exercise, and a README."""
    from .scaffold import create_workspace

    with _reporting("; nothing was written"):
        for path in create_workspace(folder):
            typer.echo(_relative(path))
        typer.echo(f"Next: cd {folder} && spinsheet build")


def _known_format(name: str) -> str:
    """FORMAT, looked up when the command runs, so that a format registered late counts too."""
    try:
        registry.get(name)
    except SpinsheetError as exc:
        raise typer.BadParameter(str(exc)) from None
    return name


@app.command(
    "import",
    epilog="Formats:\n\n"
    + "\n".join(f"{f.name} {f.usage}: {f.help}" for f in registry.FORMATS.values()),
)
def import_command(
    format: Annotated[
        str,
        typer.Argument(
            help=f"The format of the files: {', '.join(registry.FORMATS)}.",
            callback=_known_format,
            show_default=False,
        ),
    ],
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            help=" · ".join(f"{f.name}: {f.usage}" for f in registry.FORMATS.values()),
            show_default=False,
        ),
    ] = None,
    passage_id: Annotated[
        str | None, typer.Option("--id", help="The passage id (default: from the file name).")
    ] = None,
    map_file: Annotated[
        Path | None,
        typer.Option("--map", help="YAML file mapping the tool's labels to kind or kind/type."),
    ] = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="Write the passage even if some quotes are not found.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace a passage that exists.")] = False,
    with_suggestions: Annotated[
        bool, typer.Option("--suggest", help="Also mark the suggester's proposals.")
    ] = False,
) -> None:
    """Turn an article, or another tool's annotations of one, into a passage in corpus/."""
    from .importing.format import ImportUsageError
    from .importing.pipeline import ImportRequest, run_import

    files = list(sources or [])
    request = ImportRequest(
        format=format,
        sources=tuple(files) or (None,),
        rels=tuple(str(p) for p in files) or ("<stdin>",),
        passage_id=passage_id,
        map_path=map_file,
        partial=partial,
        force=force,
        suggest=with_suggestions,
    )
    with _reporting("; nothing was written"):
        try:
            outcomes = run_import(_workspace(), request)
        except ImportUsageError as exc:  # the wrong number of files: a mistyped command
            raise typer.BadParameter(str(exc), param_hint="SOURCES") from None
        for outcome in outcomes:
            for problem in outcome.report:
                typer.echo(str(problem), err=True)
        for outcome in outcomes:
            typer.echo(outcome.summary)
        if outcomes:
            typer.echo(f"Next: spinsheet show {outcomes[0].path.stem}")


@app.command("suggest")
def suggest_command(
    passage: Annotated[
        str, typer.Argument(help="A passage id, or the path of a passage or a plain-text file.")
    ],
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print one JSON object a line instead; write nothing."),
    ] = False,
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Lowest score to propose (default: the suggester's)."),
    ] = None,
) -> None:
    """Mark likely loaded words and unsourced claims in a passage, for you to accept or reject."""
    import json

    from .build import write_atomically
    from .suggesting import DEFAULT_THRESHOLD, mark_suggestions, suggestions_in_file
    from .taxonomy import load_taxonomy

    with _reporting("; nothing was written"):
        root = _workspace()
        path, rel = _passage_file(root, passage)
        cutoff = DEFAULT_THRESHOLD if threshold is None else threshold
        if as_json or path.suffix.lower() != ".md":
            found = suggestions_in_file(path, rel, cutoff)
            for s in found:
                if as_json:  # offsets into the file as read, for evaluation
                    fields = ("start", "end", "kind", "type", "text", "score", "why", "neutral")
                    record = {name: getattr(s.suggestion, name) for name in fields}
                    record |= {
                        "start": s.start,
                        "end": s.end,
                        "score": round(s.suggestion.score, 3),
                    }
                    typer.echo(json.dumps(record, ensure_ascii=False))
                else:
                    typer.echo(s.describe(rel))
            if not as_json:
                typer.echo(
                    f"{plural(len(found), 'suggestion')}. To mark them in a passage: "
                    f"spinsheet import text {rel} --suggest"
                )
            return
        text, marked = mark_suggestions(path, rel, load_taxonomy(root), cutoff)
        write_atomically(path, text.encode())
        kinds = ", ".join(
            f"{sum(1 for s in marked if s.kind == k)} {k}" for k in ("loaded", "unsourced")
        )
        typer.echo(f"{rel}: {plural(len(marked), 'suggestion')} ({kinds}).")
        typer.echo(f"Next: spinsheet show {path.stem}, then spinsheet accept or reject {path.stem}")


def _passage_file(root: Path, passage: str) -> tuple[Path, str]:
    given = Path(passage)
    if given.is_file():
        return given, passage
    path = root / "corpus" / f"{passage}.md"
    if path.is_file():
        return path, f"corpus/{passage}.md"
    raise SpinsheetError(f"no passage '{passage}' in corpus/, and no file of that name")


def _settle(passage: str, ids: list[str], accept: bool) -> None:
    from .build import write_atomically
    from .passages import load_passage
    from .sources import read_source
    from .suggesting import settle
    from .taxonomy import load_taxonomy

    with _reporting("; nothing was written"):
        root = _workspace()
        path, rel = _passage_file(root, passage)
        taxonomy = load_taxonomy(root)
        source = read_source(path, rel)
        if isinstance(source, Problem):
            raise ContentError([source])
        loaded, problems = load_passage(source, taxonomy)
        if loaded is None:
            raise ContentError(problems)
        settled = settle(source, loaded.suggestions, ids, accept, taxonomy)
        write_atomically(path, settled.text.encode())
        verb = "accepted" if accept else "rejected"
        typer.echo(f"{rel}: {verb} {plural(len(settled.chosen), 'suggestion')}.")
        for s in settled.chosen:
            typer.echo(f"  #{s.id} {s.kind}/{s.type or '?'} “{s.text}”")


@app.command()
def accept(
    passage: Annotated[str, typer.Argument(help="A passage id or path.")],
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Suggestion ids (default: all).", show_default=False),
    ] = None,
) -> None:
    """Keep suggestions as spans: they reach worksheets from now on."""
    _settle(passage, list(ids or []), accept=True)


@app.command()
def reject(
    passage: Annotated[str, typer.Argument(help="A passage id or path.")],
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Suggestion ids (default: all).", show_default=False),
    ] = None,
) -> None:
    """Drop suggestions: their brackets go, their words stay."""
    _settle(passage, list(ids or []), accept=False)


def main() -> None:
    """Entry point of the console script."""
    app()
