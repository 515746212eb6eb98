"""Benchmark: reading a passage grows linearly with its spans and its brackets.

    .venv/bin/python bench/bench_scan.py

A fuzzing run found that 1,000 spans in one paragraph took 11 s to check and 10,000
were killed after 300 s, and that a paragraph of 10,000 unclosed `[` took 30 s. This
prints the time to read (parse, check, place) pathological passages at 1,000 and 10,000
of each, and the ratio: linear growth gives about 10.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from spinsheet.passages import load_passage
from spinsheet.sources import SourceFile
from spinsheet.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy(Path("/nonexistent"))  # the built-in one
SPAN = '[w{}]{{.loaded type="emotive" why="A feeling." neutral="a word"}}'

CASES: dict[str, Callable[[int], str]] = {
    "spans in one paragraph": lambda n: " ".join(SPAN.format(i) for i in range(n)) + ".\n",
    "spans, one a paragraph": lambda n: "\n\n".join(SPAN.format(i) + "." for i in range(n)),
    "unclosed '[' in one paragraph": lambda n: "[" * n + " text\n",
    "'[x]' pairs in one paragraph": lambda n: "[x] " * n + "\n",
}


def seconds(body: str) -> float:
    source = SourceFile(Path("bench.md"), "corpus/bench.md", "---\ntitle: T\n---\n" + body)
    started = time.perf_counter()
    passage, problems = load_passage(source, TAXONOMY)
    assert passage is not None, problems[:1]
    return time.perf_counter() - started


def main() -> None:
    print(f"{'case':32} {'1,000':>8} {'10,000':>8} {'ratio':>6}")
    for name, make in CASES.items():
        small, large = seconds(make(1_000)), seconds(make(10_000))
        print(f"{name:32} {small:7.2f}s {large:7.2f}s {large / small:6.1f}")


if __name__ == "__main__":
    main()
