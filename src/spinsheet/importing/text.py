"""`text`: a plain-text article, its first line the title; standard input when no file is given."""

from __future__ import annotations

from pathlib import Path

from ..sources import read_raw
from .articles import text_article
from .format import Format, Imported
from .labels import Labels


def read_text(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    return [Imported(text_article(read_raw(paths[0] if paths else None, rels[0]), rels[0]))]


FORMAT = Format(
    "text", ("[TEXT]",), "Plain text, its first line the title (none: standard input)", read_text
)
