"""`doccano`: doccano's JSONL or JSON export, one passage a document.

Spans come as `label: [[START, END, "LABEL"]]` (or `labels`), or as
`annotations` / `entities` with `start_offset`, `end_offset` and `label`.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import yaml

from ..errors import ContentError
from ..sources import Text, read_raw
from .articles import Article
from .format import Format, Imported
from .jsondoc import Json, integer, parse_json
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
    text = document.value.get("text") if isinstance(document.value, dict) else None
    if not isinstance(text, str):
        raise ContentError([document.problem("a doccano document needs its 'text'")])
    article = Article(document.rel, Text(text), 0, title=document.text("title") or None)
    imported = Imported(article, suffix=str(document.value.get("id", number)))
    for start, end, label in chain(_triples(document), _entries(document)):
        wrong = bad_offsets(integer(start), integer(end), len(text), "the document's text")
        if wrong:
            raise ContentError([start.problem(wrong)])
        add_mark(
            imported,
            labels,
            start.position,
            [str(label.value)],
            text[start.value : end.value],
            start.value,
            end.value,
            "",
        )
    return imported


def _triples(document: Json) -> Iterator[tuple[Json, Json, Json]]:
    """Spans written `[START, END, "LABEL"]` under `label` or `labels`."""
    for key in ("label", "labels"):
        entries = document.get(key)
        for entry in entries.elements() if entries and isinstance(entries.value, list) else []:
            if not (isinstance(entry.value, list) and len(entry.value) == 3):
                raise ContentError([entry.problem('expected [START, END, "LABEL"]')])
            parts = entry.elements() if isinstance(entry.node, yaml.SequenceNode) else []
            if len(parts) != 3:
                parts = [Json(v, entry.node, entry.rel) for v in entry.value]
            yield parts[0], parts[1], parts[2]


def _entries(document: Json) -> Iterator[tuple[Json, Json, Json]]:
    """Spans written as objects under `annotations` or `entities`."""
    for key in ("annotations", "entities"):
        entries = document.get(key)
        for entry in entries.elements() if entries else []:
            start, end, label = (
                entry.get("start_offset"),
                entry.get("end_offset"),
                entry.get("label"),
            )
            if start is None or end is None or label is None:
                raise ContentError(
                    [entry.problem("expected 'start_offset', 'end_offset' and 'label'")]
                )
            yield start, end, label


FORMAT = Format(
    "doccano",
    ("EXPORT",),
    "doccano JSONL or JSON export: a passage for each document",
    read_doccano,
)
