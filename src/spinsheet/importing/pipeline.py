"""Import: another tool's files in, checked passages of `corpus/` out.

The stages: the format's reader (see `registry`) gives articles and marks;
`anchoring` places each mark by its quote and keeps spans that can nest;
`authoring` writes the Markdown; the passage checker reads the result back
exactly as `spinsheet check` will read it from the disk. Only when every
passage of the run is clean is anything written, each file atomically, and if
one cannot be written, those written before it are taken back.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..authoring import NewSpan, markdown_body, passage_document
from ..errors import ContentError, Problem, UsageError, WriteError
from ..model import KIND_KEYS, Passage, plural
from ..passages import LEFTOVER, load_passage, slug
from ..sources import SourceFile, decode_utf8
from ..syntax import scan
from ..taxonomy import Taxonomy, load_taxonomy
from ..writing import write_atomically
from .anchoring import Anchoring, Placed, without_crossings
from .articles import Article
from .format import Format, Imported
from .labels import Labels, known_meanings, means_something, read_map
from .limits import MAX_ID, excerpt, is_passage_id
from .paragraphs import AUTO, LINES, MODES, Lines, mode_for
from .registry import get

_PARAGRAPH_BREAK = re.compile(r"\n(?=[ \t]*\n)")  # where a blank line starts


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
    article: Article | None = field(default=None, repr=False)  # what it was made from

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
    paragraphs: str = AUTO  # where paragraphs end: `paragraphs.MODES`
    default_kind: str | None = None  # KIND[/TYPE] (or `ignore`) for annotations with no label


def run_import(root: Path, request: ImportRequest) -> list[Outcome]:
    """The whole import: read, place, check, suggest if asked, then write every passage.

    Raises `ImportUsageError` for an unknown format or the wrong number of
    files, and `ContentError` for what is wrong in them; then nothing is written.
    """
    get(request.format).check_count(sum(1 for p in request.sources if p is not None))
    taxonomy = load_taxonomy(root)
    outcomes = prepare_import(root, request, taxonomy)
    if request.suggest:
        outcomes = [_checked(_with_suggestions(o, taxonomy), taxonomy) for o in outcomes]
    _write_all(outcomes)
    return outcomes


def _with_suggestions(outcome: Outcome, taxonomy: Taxonomy) -> Outcome:
    from ..suggest.marking import mark_suggestions  # the suggester's rules load only when asked for

    text, found = mark_suggestions(outcome.path, outcome.rel, taxonomy, text=outcome.text)
    return replace(outcome, text=text, suggested=len(found))


def prepare_import(root: Path, request: ImportRequest, taxonomy: Taxonomy) -> list[Outcome]:
    """Read, place, write in memory and check every passage of the import; write nothing."""
    format = get(request.format)
    if request.paragraphs not in MODES:
        raise UsageError(
            f"--paragraphs '{excerpt(request.paragraphs)}' is not a reading; "
            f"expected one of: {', '.join(MODES)}"
        )
    given_id = _given_id(request)  # a mistyped --id first, before reading any file
    default = request.default_kind
    if default is not None and not means_something(default, taxonomy):
        raise UsageError(
            f"--default-kind '{excerpt(default)}' is not a kind, kind/type or 'ignore'; "
            f"expected one of: {known_meanings(taxonomy)}, ignore"
        )
    mapping = None
    if request.map_path is not None:
        mapping = read_map(request.map_path, request.map_rel or str(request.map_path), taxonomy)
    paths = [p for p in request.sources if p is not None]
    imports = format.read(paths, list(request.rels), Labels(taxonomy, mapping, default))
    base = given_id or _base_id(request, format, imports)
    outcomes, problems = [], []
    taken: set[str] = set()
    for imported in imports:
        passage_id = base if len(imports) == 1 else _document_id(base, imported.suffix, taken)
        try:
            outcomes.append(_passage(root, passage_id, imported, request, taxonomy))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    return outcomes


def _given_id(request: ImportRequest) -> str | None:
    """`--id`, if it names a file of `corpus/`: no path, no dot, not too long."""
    given = request.passage_id
    if given is None:
        return None
    if len(given) > MAX_ID:  # a mistyped command: exit 2
        raise UsageError(
            f"--id '{excerpt(given)}' is too long for a passage id: at most {MAX_ID} "
            "characters (it names the file corpus/ID.md)"
        )
    if not is_passage_id(given):
        raise UsageError(
            f"--id '{excerpt(given)}' is not a passage id: use letters, digits and "
            "hyphens, starting with a letter (it names the file corpus/ID.md)"
        )
    return given


def _base_id(request: ImportRequest, format: Format, imports: list[Imported]) -> str:
    """The passage id without `--id`: the name of the file that names the passage, or the title."""
    named = [p for p in request.sources if p is not None]
    if named:
        return _slug(named[format.names_passage].stem)
    title = imports[0].article.title if imports else None
    return _slug(title or "passage")


def _document_id(base: str, suffix: str, taken: set[str]) -> str:
    """The id of one of several passages of an export: the base id, then the document's own.

    The document's part is kept whole (up to 24 characters) however long the base;
    two documents that would still share an id (ids alike but for case or
    punctuation) are told apart by a number, so that neither replaces the other.
    """
    part = slug(suffix, 8)[:24].strip("-") or "document"
    head = slug(base, MAX_ID)[: MAX_ID - len(part) - 1].rstrip("-")
    passage_id = _slug(f"{head}-{part}" if head else part, MAX_ID)
    unique, number = passage_id, 1
    while unique.lower() in taken:
        number += 1
        unique = f"{passage_id[: MAX_ID - len(str(number)) - 1]}-{number}"
    taken.add(unique.lower())
    return unique


def _passage(
    root: Path, passage_id: str, imported: Imported, request: ImportRequest, taxonomy: Taxonomy
) -> Outcome:
    """One article as a passage, in memory, read back as `check` would read it."""
    article = imported.article
    if not is_passage_id(passage_id):  # made by `_slug` or checked as --id: never so
        message = f"cannot make a passage id of '{excerpt(passage_id)}': give one with --id"
        raise ContentError([Problem(article.rel, 1, 1, "error", message)])
    rel = f"corpus/{passage_id}.md"
    path = root / "corpus" / f"{passage_id}.md"
    if os.path.lexists(path) and not request.force:
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
    if not any(_prints(char) for char in article.body):
        body = article.body
        line, col = article.position(article.body_start + len(body) - len(body.lstrip()))
        message = (
            "there is no article text here: only invisible characters "
            "(zero-width spaces, controls), so the passage would print nothing"
        )
        raise ContentError([Problem(article.rel, line, col, "error", message)])
    lines = mode_for(article.body, request.paragraphs) == LINES
    kept, report = _placed(imported, request.partial, lines)
    report += [Problem(article.rel, 1, 1, "warning", warning) for warning in article.warnings]
    if lines and request.paragraphs == AUTO:
        report.append(
            Problem(
                article.rel,
                1,
                1,
                "warning",
                "no blank lines between its paragraphs: each line is read as a paragraph "
                "(--paragraphs blank-lines reads it as one)",
            )
        )
    in_title = [p for p in kept if p.start < article.body_start]
    kept = [p for p in kept if p.start >= article.body_start]
    title = article.title or passage_id
    if not article.title:
        report.append(Problem(rel, 3, 1, "warning", f"no title found: it is '{title}' for now"))
    elif in_title:  # marks on the title line: it is the passage's headline, with its spans
        title = _headline(article, in_title)
    elif any(scan(article.title)):  # a title with spans is read as the passage's headline
        title = passage_id
        report.append(
            Problem(
                rel,
                3,
                1,
                "warning",
                f"the title reads as spinsheet span syntax ([…]{{…}}), so it is '{title}' "
                "for now: set 'title' yourself",
            )
        )
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
    body = article.body
    if lines:
        as_lines = Lines(body)
        body = as_lines.text
        spans = [
            replace(s, start=as_lines.moved(s.start), end=as_lines.moved(s.end)) for s in spans
        ]
    text = passage_document(
        _front_matter(article, title),
        markdown_body(body, spans),
        f"Imported from {request.format}: {' '.join(request.rels)}",
    )
    text, passage = _as_checked(path, rel, text, taxonomy, article)
    counts = {kind: len(passage.spans_of(kind)) for kind in KIND_KEYS}
    return Outcome(path, rel, text, counts, imported.annotations, sorted(report), article=article)


def _checked(outcome: Outcome, taxonomy: Taxonomy) -> Outcome:
    """An outcome changed after `_passage` (suggestions marked), checked again."""
    assert outcome.article is not None  # `_passage` gives every outcome its article
    text, _ = _as_checked(outcome.path, outcome.rel, outcome.text, taxonomy, outcome.article)
    return replace(outcome, text=text)


def _as_checked(
    path: Path, rel: str, text: str, taxonomy: Taxonomy, article: Article
) -> tuple[str, Passage]:
    """The text to write and its passage, read as `check` will read the file; else an error.

    What `check` reads is the file's bytes: UTF-8 (a lone surrogate cannot be
    written), no NUL, line ends made `\\n`. A passage check would refuse, or
    could not read for its nesting, is an error about the article it came from.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        message = "it holds a lone UTF-16 surrogate (half a character), which a file cannot"
        raise ContentError([_unreadable(article, [Problem(rel, 1, 1, "error", message)])]) from None
    decoded = decode_utf8(data, rel)
    if isinstance(decoded, Problem):
        raise ContentError([_unreadable(article, [decoded])])
    as_read = decoded.replace("\r\n", "\n").replace("\r", "\n")
    try:
        passage, problems = load_passage(SourceFile(path, rel, as_read), taxonomy)
    except RecursionError:
        problems = [Problem(rel, 1, 1, "error", "nested too deeply to read (spans or YAML)")]
        passage = None
    except Exception as exc:  # the checker's own failure: check would fail on the file too
        problems = [Problem(rel, 1, 1, "error", f"the checker failed ({type(exc).__name__})")]
        passage = None
    if passage is None:
        raise ContentError([_unreadable(article, problems, as_read)])
    return as_read, passage


