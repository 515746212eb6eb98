"""`label-studio`: Label Studio's JSON export, one passage a task.

A task's first annotation that was not cancelled is read: its `labels` results
are the spans; a per-region text area gives `why`, and per-region choices or
taxonomy picks add labels. The text is `data.text` (or the one long text of
`data`, or `data` itself when it is a string); regions of an image
(`rectanglelabels`, `polygonlabels`…) are counted in a warning and left out.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem
from ..sources import Text
from .articles import Article, web_url
from .format import Format, Imported
from .jsondoc import Json, integer, kind_of, read_json
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
    text, where = _task_text(task, data)
    assert data is not None  # `_task_text` said so
    title, url = (
        (data.text("title") or None, web_url(data.text("url")))
        if isinstance(data.value, dict)
        else (None, None)
    )
    article = Article(task.rel, Text(text), 0, title=title, url=url, written_at=where)
    imported = Imported(article, suffix=task.name("id", str(number)))
    key = "annotations" if task.get("annotations") is not None else "completions"
    annotations = [a for a in task.objects(key) if not a.value.get("was_cancelled")]
    if not annotations:
        imported.skipped.append(
            Problem(*task.position, "warning", "left out: this task has no annotations")
        )
    for annotation in annotations[:1]:
        _label_results(annotation.objects("result"), text, labels, imported)
    return imported


def _task_text(task: Json, data: Json | None) -> tuple[str, tuple[int, int]]:
    """The task's text, and the line and column it is written at."""
    if data is not None and isinstance(data.value, str):  # `"data": "the text"`
        return data.value, data.position[1:]
    if data is None or not isinstance(data.value, dict):
        raise task.fail("this task has no 'data' with the text")
    named = data.get("text")
    if named is not None and isinstance(named.value, str):
        return named.value, named.position[1:]
    texts = [v for k in data.value if (v := data.get(k)) and _long_text(v)]
    if len(texts) != 1:
        raise data.fail("cannot tell which field of 'data' holds the text; name it 'text'")
    return texts[0].value, texts[0].position[1:]


def _long_text(value: Json) -> bool:
    return isinstance(value.value, str) and len(value.value) > 80


def _value(result: Json) -> Json | None:
    """A result's `value`: an object, if it has one."""
    value = result.get("value")
    if value is None or value.value is None:
        return None
    if not isinstance(value.value, dict):
        raise value.fail(f"expected an object for 'value', not {kind_of(value.value)}")
    return value


def _region(result: Json) -> str:
    """The region a result is about: results of one region share their `id`."""
    return result.name("id", "")


def _per_region(results: list[Json]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """By region id: the notes of text areas, and the labels that choices and taxonomies add."""
    notes_of: dict[str, list[str]] = {}
    extra: dict[str, list[str]] = {}
    for result in results:
        value = _value(result)
        if value is None:
            continue
        rid = _region(result)
        if isinstance(value.value.get("text"), list):  # a per-region text area
            notes_of.setdefault(rid, []).extend(value.strings("text"))
        if result.text("type") == "labels":
            continue
        extra.setdefault(rid, []).extend(value.strings("choices"))
        for path in value.listed("taxonomy"):  # each pick is a path: ["Loaded", "Emotive"]
            if isinstance(path.value, str):
                extra[rid].append(path.value)
            elif isinstance(path.value, list) and all(isinstance(p, str) for p in path.value):
                extra[rid].extend(path.value)
            else:
                raise path.fail(
                    f"expected a taxonomy pick as a list of strings, not {kind_of(path.value)}"
                )
    return notes_of, extra


def _label_results(results: list[Json], text: str, labels: Labels, imported: Imported) -> None:
    """A mark for each `labels` result, with its region's notes and added labels."""
    notes_of, extra = _per_region(results)
    regions: list[Json] = []  # image regions (a rectangle, a polygon…): nothing in the text
    for result in results:
        value = _value(result)
        if value is not None and value.get("labels") is None and _on_an_image(result, value):
            regions.append(result)
        if value is None or value.get("labels") is None:
            continue
        start, end = _offsets(value, len(text))
        quote = value.string("text")
        quote = quote if quote is not None and quote.strip() else text[start:end]
        rid = _region(result)
        tags = value.strings("labels") + extra.get(rid, [])
        note = "\n".join(notes_of.get(rid, []))
        add_mark(imported, labels, result.position, tags, quote, start, end, note)
    if regions:
        kinds = sorted({r.text("type") or "image region" for r in regions})
        count = len(regions)
        imported.skipped.append(
            Problem(
                *regions[0].position,
                "warning",
                f"left out {count} image region{'' if count == 1 else 's'} "
                f"({', '.join(kinds)}): only spans of the text are read",
            )
        )


_IMAGE_KEYS = ("x", "y", "points", "width", "keypointlabels")


def _on_an_image(result: Json, value: Json) -> bool:
    """A result marking part of an image: `rectanglelabels`, `polygonlabels`, or x/y/points."""
    kind = result.text("type")
    image = kind.endswith("labels") and kind not in ("labels", "hypertextlabels")
    return image or any(key in value.value for key in _IMAGE_KEYS)


def _offsets(value: Json, length: int) -> tuple[int, int]:
    start, end = integer(value.get("start")), integer(value.get("end"))
    wrong = bad_offsets(start, end, length, "the task's text")
    if wrong or start is None or end is None:
        raise value.fail(wrong or "")
    return start, end


FORMAT = Format(
    "label-studio",
    ("EXPORT",),
    "Label Studio JSON export: a passage for each task",
    read_label_studio,
)
