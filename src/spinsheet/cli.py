"""The `spinsheet` command: a thin layer over the library.

Each command parses its arguments, makes one call into the library and prints
what it returns. User errors (`SpinsheetError`) become a message and exit 1 in
`_reporting`, the one place that does it; bad command lines exit 2, typer's own
and the library's `UsageError` alike.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand

from .errors import ContentError, SpinsheetError, UsageError
from .model import MAX_CLASS_SIZE, MAX_VARIANTS, Font, Format, Paper, plural

app = typer.Typer(
    help="Turn annotated news passages into printed media-literacy worksheets and answer keys.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="Work in this folder, as if started there: other paths are taken from it "
            "(default: the current directory).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Turn annotated news passages into printed media-literacy worksheets and answer keys."""
    ctx.obj = workspace or Path.cwd()


def _root(ctx: typer.Context) -> Path:
    root: Path = ctx.obj
    return root


def _in_workspace(ctx: typer.Context, path: Path) -> Path:
    """A path from the command line, taken from the workspace as a relative path is."""
    return _root(ctx) / path


def _optional_list(help: str) -> Any:
    """A list argument that may be left out; its help says what that means."""
    return typer.Argument(help=help, show_default=False)


@contextmanager
def _reporting(consequence: str = "") -> Iterator[None]:
    """Turn a user error into its message on stderr and exit 1 (2 for a mistyped command)."""
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
        raise typer.Exit(2 if isinstance(exc, UsageError) else 1) from None


@app.command()
def build(
    ctx: typer.Context,
    exercises: Annotated[
        list[str] | None, _optional_list("Exercise ids to build (default: all).")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Output folder (default: output/).")] = None,
    variants: Annotated[
        int | None,
        typer.Option(min=1, max=MAX_VARIANTS, help="Number of variants, overriding each exercise."),
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Seed, overriding each exercise's.")] = None,
    paper: Annotated[
        Paper | None, typer.Option(help="Paper size, overriding each exercise's.")
    ] = None,
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            help="pdf or html: sheets to print; qti (IMS QTI 2.1), moodle (Moodle XML) or web "
            "(a self-marking page): one file per variant for screens.",
        ),
    ] = "pdf",
    no_key: Annotated[bool, typer.Option("--no-key", help="Leave out the teacher keys.")] = False,
    class_size: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=MAX_CLASS_SIZE,
            help="One PDF of N student sheets, variants in turn, plus the keys.",
        ),
    ] = None,
    duplex: Annotated[
        bool, typer.Option("--duplex", help="Class packs: start every sheet on a front page.")
    ] = False,
    no_mask: Annotated[
        bool,
        typer.Option("--no-mask", help="Print listed words unmasked (a teacher's own copy)."),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Processes rendering PDFs at once (default: one a core)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Render every PDF again, ignoring the build cache.")
    ] = False,
    large_print: Annotated[
        bool,
        typer.Option(
            "--large-print", help="18 pt large print, as files of their own (NAME-A-large.pdf)."
        ),
    ] = False,
    font: Annotated[
        Font | None,
        typer.Option(
            help="dyslexic: a dyslexia-friendly font if installed (NAME-A-dyslexic.pdf); "
            "default: the usual one, overriding each exercise's."
        ),
    ] = None,
) -> None:
    """Build a student sheet and a teacher key for every variant of each exercise."""
    from .build import BuildOptions, prepare_build

    with _reporting("; nothing was written"):
        started = time.perf_counter()
        options = BuildOptions(
            out=_in_workspace(ctx, out) if out else None,
            exercises=tuple(exercises or ()),
            variants=variants,
            seed=seed,
            paper=paper,
            format=format,
            key=not no_key,
            mask=not no_mask,
            class_size=class_size,
            duplex=duplex,
            jobs=jobs,
            force=force,
            large_print=large_print,
            font=font,
        )
        # Checks first: a mistyped request, then the content's errors; then its warnings.
        prepared = prepare_build(_root(ctx), options)
        for warning in prepared.warnings:
            typer.echo(str(warning), err=True)
        progress = _ProgressBar()
        try:
            written = prepared.run(progress)
        finally:
            progress.close()
        for file in written:
            typer.echo(_shown(ctx, file.path))
        summary = plural(len(written), "file")
        if format == "pdf":
            summary += f", {plural(sum(f.pages for f in written), 'page')}"
        typer.echo(f"Built {summary} in {time.perf_counter() - started:.1f} s.")


