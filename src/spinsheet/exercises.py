"""Reading `exercises/<id>.yaml` into an `Exercise`, checked against the passages it names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import schema
from .catalogue import ACTIVITY_KINDS, ActivityKind
from .errors import Problem
from .i18n import language_problems, paragraphs_named
from .length import references_outside, span_problem, too_long
from .model import (
    MAX_VARIANTS,
    PAPERS,
    Activity,
    Exercise,
    Passage,
    RubricLevel,
    Sample,
    plural,
)
from .school import undecided_content
from .sources import Located, SourceFile, load_yaml, shorten


def _passage_ids(value: Any) -> tuple[str, ...]:
    ids = schema.text_list(value)
    if not ids:
        raise schema.Invalid("must name at least one passage")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise schema.Invalid(f"names {', '.join(repr(i) for i in twice)} more than once")
    return ids


def _excerpt_map(value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict) or not value:
        raise schema.Invalid("must map passages to paragraphs, such as {araujo-go-home: 1-6}")
    return value


PRINTS = ("large", "dyslexic")


def _print_options(value: Any) -> tuple[str, ...]:
    """`print: large`, `print: dyslexic` or `print: [large, dyslexic]`: how the sheet prints."""
    chosen = schema.text_list(value) if isinstance(value, list) else (value,)
    return tuple(schema.one_of(*PRINTS)(v) for v in chosen)


def _activity_list(value: Any) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise schema.Invalid("must be a list of at least one activity, each with a 'kind'")
    return value


EXERCISE = {
    "title": schema.Field(schema.text, required=True),
    "passages": schema.Field(_passage_ids, required=True),
    "audience": schema.Field(schema.text),
    "minutes": schema.Field(schema.integer(1, 600)),
    "paper": schema.Field(schema.one_of(*PAPERS)),
    "print": schema.Field(_print_options),
    "variants": schema.Field(schema.integer(1, MAX_VARIANTS)),
    "seed": schema.Field(schema.integer()),
    "avoid": schema.Field(schema.text_list),
    "excerpt": schema.Field(_excerpt_map),
    "references": schema.Field(schema.text_list),
    "language": schema.Field(schema.language_tag),  # the chrome's; default: the first passage's
    "activities": schema.Field(_activity_list, required=True),
}


def _rubric_entries(value: Any) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise schema.Invalid("needs at least one level, each with 'level' and 'descriptor'")
    return value


def _sample_entries(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise schema.Invalid("must be a list, each entry with 'level' and 'answer'")
    return value


def _two_passages(value: Any) -> tuple[str, ...]:
    ids = schema.text_list(value)
    if len(ids) != 2 or ids[0] == ids[1]:
        raise schema.Invalid(
            f"must name two different passages, such as [a, b]; got {shorten(str(list(ids)))}"
        )
    return ids


def _pair_list(value: Any) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise schema.Invalid("must be a list of pairs, such as [[a#id, b#id]]")
    return value


def _kind(value: Any) -> str:
    # Read at check time, so that a kind added to the catalogue later is known too.
    return str(schema.one_of(*ACTIVITY_KINDS)(value))


COMMON = {
    "kind": schema.Field(_kind, required=True),
    "passage": schema.Field(schema.text),
    "count": schema.Field(schema.integer(1)),
    "paragraphs": schema.Field(schema.paragraph_range),
    "instructions": schema.Field(schema.text),
    "shuffle": schema.Field(schema.boolean),
    "points": schema.Field(schema.integer(1, 100)),
}
EXTRA = {
    "passages": schema.Field(_two_passages, required=True),
    "pairs": schema.Field(_pair_list),
    "prompt": schema.Field(schema.text, required=True),
    "rubric": schema.Field(_rubric_entries, required=True),
    "samples": schema.Field(_sample_entries),
    "lines": schema.Field(schema.integer(1, 40)),
}
RUBRIC_LEVEL = {
    "level": schema.Field(schema.text, required=True),
    "descriptor": schema.Field(schema.text, required=True),
}
NO_PASSAGE = "no passage '{0}' in corpus/ (looked for corpus/{0}.md)"
NOT_A_REFERENCE = "'{0}' is one of the exercise's passages; a reference is another text"
SAMPLE = {
    "level": schema.Field(schema.text, required=True),
    "answer": schema.Field(schema.text, required=True),
}


def load_exercise(
    source: SourceFile, passages: dict[str, Passage], broken: set[str]
) -> tuple[Exercise | None, list[Problem]]:
    """Parse and check one exercise; `broken` names passages that exist but have errors."""
    doc = load_yaml(source, source.text)
    if isinstance(doc, Problem):
        return None, [doc]
    problems = list(doc.problems)
    if doc.value is None:
        return None, [
            source.problem(1, 1, "the exercise is empty; it needs a title, passages and activities")
        ]
    values, where = schema.read_mapping(doc, EXERCISE, "the exercise", "error", problems)
    named: tuple[str, ...] = values.get("passages", ())
    references: tuple[str, ...] = values.get("references", ())
    problems += _named_problems(where, named, references, passages, broken)
    avoid: tuple[str, ...] = values.get("avoid", ())
    excerpts = _excerpts(where, named, passages, problems)
    for passage_id, located in _located(where, "passages", named):
        if passage_id in passages:
            problems += undecided_content(passages[passage_id], located, passage_id in excerpts)
    activities = [
        _load_activity(entry, named, passages, avoid, excerpts, problems)
        for entry in (where["activities"].elements() if "activities" in values else [])
    ]
    if any(p.severity == "error" for p in problems):
        return None, problems
    if "minutes" in values and all(pid in passages for pid in named):
        problems += too_long(
            values["minutes"], where["minutes"], named, activities, passages, excerpts
        )
    exercise = Exercise(
        id=source.path.stem,
        rel=source.rel,
        title=values["title"],
        passages=named,
        audience=values.get("audience"),
        minutes=values.get("minutes"),
        paper=values.get("paper", "letter"),
        large_print="large" in values.get("print", ()),
        dyslexic="dyslexic" in values.get("print", ()),
        print_at=where["print"].position() if "print" in where else (1, 1),
        variants=values.get("variants", 1),
        seed=values.get("seed", 0),
        activities=tuple(a for a in activities if a is not None),
        excerpts=excerpts,
        references=references,
        language=values.get("language"),
    )
    problems += _language_problems(source, values, where, passages)
    return exercise, problems


def _language_problems(
    source: SourceFile,
    values: dict[str, Any],
    where: dict[str, Located],
    passages: dict[str, Passage],
) -> list[Problem]:
    """No catalogue for the sheet's language, or one that lacks messages or does not read."""
    root = source.path.parents[len(Path(source.rel).parts) - 1]
    if "language" in values:
        return language_problems(root, values["language"], where["language"], given=True)
    first = passages.get(values["passages"][0])
    if first is None or first.language == "en":
        return []
    return language_problems(root, first.language, where["passages"].elements()[0], given=False)


