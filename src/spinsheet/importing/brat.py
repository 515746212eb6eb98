"""`brat`: standoff annotations, a `.txt` and its `.ann` (found beside it when not given).

Text-bound lines (`T1`) are the spans; attributes (`A1`) add labels, an event
(`E1`) puts its type first, and `AnnotatorNotes` give `why` and `Neutral: …`.
An event with a `Content` argument and no `Source` (an attribution to no one)
puts its type on the content, and its trigger (the cue verb) is not marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..errors import ContentError, Problem
from ..sources import Text, read_raw
from .articles import read_article
from .format import Format, Imported
from .labels import Labels, names_authority
from .limits import excerpt, offset
from .marks import add_mark, bad_offsets

# Digits are ASCII: `\d` takes any script's digits, and `int` would read them too.
_TEXT = re.compile(r"^(T[0-9]+)\t(\S+) ([0-9]+ [0-9]+(?:;[0-9]+ [0-9]+)*)\t(.*)$")
_ATTRIBUTE = re.compile(r"^A[0-9]+\t(\S+) (T[0-9]+)(?: (\S+))?$")
_NOTE = re.compile(r"^#[0-9]+\tAnnotatorNotes (T[0-9]+)\t(.*)$")
_EVENT = re.compile(r"^E[0-9]+\t([^:\s]+):(T[0-9]+)((?: [^:\s]+:T[0-9]+)*)")
# An attribution event (PolNeAR's shape: `Attribution:T4 Content:T3 Cue:T2 Source:T1`)
# with no Source marks what is claimed, its Content, not its cue verb.
_CONTENT, _SOURCE = "content", "source"
# A Source that names no one: its last word is one of these, and it holds no name.
_VAGUE_HEADS = frozenset(
    [
        "experts",
        "sources",
        "officials",
        "observers",
        "critics",
        "analysts",
        "insiders",
        "studies",
        "reports",
        "scientists",
        "researchers",
        "people",
        "many",
        "some",
        "others",
        "commentators",
        "economists",
    ]
)
_VAGUE = "vague-attribution"  # the taxonomy's type: known without a map


def _vague(span: _Span) -> bool:
    words = span.covered.split()
    return (
        bool(words)
        and words[-1].lower().strip(".,;:") in _VAGUE_HEADS
        and not (names_authority(span.covered))
    )


class _Span(NamedTuple):
    """A text-bound annotation: where it is written, its label, and the text it covers."""

    number: int  # its line in the .ann file
    label: str
    start: int  # -1: a span in pieces, which one pair of brackets cannot mark
    end: int
    covered: str


@dataclass
class _Standoff:
    """What an `.ann` file says, by text-bound id; `problems` are its malformed lines."""

    rel: str
    length: int  # of the text, as read
    what: str  # the text, as messages name it
    spans: dict[str, _Span] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)  # labels of attributes
    events: dict[str, list[str]] = field(default_factory=dict)  # types of events, as read
    notes: dict[str, list[str]] = field(default_factory=dict)
    cues: set[str] = field(default_factory=set)  # triggers of events moved to their content
    raw_events: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def read(self, number: int, line: str) -> None:
        if not line.strip():
            return
        if line.startswith("T"):
            self._text_bound(number, line)
        elif match := _ATTRIBUTE.match(line):
            name, tid, value = match.groups()
            self.extra.setdefault(tid, []).append(value or name)
        elif match := _NOTE.match(line):
            self.notes.setdefault(match.group(1), []).append(match.group(2))
        elif match := _EVENT.match(line):
            kind, trigger, rest = match.groups()
            roles: dict[str, str] = {}
            for argument in rest.split():
                role, _, tid = argument.partition(":")
                roles.setdefault(role.rstrip("0123456789").lower(), tid)
            self.raw_events.append((kind, trigger, roles))

    def settle_events(self) -> None:
        """Each event's type onto the span it labels, once every text-bound line is read.

        Its trigger, unless the event attributes a Content to no Source, or to a vague
        one ("experts", "sources"): then its Content, the claim with no one named for
        it, and the trigger (the cue verb) is not marked. A vague Source is itself a
        vague attribution, whatever the Source label is mapped to.
        """
        for kind, trigger, roles in self.raw_events:
            content, source = roles.get(_CONTENT), roles.get(_SOURCE)
            vague = source is not None and source in self.spans and _vague(self.spans[source])
            if content is None or (source is not None and not vague):
                self.events.setdefault(trigger, []).append(kind)
                continue
            if vague and source is not None:
                self.events.setdefault(source, []).append(_VAGUE)
                self.events.setdefault(content, []).append(_VAGUE)
            self.events.setdefault(content, []).append(kind)
            self.cues.add(trigger)

    def _text_bound(self, number: int, line: str) -> None:
        match = _TEXT.match(line)
        if match is None:
            message = "not a brat text-bound line: 'T1<TAB>Label START END<TAB>text'"
            self.problems.append(Problem(self.rel, number, 1, "error", message))
            return
        tid, label, ranges, covered = match.groups()
        if ";" in ranges:
            self.spans[tid] = _Span(number, label, -1, -1, covered)
            return
        start, end = (offset(n) for n in ranges.split())
        wrong = bad_offsets(start, end, self.length, self.what)
        if wrong or start is None or end is None:
            col = len(tid) + len(label) + 3
            self.problems.append(Problem(self.rel, number, col, "error", wrong or ""))
            return
        self.spans[tid] = _Span(number, label, start, end, covered)


def read_brat(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    ann_path, ann_rel = _ann_file(paths, rels)
    article = read_article(paths[0], rels[0], title_needs_blank=True)
    standoff = _Standoff(ann_rel, len(article.source.raw), f"the text of {rels[0]}")
    for number, line in enumerate(Text(read_raw(ann_path, ann_rel)).text.split("\n"), 1):
        standoff.read(number, line)
    if standoff.problems:
        raise ContentError(standoff.problems)
    standoff.settle_events()
    imported = Imported(article)
    for tid, span in standoff.spans.items():
        if tid in standoff.cues and tid not in standoff.events:
            continue  # the event is marked on its content
        if span.start < 0:
            imported.annotations += 1
            imported.skipped.append(
                Problem(
                    ann_rel,
                    span.number,
                    1,
                    "warning",
                    f"left out {excerpt(tid)}: a span in pieces (START END;START END) "
                    "cannot be one pair of brackets",
                )
            )
            continue
        # Events' types first (a vague source's type first of all), then the attributes'.
        events = standoff.events.get(tid, [])[::-1]
        events.sort(key=lambda kind: kind != _VAGUE)
        extra = events + standoff.extra.get(tid, [])
        add_mark(
            imported,
            labels,
            (ann_rel, span.number, 1),
            [*extra[:1], span.label, *extra[1:]],
            span.covered,
            span.start,
            span.end,
            "\n".join(standoff.notes.get(tid, [])),
        )
    return [imported]


def _ann_file(paths: list[Path], rels: list[str]) -> tuple[Path, str]:
    """The `.ann` file: the second one given, else the one beside the text."""
    if len(paths) > 1:
        return paths[1], rels[1]
    path, rel = paths[0].with_suffix(".ann"), str(Path(rels[0]).with_suffix(".ann"))
    if not path.is_file():
        message = "no .ann file beside the text: give it as the second file"
        raise ContentError([Problem(rel, 1, 1, "error", message)])
    return path, rel


FORMAT = Format(
    "brat",
    ("TXT", "[ANN]"),
    "brat standoff: the text and its .ann file (by default the one beside it)",
    read_brat,
)
