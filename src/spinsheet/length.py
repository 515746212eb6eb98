"""How long a sheet takes: reading its passages as printed, then doing every item.

`check` warns when the estimate is more than the exercise's `minutes`. The minutes
per item are the catalogue's, per kind; the reading rate is one, stated below.
"""

from __future__ import annotations

import math
import re

from .catalogue import ACTIVITY_KINDS
from .errors import Problem
from .i18n import paragraphs_named
from .markup import analyse, numbered_blocks
from .model import FIND_KINDS, Activity, Passage, Span, plural
from .sources import Located


def span_problem(passage: Passage, span_id: str, excerpt: tuple[int, int] | None) -> str:
    """Why a pair cannot name `#span_id` of `passage`, or "": it is missing or not printed."""
    span = next((s for s in passage.spans if s.id == span_id), None)
    if span is None:
        return f"passage '{passage.id}' has no span '#{span_id}'"
    if excerpt is not None and not printed(span, excerpt):
        return (
            f"span '#{span_id}' is in paragraph {span.paragraph}, outside the excerpt of "
            f"'{passage.id}' the sheet prints ({paragraphs_named(excerpt)})"
        )
    return ""


_PARAGRAPH_NAMED = re.compile(r"\b(?:paragraphs?|¶)\s*(\d+)", re.IGNORECASE)


def references_outside(passage: Passage, excerpt: tuple[int, int], where: Located) -> list[Problem]:
    """Warnings for printed spans whose `why`, printed in the key, points a colleague to a
    paragraph the excerpt leaves out ("he disputes the label in paragraph 10")."""
    problems = []
    for span in passage.spans:
        named = [int(n) for n in _PARAGRAPH_NAMED.findall(span.why or "")]
        outside = [n for n in named if not excerpt[0] <= n <= excerpt[1]]
        if printed(span, excerpt) and outside:
            problems.append(
                where.problem(
                    f"the excerpt of '{passage.id}' ({paragraphs_named(excerpt)}) leaves out "
                    f"paragraph {outside[0]}, which the 'why' of span '#{span.id}' "
                    f"({passage.rel}:{span.line}) refers to: widen the excerpt, or say what "
                    "is meant without its number",
                    "warning",
                )
            )
    return problems


# Careful reading at 12-15: Hasbrouck & Tindal's oral reading fluency norms (2017) put the
# median reader of grades 6-8 at about 150 words a minute by spring. Silent reading for
# understanding is faster (about 200 in grade 8: Spichtig et al., Reading Research
# Quarterly, 2016), but reading opinion writing to weigh its words is study reading, and
# many readers of a class are below the median: 150 is the rate a lesson should plan for.
READING_WPM = 150


def too_long(
    minutes: int,
    where: Located,
    named: tuple[str, ...],
    activities: list[Activity | None],
    passages: dict[str, Passage],
    excerpts: dict[str, tuple[int, int]],
) -> list[Problem]:
    """A warning at `minutes` when reading the passages `named` as printed (the excerpt
    only, if any) and doing every item takes longer."""
    words = sum(_words(passages[pid], excerpts.get(pid)) for pid in named)
    reading = math.ceil(words / READING_WPM)
    doing = math.ceil(sum(_activity_minutes(a, passages, excerpts) for a in activities if a))
    if reading + doing <= minutes:
        return []
    return [
        where.problem(
            f"the sheet takes about {reading + doing} minutes (reading {words:,} words at "
            f"{READING_WPM} a minute, {plural(reading, 'minute')}; activities, "
            f"{plural(doing, 'minute')}), more "
            f"than its {minutes}: print an 'excerpt' of a passage, ask for fewer items with "
            "'count', or allow more 'minutes'",
            "warning",
        )
    ]


def _words(passage: Passage, excerpt: tuple[int, int] | None) -> int:
    """The words of the paragraphs a sheet prints of `passage`."""
    first, last = excerpt or (1, passage.paragraphs)
    return sum(
        len("".join(p for p in pieces if isinstance(p, str)).split())
        for number, pieces in numbered_blocks(analyse(passage.body))
        if first <= number <= last and number not in passage.omitted
    )


def _activity_minutes(
    activity: Activity, passages: dict[str, Passage], excerpts: dict[str, tuple[int, int]]
) -> float:
    """The catalogue's minutes per item times the items the activity prints."""
    kind = ACTIVITY_KINDS[activity.kind]
    if kind.draws is not None:
        eligible = len(kind.eligible(activity, passages[activity.passage]))
        items = min(activity.count or eligible, eligible)
    elif activity.pairs:
        items = len(activity.pairs)
    elif activity.other is not None:  # two passages by technique: a row per technique used
        items = len(
            {
                (s.kind, s.type)
                for pid in (activity.passage, activity.other)
                for s in passages[pid].spans
                if s.kind in FIND_KINDS and s.type and printed(s, excerpts.get(pid))
            }
        )
    else:  # one prompt
        items = 1
    return kind.minutes * items


def printed(span: Span, excerpt: tuple[int, int] | None) -> bool:
    """Whether a sheet with this excerpt of the span's passage prints the span (a headline's
    always)."""
    return excerpt is None or span.paragraph == 0 or excerpt[0] <= span.paragraph <= excerpt[1]
