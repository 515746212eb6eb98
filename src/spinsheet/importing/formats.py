"""Readers for other tools' annotations: each turns its files into articles and marks.

A reader only reads: it says what each annotation quotes, where it claims to be,
and which labels it carries. Placing marks on the text is `anchoring`'s job,
and choosing a kind for a label is `Labels`'s. Every problem names the file,
line and column of the annotation it is about.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Problem
from ..sources import Text, read_raw
from ..taxonomy import Taxonomy
from .anchoring import Mark, shown
from .articles import Article, html_article, read_article, text_article, web_url

FORMATS = ("text", "html", "hypothesis", "w3c", "brat", "ptc", "label-studio", "doccano")
IGNORE = "ignore"
IGNORED = (IGNORE, None)  # what `Labels.resolve` gives for a label mapped to `ignore`
Where = tuple[str, int, int]  # path, line and column of an annotation
# "Neutral: …", also as "**Neutral:** …", at the start of a line or after a sentence.
_NEUTRAL = re.compile(r"(?:^|(?<=\s))[*_]{0,2}neutral[*_]{0,2}\s*:[*_]{0,2}\s*(.*?)\s*$", re.I)


@dataclass
class Imported:
    """One article to write as a passage, the marks read for it, and what was left aside."""

    article: Article
    marks: list[Mark] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # warnings: annotations not taken
    suffix: str = ""  # tells passages apart when one export holds several documents
    annotations: int = 0  # annotations read for it that are not mapped to `ignore`


# Labels: which kind (and type) a foreign label means.


class Labels:
    """Foreign labels to kinds and types: the `--map` file first, then the taxonomy's names."""

    def __init__(self, taxonomy: Taxonomy, mapping: dict[str, str] | None = None) -> None:
        self.taxonomy = taxonomy
        self.mapping = {_fold(k): v for k, v in (mapping or {}).items()}
        self.known: dict[str, str] = {}
        for kind in taxonomy.kinds.values():
            self.known[_fold(kind.id)] = kind.id
            for span_type in kind.types.values():
                self.known[f"{kind.id}/{span_type.id}"] = f"{kind.id}/{span_type.id}"
                for name in (span_type.id, span_type.name):
                    self.known.setdefault(_fold(name), f"{kind.id}/{span_type.id}")
                for technique in span_type.semeval:  # the first type listing it wins
                    self.known.setdefault(_fold(technique), f"{kind.id}/{span_type.id}")

    def resolve(self, labels: list[str]) -> tuple[str, str | None] | None:
        """`(kind, type)`, `IGNORED` when the map says so, or None when no label is known.

        A kind from one label and a type from another combine (tags `loaded`,
        `exaggeration`); a label that names a type is preferred to one naming a kind.
        """
        found = [self.mapping.get(_fold(label)) or self.known.get(_fold(label)) for label in labels]
        if found and all(f == IGNORE for f in found if f):
            return IGNORED if any(found) else None
        meant = [f for f in found if f and f != IGNORE]
        typed = [m for m in meant if "/" in m]
        if typed:
            kind, type_id = typed[0].split("/", 1)
            return kind, type_id
        return (meant[0], None) if meant else None


def _fold(label: str) -> str:
    return re.sub(r"[\s_]+", "-", label.strip().lower())


def read_map(path: Path, rel: str, taxonomy: Taxonomy) -> dict[str, str]:
    """A `--map` file: YAML, each foreign label mapped to `kind`, `kind/type` or `ignore`."""
    from ..sources import SourceFile, load_yaml

    source = SourceFile(path, rel, Text(read_raw(path, rel)).text)
    doc = load_yaml(source, source.text)
    if isinstance(doc, Problem):
        raise ContentError([doc])
    problems = list(doc.problems)
    if not isinstance(doc.value, dict):
        raise ContentError([doc.problem("a label map is a mapping: `Foreign label: kind/type`")])
    mapping = {}
    for label, _, value in doc.items():
        meant = str(value.value).strip() if value.value is not None else ""
        kind, _, type_id = meant.partition("/")
        if meant == IGNORE or (
            kind in taxonomy.kinds and (not type_id or taxonomy.type_of(kind, type_id))
        ):
            mapping[label] = meant
            continue
        known = ", ".join(
            [
                *taxonomy.kinds,
                *(f"{k}/{t}" for k in taxonomy.kinds for t in taxonomy.kinds[k].types),
            ]
        )
        problems.append(
            value.problem(
                f"'{meant}' is not a kind, kind/type or 'ignore'; expected one of: {known}, ignore"
            )
        )
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return mapping


