"""The taxonomy: the kinds of span (loaded, unsourced) and the types of each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .model import KIND_KEYS
from .sources import Located, load_yaml, read_source

BUILTIN_TAXONOMY = Path(__file__).with_name("taxonomy.yaml")


@dataclass(frozen=True)
class SpanType:
    """One type of a kind, as students see it named and defined."""

    kind: str
    id: str
    name: str
    definition: str


@dataclass(frozen=True)
class Kind:
    """A kind of span, with its types in file order."""

    id: str
    name: str
    definition: str
    types: dict[str, SpanType]


@dataclass(frozen=True)
class Taxonomy:
    """All kinds; `rel` names the file it came from."""

    rel: str
    kinds: dict[str, Kind]

    def type_of(self, kind: str, type_id: str | None) -> SpanType | None:
        if type_id is None or kind not in self.kinds:
            return None
        return self.kinds[kind].types.get(type_id)


def _text_field(entry: Located, key: str, where: str, problems: list[Problem]) -> str:
    for name, _, value in entry.items():
        if name == key:
            if isinstance(value.value, str) and value.value.strip():
                return value.value.strip()
            problems.append(value.problem(f"{where}: '{key}' must be non-empty text"))
            return ""
    problems.append(entry.problem(f"{where}: '{key}' is required"))
    return ""


def load_taxonomy(workspace: Path) -> Taxonomy:
    """Load the workspace's taxonomy.yaml if it has one, else the built-in one."""
    path = workspace / "taxonomy.yaml"
    rel = "taxonomy.yaml"
    if not path.is_file():
        path, rel = BUILTIN_TAXONOMY, "<built-in taxonomy.yaml>"
    source = read_source(path, rel)
    if isinstance(source, Problem):
        raise ContentError([source])
    doc = load_yaml(source, source.text)
    if isinstance(doc, Problem):
        raise ContentError([doc])
    problems = list(doc.problems)
    kinds: dict[str, Kind] = {}
    if not isinstance(doc.value, dict):
        raise ContentError([doc.problem("the taxonomy must be a mapping of kinds")])
    for kind_id, key_loc, entry in doc.items():
        if kind_id not in KIND_KEYS:
            known = ", ".join(KIND_KEYS)
            problems.append(key_loc.problem(f"unknown kind '{kind_id}'; expected one of: {known}"))
            continue
        types: dict[str, SpanType] = {}
        for type_id, _, type_entry in next(
            (v.items() for k, _, v in entry.items() if k == "types"), []
        ):
            where = f"type '{kind_id}.{type_id}'"
            types[type_id] = SpanType(
                kind_id,
                type_id,
                _text_field(type_entry, "name", where, problems),
                _text_field(type_entry, "definition", where, problems),
            )
        if not types:
            problems.append(entry.problem(f"kind '{kind_id}' needs at least one entry in 'types'"))
        kinds[kind_id] = Kind(
            kind_id,
            _text_field(entry, "name", f"kind '{kind_id}'", problems),
            _text_field(entry, "definition", f"kind '{kind_id}'", problems),
            types,
        )
    for kind_id in KIND_KEYS:
        if kind_id not in kinds:
            problems.append(source.problem(1, 1, f"the taxonomy has no kind '{kind_id}'"))
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return Taxonomy(rel, kinds)
