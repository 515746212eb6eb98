"""`w3c`: W3C Web Annotations (one, a list, a collection or a page) and the annotated article."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError
from .articles import read_article
from .format import Format, Imported
from .jsondoc import Json, kind_of, read_json
from .labels import Labels
from .selectors import fill_from, mark_from_selectors, selectors


def read_w3c(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    doc = read_json(paths[0], rels[0])
    imported = Imported(read_article(paths[1], rels[1]))
    annotations = [a for a in _items(doc).elements() if a.get("target") is not None]
    if not annotations:
        raise ContentError(
            [doc.problem("no annotations found: expected W3C Web Annotations with a 'target'")]
        )
    for annotation in annotations:
        tags, comments = _bodies(annotation.get("body"), _tagging(annotation))
        target = annotation.get("target")
        mark_from_selectors(
            annotation, selectors(target), tags, "\n".join(comments), labels, imported
        )
        source = target.get("source") if target is not None else None
        fill_from(imported, None, source.value if source and isinstance(source.value, str) else "")
    return [imported]


def _items(doc: Json) -> Json:
    """The annotations of an AnnotationCollection or AnnotationPage, else the document."""
    collection = doc.get("items")
    if collection is not None:
        return collection
    page = doc.get("first")
    if page is not None:
        return page.get("items") or page
    return doc


def _tagging(annotation: Json) -> bool:
    """Whether the annotation's motivation is `tagging` (or `oa:tagging`): its bodies are tags."""
    motivation = annotation.get("motivation")
    values = motivation.value if motivation is not None else None
    listed = values if isinstance(values, list) else [values]
    return any(isinstance(v, str) and v.removeprefix("oa:") == "tagging" for v in listed)


def _bodies(body: Json | None, tagging: bool = False) -> tuple[list[str], list[str]]:
    """An annotation's tags (`tagging` bodies) and its comments (the other bodies).

    With the annotation's motivation `tagging`, a body with no purpose of its own is a tag.
    """
    if body is None or body.value is None:
        return [], []
    if isinstance(body.value, str):
        return ([body.value.strip()], []) if tagging else ([], [body.value])
    if not isinstance(body.value, list | dict):
        raise body.fail(
            f"expected an object, a list or a text for 'body', not {kind_of(body.value)}"
        )
    tags, comments = [], []
    for part in body.elements():
        if isinstance(part.value, str):  # the address of a body: nothing to read
            continue
        if not isinstance(part.value, dict):
            raise part.fail(f"expected an object in 'body', not {kind_of(part.value)}")
        value = (part.string("value") or "").strip()
        purpose = part.text("purpose").removeprefix("oa:")
        if purpose == "tagging" or (tagging and not purpose and value):
            tags.append(value)
        elif value:
            comments.append(value)
    return tags, comments


FORMAT = Format(
    "w3c",
    ("EXPORT", "ARTICLE"),
    "W3C Web Annotations (JSON-LD) and the article (text or saved page)",
    read_w3c,
    names_passage=1,
)
