"""Benchmark: each output format of the sample workspace, against the PDF build.

    .venv/bin/python bench/bench_formats.py [WORKSPACE] [--repeat N]

For pdf, qti, moodle and web: seconds for a whole `spinsheet build --format F --force`
as a process (load, check, draw, write; one process, no cache), its ratio to the PDF
build, and the files' count, total and median size. Medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORMATS = ("pdf", "qti", "moodle", "web")
SUFFIXES = {"pdf": ".pdf", "qti": "-qti.zip", "moodle": "-moodle.xml", "web": "-web.html"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", nargs="?", type=Path, default=REPO)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    spinsheet = str(Path(sys.executable).with_name("spinsheet"))
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary) / "ws"
        for folder in ("corpus", "exercises", "templates", "locale"):
            if (args.workspace / folder).is_dir():
                shutil.copytree(args.workspace / folder, work / folder)
        header = ("format", "seconds", "vs pdf", "files", "total KB", "median KB")
        print("{:<8} {:>8} {:>7} {:>6} {:>9} {:>10}".format(*header))
        for format in FORMATS:
            out = Path(temporary) / format
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                command = [spinsheet, "--workspace", str(work), "build", "--format", format]
                command += ["--out", str(out), "--force", "--jobs", "1"]
                subprocess.run(command, check=True, capture_output=True)
                times.append(time.perf_counter() - started)
            seconds[format] = statistics.median(times)
            sizes = [p.stat().st_size for p in out.rglob(f"*{SUFFIXES[format]}")]
            ratio = seconds[format] / seconds["pdf"]
            print(
                f"{format:<8} {seconds[format]:>8.2f} {ratio:>6.2f}x {len(sizes):>6} "
                f"{sum(sizes) / 1024:>9.0f} {statistics.median(sizes) / 1024:>10.1f}"
            )


if __name__ == "__main__":
    main()
