"""Marks from W3C-style selectors, as Hypothesis and W3C Web Annotations give them."""

from __future__ import annotations

from dataclasses import replace

from ..errors import Problem
from .anchoring import Mark
from .articles import web_url
from .format import Imported
from .jsondoc import Json, integer, kind_of
from .labels import IGNORED, Labels, notes, sentence_around
from .limits import listing


def selectors(target: Json | None) -> list[Json]:
    """Every selector of an annotation's target (one target or a list of them)."""
    if target is None or target.value is None:
        return []
    targets = target.elements() if isinstance(target.value, list) else [target]
    found: list[Json] = []
    for one in targets:
        if isinstance(one.value, dict):
            found += _refined(one.objects("selector"))
        elif not isinstance(one.value, str):  # a string is the page's address alone
            raise one.fail(
                f"expected an object or an address for 'target', not {kind_of(one.value)}"
            )
    return found


_MAX_REFINED = 8  # selectors refined by selectors: how deep they are followed


def _refined(selectors: list[Json]) -> list[Json]:
    """Selectors with those they are `refinedBy` (a quote inside a fragment, say), outer first."""
    found: list[Json] = []
    for selector in selectors:
        level, depth = [selector], 0
        while level and depth < _MAX_REFINED:
            found += level
            level = [inner for outer in level for inner in outer.objects("refinedBy")]
            depth += 1
    return found


def mark_from_selectors(
    annotation: Json,
    selectors: list[Json],
    tags: list[str],
    note: str,
    labels: Labels,
    imported: Imported,
) -> None:
    """Add the mark an annotation's quote selector and tags give, or say why it is left out."""
    imported.annotations += 1
    quote = _selector(selectors, "TextQuoteSelector")
    if quote is None:
        reason = "it has no TextQuoteSelector, so it marks no words (a page note?)"
        imported.skipped.append(Problem(*annotation.position, "warning", f"left out: {reason}"))
        return
    exact = quote.get("exact")
    if exact is None or not isinstance(exact.value, str):
        raise quote.fail("a TextQuoteSelector needs an 'exact' text")
    prefix, suffix = quote.string("prefix") or "", quote.string("suffix") or ""
    around = sentence_around(
        f"{prefix}{exact.value}{suffix}", len(prefix), len(prefix) + len(exact.value)
    )
    meant = _meant(annotation, tags, labels, imported, around)
    if meant is None:
        return
    kind, type_id = meant
    why, neutral = notes(note)
    position = _selector(selectors, "TextPositionSelector")
    imported.marks.append(
        Mark(
            *annotation.position,
            ", ".join(tags),
            kind,
            type_id,
            exact.value,
            prefix=quote.string("prefix") or "",
            suffix=quote.string("suffix") or "",
            start=integer(position.get("start")) if position else None,
            end=integer(position.get("end")) if position else None,
            why=why,
            neutral=neutral,
        )
    )


def _selector(selectors: list[Json], kind: str) -> Json | None:
    return next((s for s in selectors if s.text("type") == kind), None)


def _meant(
    annotation: Json, tags: list[str], labels: Labels, imported: Imported, quote: str
) -> tuple[str, str | None] | None:
    """The kind and type the tags give; None, with a warning unless mapped to `ignore`, if none."""
    meant = labels.resolve(tags, quote)
    if meant == IGNORED:
        imported.annotations -= 1  # counted as read, but the map says it is not meant
        technique = labels.ignored_by_crosswalk(tags)
        if technique is not None:
            imported.ignore(technique, annotation.position)
        return None
    if meant is None:
        shown = listing(tags) or "none"
        advice = (
            "tag it loaded, unsourced or sourced, or map the tag with --map"
            if shown != "none"
            else "tag it loaded, unsourced or sourced, or give a kind for annotations with "
            "no tag: a line '\"*\": KIND[/TYPE]' in the --map file"
        )
        imported.skipped.append(
            Problem(
                *annotation.position,
                "warning",
                f"left out: no tag names a kind or type (tags: {shown}); {advice}",
            )
        )
    return meant


def fill_from(imported: Imported, document: Json | None, uri: str) -> None:
    """What the annotations know of the page, where the article did not say."""
    article = imported.article
    title = document.text("title") if document else ""
    if not article.title and title:
        article = replace(article, title=title)
    if not article.url and web_url(uri):
        article = replace(article, url=web_url(uri))
    imported.article = article
