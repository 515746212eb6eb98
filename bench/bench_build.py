"""Benchmark: build a workspace and compare with WeasyPrint alone on the same HTML.

    .venv/bin/python bench/bench_build.py [WORKSPACE] [--repeat N]

Prints seconds per document, pages per second, and the ratio of the whole
build (load, check, select, render HTML, render PDF, write) to WeasyPrint
alone turning the very same HTML into PDF. Also times a cold `spinsheet build`
and `spinsheet --help` as separate processes. Medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def process_seconds(args: list[str], cwd: Path, repeat: int) -> float:
    def once() -> None:
        subprocess.run(args, cwd=cwd, check=True, capture_output=True)

    return median_seconds(once, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", nargs="?", type=Path, default=REPO)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root: Path = args.workspace.resolve()

    started = time.perf_counter()
    import weasyprint

    import_seconds = time.perf_counter() - started

    from spinsheet.build import BuildOptions, build, plan
    from spinsheet.workspace import load_workspace

    with tempfile.TemporaryDirectory() as out:
        # One process, every PDF rendered (no cache): against WeasyPrint alone, in one process.
        options = BuildOptions(out=Path(out), jobs=1, force=True)

        def whole_build() -> int:
            return sum(w.pages for w in build(load_workspace(root), options))

        pages = whole_build()  # warm-up: fonts, caches
        build_seconds = median_seconds(whole_build, args.repeat)

    sheets = plan(load_workspace(root), BuildOptions())

    def weasyprint_alone() -> None:
        for sheet in sheets:
            weasyprint.HTML(string=sheet.html).write_pdf()

    weasyprint_alone()
    alone_seconds = median_seconds(weasyprint_alone, args.repeat)

    spinsheet = str(Path(sys.executable).with_name("spinsheet"))
    with tempfile.TemporaryDirectory() as out:
        cold_build = [spinsheet, "build", "--out", out, "--force"]
        cold_seconds = process_seconds(cold_build, root, max(1, args.repeat // 2))
    help_seconds = process_seconds([spinsheet, "--help"], root, args.repeat)

    documents = len(sheets)
    print(f"workspace            {root}")
    print(f"documents            {documents} ({pages} pages)")
    print(f"import weasyprint    {import_seconds:.2f} s (once per process)")
    print(f"whole build, warm    {build_seconds:.2f} s")
    print(f"  per document       {build_seconds / documents:.3f} s")
    print(f"  pages per second   {pages / build_seconds:.1f}")
    print(f"WeasyPrint alone     {alone_seconds:.2f} s on the same HTML")
    print(f"  ratio build/alone  {build_seconds / alone_seconds:.2f}x")
    print(f"cold `spinsheet build` process  {cold_seconds:.2f} s")
    print(f"`spinsheet --help` process      {help_seconds:.2f} s")


if __name__ == "__main__":
    main()
