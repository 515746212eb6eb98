"""Marks from spans with offsets, as brat, PTC, Label Studio and doccano give them."""

from __future__ import annotations

from ..errors import Problem
from .anchoring import Mark, shown
from .format import Imported
from .jsondoc import Where
from .labels import IGNORED, Labels, notes, sentence_around
from .limits import MAX_OFFSET_DIGITS, listing


def bad_offsets(start: int | None, end: int | None, length: int, what: str) -> str | None:
    """What is wrong with a span's offsets, if anything."""
    if start is None or end is None:
        return (
            f"expected whole-number start and end offsets (of at most {MAX_OFFSET_DIGITS} digits)"
        )
    if start >= end:
        return f"offsets {start}-{end} are not a span: the start must come before the end"
    if start < 0 or end > length:
        return f"offsets {start}-{end} are outside {what} ({length} characters)"
    return None


def add_mark(
    imported: Imported,
    labels: Labels,
    where: Where,
    tags: list[str],
    quote: str,
    start: int | None,
    end: int | None,
    note: str,
) -> None:
    """Add the mark a span's labels give it, or say why it is left out; `ignore` counts nothing."""
    raw = imported.article.source.raw
    # An appeal to authority is judged with its sentence: "…," WHO's chief told reporters.
    context = quote
    if start is not None and end is not None and raw[start:end] == quote:
        context = sentence_around(raw, start, end)
    meant = labels.resolve(tags, context)
    imported.annotations += meant != IGNORED
    if meant == IGNORED:
        technique = labels.ignored_by_crosswalk(tags)
        if technique is not None:
            imported.ignore(technique, where)
        return
    if meant is None:
        imported.skipped.append(
            Problem(
                *where,
                "warning",
                f"left out {shown(quote)}: no kind for label {listing(tags)}; map it with --map",
            )
        )
        return
    kind, type_id = meant
    why, neutral = notes(note)
    imported.marks.append(
        Mark(
            *where,
            tags[0],
            kind,
            type_id,
            quote,
            start=start,
            end=end,
            why=why,
            neutral=neutral,
        )
    )