def _located(
    where: dict[str, Located], key: str, ids: tuple[str, ...]
) -> list[tuple[str, Located]]:
    """Each id of a list with where it is written."""
    return list(zip(ids, where[key].elements() if ids else [], strict=False))


def _named_problems(
    where: dict[str, Located],
    named: tuple[str, ...],
    references: tuple[str, ...],
    passages: dict[str, Passage],
    broken: set[str],
) -> list[Problem]:
    """Passages and references that are not in corpus/, and references that are passages."""
    problems = []
    for key, ids in (("passages", named), ("references", references)):
        for passage_id, located in _located(where, key, ids):
            if passage_id not in passages and passage_id not in broken:
                problems.append(located.problem(NO_PASSAGE.format(passage_id)))
            elif key == "references" and passage_id in named:
                problems.append(located.problem(NOT_A_REFERENCE.format(passage_id)))
    return problems


def _excerpts(
    where: dict[str, Located],
    named: tuple[str, ...],
    passages: dict[str, Passage],
    problems: list[Problem],
) -> dict[str, tuple[int, int]]:
    """`excerpt: {passage: 1-6}`: the paragraphs of a passage the sheet prints."""
    excerpts = {}
    for passage_id, key, value in where["excerpt"].items() if "excerpt" in where else []:
        try:
            first, last = schema.paragraph_range(value.value)
        except schema.Invalid as exc:
            problems.append(value.problem(f"'excerpt' of '{passage_id}' {exc}"))
            continue
        passage = passages.get(passage_id)
        if passage_id not in named:
            listed = ", ".join(named)
            problems.append(
                key.problem(
                    f"'excerpt' names '{passage_id}', not one of the exercise's passages ({listed})"
                )
            )
        elif passage is not None and last > passage.paragraphs:
            problems.append(
                value.problem(
                    f"'excerpt' of '{passage_id}' goes up to paragraph {last}, "
                    f"but the passage has {plural(passage.paragraphs, 'paragraph')}"
                )
            )
        else:
            excerpts[passage_id] = (first, last)
            problems += references_outside(passage, (first, last), value) if passage else []
    return excerpts


