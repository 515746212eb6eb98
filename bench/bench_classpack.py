"""Benchmark: a 30-sheet class pack as one PDF, against 30 separate student sheets.

    .venv/bin/python bench/bench_classpack.py [EXERCISE] [--size 30] [--repeat 3]

A class pack lays out each variant once and repeats its pages; 30 separate
sheets lay out every copy. Prints seconds and pages per second for both.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exercise", nargs="?", default="who-says-bridge")
    parser.add_argument("--workspace", type=Path, default=REPO)
    parser.add_argument("--size", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from spinsheet.build import BuildOptions, build, plan
    from spinsheet.pdf import PdfWriter
    from spinsheet.sources import builtin_templates
    from spinsheet.workspace import load_workspace

    workspace = load_workspace(args.workspace.resolve())
    # One process and no cache: what rendering costs, as the separate sheets are timed.
    pack_options = dict(
        exercises=[args.exercise], key=False, class_size=args.size, jobs=1, force=True
    )

    def pack() -> int:
        with tempfile.TemporaryDirectory() as out:
            return sum(
                w.pages for w in build(workspace, BuildOptions(out=Path(out), **pack_options))
            )

    (sheet,) = plan(workspace, BuildOptions(**pack_options))
    writer = PdfWriter([workspace.root / "templates", builtin_templates()])

    def separate() -> int:
        return sum(writer.write([html], "sheet.pdf")[1] for html in sheet.parts)

    results = {}
    for name, action in (("class pack, one PDF", pack), (f"{args.size} separate sheets", separate)):
        action()  # warm-up
        times, pages = [], 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            pages = action()
            times.append(time.perf_counter() - started)
        results[name] = (statistics.median(times), pages)

    print(f"exercise             {args.exercise} ({args.size} student sheets)")
    for name, (seconds, pages) in results.items():
        print(f"{name:<22} {seconds:6.2f} s  {pages} pages  {pages / seconds:6.1f} pages/s")
    (pack_s, _), (separate_s, _) = results.values()
    print(f"ratio pack/separate  {pack_s / separate_s:.2f}x")


if __name__ == "__main__":
    main()
