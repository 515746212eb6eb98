"""Reading `corpus/<id>.md`: front matter, spans and their attributes, into a `Passage`."""

from __future__ import annotations

import itertools
import re
import unicodedata
import xml.etree.ElementTree as etree
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any

from . import schema
from .errors import Problem, Severity
from .markup import DELIMITERS, SPAN_CLOSE, SPAN_END, SPAN_OPEN, analyse, numbered_blocks
from .model import FIND_KINDS, GENRES, KIND_KEYS, Passage, Span, Suggested
from .placement import Placement, place_spans, squash
from .school import anonymise_handles, edition_problems
from .sources import FrontMatter, Located, SourceFile, load_yaml, shorten, split_front_matter
from .syntax import RawSpan, scan
from .taxonomy import Taxonomy

FRONT_MATTER = {
    "title": schema.Field(schema.text, required=True),
    "author": schema.Field(schema.text),
    "outlet": schema.Field(schema.text),
    "published": schema.Field(schema.iso_date),
    "url": schema.Field(schema.web_url),
    "genre": schema.Field(schema.one_of(*GENRES)),
    "language": schema.Field(schema.language_tag),
    "rights": schema.Field(schema.text),
    "content_notes": schema.Field(schema.text_list),
    "mask": schema.Field(schema.boolean),
    "omit": schema.Field(schema.paragraph_list),
    "omit_reason": schema.Field(schema.text),
    "handles": schema.Field(schema.one_of("anonymise", "keep")),
}
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_:-]*")


@dataclass
class _Body:
    """The Markdown body and how to turn its offsets into file positions.

    A title with spans is read with the body, as its first block: `headline` is the
    length of that block and the blank line after it, `title_at` where the title starts.
    """

    source: SourceFile
    text: str
    first_line: int
    headline: int = 0
    title_at: tuple[int, int] = (1, 1)
    _starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        if offset < self.headline:  # a title is one line
            return self.title_at[0], self.title_at[1] + offset
        if self._starts is None:  # where each line starts, found once: many spans, one pass
            newlines = (m.end() for m in re.finditer("\n", self.text))
            self._starts = [self.headline, *(n for n in newlines if n > self.headline)]
        line = bisect_right(self._starts, offset)
        return self.first_line + line - 1, offset - self._starts[line - 1] + 1

    def problem(self, offset: int, message: str, severity: Severity = "error") -> Problem:
        return self.source.problem(*self.position(offset), message, severity)


@dataclass
class _Attributes:
    """A span's checked attributes."""

    id: str | None
    kind: str
    values: dict[str, str]
    suggested: float | None = None  # the suggester's score, until a teacher accepts the span