def _load_activity(
    entry: Located,
    named: tuple[str, ...],
    passages: dict[str, Passage],
    avoid: tuple[str, ...],
    excerpts: dict[str, tuple[int, int]],
    problems: list[Problem],
) -> Activity | None:
    start = len(problems)
    kind, values, where = _read_activity(entry, problems)
    passage_id = _activity_passage(entry, kind, values, where, named, passages, problems)
    if kind is not None and kind.no_count and "count" in values:
        problems.append(
            where["count"].problem(f"'count' does not apply to {values['kind']}: {kind.no_count}")
        )
    rubric = _rubric(where, problems)
    samples = _samples(where, rubric, problems)
    pairs = _pairs(where, values, passages, excerpts, problems)
    if any(p.severity == "error" for p in problems[start:]) or kind is None or passage_id is None:
        return None
    line, col = entry.position()
    activity = Activity(
        kind=values["kind"],
        passage=passage_id,
        count=values.get("count", kind.default_count),
        paragraphs=values.get("paragraphs"),
        instructions=values.get("instructions"),
        line=line,
        col=col,
        shuffle=values.get("shuffle", True),
        points=values.get("points"),
        other=values.get("other"),
        pairs=pairs,
        prompt=values.get("prompt"),
        rubric=rubric,
        samples=samples,
        lines=values.get("lines", 8),
        avoid=avoid,
        excerpt=excerpts.get(passage_id),
    )
    passage = passages.get(passage_id)
    if passage is not None and _paragraphs_exist(activity, passage, where, problems):
        _check_count(activity, kind, passage, entry, where, problems)
    return activity


def _read_activity(
    entry: Located, problems: list[Problem]
) -> tuple[ActivityKind | None, dict[str, Any], dict[str, Located]]:
    """An activity's kind (None if unknown), and its keys as that kind reads them."""
    name = entry.value.get("kind") if isinstance(entry.value, dict) else None
    kind = ACTIVITY_KINDS.get(name) if isinstance(name, str) else None
    fields = {**COMMON, **{k: EXTRA[k] for k in (kind.keys if kind else ())}}
    what = f"a {name} activity" if kind else "an activity"
    values, where = schema.read_mapping(entry, fields, what, "error", problems)
    return kind, values, where


def _activity_passage(
    entry: Located,
    kind: ActivityKind | None,
    values: dict[str, Any],
    where: dict[str, Located],
    named: tuple[str, ...],
    passages: dict[str, Passage],
    problems: list[Problem],
) -> str | None:
    """The passage an activity is about: its own `passage`, or the exercise's only one.

    A kind about two passages names them in `passages`: the first is its passage,
    and the second goes to `values["other"]`.
    """
    if kind is not None and kind.two_passages:
        if "passages" not in values:
            return None  # its `passages` is missing or wrong, and reported as such
        values["passage"], values["other"] = values["passages"]
        where["passage"] = where["passages"]
        if values["other"] not in named:
            problems.append(where["passages"].problem(_not_in_exercise(values["other"], named)))
    passage_id: str | None = values.get("passage")
    if passage_id is None and len(named) == 1:
        return named[0]
    if passage_id is None and len(named) > 1:
        problems.append(
            entry.problem(
                f"this exercise names {len(named)} passages: say which one with 'passage'"
            )
        )
    elif (
        passage_id is not None
        and passage_id not in named
        # When `passages:` names one that does not exist, a real passage here is most
        # likely the right spelling: that mistake is reported there, once.
        and not (passage_id in passages and any(n not in passages for n in named))
    ):
        problems.append(where["passage"].problem(_not_in_exercise(passage_id, named)))
    return passage_id


def _not_in_exercise(passage_id: str, named: tuple[str, ...]) -> str:
    listed = ", ".join(named)
    return (
        f"'passage' must be one of the exercise's passages ({listed}); got '{shorten(passage_id)}'"
    )


def _rubric(where: dict[str, Located], problems: list[Problem]) -> tuple[RubricLevel, ...]:
    levels = []
    for entry in where["rubric"].elements() if "rubric" in where else []:
        values, _ = schema.read_mapping(entry, RUBRIC_LEVEL, "a rubric level", "error", problems)
        if len(values) == 2:
            levels.append(RubricLevel(values["level"], values["descriptor"]))
    return tuple(levels)


def _samples(
    where: dict[str, Located], rubric: tuple[RubricLevel, ...], problems: list[Problem]
) -> tuple[Sample, ...]:
    samples = []
    known = [level.level for level in rubric]
    for entry in where["samples"].elements() if "samples" in where else []:
        values, fields = schema.read_mapping(entry, SAMPLE, "a sample answer", "error", problems)
        if len(values) != 2:
            continue
        if known and values["level"] not in known:
            problems.append(
                fields["level"].problem(
                    f"'level' must be one of the rubric's levels ({', '.join(known)}); "
                    f"got {schema.shown(values['level'])}"
                )
            )
        samples.append(Sample(values["level"], values["answer"]))
    return tuple(samples)


