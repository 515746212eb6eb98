"""`doccano`: doccano's JSONL or JSON export, one passage a document.

The text is `text` (or `data`, in older exports). Spans come as
`label: [[START, END, "LABEL"]]` (or `labels`, or `entities` in the same
shape), or as `annotations` / `entities` objects with `start_offset`,
`end_offset` and `label`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from ..sources import Text, read_raw
from .articles import Article
from .format import Format, Imported
from .jsondoc import Json, integer, kind_of, parse_json
from .labels import Labels
from .marks import add_mark, bad_offsets


def read_doccano(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    documents = _documents(Text(read_raw(paths[0], rels[0])).text, rels[0])
    return [_document(document, number, labels) for number, document in enumerate(documents, 1)]


def _documents(raw: str, rel: str) -> list[Json]:
    """The documents of a JSON list, or of JSONL, one a line."""
    if raw.lstrip().startswith("["):
        return parse_json(raw, rel).elements()
    return [
        parse_json(line, rel, number - 1)
        for number, line in enumerate(raw.split("\n"), 1)
        if line.strip()
    ]


def _document(document: Json, number: int, labels: Labels) -> Imported:
    fields = document.value if isinstance(document.value, dict) else {}
    # Current exports write `text`; older ones, and some projects, `data`.
    key = next((k for k in ("text", "data") if isinstance(fields.get(k), str)), None)
    if key is None:
        raise document.fail("a doccano document needs its 'text' (or 'data')")
    text = fields[key]
    written_at = document.get(key)
    assert written_at is not None  # a string, said above
    title = document.text("title") or None
    article = Article(document.rel, Text(text), 0, title=title, written_at=written_at.position[1:])
    imported = Imported(article, suffix=document.name("id", str(number)))
    for start, end, label in chain(_triples(document), _entries(document)):
        first, last = integer(start), integer(end)
        wrong = bad_offsets(first, last, len(text), "the document's text")
        if wrong or first is None or last is None:
            raise start.fail(wrong or "")
        tag = label.label("the label")
        add_mark(imported, labels, start.position, [tag], text[first:last], first, last, "")
    return imported


def _triples(document: Json) -> Iterator[tuple[Json, Json, Json]]:
    """Spans written `[START, END, "LABEL"]` under `label` or `labels`."""
    for key in ("label", "labels"):
        for entry in document.listed(key):
            if not (isinstance(entry.value, list) and len(entry.value) == 3):
                raise entry.fail('expected [START, END, "LABEL"]')
            start, end, label = entry.elements()
            yield start, end, label


def _entries(document: Json) -> Iterator[tuple[Json, Json, Json]]:
    """Spans written as objects under `annotations` or `entities` (or `[S, E, "L"]` there)."""
    for key in ("annotations", "entities"):
        for entry in document.listed(key):
            if isinstance(entry.value, list):  # `"entities": [[START, END, "LABEL"]]`
                if len(entry.value) != 3:
                    raise entry.fail('expected [START, END, "LABEL"]')
                yield entry.elements()[0], entry.elements()[1], entry.elements()[2]
                continue
            if not isinstance(entry.value, dict):
                raise entry.fail(f"expected an object in '{key}', not {kind_of(entry.value)}")
            first, last, named = (
                entry.get("start_offset"),
                entry.get("end_offset"),
                entry.get("label"),
            )
            if first is None or last is None or named is None:
                raise entry.fail("expected 'start_offset', 'end_offset' and 'label'")
            yield first, last, named


FORMAT = Format(
    "doccano",
    ("EXPORT",),
    "doccano JSONL or JSON export: a passage for each document",
    read_doccano,
)