def load_passage(source: SourceFile, taxonomy: Taxonomy) -> tuple[Passage | None, list[Problem]]:
    """Parse and check one passage file; return it (when it has no errors) and every problem."""
    split = split_front_matter(source)
    if isinstance(split, Problem):
        return None, [split]
    meta, located, problems = _front_matter(source, split)
    # The characters a canonical body marks spans with are no passage's text.
    text = DELIMITERS.sub("\ufffd", split.body)
    body = _read_with_headline(_Body(source, text, split.body_line), located.get("title"))
    read = _read_spans(body, taxonomy, problems)
    if read is None:
        return None, problems
    raw_spans, checked, ids = read.spans, read.checked, read.ids
    canonical = _canonical_body(body.text, raw_spans, checked, ids, read.sics, read.unclosed)
    language = str(meta.get("language", "en"))
    if meta.get("handles") == "anonymise":
        canonical = anonymise_handles(canonical, language)
    tree = analyse(canonical)
    placed = place_spans(tree, language)
    blocks = [pieces for _, pieces in numbered_blocks(tree)]
    title, headline = str(meta.get("title", "")), None
    if body.headline:  # the title's spans are in paragraph 0; the body's numbers start at 1
        headline, canonical = canonical.split("\n\n", 1)
        title = "".join(p for p in blocks.pop(0) if isinstance(p, str)).strip()
        placed = {k: replace(v, paragraph=v.paragraph - 1) for k, v in placed.items()}
    spans: list[Span] = []
    suggestions: list[Suggested] = []
    for raw, attributes, span_id in zip(raw_spans, checked, ids, strict=True):
        made = _made(body, raw, raw_spans, attributes, span_id, placed.get(span_id), problems)
        if isinstance(made, Suggested):
            suggestions.append(made)
        elif made is not None:
            spans.append(made)
    problems += _printed_attributes(body, tree)
    paragraphs = len(blocks)
    omitted: tuple[int, ...] = meta.get("omit", ())
    problems += edition_problems(meta, located, paragraphs)
    if any(p.severity == "error" for p in problems):
        return None, problems
    passage = Passage(
        id=source.path.stem,
        rel=source.rel,
        title=title,
        author=_optional(meta, "author"),
        outlet=_optional(meta, "outlet"),
        published=meta.get("published"),
        url=_optional(meta, "url"),
        genre=str(meta.get("genre", "news")),
        language=str(meta.get("language", "en")),
        rights=_optional(meta, "rights"),
        content_notes=tuple(meta.get("content_notes", ())),
        mask=meta.get("mask", True),
        body=canonical,
        spans=tuple(s for s in spans if s.paragraph not in omitted),
        paragraphs=paragraphs,
        suggestions=tuple(suggestions),
        omitted=omitted,
        omit_reason=_optional(meta, "omit_reason"),
        headline=headline,
    )
    return passage, problems


def _front_matter(
    source: SourceFile, split: FrontMatter
) -> tuple[dict[str, Any], dict[str, Located], list[Problem]]:
    """The front matter's checked values, where each came from, and its problems."""
    doc = load_yaml(source, split.yaml_text, line_offset=1)
    if isinstance(doc, Problem):
        return {}, {}, [doc]
    problems = list(doc.problems)
    meta, located = schema.read_mapping(doc, FRONT_MATTER, "front matter", "warning", problems)
    return meta, located, problems


@dataclass
class _Read:
    """A body's spans as written, checked, with their ids; the rest the canonical body needs."""

    spans: list[RawSpan]
    checked: list[_Attributes | None]
    ids: list[str]
    sics: list[RawSpan]
    unclosed: list[int]


def _read_spans(body: _Body, taxonomy: Taxonomy, problems: list[Problem]) -> _Read | None:
    """Scan and check every span; None when there are errors (all in `problems`)."""
    unclosed: list[int] = []
    every, issues = scan(body.text, unclosed)
    problems += [body.problem(issue.offset, issue.message) for issue in issues]
    beyond = _too_many(body, every)
    if beyond:  # checked before anything costly is done with them
        problems += beyond
        return None
    sics = [raw for raw in every if _is_sic(body, raw, problems)]
    raw_spans = [raw for raw in every if raw not in sics]
    checked = [_check_attributes(body, raw, taxonomy, problems) for raw in raw_spans]
    ids = _assign_ids(body, raw_spans, checked, problems, every)
    if any(p.severity == "error" for p in problems):
        return None
    return _Read(raw_spans, checked, ids, sics, unclosed)


def _made(
    body: _Body,
    raw: RawSpan,
    raws: list[RawSpan],
    attributes: _Attributes | None,
    span_id: str,
    where: Placement | None,
    problems: list[Problem],
) -> Span | Suggested | None:
    """What one span as written becomes: a span, a suggestion, or a problem (None)."""
    if attributes is not None and attributes.suggested is not None:
        suggestion = _suggested(body, raw, raws, attributes, span_id)
        problems.append(
            body.problem(
                raw.open,
                f"suggested {suggestion.kind} span #{span_id} (score {suggestion.score:.2f}) "
                "is not on any worksheet until you accept it: remove 'suggested=…', or run "
                f"'spinsheet accept {body.source.path.stem} {span_id}'",
                "warning",
            )
        )
        return suggestion
    if where is None or attributes is None:
        problems.append(
            body.problem(
                raw.open,
                "this span is not in a paragraph of the passage (it is in a heading, "
                "a code span, a link or an image), so it would never be marked",
            )
        )
        return None
    line, col = body.position(raw.open)
    values = attributes.values
    return Span(
        id=span_id,
        kind=attributes.kind,
        type=values.get("type"),
        why=values.get("why"),
        neutral=values.get("neutral"),
        ask=values.get("ask"),
        check=values.get("check"),
        source=values.get("source"),
        text=where.text,
        paragraph=where.paragraph,
        before=where.before,
        after=where.after,
        line=line,
        col=col,
        parent=where.parent,
        quoted=where.quoted,
    )


