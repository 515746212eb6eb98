"""`html`: a saved web page, the article and its metadata taken out of the page furniture.

The page is UTF-8, or in the charset its `<meta charset>` declares (Latin-1, say).
"""

from __future__ import annotations

from pathlib import Path

from .articles import html_article, read_page
from .format import Format, Imported
from .labels import Labels


def read_html(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    return [Imported(html_article(read_page(paths[0], rels[0])[0], rels[0]))]


FORMAT = Format("html", ("PAGE",), "A saved web page: its article and metadata", read_html)
