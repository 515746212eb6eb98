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
UNLABELLED = "*"  # a map's entry for annotations with no label (no tag) at all
# The SemEval-2020 techniques the cross-walk maps to `ignore`: they are about an argument's
# moves, not its wording or its sourcing, so no span type fits them. An import leaving
# them out says so once for each (see `Imported.ignored`); a --map entry overrides this.
SEMEVAL_IGNORED = ("Repetition", "Whataboutism,Straw_Men,Red_Herring")
# Appeal_to_Authority names its authority (a named official, an organisation) or hides
# behind a vague one ("experts say"): `names_authority` tells them apart.
AUTHORITY = "Appeal_to_Authority"
NAMED_AUTHORITY = "sourced/named-source"
# A name: two capitalised words in a row ("Tomas Velt", "World Health Organisation"),
# an acronym ("WHO", "FBI"), or a capitalised word that does not start a sentence.
_CAPITALISED = re.compile(r"[^\W\d_][\w'’.-]*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;“\"‘(]\s*)\Z")
_FILLERS = frozenset(("The", "A", "An", "I", "This", "That", "These", "Those"))
# "Neutral: …", also as "**Neutral:** …", at the start of a line or after a sentence. The
# rest of the line is taken whole and stripped after: a lazy `(.*?)\s*$` retried the end at
# every space, in time quadratic in the spaces of a line.
_NEUTRAL = re.compile(r"(?:^|(?<=\s))[*_]{0,2}neutral[*_]{0,2}\s*:[*_]{0,2}(.*)$", re.I)


class Labels:
    """Foreign labels to kinds and types: the `--map` file first, then the taxonomy's names."""

    def __init__(
        self, taxonomy: Taxonomy, mapping: dict[str, str] | None = None, default: str | None = None
    ) -> None:
        self.taxonomy = taxonomy
        self.mapping = {_fold(k): v for k, v in (mapping or {}).items()}
        # For annotations with no label at all: --default-kind, else the map's `*` entry.
        self.default = default or self.mapping.pop(UNLABELLED, None)
        self.known = _known_names(taxonomy)
        for technique in SEMEVAL_IGNORED:
            self.known.setdefault(_fold(technique), IGNORE)

    def resolve(self, labels: list[str], quote: str = "") -> tuple[str, str | None] | None:
        """`(kind, type)`, `IGNORED` when the map says so, or None when no label is known.

        A kind from one label and a type from another combine (tags `loaded`,
        `exaggeration`); a label that names a type is preferred to one naming a kind.
        An `Appeal_to_Authority` the map does not cover is `sourced/named-source` when
        `quote` (the span with its sentence, `sentence_around`) names the authority.
        """
        if not any(label.strip() for label in labels) and self.default:
            if self.default == IGNORE:
                return IGNORED
            kind, _, type_id = self.default.partition("/")
            return kind, type_id or None
        found = [self._meaning(label, quote) for label in labels]
        meant = [f for f in found if f not in (None, IGNORE)]
        if not meant:
            return IGNORED if any(found) else None
        typed = next((m for m in meant if "/" in m), None)
        if typed is None:
            return meant[0], None
        kind, type_id = typed.split("/", 1)
        return kind, type_id

    def _meaning(self, label: str, quote: str = "") -> str | None:
        """`kind`, `kind/type` or `ignore`: what the map says, else what the taxonomy calls it."""
        folded = _fold(label)
        if folded in self.mapping:
            return self.mapping[folded]
        if folded == _fold(AUTHORITY) and names_authority(quote):
            kind, _, type_id = NAMED_AUTHORITY.partition("/")
            if self.taxonomy.type_of(kind, type_id):
                return NAMED_AUTHORITY
        return self.known.get(folded)

    def ignored_by_crosswalk(self, labels: list[str]) -> str | None:
        """The SemEval technique among `labels` the cross-walk (not the map) ignores, if any."""
        for label in labels:
            folded = _fold(label)
            if folded not in self.mapping and self.known.get(folded) == IGNORE:
                return next((t for t in SEMEVAL_IGNORED if _fold(t) == folded), label)
        return None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence a span is in (the span, and what is before and after it up to a full stop).

    At most `_REACH` characters each side are read: an attribution is near its claim.
    """
    before = text[max(0, start - _REACH) : start]
    cut = max(before.rfind("\n"), *(before.rfind(f"{stop} ") for stop in ".!?"))
    after = text[end : end + _REACH]
    stop = _STOP.search(after)
    return before[cut + 1 :] + text[start:end] + (after[: stop.end()] if stop else after)


_REACH = 300
_STOP = re.compile(r"[.!?](?=\s)|\n")


def names_authority(quote: str) -> bool:
    """Whether an appeal to authority names it: a name, not "experts" or "a senior official".

    A name is two capitalised words in a row, an acronym of two capitals or more,
    or a capitalised word that does not start a sentence ("said Tedros").
    """
    previous_end, previous_capital = -1, False
    for word in _CAPITALISED.finditer(quote):
        text = word.group()
        capital = text[0].isupper() and text not in _FILLERS
        if sum(1 for c in text if c.isupper()) >= 2 and text.upper() == text:
            return True  # an acronym: WHO, FBI
        starts_sentence = bool(_SENTENCE_END.search(quote[: word.start()]))
        adjacent = previous_end >= 0 and not quote[previous_end : word.start()].strip()
        if capital and ((adjacent and previous_capital) or not starts_sentence):
            return True
        previous_end, previous_capital = word.end(), capital
    return False


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
    known = known_meanings(taxonomy)
    for label, _, value in doc.items():
        if not isinstance(value.node, yaml.ScalarNode):  # never str() it: aliases may nest it
            what = "a list" if isinstance(value.node, yaml.SequenceNode) else "a mapping"
            problems.append(
                value.problem(f"expected a kind, kind/type or 'ignore' here, not {what}")
            )
            continue
        meant = str(value.value).strip() if value.value is not None else ""
        if means_something(meant, taxonomy):
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


def known_meanings(taxonomy: Taxonomy) -> str:
    """Every kind and kind/type, as messages list them."""
    return ", ".join(
        [*taxonomy.kinds, *(f"{k}/{t}" for k in taxonomy.kinds for t in taxonomy.kinds[k].types)]
    )


def means_something(meant: str, taxonomy: Taxonomy) -> bool:
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