def _write_all(outcomes: list[Outcome]) -> None:
    """Write every passage, or, if one cannot be written, none: those written are taken back."""
    written: list[tuple[Outcome, bytes | None]] = []
    try:
        for outcome in outcomes:
            before = _contents(outcome.path)
            write_atomically(outcome.path, outcome.text.encode("utf-8"))
            written.append((outcome, before))
    except WriteError as exc:
        for done, before in reversed(written):
            with contextlib.suppress(OSError, WriteError):
                if before is None:
                    done.path.unlink()
                else:
                    write_atomically(done.path, before)
        failed = outcomes[len(written)]
        why = str(exc).rsplit(": error: ", 1)[-1]
        raise ContentError([Problem(failed.rel, 1, 1, "error", why)]) from None


def _contents(path: Path) -> bytes | None:
    """A file's bytes before an import replaces it (`--force`); None if there is none."""
    try:
        return path.read_bytes() if os.path.lexists(path) and not path.is_symlink() else None
    except OSError:
        return None


def _placed(
    imported: Imported, partial: bool, lines: bool = False
) -> tuple[list[Placed], list[Problem]]:
    """The marks placed on the article that can be brackets, and warnings for the others.

    Unless `partial`, a quote not found, or nothing placed at all, is an error.
    """
    if imported.unmatched is not None and not partial:
        raise ContentError([imported.unmatched])
    placed, not_found, report = _anchored(imported, lines)
    if imported.unmatched is not None:
        report.append(replace(imported.unmatched, severity="warning"))
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


