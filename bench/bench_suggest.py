"""Benchmark: the annotation suggester against human-annotated news, beside a word-list baseline.

    .venv/bin/python bench/bench_suggest.py

Data: ../shared/data beside the repository, or the folder in $SPINSHEET_DATA; without it the
benchmark says so and exits 0. Nothing here ships: the corpora and the research lexicons are
read at evaluation time only.

Split. Each corpus is split by document id: sha1(id), last hex digit even -> TUNING, odd ->
EVALUATION. The suggester's few numeric parameters (score weights, the default threshold) were
set by looking at TUNING only; EVALUATION was never used for tuning and gives the reported
figures. TUNING figures are printed for reference.

Loaded language (PTC, SemEval-2020 Task 11 training articles). Gold: spans whose technique is
listed under a `loaded` type in taxonomy.yaml's `semeval` cross-walk; overlapping gold spans of
an article are merged, as the official span-identification scorer does. Predictions: the
suggester's `loaded` suggestions on the raw article text (a leading U+FEFF kept, since PTC
offsets count it).

Unsourced claims (PolNeAR dev). Gold: every `Attribution-no-source` event, and every
`Attribution` event whose source is vague. Rule for vague: the Source text has no pronoun, no
capitalised word after its first word, and contains a generic head noun from VAGUE_HEADS
(sources, officials, experts, critics, analysts, observers, people, some, many, others, aides,
insiders, reports, polls, studies ...). Gold span: for a vague source, the source span and the
cue span, joined into one span when only spaces or one punctuation mark separate them; for no
source, the cue span. Predictions: the suggester's `unsourced` suggestions.

Measure (Da San Martino et al. 2019, the SemEval-2020 Task 11 span-identification scorer), over
character sets, summed over the corpus:
    P = (1/|S|) sum_s sum_t |s & t| / |s|     R = (1/|T|) sum_s sum_t |s & t| / |t|

Baseline: flag every token found in a general lexicon (loaded: npov_lexicon.txt plus the MPQA
strong subjectives; unsourced: report_verbs.txt plus hedges). "Flagged per right" is tokens
flagged divided by tokens flagged that overlap a gold span.
"""

from __future__ import annotations

import hashlib
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spinsheet import suggest as suggester  # noqa: E402

Span = tuple[int, int]
Suggest = Callable[[str], list[Span]]

VAGUE_HEADS = frozenset(
    [
        "source",
        "sources",
        "official",
        "officials",
        "expert",
        "experts",
        "critic",
        "critics",
        "analyst",
        "analysts",
        "observer",
        "observers",
        "people",
        "some",
        "many",
        "others",
        "other",
        "aide",
        "aides",
        "insider",
        "insiders",
        "report",
        "reports",
        "poll",
        "polls",
        "study",
        "studies",
        "survey",
        "surveys",
        "research",
        "researchers",
        "scientist",
        "scientists",
        "economist",
        "economists",
        "commentator",
        "commentators",
        "pundit",
        "pundits",
        "strategist",
        "strategists",
        "operative",
        "operatives",
        "person",
        "persons",
        "individual",
        "individuals",
        "someone",
        "somebody",
        "anyone",
        "everyone",
        "everybody",
        "most",
        "few",
        "several",
        "numerous",
        "voices",
        "group",
        "groups",
        "folks",
        "residents",
        "critics",
        "supporters",
        "opponents",
        "observers",
        "watchers",
        "diplomats",
        "lawmakers",
        "legislators",
        "activists",
        "advocates",
        "insiders",
        "allies",
        "associates",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "staffers",
        "aides",
        "consultants",
        "veterans",
        "members",
        "leaders",
        "authorities",
        "agencies",
        "media",
        "press",
        "outlets",
        "data",
        "evidence",
        "polling",
        "accounts",
        "rumors",
        "rumours",
        "speculation",
    ]
)
PRONOUNS = frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "it",
        "its",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "this",
        "these",
        "those",
        "one",
        "myself",
        "himself",
        "herself",
        "themselves",
        "itself",
    ]
)
WORD = re.compile(r"[\w'’-]+")