def notes(text: str) -> tuple[str | None, str | None]:
    """An annotation's note as `why`, with a `Neutral: …` line as the rewording."""
    why_lines, neutral = [], None
    for line in text.splitlines():
        match = _NEUTRAL.search(line)
        if match and neutral is None:
            neutral = _unquoted(match.group(1)) or None
            line = line[: match.start()]
        if line.strip():
            why_lines.append(line.strip())
    why = " ".join(" ".join(why_lines).split())
    return why or None, neutral


def _unquoted(text: str) -> str:
    """`"said"` as `said`; `"approved" or "passed"` stays as it is."""
    pairs = {'"': '"', "“": "”", "'": "'", "‘": "’"}
    if len(text) > 1 and pairs.get(text[0]) == text[-1] and text[-1] not in text[1:-1]:
        return text[1:-1].strip()
    return text


# JSON with positions.


@dataclass
class Json:
    """A JSON value with the position it was written at (read again as YAML, for its marks)."""

    value: Any
    node: yaml.Node | None
    rel: str

    def problem(self, message: str) -> Problem:
        return Problem(*self.position, "error", message)

    @property
    def position(self) -> Where:
        mark = self.node.start_mark if self.node is not None else None
        return self.rel, *((mark.line + 1, mark.column + 1) if mark else (1, 1))

    def get(self, key: str) -> Json | None:
        if not isinstance(self.value, dict) or key not in self.value:
            return None
        node = None
        if isinstance(self.node, yaml.MappingNode):
            node = next((v for k, v in self.node.value if k.value == key), None)
        return Json(self.value[key], node, self.rel)

    def text(self, key: str) -> str:
        child = self.get(key)
        value = child.value if child is not None else None
        if isinstance(value, list):  # Hypothesis writes `"title": ["…"]`
            value = next((v for v in value if isinstance(v, str)), None)
        return value.strip() if isinstance(value, str) else ""

    def elements(self) -> list[Json]:
        if not isinstance(self.value, list):
            return [self] if isinstance(self.value, dict) else []
        nodes = self.node.value if isinstance(self.node, yaml.SequenceNode) else []
        return [
            Json(v, nodes[i] if i < len(nodes) else None, self.rel)
            for i, v in enumerate(self.value)
        ]


def read_json(path: Path, rel: str) -> Json:
    """Parse JSON, or report where it breaks."""
    text = Text(read_raw(path, rel)).text
    return parse_json(text, rel)


