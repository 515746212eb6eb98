"""`html`: a saved web page, the article and its metadata taken out of the page furniture."""

from __future__ import annotations

from pathlib import Path

from ..sources import read_raw
from .articles import html_article
from .format import Format, Imported
from .labels import Labels


def read_html(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    return [Imported(html_article(read_raw(paths[0], rels[0]), rels[0]))]


FORMAT = Format("html", ("PAGE",), "A saved web page: its article and metadata", read_html)