def _read_with_headline(body: _Body, title: Located | None) -> _Body:
    """The body with the title before it, when the title carries spans (see `_Body`)."""
    if title is None or not isinstance(title.value, str) or not scan(title.value)[0]:
        return body
    line, col = title.position()
    quoted = title.node is not None and getattr(title.node, "style", None) in ("'", '"')
    return replace(
        body,
        text=f"{DELIMITERS.sub(chr(0xFFFD), title.value)}\n\n{body.text}",
        headline=len(title.value) + 2,
        title_at=(line, col + quoted),
    )


# An attribute block left in the printed text, carrying an answer.
LEFTOVER = re.compile(r"\]\{[.#][A-Za-z][^}]*?\b(?:why|neutral|ask|check)=[^}]*\}?")


def _printed_attributes(body: _Body, tree: etree.Element) -> list[Problem]:
    """Catch attribute text the reader would see: where Markdown and the scanner disagree.

    Such text would print an answer (`why`, `neutral`…) on the student sheet.
    """
    problems = []
    for element in tree.iter():
        inside_code = element.tag == "code"  # printing syntax as code is deliberate
        for text in ((None if inside_code else element.text), element.tail):
            for match in LEFTOVER.finditer(text or ""):
                offset = body.text.find(match.group())
                problems.append(
                    body.problem(
                        max(offset, 0) + 1,
                        "this attribute block would print as text, answers and all; "
                        "check the brackets and backticks before it",
                    )
                )
    return problems


