"""`ptc`: SemEval-2020 Task 11 (the Propaganda Techniques Corpus): an article and a labels file.

The labels file holds rows for many articles, `ID<TAB>TECHNIQUE<TAB>START<TAB>END`
(or without the technique, in the span-identification file); the article's
name, `article<ID>.txt`, says which rows are its.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ContentError, Problem
from ..sources import Text, read_raw
from .articles import read_article
from .format import Format, Imported
from .labels import Labels
from .limits import excerpt, offset
from .marks import add_mark, bad_offsets

_NUMBER = re.compile(r"[0-9]+")  # not `str.isdigit`, which "²" passes
_NAME = re.compile(r"article([0-9]+)")  # ASCII digits: `\d` takes any script's
# A row of a labels file, with or without its technique.
_ROW = re.compile(r"[0-9]+\t(?:[^\t\n]*\t)?[0-9]+\t[0-9]+[ \t]*")
_ORDER = "give the article<ID>.txt first, then the labels file"


def read_ptc(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    article_raw = read_raw(paths[0], rels[0])
    if _first_row(article_raw):
        message = (
            "this is a labels table (ID<TAB>TECHNIQUE<TAB>START<TAB>END), not an article: " + _ORDER
        )
        raise ContentError([Problem(rels[0], 1, 1, "error", message)])
    table = Text(read_raw(paths[1], rels[1])).text
    first = next(((n, line) for n, line in enumerate(table.split("\n"), 1) if line.strip()), None)
    if first is not None and "\t" not in first[1]:  # prose: no row has fewer than two tabs
        message = (
            "expected rows 'ID<TAB>TECHNIQUE<TAB>START<TAB>END': is this the article? " + _ORDER
        )
        raise ContentError([Problem(rels[1], first[0], 1, "error", message)])
    article_id = _article_id(paths[0], rels[0])
    article = read_article(paths[0], rels[0], title_needs_blank=True)
    raw = article.source.raw
    imported = Imported(article)
    problems = []
    rows = 0
    for number, line in enumerate(table.split("\n"), 1):
        cells = line.split("\t")
        if not line.strip() or cells[0] != article_id:
            continue
        rows += 1
        span = _span(rels[1], number, cells, len(raw), f"the text of {rels[0]}")
        if isinstance(span, Problem):
            problems.append(span)
            continue
        technique, start, end = span
        add_mark(
            imported, labels, (rels[1], number, 1), [technique], raw[start:end], start, end, ""
        )
    if problems:
        raise ContentError(problems)
    if not rows:  # a wrong labels file, or an article with no technique: --partial says which
        message = (
            f"no rows for article {excerpt(article_id)} (from the name {rels[0]}) in this file: "
            "is it the labels file of another set of articles? (--partial writes an article "
            "with no techniques)"
        )
        imported.unmatched = Problem(rels[1], 1, 1, "error", message)
    return [imported]


def _first_row(text: str) -> bool:
    """Whether a text's first line that is not blank is a row of a labels file."""
    line = next((line for line in text.removeprefix("\ufeff").splitlines() if line.strip()), "")
    return bool(_ROW.fullmatch(line.rstrip("\r")))


def _article_id(path: Path, rel: str) -> str:
    name = _NAME.search(path.name)
    if name is None:
        message = (
            "cannot tell the article id from the file name: PTC articles are named article<ID>.txt"
        )
        raise ContentError([Problem(rel, 1, 1, "error", message)])
    return name.group(1)


def _span(
    rel: str, number: int, cells: list[str], length: int, what: str
) -> tuple[str, int, int] | Problem:
    """A row's technique and offsets, or what is wrong with it."""
    if len(cells) == 3:  # the span-identification file: no technique
        cells = [cells[0], "propaganda", cells[1], cells[2]]
    if len(cells) != 4 or not (_NUMBER.fullmatch(cells[2]) and _NUMBER.fullmatch(cells[3])):
        return Problem(rel, number, 1, "error", "expected 'ID<TAB>TECHNIQUE<TAB>START<TAB>END'")
    start, end = offset(cells[2]), offset(cells[3])
    wrong = bad_offsets(start, end, length, what)
    if wrong or start is None or end is None:
        return Problem(rel, number, len(cells[0]) + len(cells[1]) + 3, "error", wrong or "")
    return cells[1], start, end


FORMAT = Format(
    "ptc",
    ("ARTICLE", "LABELS"),
    "SemEval-2020 Task 11 (PTC): article<ID>.txt and a labels file",
    read_ptc,
)
