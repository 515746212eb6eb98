"""Fuzz spinsheet for as long as asked: generated and mutated workspaces, and the contract.

    .venv/bin/python fuzz/run.py --minutes 60 [--pdf 0.1] [--seed N]

Each case is a workspace from fuzz/cases.py, run through the real CLI in this process
under a time limit (10 s, by SIGALRM) and a memory limit (1 GB of address space beyond
what the process holds at start). A case that breaks the contract is shrunk (whole files,
then lines, then characters removed while it still fails the same way) and saved to
fuzz/found/ as a workspace folder with a README line saying what broke. Prints counts
per target at the end: cases run, checked clean, built, failures.
"""

from __future__ import annotations

import argparse
import random
import resource
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fuzz.cases import TARGETS, Files, keep_contract, write

FOUND = Path(__file__).with_name("found")
CASE_SECONDS = 10
MEMORY = 1 << 30


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang()


def verdict(files: Files, pdf: bool) -> str:
    """What broke the contract ("" if nothing), hangs and memory included."""
    signal.alarm(CASE_SECONDS)
    try:
        return keep_contract(files, pdf)
    except Hang:
        return f"hang: over {CASE_SECONDS} s"
    except MemoryError:
        return "memory: over 1 GB"
    finally:
        signal.alarm(0)


def kind_of(failure: str) -> str:
    return failure.split(":", 2)[0] + ":" + failure.split(":", 2)[1] if ":" in failure else failure


def shrink(files: Files, failure: str, pdf: bool) -> Files:
    """Smaller files that fail in the same way, by removing what is not needed."""
    same = kind_of(failure)

    def fails(candidate: Files) -> bool:
        return kind_of(verdict(candidate, pdf)) == same

    for name in list(files):
        smaller = {k: v for k, v in files.items() if k != name}
        if smaller and fails(smaller):
            files = smaller
    for name, content in list(files.items()):
        if isinstance(content, bytes):
            continue
        for unit in ("\n", ""):
            pieces = content.split(unit) if unit else list(content)
            chunk = max(1, len(pieces) // 2)
            while chunk >= 1 and len(pieces) > 1:
                i, changed = 0, False
                while i < len(pieces):
                    candidate = pieces[:i] + pieces[i + chunk :]
                    if candidate and fails({**files, name: unit.join(candidate)}):
                        pieces, changed = candidate, True
                    else:
                        i += chunk
                if not changed:
                    chunk //= 2
            content = unit.join(pieces)
            files = {**files, name: content}
            if len(content) > 2000:  # characters one by one: only for small files
                break
    return files


def save(files: Files, failure: str, seed: int) -> Path:
    folder = FOUND / f"case-{seed}"
    write(folder, files)
    (folder / "FAILURE.txt").write_text(f"{failure}\nseed {seed}\n")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--pdf", type=float, default=0.05, help="share of cases built to PDF")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    held = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (held + MEMORY, hard))
    rng = random.Random(args.seed)
    ends = time.monotonic() + args.minutes * 60
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    while time.monotonic() < ends:
        for target, generate in TARGETS.items():
            seed = rng.getrandbits(48)
            files = generate(random.Random(seed))
            pdf = rng.random() < args.pdf
            failure = verdict(files, pdf)
            counts[f"{target} cases"] += 1
            counts[f"{target} pdf builds"] += pdf
            if not failure:
                continue
            counts[f"{target} failures"] += 1
            if kinds[kind_of(failure)] < 3:  # the first few of each kind, shrunk
                folder = save(shrink(files, failure, pdf), failure, seed)
                print(f"{failure}  -> {folder}", flush=True)
            kinds[kind_of(failure)] += 1
    for name, count in sorted(counts.items()):
        print(f"{name:32} {count:8,}")
    for kind, count in kinds.most_common():
        print(f"  {count:6,}  {kind}")


if __name__ == "__main__":
    main()