@app.command()
def preview(
    ctx: typer.Context,
    exercise: Annotated[
        str | None, typer.Argument(help="An exercise id (default: all).", show_default=False)
    ] = None,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (0: any free one).")
    ] = 8717,
    no_pdf: Annotated[
        bool, typer.Option("--no-pdf", help="Do not build the PDFs in the background.")
    ] = False,
) -> None:
    """Serve the sheets as HTML on 127.0.0.1, rebuilt and reloaded as you save; PDFs follow."""
    from .preview import Preview

    with _reporting():
        server = Preview(_root(ctx), exercise, port, pdf=not no_pdf)
    server.start()
    typer.echo(f"Previewing at {server.url} (Ctrl-C to stop)")
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    typer.echo("Stopped.")


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


def _shown(ctx: typer.Context, path: Path) -> str:
    """A written file's path as the teacher finds it: from the workspace, where it is inside."""
    try:
        return str(path.resolve().relative_to(_root(ctx).resolve()))
    except ValueError:
        return str(path)


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, _optional_list("Files or folders to report on (default: all).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Report every problem in the passages, exercises and taxonomy, one a line."""
    from .workspace import load_workspace

    wanted = [_workspace_relative(ctx, p) for p in paths or []]
    with _reporting():
        report = load_workspace(_root(ctx)).report(wanted, strict)
    for problem in report.problems:
        typer.echo(str(problem))
    typer.echo(
        f"Checked {plural(len(report.files), 'file')}: "
        f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}."
    )
    if report.failed:
        raise typer.Exit(1)


def _workspace_relative(ctx: typer.Context, path: Path) -> str:
    """A PATHS argument as the workspace-relative prefix problems are filtered by."""
    absolute = _in_workspace(ctx, path).absolute()
    if not absolute.exists():
        raise typer.BadParameter(f"'{path}' does not exist", param_hint="PATHS")
    try:
        rel = absolute.resolve().relative_to(_root(ctx).resolve()).as_posix()
    except ValueError:
        raise typer.BadParameter(f"'{path}' is outside the workspace", param_hint="PATHS") from None
    return "" if rel == "." else rel


@app.command("list")
def list_command(ctx: typer.Context) -> None:
    """List the passages (with their spans by kind) and the exercises."""
    from .terminal import list_workspace
    from .workspace import load_workspace

    with _reporting():
        typer.echo(list_workspace(load_workspace(_root(ctx))))


@app.command()
def show(
    ctx: typer.Context,
    passage: Annotated[
        str, typer.Argument(help="A passage id (its file name in corpus/ without .md).")
    ],
) -> None:
    """Print a passage with its spans coloured and numbered, then each span's notes."""
    from .terminal import show_passage
    from .workspace import load_workspace

    with _reporting():
        typer.echo(show_passage(load_workspace(_root(ctx)).passage(passage)))


@app.command()
def init(
    ctx: typer.Context,
    folder: Annotated[Path, typer.Argument(help="The new workspace's folder.")],
) -> None:
    """Start a workspace: corpus/, exercises/, an example passage and exercise, and a README."""
    from .scaffold import create_workspace

    with _reporting("; nothing was written"):
        for path in create_workspace(_root(ctx), folder):
            typer.echo(_shown(ctx, path))
    typer.echo(f"Next: cd {folder} && spinsheet build")


def _known_format(name: str) -> str:
    """FORMAT, looked up when the command runs, so that a format registered late counts too."""
    from .importing import registry

    try:
        registry.get(name)
    except SpinsheetError as exc:
        raise typer.BadParameter(str(exc)) from None
    return name


