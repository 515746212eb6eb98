"""Import: another tool's files in, checked passages of `corpus/` out.

The stages: the format's reader (see `registry`) gives articles and marks;
`anchoring` places each mark by its quote and keeps spans that can nest;
`authoring` writes the Markdown; the passage parser reads the result back.
Only when every passage of the run is clean is anything written, each file
atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..authoring import NewSpan, markdown_body, passage_document, read_back
from ..errors import ContentError, Problem, SpinsheetError
from ..model import KIND_KEYS, plural
from ..passages import LEFTOVER, slug
from ..sources import line_col
from ..taxonomy import Taxonomy, load_taxonomy
from ..writing import write_atomically
from .anchoring import Anchoring, Placed, without_crossings
from .articles import Article
from .format import Format, Imported
from .labels import Labels, read_map
from .registry import get

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_GOOD_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass
class Outcome:
    """One passage an import makes: its file, its text, and what it reports."""

    path: Path
    rel: str
    text: str
    placed: dict[str, int]  # spans by kind
    marks: int  # annotations read
    report: list[Problem] = field(default_factory=list)  # warnings: what was left out, and why
    suggested: int = 0  # proposals of the suggester marked in it

    @property
    def summary(self) -> str:
        if not self.marks:
            return f"{self.rel}: written, with no annotations to place" + (
                f"; {plural(self.suggested, 'suggestion')} to review" if self.suggested else ""
            )
        total = sum(self.placed.values())
        kinds = ", ".join(f"{n} {kind}" for kind, n in self.placed.items() if n)
        summary = f"{self.rel}: placed {total} of {plural(self.marks, 'annotation')}"
        summary += f" ({kinds})" if kinds else ""
        if self.suggested:
            summary += f"; {plural(self.suggested, 'suggestion')} to review"
        return summary


@dataclass(frozen=True)
class ImportRequest:
    """What `spinsheet import` was asked."""

    format: str
    sources: tuple[Path | None, ...]  # None: standard input
    rels: tuple[str, ...]
    passage_id: str | None = None
    map_path: Path | None = None
    map_rel: str = ""  # the map's path as messages show it (default: `map_path`)
    partial: bool = False  # write what can be placed even if some quotes are not found
    force: bool = False  # replace passages that exist
    suggest: bool = False  # also mark the suggester's proposals in each passage


def run_import(root: Path, request: ImportRequest) -> list[Outcome]:
    """The whole import: read, place, check, suggest if asked, then write every passage.

    Raises `ImportUsageError` for an unknown format or the wrong number of
    files, and `ContentError` for what is wrong in them; then nothing is written.
    """
    get(request.format).check_count(sum(1 for p in request.sources if p is not None))
    taxonomy = load_taxonomy(root)
    outcomes = prepare_import(root, request, taxonomy)
    if request.suggest:
        outcomes = [_with_suggestions(o, taxonomy) for o in outcomes]
    for outcome in outcomes:
        write_atomically(outcome.path, outcome.text.encode())
    return outcomes


def _with_suggestions(outcome: Outcome, taxonomy: Taxonomy) -> Outcome:
    from ..suggest.marking import mark_suggestions  # the suggester's rules load only when asked for

    text, found = mark_suggestions(outcome.path, outcome.rel, taxonomy, text=outcome.text)
    return replace(outcome, text=text, suggested=len(found))


def prepare_import(root: Path, request: ImportRequest, taxonomy: Taxonomy) -> list[Outcome]:
    """Read, place, write in memory and check every passage of the import; write nothing."""
    format = get(request.format)
    mapping = None
    if request.map_path is not None:
        mapping = read_map(request.map_path, request.map_rel or str(request.map_path), taxonomy)
    paths = [p for p in request.sources if p is not None]
    imports = format.read(paths, list(request.rels), Labels(taxonomy, mapping))
    base = _base_id(request, format, imports)
    outcomes, problems = [], []
    for imported in imports:
        passage_id = base if len(imports) == 1 else _slug(f"{base}-{imported.suffix}")
        try:
            outcomes.append(_passage(root, passage_id, imported, request, taxonomy))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return outcomes


def _base_id(request: ImportRequest, format: Format, imports: list[Imported]) -> str:
    """The passage id: `--id`, else the name of the file that names the passage, else the title."""
    if request.passage_id is not None:
        if not _GOOD_ID.fullmatch(request.passage_id):
            raise SpinsheetError(
                f"--id '{request.passage_id}' is not a passage id: use letters, digits and "
                "hyphens, starting with a letter (it names the file corpus/ID.md)"
            )
        return request.passage_id
    named = [p for p in request.sources if p is not None]
    if named:
        return _slug(named[format.names_passage].stem)
    title = imports[0].article.title if imports else None
    return _slug(title or "passage")


def _passage(
    root: Path, passage_id: str, imported: Imported, request: ImportRequest, taxonomy: Taxonomy
) -> Outcome:
    """One article as a passage, in memory, read back as `check` would read it."""
    article = imported.article
    rel = f"corpus/{passage_id}.md"
    path = root / rel
    if path.exists() and not request.force:
        raise ContentError(
            [
                Problem(
                    rel,
                    1,
                    1,
                    "error",
                    "already exists: give another --id, or --force to replace it",
                )
            ]
        )
    if not article.body.strip():
        raise ContentError([Problem(article.rel, 1, 1, "error", "there is no article text here")])
    kept, report = _placed(imported, request.partial)
    title = article.title or passage_id
    if not article.title:
        report.append(Problem(rel, 3, 1, "warning", f"no title found: it is '{title}' for now"))
    spans = [
        NewSpan.of(
            p.start - article.body_start,
            p.end - article.body_start,
            p.mark.kind,
            type=p.mark.type,
            why=p.mark.why,
            neutral=p.mark.neutral,
        )
        for p in kept
    ]
    text = passage_document(
        _front_matter(article, title),
        markdown_body(article.body, spans),
        f"Imported from {request.format}: {' '.join(request.rels)}",
    )
    try:
        passage = read_back(path, rel, text, taxonomy)
    except ContentError as exc:
        raise ContentError([_unreadable(article, exc.problems)]) from None
    counts = {kind: len(passage.spans_of(kind)) for kind in KIND_KEYS}
    return Outcome(path, rel, text, counts, imported.annotations, sorted(report))


def _placed(imported: Imported, partial: bool) -> tuple[list[Placed], list[Problem]]:
    """The marks placed on the article that can be brackets, and warnings for the others.

    Unless `partial`, a quote not found, or nothing placed at all, is an error.
    """
    placed, not_found, report = _anchored(imported)
    if not_found and not partial:
        raise ContentError(not_found)
    report += [
        Problem(p.path, p.line, p.col, "warning", f"left out: {p.message}") for p in not_found
    ]
    if imported.annotations and not placed and not partial:
        raise ContentError(
            [
                *report,
                Problem(
                    imported.article.rel,
                    1,
                    1,
                    "error",
                    f"none of its {plural(imported.annotations, 'annotation')} could be placed "
                    "(see the warnings): map the labels with --map, or write the article "
                    "without them with --partial",
                ),
            ]
        )
    kept, crossing = without_crossings(placed)
    report += [p.mark.problem(f"left out {p.mark.shown}: {why}", "warning") for p, why in crossing]
    return kept, report


def _anchored(imported: Imported) -> tuple[list[Placed], list[Problem], list[Problem]]:
    """Each mark placed by its quote; the quotes not found; warnings about the rest."""
    article = imported.article
    report = list(imported.skipped)
    placed: list[Placed] = []
    not_found = []
    anchoring = Anchoring(article)
    for mark in imported.marks:
        where = anchoring.anchor(mark)
        if isinstance(where, Problem):
            not_found.append(where)
            continue
        reason = _unplaceable(article.source.text, article.body_start, where)
        if reason:
            report.append(mark.problem(f"left out {mark.shown}: {reason}", "warning"))
            continue
        if where.note:
            report.append(mark.problem(where.note, "warning"))
        placed.append(where)
    return placed, not_found, report


def _front_matter(article: Article, title: str) -> dict[str, object]:
    return {
        "title": title,
        "author": article.author,
        "outlet": article.outlet,
        "published": article.published,
        "url": article.url,
        "genre": "news",
    }


def _unreadable(article: Article, problems: list[Problem]) -> Problem:
    """Why the passage made from an article would not read back, said about the article."""
    leftover = LEFTOVER.search(article.source.text)
    if leftover is not None:  # the one thing escaping cannot help: see `passages`
        line, col = line_col(article.source.text, leftover.start())
        return Problem(
            article.rel,
            line,
            col,
            "error",
            "this text looks like a spinsheet span with its answers, and a worksheet must "
            "never print one; reword it in the article",
        )
    first = next(p for p in problems if p.severity == "error")
    return Problem(
        article.rel,
        1,
        1,
        "error",
        f"the passage made from this would not read back: {first.message} (please report this)",
    )


def _unplaceable(text: str, body_start: int, placed: Placed) -> str | None:
    if placed.start < body_start:
        return "it is in the title, which goes to the front matter, not the passage"
    if _PARAGRAPH_BREAK.search(text, placed.start, placed.end):
        return "it runs across a paragraph break, and a span stays inside one paragraph"
    return None


def _slug(text: str) -> str:
    """A passage id from a name: it must start with a letter."""
    words = slug(text, 8) or "passage"
    return words if words[0].isalpha() else f"passage-{words}"