def _anchored(
    imported: Imported, lines: bool = False
) -> tuple[list[Placed], list[Problem], list[Problem]]:
    """Each mark placed by its quote; the quotes not found; warnings about the rest."""
    article = imported.article
    report = [*imported.skipped, *imported.ignored_report()]
    placed: list[Placed] = []
    not_found = []
    anchoring, breaks = Anchoring(article), _Breaks(article.source.text, lines)
    for mark in imported.marks:
        where = anchoring.anchor(mark)
        if isinstance(where, Problem):
            not_found.append(where)
            continue
        reason = _unplaceable(breaks, article.body_start, where)
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


def _unreadable(article: Article, problems: list[Problem], text: str = "") -> Problem:
    """Why the passage made from an article would not read back, said about the article.

    The passage keeps the article's lines (brackets and escapes go inside them),
    so a problem on a line of its body is reported on that line of the article.
    """
    leftover = LEFTOVER.search(article.source.text)
    if leftover is not None:  # the one thing escaping cannot help: see `passages`
        line, col = article.position(leftover.start())
        return Problem(
            article.rel,
            line,
            col,
            "error",
            "this text looks like a spinsheet span with its answers, and a worksheet must "
            "never print one; reword it in the article",
        )
    first = next(p for p in problems if p.severity == "error")
    line, col = article.position(_article_offset(article, text, first.line))
    return Problem(
        article.rel,
        line,
        col,
        "error",
        f"the passage made from this would not pass check: {first.message} "
        f"(at {first.path}:{first.line}:{first.col}; please report this)",
    )