class _ImportCommand(TyperCommand):
    """`import`, whose help lists the formats: the formats are loaded (40 ms: every other
    command starts without them) only to show it, or to import."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from .importing import registry

        formats = registry.FORMATS.values()
        self.epilog = "Formats:\n\n" + "\n".join(f"{f.name} {f.usage}: {f.help}" for f in formats)
        for param in self.params:
            if not isinstance(param, TyperArgument):
                continue
            if param.name == "format":
                param.help = f"The format of the files: {', '.join(registry.FORMATS)}."
            elif param.name == "sources":
                param.help = " · ".join(f"{f.name}: {f.usage}" for f in formats)
        super().format_help(ctx, formatter)


@app.command("import", cls=_ImportCommand)
def import_command(
    ctx: typer.Context,
    format: Annotated[
        str,
        typer.Argument(
            help="The format of the files.",
            callback=_known_format,
            show_default=False,
        ),
    ],
    sources: Annotated[
        list[Path] | None, _optional_list("The files to import (see Formats below).")
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
    paragraphs: Annotated[
        str,
        typer.Option(
            "--paragraphs",
            help="Where paragraphs end: auto (a line each when there are no blank lines), "
            "lines, or blank-lines.",
        ),
    ] = "auto",
    default_kind: Annotated[
        str | None,
        typer.Option(
            "--default-kind",
            help="A kind, or kind/type, for annotations with no label (untagged highlights).",
        ),
    ] = None,
) -> None:
    """Turn an article, or another tool's annotations of one, into a passage in corpus/."""
    from .importing.format import ImportUsageError
    from .importing.pipeline import ImportRequest, run_import

    files = list(sources or [])
    request = ImportRequest(
        format=format,
        sources=tuple(_in_workspace(ctx, p) for p in files) or (None,),
        rels=tuple(str(p) for p in files) or ("<stdin>",),
        passage_id=passage_id,
        map_path=_in_workspace(ctx, map_file) if map_file else None,
        map_rel=str(map_file or ""),
        partial=partial,
        force=force,
        suggest=with_suggestions,
        paragraphs=paragraphs,
        default_kind=default_kind,
    )
    with _reporting("; nothing was written"):
        try:
            outcomes = run_import(_root(ctx), request)
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
    ctx: typer.Context,
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

    from .suggest.marking import DEFAULT_THRESHOLD, propose_in_file

    cutoff = DEFAULT_THRESHOLD if threshold is None else threshold
    with _reporting("; nothing was written"):
        proposals = propose_in_file(_root(ctx), passage, cutoff, mark=not as_json)
    rel, found = proposals.rel, proposals.found
    if as_json:  # offsets into the file as read, for evaluation
        for f in found:
            typer.echo(json.dumps(f.record(), ensure_ascii=False))
    elif not proposals.marked:
        for f in found:
            typer.echo(f.describe(rel))
        typer.echo(
            f"{plural(len(found), 'suggestion')}. To mark them in a passage: "
            f"spinsheet import text {rel} --suggest"
        )
    else:
        kinds = ", ".join(f"{proposals.count(k)} {k}" for k in ("loaded", "unsourced"))
        typer.echo(f"{rel}: {plural(len(found), 'suggestion')} ({kinds}).")
        name = proposals.passage_id
        typer.echo(f"Next: spinsheet show {name}, then spinsheet accept or reject {name}")


def _settle_command(accept: bool, summary: str) -> None:
    """Register `accept` or `reject`: the same arguments, one call, a different verb."""
    verb = "accept" if accept else "reject"

    def settle(
        ctx: typer.Context,
        passage: Annotated[str, typer.Argument(help="A passage id or path.")],
        ids: Annotated[list[str] | None, _optional_list("Suggestion ids (default: all).")] = None,
    ) -> None:
        from .suggest.marking import settle_passage

        with _reporting("; nothing was written"):
            settled = settle_passage(_root(ctx), passage, list(ids or []), accept)
        typer.echo(f"{settled.rel}: {verb}ed {plural(len(settled.chosen), 'suggestion')}.")
        for s in settled.chosen:
            typer.echo(f"  #{s.id} {s.kind}/{s.type or '?'} “{s.text}”")

    app.command(verb, help=summary)(settle)


_settle_command(True, "Keep suggestions as spans: they reach worksheets from now on.")
_settle_command(False, "Drop suggestions: their brackets go, their words stay.")


def main() -> None:
    """Entry point of the console script."""
    # A terminal whose locale is not UTF-8 still gets every message, "…" and "¶" escaped.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    app()
