"""`hypothesis`: the Hypothesis client's JSON export, or the API's, and the annotated article."""

from __future__ import annotations

from pathlib import Path

from .articles import read_article
from .format import Format, Imported
from .jsondoc import Json, kind_of, read_json
from .labels import Labels
from .selectors import fill_from, mark_from_selectors, selectors


def read_hypothesis(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    doc = read_json(paths[0], rels[0])
    imported = Imported(read_article(paths[1], rels[1]))
    for annotation in _annotations(doc):
        replies_to = annotation.get("references")
        if replies_to is not None and replies_to.value:
            continue  # a reply in a discussion, not a mark on the text
        mark_from_selectors(
            annotation,
            selectors(annotation.get("target")),
            annotation.strings("tags"),
            annotation.string("text") or "",
            labels,
            imported,
        )
        fill_from(imported, annotation.get("document"), annotation.text("uri"))
    return [imported]


def _annotations(doc: Json) -> list[Json]:
    """The client export's `annotations`, the API's `rows`, or else the document itself."""
    key = next((key for key in ("annotations", "rows") if doc.get(key) is not None), None)
    annotations = doc.listed(key) if key is not None else doc.elements()
    if not annotations:
        raise doc.fail(
            "no annotations found: expected the Hypothesis "
            "export's 'annotations' list, or the API's 'rows'"
        )
    for annotation in annotations:
        if not isinstance(annotation.value, dict):
            raise annotation.fail(
                f"expected an annotation (an object), not {kind_of(annotation.value)}"
            )
    return annotations


FORMAT = Format(
    "hypothesis",
    ("EXPORT", "ARTICLE"),
    "Hypothesis JSON export and the article (text or saved page)",
    read_hypothesis,
    names_passage=1,
)