def _pairs(
    where: dict[str, Located],
    values: dict[str, Any],
    passages: dict[str, Passage],
    excerpts: dict[str, tuple[int, int]],
    problems: list[Problem],
) -> tuple[tuple[str, str, str], ...]:
    """Check `pairs: [[a#id, b#id, "the fact"], …]` against a compare activity's passages."""
    if "pairs" not in where or "passages" not in values:
        return ()
    first, second = values["passages"]
    pairs = []
    for entry in where["pairs"].elements():
        refs = entry.value
        well_formed = isinstance(refs, list) and len(refs) in (2, 3)
        if not (well_formed and all(isinstance(r, str) for r in refs)):
            problems.append(
                entry.problem(
                    f'a pair is [{first}#id, {second}#id] or [{first}#id, {second}#id, "the fact"]'
                )
            )
            continue
        ids = []
        located_refs = entry.elements()[:2]
        for ref, expected, located in zip(refs[:2], (first, second), located_refs, strict=True):
            passage_id, _, span_id = ref.partition("#")
            passage = passages.get(passage_id)
            if passage_id != expected or not span_id:
                problems.append(
                    located.problem(f"expected {expected}#id here; got '{shorten(ref)}'")
                )
            elif passage is not None:
                problem = span_problem(passage, span_id, excerpts.get(passage_id))
                problems += [located.problem(problem)] if problem else []
            ids.append(span_id)
        pairs.append((ids[0], ids[1], refs[2] if len(refs) == 3 else ""))
    return tuple(pairs)


def _paragraphs_exist(
    activity: Activity, passage: Passage, where: dict[str, Located], problems: list[Problem]
) -> bool:
    """Whether the activity's `paragraphs` are in the passage, and in the excerpt printed."""
    if activity.paragraphs is None:
        return True
    (first, last), excerpt = activity.paragraphs, activity.excerpt
    first = max(first, excerpt[0]) if excerpt is not None and first == 0 else first  # headline
    if excerpt is not None and not excerpt[0] <= first <= last <= excerpt[1]:
        message = (
            f"'paragraphs' {paragraphs_named(activity.paragraphs)} are not all in the excerpt of "
            f"'{passage.id}' the sheet prints ({paragraphs_named(excerpt)})"
        )
    elif last > passage.paragraphs:
        message = (
            f"'paragraphs' goes up to {last}, "
            f"but passage '{passage.id}' has {plural(passage.paragraphs, 'paragraph')}"
        )
    else:
        return True
    problems.append(where["paragraphs"].problem(message))
    return False


def _check_count(
    activity: Activity,
    kind: ActivityKind,
    passage: Passage,
    entry: Located,
    where: dict[str, Located],
    problems: list[Problem],
) -> None:
    if kind.draws is None:
        return
    if kind.english_only and passage.language.split("-")[0].lower() != "en":
        message = (
            f"{activity.kind} offers English verbs of saying, and passage '{passage.id}' is in "
            f"'{passage.language}': ask about its verbs with name-it or rewrite instead"
        )
        problems.append(entry.problem(message))
        return
    reasons = [kind.left_out(activity, s) for s in kind.candidates(activity, passage)]
    eligible = reasons.count("")
    what = kind.what
    scope = f" in {paragraphs_named(activity.paragraphs)}" if activity.paragraphs else ""
    scope = " in the excerpt" if activity.excerpt and not scope else scope
    why = _left_out_note(reasons.count("masked"), reasons.count("avoided"))
    if eligible == 0:
        problems.append(
            entry.problem(f"passage '{passage.id}' has no {what}{scope} for {activity.kind}{why}")
        )
    elif activity.count is not None and activity.count > eligible:
        problems.append(
            where["count"].problem(
                f"'count' is {activity.count}, but passage '{passage.id}' "
                f"has only {eligible} {what}{scope}{why}"
            )
        )


def _left_out_note(masked: int, avoided: int) -> str:
    """ " (2 more show a masked word …)": why spans of the right sort are not items."""
    notes = []
    if masked:
        shows = "shows" if masked == 1 else "show"
        notes.append(f"{masked} more {shows} a masked word, which no student could answer")
    if avoided:
        holds = "holds" if avoided == 1 else "hold"
        notes.append(
            f"{avoided} more {holds} a word of the exercise's 'avoid' in the sentence or the "
            "neutral wording"
        )
    return f" ({'; '.join(notes)})" if notes else ""
