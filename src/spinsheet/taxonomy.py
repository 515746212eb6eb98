"""The taxonomy: the kinds of span, the types of each, and their cross-walk to other schemes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import schema
from .errors import ContentError, Problem
from .i18n import Translator
from .model import KIND_KEYS
from .sources import Located, load_yaml, read_source

BUILTIN_TAXONOMY = Path(__file__).with_name("taxonomy.yaml")

# Wikipedia's Manual of Style, "Words to watch": its category names.
WIKIPEDIA_CATEGORIES = (
    "Puffery",
    "Contentious labels",
    "Unsupported attributions",
    "Expressions of doubt",
    "Editorializing",
    "Synonyms for said",
    "Euphemisms",
    "Clichés and idioms",
    "Relative time references",
    "Neologisms and new compounds",
    "Offensive material",
)
# SemEval-2020 Task 11: the technique labels exactly as the corpus writes them.
SEMEVAL_TECHNIQUES = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Whataboutism,Straw_Men,Red_Herring",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
)


@dataclass(frozen=True)
class SpanType:
    """One type of a kind: what students read about it, and what it matches elsewhere."""

    kind: str
    id: str
    name: str
    definition: str
    question: str
    example: str
    wikipedia: tuple[str, ...]
    semeval: tuple[str, ...]
    # (kind, type id) of the types a student cannot tell from this one; see `Taxonomy.confusable`
    confusable: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Kind:
    """A kind of span, with its types in file order."""

    id: str
    name: str
    definition: str
    question: str
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

    def translated(self, t: Translator) -> Taxonomy:
        """The taxonomy as a sheet in another language prints it: each name, definition,
        question and example is a message id (the file's wording), looked up in the sheet's
        catalogue; what no catalogue has (a teacher's own type) prints as the file has it."""
        kinds = {
            kind_id: replace(
                kind,
                name=t.gettext(kind.name),
                definition=t.gettext(kind.definition),
                question=t.gettext(kind.question),
                types={
                    type_id: replace(
                        span_type,
                        name=t.gettext(span_type.name),
                        definition=t.gettext(span_type.definition),
                        question=t.gettext(span_type.question),
                        example=t.gettext(span_type.example),
                    )
                    for type_id, span_type in kind.types.items()
                },
            )
            for kind_id, kind in self.kinds.items()
        }
        return replace(self, kinds=kinds)

    def confusable(self, a: SpanType, b: SpanType) -> bool:
        """Whether students cannot tell the two types apart: either one lists the other."""
        return (b.kind, b.id) in a.confusable or (a.kind, a.id) in b.confusable


def _names_from(known: tuple[str, ...]) -> schema.Check:
    def check(value: Any) -> tuple[str, ...]:
        names = schema.text_list(value)
        unknown = [n for n in names if n not in known]
        if unknown:
            listed = ", ".join(f"'{n}'" for n in unknown)
            raise schema.Invalid(f"names {listed}, not one of: {', '.join(known)}")
        return names

    return check


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not value:
        raise schema.Invalid("must be a mapping with at least one entry")
    return value


# Far beyond the built-in taxonomy's longest; names print as choices, the rest in a glossary.
NAME, TEXT = schema.short_text(60), schema.short_text(400)
KIND_FIELDS = {
    "name": schema.Field(NAME, required=True),
    "definition": schema.Field(TEXT, required=True),
    "question": schema.Field(TEXT, required=True),
    "types": schema.Field(_mapping, required=True),
}
TYPE_FIELDS = {
    "name": schema.Field(NAME, required=True),
    "definition": schema.Field(TEXT, required=True),
    "question": schema.Field(TEXT, required=True),
    "example": schema.Field(TEXT, required=True),
    "wikipedia": schema.Field(_names_from(WIKIPEDIA_CATEGORIES), required=True),
    "semeval": schema.Field(_names_from(SEMEVAL_TECHNIQUES), required=True),
    "confusable": schema.Field(schema.text_list),
}


def load_taxonomy(workspace: Path) -> Taxonomy:
    """Load the workspace's taxonomy.yaml if it has one, else the built-in one."""
    path, rel = workspace / "taxonomy.yaml", "taxonomy.yaml"
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
    confusables: list[tuple[SpanType, Located]] = []
    for kind_id, key_loc, entry in doc.items():
        if kind_id not in KIND_KEYS:
            known = ", ".join(KIND_KEYS)
            problems.append(key_loc.problem(f"unknown kind '{kind_id}'; expected one of: {known}"))
            continue
        kinds[kind_id] = _load_kind(kind_id, entry, problems, confusables)
    for kind_id in KIND_KEYS:
        if kind_id not in kinds:
            problems.append(source.problem(1, 1, f"the taxonomy has no kind '{kind_id}'"))
    # Only now: a type may name a type of a kind further down the file.
    for span_type, listed in confusables:
        resolved = _confusable(span_type, listed, kinds, problems)
        kinds[span_type.kind].types[span_type.id] = replace(span_type, confusable=resolved)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return Taxonomy(rel, kinds)


def _confusable(
    span_type: SpanType, listed: Located, kinds: dict[str, Kind], problems: list[Problem]
) -> tuple[tuple[str, str], ...]:
    """Resolve a type's `confusable` list: `other-type` of its own kind, or `kind.type`."""
    resolved = []
    for entry in listed.elements():
        name = str(entry.value)
        kind_id, dot, type_id = name.partition(".")
        if not (dot and kind_id in KIND_KEYS):
            kind_id, type_id = span_type.kind, name
        if kind_id not in kinds:
            continue  # the missing kind is reported already
        if (kind_id, type_id) == (span_type.kind, span_type.id):
            problems.append(entry.problem(f"'confusable' names the type '{name}' itself"))
        elif type_id not in kinds[kind_id].types:
            expected = ", ".join(kinds[kind_id].types)
            problems.append(
                entry.problem(
                    f"'confusable' names unknown {kind_id} type '{name}'; expected one of: "
                    f"{expected} (or kind.type for a type of another kind)"
                )
            )
        else:
            resolved.append((kind_id, type_id))
    return tuple(resolved)


def _load_kind(
    kind_id: str,
    entry: Located,
    problems: list[Problem],
    confusables: list[tuple[SpanType, Located]],
) -> Kind:
    """One kind and its types; types with a `confusable` list go to `confusables`, unresolved."""
    values, where = schema.read_mapping(entry, KIND_FIELDS, f"kind '{kind_id}'", "error", problems)
    types: dict[str, SpanType] = {}
    for type_id, _, type_entry in where["types"].items() if "types" in values else []:
        what = f"type '{kind_id}.{type_id}'"
        fields, located = schema.read_mapping(type_entry, TYPE_FIELDS, what, "error", problems)
        types[type_id] = SpanType(
            kind=kind_id,
            id=type_id,
            name=fields.get("name", ""),
            definition=fields.get("definition", ""),
            question=fields.get("question", ""),
            example=fields.get("example", ""),
            wikipedia=fields.get("wikipedia", ()),
            semeval=fields.get("semeval", ()),
        )
        if "confusable" in fields:
            confusables.append((types[type_id], located["confusable"]))
    return Kind(
        kind_id,
        values.get("name", ""),
        values.get("definition", ""),
        values.get("question", ""),
        types,
    )