@dataclass
class Doc:
    doc_id: str
    text: str
    gold: list[Span]


def data_dir() -> Path:
    env = os.environ.get("SPINSHEET_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def is_tuning(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest()[-1], 16) % 2 == 0


def merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def loaded_techniques() -> set[str]:
    taxonomy = yaml.safe_load((REPO / "src" / "spinsheet" / "taxonomy.yaml").read_text("utf-8"))
    return {t for info in taxonomy["loaded"]["types"].values() for t in info.get("semeval") or []}


def load_ptc(root: Path) -> list[Doc]:
    folder = root / "ptc-train"
    techniques = loaded_techniques()
    gold: dict[str, list[Span]] = defaultdict(list)
    with open(folder / "train-task2-TC.labels", encoding="utf-8") as labels:
        for line in labels:
            doc_id, technique, start, end = line.rstrip("\n").split("\t")
            if technique in techniques:
                gold[doc_id].append((int(start), int(end)))
    docs = []
    for path in sorted((folder / "train-articles").glob("article*.txt")):
        doc_id = path.stem.removeprefix("article")
        with open(path, encoding="utf-8", newline="") as handle:
            docs.append(Doc(doc_id, handle.read(), merge(gold.get(doc_id, []))))
    return docs


def is_vague(source: str) -> bool:
    words = WORD.findall(source)
    if not words:
        return False
    if any(w.lower() in PRONOUNS for w in words):
        return False
    if any(w[0].isupper() or w[0].isdigit() for w in words[1:]):
        return False
    return any(w.lower() in VAGUE_HEADS for w in words)


def load_polnear(root: Path) -> list[Doc]:
    folder = root / "polnear-dev"
    docs = []
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        text_path = folder / "text" / f"{stem}.txt"
        if not text_path.exists():
            continue
        with open(text_path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        spans: dict[str, tuple[str, int, int]] = {}
        events: list[list[str]] = []
        for line in ann.read_text("utf-8").splitlines():
            fields = line.split("\t")
            if line.startswith("T") and len(fields) >= 2:
                label, _, offsets = fields[1].partition(" ")
                parts = offsets.split(";")
                start, end = int(parts[0].split()[0]), int(parts[-1].split()[-1])
                spans[fields[0]] = (label, start, end)
            elif line.startswith("E") and len(fields) >= 2:
                events.append(fields[1].split())
        gold: list[Span] = []
        for args in events:
            roles = dict(arg.split(":", 1) for arg in args if ":" in arg)
            cue = spans.get(roles.get("Cue", ""))
            if cue is None:
                continue
            if "Attribution-no-source" in roles:
                gold.append((cue[1], cue[2]))
                continue
            source = spans.get(roles.get("Source", ""))
            if source is None or not is_vague(text[source[1] : source[2]]):
                continue
            first, second = sorted([(source[1], source[2]), (cue[1], cue[2])])
            gap = text[first[1] : second[0]]
            if len(gap.strip()) <= 1 and len(gap) <= 3:
                gold.append((first[0], max(first[1], second[1])))
            else:
                gold += [first, second]
        docs.append(Doc(stem, text, merge(gold)))
    return docs


@dataclass
class Score:
    p_num: float = 0.0
    r_num: float = 0.0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, pred: list[Span], gold: list[Span]) -> None:
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        for ps, pe in pred:
            for gs, ge in gold:
                overlap = min(pe, ge) - max(ps, gs)
                if overlap > 0:
                    self.p_num += overlap / (pe - ps)
                    self.r_num += overlap / (ge - gs)

    def prf(self) -> tuple[float, float, float]:
        p = self.p_num / self.n_pred if self.n_pred else 0.0
        r = self.r_num / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def line(self, name: str) -> str:
        p, r, f = self.prf()
        return (
            f"  {name:<34} P {p:.3f}  R {r:.3f}  F1 {f:.3f}"
            f"  predicted {self.n_pred:>5}  gold {self.n_gold:>5}"
        )


def evaluate(docs: list[Doc], predict: Suggest) -> Score:
    score = Score()
    for doc in docs:
        score.add(merge(predict(doc.text)), doc.gold)
    return score


def read_lexicon(path: Path) -> set[str]:
    words = set()
    for line in path.read_text("utf-8", errors="replace").splitlines():
        line = line.strip().lower()
        if line and not line.startswith("#"):
            words.add(line)
    return words


def word_list_predictor(words: set[str]) -> Suggest:
    def predict(text: str) -> list[Span]:
        return [(m.start(), m.end()) for m in WORD.finditer(text) if m.group().lower() in words]

    return predict


def flagged_per_right(docs: list[Doc], predict: Suggest) -> float:
    flagged = right = 0
    for doc in docs:
        for start, end in predict(doc.text):
            flagged += 1
            right += any(min(end, ge) > max(start, gs) for gs, ge in doc.gold)
    return flagged / right if right else float("inf")


def suggester_predictor(kind: str, threshold: float) -> Suggest:
    def predict(text: str) -> list[Span]:
        found = suggester.suggest(text, threshold=threshold)
        return [(s.start, s.end) for s in found if s.kind == kind]

    return predict


def report_task(title: str, kind: str, docs: list[Doc], baseline: Suggest) -> None:
    halves = {
        "EVALUATION": [d for d in docs if not is_tuning(d.doc_id)],
        "TUNING": [d for d in docs if is_tuning(d.doc_id)],
    }
    default = suggester.DEFAULT_THRESHOLD
    print(f"\n{title}")
    for half, subset in halves.items():
        print(f" {half} ({len(subset)} documents)")
        print(
            evaluate(subset, suggester_predictor(kind, default)).line(f"suggester @ {default:.2f}")
        )
        predict_base = baseline
        print(evaluate(subset, predict_base).line("word-list baseline"))
        print(
            f"  {'flagged per right':<34} suggester "
            f"{flagged_per_right(subset, suggester_predictor(kind, default)):.1f}"
            f"  baseline {flagged_per_right(subset, predict_base):.1f}"
        )
    print(" EVALUATION, suggester by threshold (* default)")
    for threshold in sorted({0.3, 0.4, 0.5, 0.6, 0.7, 0.8, default}):
        mark = "*" if threshold == default else " "
        name = f"{mark} threshold {threshold:.2f}"
        print(evaluate(halves["EVALUATION"], suggester_predictor(kind, threshold)).line(name))


def report_speed(docs: list[Doc]) -> None:
    suggester.suggest("Warm-up: load the word lists once.")
    seconds = []
    for doc in docs:
        started = time.perf_counter()
        suggester.suggest(doc.text)
        seconds.append(time.perf_counter() - started)
    print(
        f"\nSpeed over {len(docs)} documents: mean {statistics.mean(seconds):.4f} s, "
        f"max {max(seconds):.4f} s per document"
    )


def main() -> None:
    root = data_dir()
    if not (root / "ptc-train").is_dir() or not (root / "polnear-dev").is_dir():
        print(f"No reference data at {root}: nothing to benchmark (set SPINSHEET_DATA).")
        return
    lexicons = root / "lexicons"
    loaded_words = read_lexicon(lexicons / "npov_lexicon.txt") | read_lexicon(
        lexicons / "strong_subjectives_riloff2003.txt"
    )
    unsourced_words = read_lexicon(lexicons / "report_verbs.txt") | read_lexicon(
        lexicons / "hedges_hyland2005.txt"
    )
    ptc = load_ptc(root)
    polnear = load_polnear(root)
    report_task(
        "Loaded language: PTC, SemEval-2020 Task 11 span measure",
        "loaded",
        ptc,
        word_list_predictor(loaded_words),
    )
    report_task(
        "Unsourced claims: PolNeAR dev, same measure",
        "unsourced",
        polnear,
        word_list_predictor(unsourced_words),
    )
    report_speed(ptc + polnear)


if __name__ == "__main__":
    main()