def parse_json(text: str, rel: str, line_offset: int = 0) -> Json:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem(
            rel, exc.lineno + line_offset, exc.colno, "error", f"invalid JSON: {exc.msg}"
        )
        raise ContentError([problem]) from None
    try:  # JSON is YAML, nearly: read it again only for where each value was written
        node = yaml.compose(text.replace("\t", " "), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        node = None
    if node is not None and line_offset:
        _shift(node, line_offset)
    return Json(value, node, rel)


def _shift(node: yaml.Node, lines: int) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        current.start_mark.line += lines
        if isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in current.value for n in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def bad_offsets(start: int | None, end: int | None, length: int, what: str) -> str | None:
    """What is wrong with a span's offsets, if anything."""
    if start is None or end is None:
        return "expected whole-number start and end offsets"
    if start >= end:
        return f"offsets {start}-{end} are not a span: the start must come before the end"
    if start < 0 or end > length:
        return f"offsets {start}-{end} are outside {what} ({length} characters)"
    return None


def _integer(doc: Json | None) -> int | None:
    if doc is None or isinstance(doc.value, bool) or not isinstance(doc.value, int):
        return None
    return int(doc.value)


# The readers, one a format. Each returns the articles it found with their marks.

Reader = Callable[[list[Path], list[str], Labels], list[Imported]]


def read_text(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    return [Imported(text_article(read_raw(paths[0] if paths else None, rels[0]), rels[0]))]


def read_html(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    return [Imported(html_article(read_raw(paths[0], rels[0]), rels[0]))]


def _marks_from_selectors(
    annotation: Json,
    selectors: list[Json],
    tags: list[str],
    note: str,
    labels: Labels,
    imported: Imported,
) -> None:
    quote = next((s for s in selectors if s.text("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if s.text("type") == "TextPositionSelector"), None)
    rel, line, col = annotation.position
    imported.annotations += 1
    if quote is None:
        reason = "it has no TextQuoteSelector, so it marks no words (a page note?)"
        imported.skipped.append(Problem(rel, line, col, "warning", f"left out: {reason}"))
        return
    exact = quote.get("exact")
    if exact is None or not isinstance(exact.value, str):
        raise ContentError([quote.problem("a TextQuoteSelector needs an 'exact' text")])
    meant = labels.resolve(tags)
    imported.annotations -= meant == IGNORED
    if meant is None or meant == IGNORED:
        if meant is None:
            shown = ", ".join(f"'{t}'" for t in tags) or "none"
            imported.skipped.append(
                Problem(
                    rel,
                    line,
                    col,
                    "warning",
                    f"left out: no tag names a kind or type (tags: {shown}); "
                    "tag it loaded, unsourced or sourced, or map the tag with --map",
                )
            )
        return
    kind, type_id = meant
    why, neutral = notes(note)
    start = _integer(position.get("start")) if position else None
    end = _integer(position.get("end")) if position else None
    imported.marks.append(
        Mark(
            rel,
            line,
            col,
            ", ".join(tags),
            kind,
            type_id,
            exact.value,
            prefix=_raw_text(quote.get("prefix")),
            suffix=_raw_text(quote.get("suffix")),
            start=start,
            end=end,
            why=why,
            neutral=neutral,
        )
    )


def _raw_text(doc: Json | None) -> str:
    return doc.value if doc is not None and isinstance(doc.value, str) else ""


def _selectors(target: Json | None) -> list[Json]:
    if target is None:
        return []
    targets = target.elements() if isinstance(target.value, list) else [target]
    found: list[Json] = []
    for one in targets:
        selector = one.get("selector")
        if selector is not None:
            found += selector.elements()
    return found


def read_hypothesis(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    doc = read_json(paths[0], rels[0])
    article = read_article(paths[1], rels[1])
    annotations = next(
        (doc.get(key) for key in ("annotations", "rows") if doc.get(key) is not None), doc
    )
    if annotations is None or not annotations.elements():
        raise ContentError(
            [
                doc.problem(
                    "no annotations found: expected the Hypothesis "
                    "export's 'annotations' list, or the API's 'rows'"
                )
            ]
        )
    imported = Imported(article)
    for annotation in annotations.elements():
        if annotation.get("references") and annotation.get("references").value:  # type: ignore[union-attr]
            continue  # a reply in a discussion, not a mark on the text
        tags_doc = annotation.get("tags")
        tags = [t for t in (tags_doc.value if tags_doc else []) if isinstance(t, str)]
        _marks_from_selectors(
            annotation,
            _selectors(annotation.get("target")),
            tags,
            annotation.text("text"),
            labels,
            imported,
        )
        _fill_from(imported, annotation.get("document"), annotation.text("uri"))
    return [imported]


def _fill_from(imported: Imported, document: Json | None, uri: str) -> None:
    """What the annotations know of the page, where the article did not say."""
    article = imported.article
    title = document.text("title") if document else ""
    if not article.title and title:
        article = replace(
            article, title=title, notes=[n for n in article.notes if "title" not in n]
        )
    if not article.url and uri.startswith(("http://", "https://")):
        article = replace(article, url=uri)
    imported.article = article


def read_w3c(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    doc = read_json(paths[0], rels[0])
    article = read_article(paths[1], rels[1])
    items = doc
    for key in ("items", "first"):  # an AnnotationCollection or AnnotationPage
        if doc.get(key) is not None:
            items = doc.get(key)  # type: ignore[assignment]
            if key == "first" and items.get("items") is not None:
                items = items.get("items")  # type: ignore[assignment]
            break
    imported = Imported(article)
    annotations = [a for a in items.elements() if a.get("target") is not None]
    if not annotations:
        raise ContentError(
            [doc.problem("no annotations found: expected W3C Web Annotations with a 'target'")]
        )
    for annotation in annotations:
        tags, comments = [], []
        body = annotation.get("body")
        for part in body.elements() if body else []:
            value = part.text("value")
            if part.text("purpose") == "tagging":
                tags.append(value)
            elif value:
                comments.append(value)
        if body is not None and isinstance(body.value, str):
            comments.append(body.value)
        target = annotation.get("target")
        _marks_from_selectors(
            annotation, _selectors(target), tags, "\n".join(comments), labels, imported
        )
        source = target.get("source") if target is not None else None
        _fill_from(imported, None, source.value if source and isinstance(source.value, str) else "")
    return [imported]


_BRAT_TEXT = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_BRAT_ATTRIBUTE = re.compile(r"^A\d+\t(\S+) (T\d+)(?: (\S+))?$")
_BRAT_NOTE = re.compile(r"^#\d+\tAnnotatorNotes (T\d+)\t(.*)$")
_BRAT_EVENT = re.compile(r"^E\d+\t([^:\s]+):(T\d+)")


def read_brat(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    txt_path = paths[0]
    ann_path = paths[1] if len(paths) > 1 else txt_path.with_suffix(".ann")
    ann_rel = rels[1] if len(rels) > 1 else str(Path(rels[0]).with_suffix(".ann"))
    if len(paths) == 1 and not ann_path.is_file():
        raise ContentError(
            [
                Problem(
                    ann_rel,
                    1,
                    1,
                    "error",
                    "no .ann file beside the text: give it as the second file",
                )
            ]
        )
    article = read_article(txt_path, rels[0], title_needs_blank=True)
    raw = article.source.raw
    spans: dict[str, tuple[int, str, list[str], int, int, str]] = {}
    extra: dict[str, list[str]] = {}
    note_of: dict[str, list[str]] = {}
    problems = []
    for number, line in enumerate(Text(read_raw(ann_path, ann_rel)).text.split("\n"), 1):
        if not line.strip():
            continue
        if line.startswith("T"):
            match = _BRAT_TEXT.match(line)
            if match is None:
                problems.append(
                    Problem(
                        ann_rel,
                        number,
                        1,
                        "error",
                        "not a brat text-bound line: 'T1<TAB>Label START END<TAB>text'",
                    )
                )
                continue
            tid, label, ranges, covered = match.groups()
            if ";" in ranges:
                spans[tid] = (number, label, [], -1, -1, covered)
                continue
            start, end = (int(n) for n in ranges.split())
            wrong = bad_offsets(start, end, len(raw), f"the text of {rels[0]}")
            if wrong:
                col = len(tid) + len(label) + 3
                problems.append(Problem(ann_rel, number, col, "error", wrong))
                continue
            spans[tid] = (number, label, [], start, end, covered)
        elif match := _BRAT_ATTRIBUTE.match(line):
            name, tid, value = match.groups()
            extra.setdefault(tid, []).append(value or name)
        elif match := _BRAT_NOTE.match(line):
            note_of.setdefault(match.group(1), []).append(match.group(2))
        elif match := _BRAT_EVENT.match(line):
            extra.setdefault(match.group(2), []).insert(0, match.group(1))
    if problems:
        raise ContentError(problems)
    imported = Imported(article)
    for tid, (number, label, _, start, end, covered) in spans.items():
        if start < 0:
            imported.annotations += 1
            imported.skipped.append(
                Problem(
                    ann_rel,
                    number,
                    1,
                    "warning",
                    f"left out {tid}: a span in pieces (START END;START END) "
                    "cannot be one pair of brackets",
                )
            )
            continue
        tags = [*extra.get(tid, [])[:1], label, *extra.get(tid, [])[1:]]
        _add_mark(
            imported,
            labels,
            (ann_rel, number, 1),
            tags,
            covered,
            start,
            end,
            "\n".join(note_of.get(tid, [])),
        )
    return [imported]


def _add_mark(
    imported: Imported,
    labels: Labels,
    where: Where,
    tags: list[str],
    quote: str,
    start: int | None,
    end: int | None,
    note: str,
) -> None:
    meant = labels.resolve(tags)
    imported.annotations += meant != IGNORED
    if meant == IGNORED:
        return
    if meant is None:
        listed = ", ".join(f"'{t}'" for t in tags)
        imported.skipped.append(
            Problem(
                *where,
                "warning",
                f"left out {shown(quote)}: no kind for label {listed}; map it with --map",
            )
        )
        return
    kind, type_id = meant
    why, neutral = notes(note)
    imported.marks.append(
        Mark(
            *where,
            tags[0],
            kind,
            type_id,
            quote,
            start=start,
            end=end,
            why=why,
            neutral=neutral,
        )
    )


_PTC_NAME = re.compile(r"article(\d+)")


def read_ptc(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    name = _PTC_NAME.search(paths[0].name)
    if name is None:
        raise ContentError(
            [
                Problem(
                    rels[0],
                    1,
                    1,
                    "error",
                    "cannot tell the article id from the file name: "
                    "PTC articles are named article<ID>.txt",
                )
            ]
        )
    article_id = name.group(1)
    article = read_article(paths[0], rels[0], title_needs_blank=True)
    raw = article.source.raw
    imported = Imported(article)
    problems = []
    rows = 0
    for number, line in enumerate(Text(read_raw(paths[1], rels[1])).text.split("\n"), 1):
        cells = line.split("\t")
        if not line.strip() or cells[0] != article_id:
            continue
        rows += 1
        if len(cells) == 3:  # the span-identification file: no technique
            cells = [cells[0], "propaganda", cells[1], cells[2]]
        if len(cells) != 4 or not (cells[2].isdigit() and cells[3].isdigit()):
            problems.append(
                Problem(
                    rels[1], number, 1, "error", "expected 'ID<TAB>TECHNIQUE<TAB>START<TAB>END'"
                )
            )
            continue
        start, end = int(cells[2]), int(cells[3])
        wrong = bad_offsets(start, end, len(raw), f"the text of {rels[0]}")
        if wrong:
            col = len(cells[0]) + len(cells[1]) + 3
            problems.append(Problem(rels[1], number, col, "error", wrong))
            continue
        _add_mark(
            imported, labels, (rels[1], number, 1), [cells[1]], raw[start:end], start, end, ""
        )
    if problems:
        raise ContentError(problems)
    if not rows:
        imported.skipped.append(
            Problem(rels[1], 1, 1, "warning", f"no rows for article {article_id} in this file")
        )
    return [imported]


def read_label_studio(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    doc = read_json(paths[0], rels[0])
    found: list[Imported] = []
    for task in doc.elements():
        data = task.get("data")
        text = _task_text(task, data)
        assert data is not None  # `_task_text` said so
        title, url = data.text("title") or None, web_url(data.text("url"))
        article = Article(rels[0], Text(text), 0, title=title, url=url)
        imported = Imported(article, suffix=str(task.value.get("id", len(found) + 1)))
        annotations = [
            a
            for a in (
                task.get("annotations") or task.get("completions") or Json([], None, rels[0])
            ).elements()
            if not a.value.get("was_cancelled")
        ]
        if not annotations:
            rel, line, col = task.position
            imported.skipped.append(
                Problem(rel, line, col, "warning", "left out: this task has no annotations")
            )
        for annotation in annotations[:1]:
            results = (annotation.get("result") or Json([], None, rels[0])).elements()
            notes_of: dict[str, list[str]] = {}
            extra: dict[str, list[str]] = {}
            for result in results:
                value = result.get("value")
                rid = str(result.value.get("id", ""))
                if value is None:
                    continue
                if isinstance(value.value.get("text"), list):  # a per-region text area
                    notes_of.setdefault(rid, []).extend(str(t) for t in value.value["text"])
                for key in ("choices", "taxonomy"):
                    if isinstance(value.value.get(key), list) and result.text("type") != "labels":
                        extra.setdefault(rid, []).extend(str(c) for c in value.value[key])
            for result in results:
                value = result.get("value")
                if value is None or not isinstance(value.value.get("labels"), list):
                    continue
                start, end = _integer(value.get("start")), _integer(value.get("end"))
                wrong = bad_offsets(start, end, len(text), "the task's text")
                if wrong or start is None or end is None:
                    raise ContentError([value.problem(wrong or "")])
                quote = value.value.get("text")
                quote = quote if isinstance(quote, str) and quote.strip() else text[start:end]
                rid = str(result.value.get("id", ""))
                where = result.position
                tags = [str(label) for label in value.value["labels"]] + extra.get(rid, [])
                _add_mark(
                    imported,
                    labels,
                    where,
                    tags,
                    quote,
                    start,
                    end,
                    "\n".join(notes_of.get(rid, [])),
                )
        found.append(imported)
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


def _task_text(task: Json, data: Json | None) -> str:
    if data is None or not isinstance(data.value, dict):
        raise ContentError([task.problem("this task has no 'data' with the text")])
    if isinstance(data.value.get("text"), str):
        return str(data.value["text"])
    texts = [v for v in data.value.values() if isinstance(v, str) and len(v) > 80]
    if len(texts) != 1:
        raise ContentError(
            [data.problem("cannot tell which field of 'data' holds the text; name it 'text'")]
        )
    return texts[0]


def read_doccano(paths: list[Path], rels: list[str], labels: Labels) -> list[Imported]:
    raw = Text(read_raw(paths[0], rels[0])).text
    stripped = raw.lstrip()
    if stripped.startswith("["):
        documents = parse_json(raw, rels[0]).elements()
    else:
        documents = [
            parse_json(line, rels[0], number - 1)
            for number, line in enumerate(raw.split("\n"), 1)
            if line.strip()
        ]
    found = []
    for number, document in enumerate(documents, 1):
        text = document.value.get("text") if isinstance(document.value, dict) else None
        if not isinstance(text, str):
            raise ContentError([document.problem("a doccano document needs its 'text'")])
        article = Article(rels[0], Text(text), 0, title=document.text("title") or None)
        imported = Imported(article, suffix=str(document.value.get("id", number)))
        for entry in _doccano_spans(document):
            start, end, label = entry
            wrong = bad_offsets(_integer(start), _integer(end), len(text), "the document's text")
            if wrong:
                raise ContentError([start.problem(wrong)])
            where = start.position
            _add_mark(
                imported,
                labels,
                where,
                [str(label.value)],
                text[start.value : end.value],
                start.value,
                end.value,
                "",
            )
        found.append(imported)
    return found


def _doccano_spans(document: Json) -> Iterator[tuple[Json, Json, Json]]:
    for key in ("label", "labels"):
        entries = document.get(key)
        for entry in entries.elements() if entries and isinstance(entries.value, list) else []:
            if isinstance(entry.value, list) and len(entry.value) == 3:
                parts = entry.elements() if isinstance(entry.node, yaml.SequenceNode) else []
                if len(parts) != 3:
                    parts = [Json(v, entry.node, entry.rel) for v in entry.value]
                yield parts[0], parts[1], parts[2]
            else:
                raise ContentError([entry.problem('expected [START, END, "LABEL"]')])
    for key in ("annotations", "entities"):
        entries = document.get(key)
        for entry in entries.elements() if entries else []:
            start, end, label = (
                entry.get("start_offset"),
                entry.get("end_offset"),
                entry.get("label"),
            )
            if start is None or end is None or label is None:
                raise ContentError(
                    [entry.problem("expected 'start_offset', 'end_offset' and 'label'")]
                )
            yield start, end, label


READERS: dict[str, tuple[Reader, tuple[str, ...]]] = {
    # format: (reader, the files it takes, as the help names them)
    "text": (read_text, ("[TEXT]",)),
    "html": (read_html, ("PAGE",)),
    "hypothesis": (read_hypothesis, ("EXPORT", "ARTICLE")),
    "w3c": (read_w3c, ("EXPORT", "ARTICLE")),
    "brat": (read_brat, ("TXT", "[ANN]")),
    "ptc": (read_ptc, ("ARTICLE", "LABELS")),
    "label-studio": (read_label_studio, ("EXPORT",)),
    "doccano": (read_doccano, ("EXPORT",)),
}
