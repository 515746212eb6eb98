"""Benchmark: `spinsheet import` of many marks on a long text, which should take linear time.

    .venv/bin/python bench/bench_import.py [--chars N] [--repeat N]

Writes a doccano export of one long article (about 190,000 characters by
default, with an emoji in every paragraph so that code points and UTF-16 units
differ) and 100, then 1,000, labels on it, each at its offsets; imports each
into a fresh workspace as `spinsheet import doccano` would (read, place, check,
write) and prints the median seconds of --repeat runs. Ten times the marks
should take about ten times as long (the ratio printed last): placing a mark
must not cost the length of the text again.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spinsheet.importing.pipeline import ImportRequest, run_import  # noqa: E402

SENTENCE = "The council's reckless plan, critics say, will wreck the harbour \U0001f621 for good. "
MARKS = (100, 1_000)


def article(chars: int) -> str:
    """A title line, then paragraphs of numbered sentences, about `chars` long."""
    paragraphs, length, number = [], 0, 0
    while length < chars:
        paragraph = "".join(f"{number + i}: {SENTENCE}" for i in range(8)).strip()
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
        number += 8
    return "Harbour Plan\n\n" + "\n\n".join(paragraphs) + "\n"


def export(text: str, marks: int) -> str:
    """A doccano document labelling `marks` occurrences of "reckless", spread over the text."""
    starts = [i for i in range(len(text)) if text.startswith("reckless", i)]
    step = max(1, len(starts) // marks)
    chosen = starts[::step][:marks]
    if len(chosen) < marks:
        raise SystemExit(f"the text has only {len(chosen)} places for marks: give more --chars")
    labels = [[start, start + len("reckless"), "loaded"] for start in chosen]
    return json.dumps({"id": 1, "text": text, "label": labels}) + "\n"


def import_seconds(text: str, marks: int, repeat: int) -> float:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "corpus").mkdir()
        (root / "exercises").mkdir()
        source = root / "export.jsonl"
        source.write_text(export(text, marks), encoding="utf-8")
        request = ImportRequest(
            format="doccano",
            sources=(source,),
            rels=("export.jsonl",),
            passage_id="harbour",
            force=True,
        )
        for _ in range(repeat):
            started = time.perf_counter()
            run_import(root, request)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=190_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = article(args.chars)
    print(f"Article: {len(text):,} characters")
    seconds = {}
    for marks in MARKS:
        seconds[marks] = import_seconds(text, marks, args.repeat)
        print(
            f"  {marks:>5,} marks: {seconds[marks]:.3f} s "
            f"({1000 * seconds[marks] / marks:.2f} ms a mark)"
        )
    few, many = MARKS
    print(
        f"Ratio {many:,} / {few:,} marks: {seconds[many] / seconds[few]:.1f} "
        f"(linear: {many / few:.0f})"
    )


if __name__ == "__main__":
    main()
