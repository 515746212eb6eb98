"""`label-studio`: Label Studio's JSON export, one passage a task.

A task's first annotation that was not cancelled is read: its `labels` results
are the spans; a per-region text area gives `why`, and per-region choices or
taxonomy picks add labels.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem
from ..sources import Text
from .articles import Article, web_url
from .format import Format, Imported
from .jsondoc import Json, integer, read_json
from .labels import Labels
from .marks import add_mark, bad_offsets


def read_label_studio(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    doc = read_json(paths[0], rels[0])
    found: list[Imported] = []
    for task in doc.elements():
        found.append(_task(task, len(found) + 1, labels))
    if not found:
        raise ContentError(
            [
                doc.problem(
                    "no tasks found: expected Label Studio's JSON export, "
                    "a list of tasks with 'data' and 'annotations'"
                )
            ]
        )
    return found


def _task(task: Json, number: int, labels: Labels) -> Imported:
    """One task as an article, with the marks of its first annotation not cancelled."""
    data = task.get("data")
    text = _task_text(task, data)
    assert data is not None  # `_task_text` said so
    title, url = data.text("title") or None, web_url(data.text("url"))
    article = Article(task.rel, Text(text), 0, title=title, url=url)
    imported = Imported(article, suffix=str(task.value.get("id", number)))
    annotations = [
        a
        for a in _listed(task.get("annotations") or task.get("completions"))
        if not a.value.get("was_cancelled")
    ]
    if not annotations:
        imported.skipped.append(
            Problem(*task.position, "warning", "left out: this task has no annotations")
        )
    for annotation in annotations[:1]:
        _label_results(_listed(annotation.get("result")), text, labels, imported)
    return imported


def _listed(doc: Json | None) -> list[Json]:
    return doc.elements() if doc is not None else []


def _task_text(task: Json, data: Json | None) -> str:
    if data is None or not isinstance(data.value, dict):
        raise ContentError([task.problem("this task has no 'data' with the text")])
    if isinstance(data.value.get("text"), str):
        return str(data.value["text"])
    texts = [v for v in data.value.values() if isinstance(v, str) and len(v) > 80]
    if len(texts) != 1:
        raise ContentError(
            [data.problem("cannot tell which field of 'data' holds the text; name it 'text'")]
        )
    return texts[0]


def _per_region(results: list[Json]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """By region id: the notes of text areas, and the labels that choices and taxonomies add."""
    notes_of: dict[str, list[str]] = {}
    extra: dict[str, list[str]] = {}
    for result in results:
        value = result.get("value")
        rid = str(result.value.get("id", ""))
        if value is None:
            continue
        if isinstance(value.value.get("text"), list):  # a per-region text area
            notes_of.setdefault(rid, []).extend(str(t) for t in value.value["text"])
        for key in ("choices", "taxonomy"):
            if isinstance(value.value.get(key), list) and result.text("type") != "labels":
                extra.setdefault(rid, []).extend(str(c) for c in value.value[key])
    return notes_of, extra


def _label_results(results: list[Json], text: str, labels: Labels, imported: Imported) -> None:
    """A mark for each `labels` result, with its region's notes and added labels."""
    notes_of, extra = _per_region(results)
    for result in results:
        value = result.get("value")
        if value is None or not isinstance(value.value.get("labels"), list):
            continue
        start, end = _offsets(value, len(text))
        quote = value.value.get("text")
        quote = quote if isinstance(quote, str) and quote.strip() else text[start:end]
        rid = str(result.value.get("id", ""))
        tags = [str(label) for label in value.value["labels"]] + extra.get(rid, [])
        note = "\n".join(notes_of.get(rid, []))
        add_mark(imported, labels, result.position, tags, quote, start, end, note)


def _offsets(value: Json, length: int) -> tuple[int, int]:
    start, end = integer(value.get("start")), integer(value.get("end"))
    wrong = bad_offsets(start, end, length, "the task's text")
    if wrong or start is None or end is None:
        raise ContentError([value.problem(wrong or "")])
    return start, end


FORMAT = Format(
    "label-studio",
    ("EXPORT",),
    "Label Studio JSON export: a passage for each task",
    read_label_studio,
)
