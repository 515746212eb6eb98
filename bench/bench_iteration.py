"""Benchmark: how long a teacher waits while iterating, measured in one run.

    .venv/bin/python bench/bench_iteration.py [WORKSPACE] [--repeat N]

On a copy of the workspace (the samples by default), prints medians of --repeat runs:
the whole build in one process against WeasyPrint alone on the same HTML; a
`spinsheet build` process with --jobs 2 against --jobs 1 (every PDF rendered);
a build with nothing changed, and one after editing one passage, against a full
build; the start-up of each command against `python -c "import weasyprint"`;
and the preview's time from saving a passage to serving the updated HTML.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SPINSHEET = str(BIN / "spinsheet")
from bench_build import median_seconds  # noqa: E402 (a sibling script)

COPIED = ("corpus", "exercises", "templates", "locale", "taxonomy.yaml", "mask-words.txt")


def run(root: Path, *args: str) -> str:
    done = subprocess.run([SPINSHEET, *args], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"spinsheet {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def copy_workspace(source: Path, target: Path) -> Path:
    """The files a workspace is made of; a source checkout's `templates/` are the built-in
    ones, not the workspace's own (which `check` would try on every exercise)."""
    from spinsheet.sources import builtin_templates

    target.mkdir()
    for name in COPIED:
        if name == "templates" and (source / name).resolve() == builtin_templates().resolve():
            continue
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
        elif (source / name).is_file():
            shutil.copy2(source / name, target / name)
    return target


def stamps(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (root / "output").rglob("*.pdf")}


def one_process(root: Path, repeat: int) -> tuple[float, float, int]:
    """The whole build in this process (every PDF rendered), and WeasyPrint alone."""
    import weasyprint

    from spinsheet.build import BuildOptions, build, plan
    from spinsheet.workspace import load_workspace

    with tempfile.TemporaryDirectory() as out:
        options = BuildOptions(out=Path(out), jobs=1, force=True)

        def whole_build() -> int:
            return sum(w.pages for w in build(load_workspace(root), options))

        pages = whole_build()  # warm-up: fonts, caches
        build_seconds = median_seconds(whole_build, repeat)
    sheets = plan(load_workspace(root), BuildOptions())

    def weasyprint_alone() -> None:
        for sheet in sheets:
            weasyprint.HTML(string=sheet.html).write_pdf()

    weasyprint_alone()
    return build_seconds, median_seconds(weasyprint_alone, repeat), pages


def preview_seconds(root: Path, passage: Path, repeat: int) -> list[float]:
    """Save a passage, then ask the preview for the sheet until it holds the new word."""
    from spinsheet.preview import Preview
    from spinsheet.workspace import load_workspace

    workspace = load_workspace(root)
    exercise = next(e for _, e in sorted(workspace.exercises.items()) if passage.stem in e.passages)
    server = Preview(root, port=0, pdf=False)
    server.start()
    url = f"{server.url}sheet/{exercise.id}/A/student"
    original = passage.read_text(encoding="utf-8")
    times = []
    try:
        for n in range(repeat):
            word = f"Zyxwv{n}"
            passage.write_text(original.replace("\n\n", f" {word}\n\n", 1), encoding="utf-8")
            started = time.perf_counter()
            while word not in urllib.request.urlopen(url).read().decode():
                time.sleep(0.005)
            times.append(time.perf_counter() - started)
            time.sleep(0.2)
    finally:
        server.stop()
        passage.write_text(original, encoding="utf-8")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", nargs="?", type=Path, default=REPO)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each full build")
    parser.add_argument("--passage", default="lunch-levy", help="the passage edited")
    args = parser.parse_args()
    quick = max(5, args.repeat)

    with tempfile.TemporaryDirectory() as scratch:
        root = copy_workspace(args.workspace.resolve(), Path(scratch) / "ws")
        passage = root / "corpus" / f"{args.passage}.md"

        build_s, alone_s, pages = one_process(root, args.repeat)
        jobs = {
            n: median_seconds(partial(run, root, "build", "--force", "--jobs", str(n)), args.repeat)
            for n in (1, 2)
        }
        full = min(jobs.values())
        noop = median_seconds(lambda: run(root, "build"), quick)

        original = passage.read_text(encoding="utf-8")
        edits, rewritten = [], set()
        for n in range(args.repeat):
            passage.write_text(original.replace("\n\n", f" Edit{n}.\n\n", 1), encoding="utf-8")
            before = stamps(root)
            started = time.perf_counter()
            run(root, "build")
            edits.append(time.perf_counter() - started)
            rewritten = {p.name for p, t in stamps(root).items() if before.get(p) != t}
        passage.write_text(original, encoding="utf-8")
        run(root, "build")
        edit = statistics.median(edits)

        weasyprint_import = median_seconds(
            lambda: subprocess.run([str(BIN / "python"), "-c", "import weasyprint"], check=True),
            quick,
        )
        commands = {
            "check": ["check"],
            "list": ["list"],
            "show": ["show", args.passage],
            "suggest --json": ["suggest", args.passage, "--json"],
            "build --help": ["build", "--help"],
            "build (no-op)": ["build"],
        }
        startup = {
            name: median_seconds(partial(run, root, *command), quick)
            for name, command in commands.items()
        }
        saves = preview_seconds(root, passage, 2 * quick)

    print(f"workspace                 {args.workspace.resolve()} ({pages} pages)")
    print(f"whole build, one process  {build_s:6.2f} s   WeasyPrint alone {alone_s:.2f} s")
    print(f"  ratio build/alone       {build_s / alone_s:6.2f}x")
    print(f"build --jobs 1 --force    {jobs[1]:6.2f} s")
    print(f"build --jobs 2 --force    {jobs[2]:6.2f} s   ratio 2/1 {jobs[2] / jobs[1]:.2f}x")
    print(f"no-op rebuild             {noop:6.3f} s   {100 * noop / full:.1f}% of a full build")
    print(
        f"edit {args.passage}.md, build  {edit:6.3f} s   {100 * edit / full:.1f}% of a full build,"
        f" {len(rewritten)} files rewritten: {', '.join(sorted(rewritten))}"
    )
    print(f"python -c 'import weasyprint'  {weasyprint_import:.3f} s")
    for name, seconds in startup.items():
        print(f"  spinsheet {name:<16} {seconds:6.3f} s   {seconds / weasyprint_import:.2f}x")
    print(
        f"preview, save to updated HTML: median {statistics.median(saves):.3f} s,"
        f" max {max(saves):.3f} s of {len(saves)}"
    )


if __name__ == "__main__":
    main()