def _article_offset(article: Article, text: str, line: int) -> int:
    """Where in the article a line of the passage made from it starts (its title if before)."""
    fence = text.find("\n---\n")
    if fence < 0 or line <= text.count("\n", 0, fence) + 2:
        return 0  # the front matter: made of the title and what the page says
    body = article.body
    lines = line - text.count("\n", 0, fence) - 3  # the passage's body drops leading space
    lines += body[: len(body) - len(body.lstrip())].count("\n")
    offset = article.body_start
    for _ in range(lines):
        found = article.source.text.find("\n", offset)
        if found < 0:
            break
        offset = found + 1
    return offset


class _Breaks:
    """The paragraph breaks of a text, found once: is there one between two offsets?"""

    def __init__(self, text: str, lines: bool = False) -> None:
        if lines:  # one paragraph a line: every line break ends one
            self.starts = [m.start() for m in re.finditer("\n", text)]
            self.ends = [start + 1 for start in self.starts]
            return
        self.starts = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
        self.ends = [text.index("\n", start + 1) + 1 for start in self.starts]

    def within(self, start: int, end: int) -> bool:
        # Breaks that start later end later: the first to start in the span is the one to test.
        first = bisect_left(self.starts, start)
        return first < len(self.starts) and self.ends[first] <= end


def _headline(article: Article, marks: list[Placed]) -> str:
    """The title line with the marks on it as spans: the passage's headline (paragraph 0)."""
    line = article.source.text[: article.body_start - 1]
    lead = len(line) - len(line.lstrip())
    spans = [
        NewSpan.of(
            p.start - lead,
            p.end - lead,
            p.mark.kind,
            type=p.mark.type,
            why=p.mark.why,
            neutral=p.mark.neutral,
        )
        for p in marks
    ]
    return markdown_body(line.strip(), spans).rstrip("\n")


def _unplaceable(breaks: _Breaks, body_start: int, placed: Placed) -> str | None:
    if placed.start < body_start <= placed.end:
        return "it runs from the title into the article, and a span stays inside one of them"
    if breaks.within(placed.start, placed.end):
        return "it runs across a paragraph break, and a span stays inside one paragraph"
    return None


def _prints(char: str) -> bool:
    """Whether a character shows on the page: not a space, a control or a format character."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf", "Zs")


def _slug(text: str, words: int = 8) -> str:
    """A passage id from a name (its first `words` words): it starts with a letter, and fits."""
    name = slug(text, words) or "passage"
    passage_id = name if name[0].isalpha() else f"passage-{name}"
    return passage_id[:MAX_ID].rstrip("-")