def _optional(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return None if value is None else str(value)


def _check_attributes(
    body: _Body, raw: RawSpan, taxonomy: Taxonomy, problems: list[Problem]
) -> _Attributes | None:
    """Check one span's kind, id and keys against the taxonomy."""
    start = len(problems)
    if not body.text[raw.open + 1 : raw.close].strip():
        problems.append(body.problem(raw.open, "a span's text must not be empty"))
    kind = _kind(body, raw, taxonomy, problems)
    if kind is None:
        return None
    span_id = _span_id(body, raw, problems)
    values = _values(body, raw, kind, problems)
    _check_type(body, raw, taxonomy, kind, values.get("type"), problems)
    suggested = _score(body, raw, values.pop("suggested", None), problems)
    if any(p.severity == "error" for p in problems[start:]):
        return None
    if suggested is not None:
        return _Attributes(span_id, kind, values, suggested)  # `check` reports it as such
    missing = [f"'{key}'" for key in ("type", "why", *KIND_KEYS[kind]) if key not in values]
    if missing:
        listed = ", ".join(missing[:-1]) + " or " + missing[-1] if len(missing) > 1 else missing[0]
        problems.append(body.problem(raw.open, f"{_a(kind)} span with no {listed}", "warning"))
    return _Attributes(span_id, kind, values)


# Far beyond any real annotation; past them the renderers themselves give out.
MAX_SPAN_DEPTH = 10
MAX_SPANS = 20_000


def _too_many(body: _Body, raws: list[RawSpan]) -> list[Problem]:
    """Spans past the limits: more in a passage than MAX_SPANS, or nested deeper than
    MAX_SPAN_DEPTH (each is a box inside a box on the page)."""
    if len(raws) > MAX_SPANS:
        return [
            body.problem(raws[MAX_SPANS].open, f"a passage may have {MAX_SPANS:,} spans at most")
        ]
    around: list[int] = []  # the ends of the spans the next one may sit in
    for raw in raws:  # in order of their `[`
        while around and around[-1] <= raw.open:
            around.pop()
        around.append(raw.end)
        if len(around) > MAX_SPAN_DEPTH:
            return [body.problem(raw.open, f"spans nested more than {MAX_SPAN_DEPTH} deep")]
    return []


def _is_sic(body: _Body, raw: RawSpan, problems: list[Problem]) -> bool:
    """Whether a span is `[word]{.sic}`: the writer's own spelling, printed with "[sic]"."""
    if not raw.classes or raw.classes[0].name != "sic":
        return False
    extras = [*raw.classes[1:], *raw.ids, *raw.attrs]
    if extras:
        problems.append(
            body.problem(
                extras[0].offset,
                "'.sic' marks the writer's own wording, printed with [sic]; it takes no other "
                "kind, id or attribute (put it in a span of its own)",
            )
        )
    return True


def _kind(body: _Body, raw: RawSpan, taxonomy: Taxonomy, problems: list[Problem]) -> str | None:
    """The span's one kind, if the taxonomy knows it."""
    kinds = ", ".join(f".{k}" for k in taxonomy.kinds)
    if not raw.classes:
        problems.append(body.problem(raw.attr_start, f"a span needs a kind: {kinds}"))
        return None
    for extra in raw.classes[1:]:
        problems.append(body.problem(extra.offset, "a span has exactly one kind; remove this one"))
    kind = raw.classes[0].name
    if kind not in taxonomy.kinds:
        problems.append(
            body.problem(raw.classes[0].offset, f"unknown kind '.{kind}'; expected one of: {kinds}")
        )
        return None
    return kind


def _span_id(body: _Body, raw: RawSpan, problems: list[Problem]) -> str | None:
    """The span's `#id`, if it has one."""
    for extra in raw.ids[1:]:
        problems.append(body.problem(extra.offset, "a span has at most one #id; remove this one"))
    span_id = raw.ids[0].name if raw.ids else None
    if raw.ids and not _ID.fullmatch(raw.ids[0].name):
        problems.append(
            body.problem(raw.ids[0].offset, f"an id must start with a letter; got '#{span_id}'")
        )
    return span_id


def _values(body: _Body, raw: RawSpan, kind: str, problems: list[Problem]) -> dict[str, str]:
    """The span's `key="value"` pairs that its kind takes, spacing folded."""
    allowed = ("type", "why", *KIND_KEYS[kind])
    # The suggester's mark; left out of the message, as teachers only ever remove it.
    machine = ("suggested",) if kind in FIND_KINDS else ()
    values: dict[str, str] = {}
    for attr in raw.attrs:
        if attr.name in values:
            problems.append(body.problem(attr.offset, f"'{attr.name}' is given twice"))
        elif attr.name not in allowed + machine:
            problems.append(
                body.problem(
                    attr.offset,
                    f"unknown key '{attr.name}' for {_a(kind)} span; "
                    f"expected one of: {', '.join(allowed)}",
                )
            )
        elif not attr.value.strip():
            problems.append(body.problem(attr.offset, f"'{attr.name}' must not be empty"))
        else:
            values[attr.name] = " ".join(attr.value.split())
    return values


def _check_type(
    body: _Body,
    raw: RawSpan,
    taxonomy: Taxonomy,
    kind: str,
    type_id: str | None,
    problems: list[Problem],
) -> None:
    if type_id is not None and taxonomy.type_of(kind, type_id) is None:
        known = ", ".join(taxonomy.kinds[kind].types)
        offset = next(a.offset for a in raw.attrs if a.name == "type")
        problems.append(
            body.problem(offset, f"unknown {kind} type '{type_id}'; expected one of: {known}")
        )


def _score(body: _Body, raw: RawSpan, value: str | None, problems: list[Problem]) -> float | None:
    if value is None:
        return None
    try:
        score = float(value)
    except ValueError:
        score = -1.0
    if not 0 <= score <= 1:
        offset = next(a.offset for a in raw.attrs if a.name == "suggested")
        problems.append(
            body.problem(
                offset,
                f"'suggested' is the suggester's score from 0 to 1, not '{shorten(value)}'; "
                "remove it to accept the span",
            )
        )
        return None
    return score


def _suggested(
    body: _Body, raw: RawSpan, raws: list[RawSpan], attributes: _Attributes, span_id: str
) -> Suggested:
    line, col = body.position(raw.open)
    values = attributes.values
    return Suggested(
        id=span_id,
        kind=attributes.kind,
        type=values.get("type"),
        why=values.get("why"),
        neutral=values.get("neutral"),
        text=squash(_inner_text(body.text, raw, raws)),
        score=attributes.suggested or 0.0,
        line=line,
        col=col,
    )


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _assign_ids(
    body: _Body,
    raws: list[RawSpan],
    checked: list[_Attributes | None],
    problems: list[Problem],
    every: list[RawSpan],
) -> list[str]:
    """Keep the ids teachers gave (each once); make stable ones from the text for the rest."""
    first_use: dict[str, int] = {}
    for raw in raws:
        if raw.ids and raw.ids[0].name in first_use:
            line, _ = body.position(first_use[raw.ids[0].name])
            problems.append(
                body.problem(
                    raw.ids[0].offset, f"id '#{raw.ids[0].name}' is already used on line {line}"
                )
            )
        elif raw.ids:
            first_use[raw.ids[0].name] = raw.ids[0].offset
    taken = set(first_use)
    tried: dict[str, int] = {}  # base -> the last number given: a thousand "the plan" stay fast
    ids = []
    for raw, attributes in zip(raws, checked, strict=True):
        if attributes is not None and attributes.id is not None:
            ids.append(attributes.id)
            continue
        base = slug(_inner_text(body.text, raw, every)) or "span"
        candidate, n = base, tried.get(base, 1)
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        tried[base] = n
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _inner_text(text: str, raw: RawSpan, raws: list[RawSpan]) -> str:
    """A span's text with the attribute blocks of spans inside it left out.

    `raws` are in order of their `[`: the spans inside `raw` follow it directly.
    """
    pieces, cursor = [], raw.open + 1
    first = bisect_right(raws, raw.open, key=lambda r: r.open)
    for inner in itertools.takewhile(lambda r: r.open < raw.close, raws[first:]):
        if inner.end <= raw.close:
            if inner.attr_start > cursor:
                pieces.append(text[cursor : inner.attr_start])
            cursor = max(cursor, inner.end)
    pieces.append(text[cursor : raw.close])
    return "".join(pieces)


def slug(text: str, words: int = 4) -> str:
    """The first `words` words of `text`, ASCII, lower case, joined by hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded)[:words])


def _canonical_body(
    text: str,
    raws: list[RawSpan],
    checked: list[_Attributes | None],
    ids: list[str],
    sics: list[RawSpan],
    unclosed: list[int],
) -> str:
    """The body the renderer reads: each span as `markup` delimits it, nothing else.

    A suggestion loses its brackets altogether, so no worksheet can print it; a
    word marked `.sic` is followed by "[sic]"; a `[` that nothing closes is
    escaped, so that Markdown's link patterns need not look for its end.
    """
    edits = [(raw.open, raw.open + 1, "") for raw in sics]
    edits += [(raw.close, raw.end, " \\[*sic*\\]") for raw in sics]
    edits += [(offset, offset + 1, "\\[") for offset in unclosed]
    for raw, attributes, span_id in zip(raws, checked, ids, strict=True):
        if attributes is not None and attributes.suggested is not None:
            edits += [(raw.open, raw.open + 1, ""), (raw.close, raw.end, "")]
        else:
            edits += [(raw.open, raw.open + 1, SPAN_OPEN)]
            edits += [(raw.close, raw.end, f"{SPAN_CLOSE}{span_id}{SPAN_END}")]
    pieces, cursor = [], 0
    for start, end, replacement in sorted(edits):
        pieces += [text[cursor:start], replacement]
        cursor = end
    return "".join([*pieces, text[cursor:]])
