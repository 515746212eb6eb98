"""Labels: which kind (and type) another tool's label means, and what its notes say."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from ..sources import SourceFile, Text, line_col, load_yaml, read_raw
from ..taxonomy import Taxonomy
from .limits import MAX_ALIASES, MAX_DEPTH, MAX_NUMBER, excerpt

IGNORE = "ignore"
IGNORED = (IGNORE, None)  # what `Labels.resolve` gives for a label mapped to `ignore`
# "Neutral: …", also as "**Neutral:** …", at the start of a line or after a sentence. The
# rest of the line is taken whole and stripped after: a lazy `(.*?)\s*$` retried the end at
# every space, in time quadratic in the spaces of a line.
_NEUTRAL = re.compile(r"(?:^|(?<=\s))[*_]{0,2}neutral[*_]{0,2}\s*:[*_]{0,2}(.*)$", re.I)


class Labels:
    """Foreign labels to kinds and types: the `--map` file first, then the taxonomy's names."""

    def __init__(self, taxonomy: Taxonomy, mapping: dict[str, str] | None = None) -> None:
        self.taxonomy = taxonomy
        self.mapping = {_fold(k): v for k, v in (mapping or {}).items()}
        self.known = _known_names(taxonomy)

    def resolve(self, labels: list[str]) -> tuple[str, str | None] | None:
        """`(kind, type)`, `IGNORED` when the map says so, or None when no label is known.

        A kind from one label and a type from another combine (tags `loaded`,
        `exaggeration`); a label that names a type is preferred to one naming a kind.
        """
        found = [self._meaning(label) for label in labels]
        meant = [f for f in found if f not in (None, IGNORE)]
        if not meant:
            return IGNORED if any(found) else None
        typed = next((m for m in meant if "/" in m), None)
        if typed is None:
            return meant[0], None
        kind, type_id = typed.split("/", 1)
        return kind, type_id

    def _meaning(self, label: str) -> str | None:
        """`kind`, `kind/type` or `ignore`: what the map says, else what the taxonomy calls it."""
        folded = _fold(label)
        return self.mapping.get(folded) or self.known.get(folded)


def _known_names(taxonomy: Taxonomy) -> dict[str, str]:
    """Every name the taxonomy gives a kind or type, folded, to `kind` or `kind/type`."""
    known: dict[str, str] = {}
    for kind in taxonomy.kinds.values():
        known[_fold(kind.id)] = kind.id
        for span_type in kind.types.values():
            meant = f"{kind.id}/{span_type.id}"
            known[meant] = meant
            for name in (span_type.id, span_type.name):
                known.setdefault(_fold(name), meant)
            for technique in span_type.semeval:  # the first type listing it wins
                known.setdefault(_fold(technique), meant)
    return known


def _fold(label: str) -> str:
    return re.sub(r"[\s_]+", "-", label.strip().lower())


def read_map(path: Path, rel: str, taxonomy: Taxonomy) -> dict[str, str]:
    """A `--map` file: YAML, each foreign label mapped to `kind`, `kind/type` or `ignore`."""
    source = SourceFile(path, rel, Text(read_raw(path, rel)).text)
    _within_limits(source)
    try:
        doc = load_yaml(source, source.text)
    except (RecursionError, ValueError):  # `_within_limits` stops both first
        doc = source.problem(1, 1, "invalid YAML: nested too deeply or a number too long")
    if isinstance(doc, Problem):
        raise ContentError([doc])
    problems = list(doc.problems)
    if not isinstance(doc.value, dict):
        raise ContentError([doc.problem("a label map is a mapping: `Foreign label: kind/type`")])
    mapping = {}
    known = ", ".join(
        [*taxonomy.kinds, *(f"{k}/{t}" for k in taxonomy.kinds for t in taxonomy.kinds[k].types)]
    )
    for label, _, value in doc.items():
        if not isinstance(value.node, yaml.ScalarNode):  # never str() it: aliases may nest it
            what = "a list" if isinstance(value.node, yaml.SequenceNode) else "a mapping"
            problems.append(
                value.problem(f"expected a kind, kind/type or 'ignore' here, not {what}")
            )
            continue
        meant = str(value.value).strip() if value.value is not None else ""
        if _means_something(meant, taxonomy):
            mapping[label] = meant
            continue
        problems.append(
            value.problem(
                f"'{excerpt(meant)}' is not a kind, kind/type or 'ignore'; "
                f"expected one of: {known}, ignore"
            )
        )
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return mapping


_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _within_limits(source: SourceFile) -> None:
    """Refuse, at its place, YAML that would cost more to read than its size says.

    Read as events, which PyYAML makes without recursing: nesting past
    `MAX_DEPTH` (composing it recurses), more than `MAX_ALIASES` aliases (each
    `<<: *name` copies a mapping: "billion laughs"), and numbers past
    `MAX_NUMBER` characters (Python will not convert 4,300 digits). What is not
    YAML at all, `load_yaml` reports.
    """
    depth = aliases = 0
    resolver = yaml.resolver.Resolver()
    try:
        for event in yaml.parse(source.text, Loader=yaml.SafeLoader):
            message = None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"nested too deeply: at most {MAX_DEPTH} levels are read"
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    message = f"too many aliases (*name): at most {MAX_ALIASES} are read"
            elif isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_NUMBER:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
                if tag in _NUMBERS:
                    message = (
                        f"a number {len(event.value):,} characters long: "
                        f"at most {MAX_NUMBER} are read"
                    )
            if message is not None:
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                raise ContentError([source.problem(line, col, message)])
    except yaml.reader.ReaderError as exc:  # raised where `load_yaml` does not catch it
        line, col = line_col(source.text, exc.position)
        message = f"invalid YAML: character #x{exc.character:04x}: {exc.reason}"
        raise ContentError([source.problem(line, col, message)]) from None
    except yaml.YAMLError:
        return


def _means_something(meant: str, taxonomy: Taxonomy) -> bool:
    """Whether a label map may map to `meant`: `ignore`, a kind, or a kind/type."""
    kind, _, type_id = meant.partition("/")
    if meant == IGNORE:
        return True
    return kind in taxonomy.kinds and (not type_id or bool(taxonomy.type_of(kind, type_id)))


def notes(text: str) -> tuple[str | None, str | None]:
    """An annotation's note as `why`, with a `Neutral: …` line as the rewording."""
    why_lines, neutral = [], None
    for line in text.splitlines():
        match = _NEUTRAL.search(line)
        if match and neutral is None:
            neutral = _unquoted(match.group(1).strip()) or None
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
