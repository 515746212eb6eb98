"""Reading `exercises/<id>.yaml` into an `Exercise`, checked against the passages it names."""

from __future__ import annotations

import re
from typing import Any

from . import schema
from .errors import Problem
from .model import ACTIVITY_KINDS, MAX_VARIANTS, PAPERS, Activity, Exercise, Passage, plural
from .sources import Located, SourceFile, load_yaml


def _passage_ids(value: Any) -> tuple[str, ...]:
    ids = schema.text_list(value)
    if not ids:
        raise schema.Invalid("must name at least one passage")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise schema.Invalid(f"names {', '.join(repr(i) for i in twice)} more than once")
    return ids


def _paragraph_range(value: Any) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?", str(value))
    if isinstance(value, bool) or match is None:
        raise schema.Invalid(f"must be a paragraph number or a range such as 2-5; got '{value}'")
    first, last = int(match[1]), int(match[2] or match[1])
    if first < 1 or last < first:
        raise schema.Invalid(
            f"must run from a first paragraph (1 or more) to a later one; got '{value}'"
        )
    return first, last


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
    "variants": schema.Field(schema.integer(1, MAX_VARIANTS)),
    "seed": schema.Field(schema.integer()),
    "activities": schema.Field(_activity_list, required=True),
}
ACTIVITY = {
    "kind": schema.Field(schema.one_of(*ACTIVITY_KINDS), required=True),
    "passage": schema.Field(schema.text),
    "count": schema.Field(schema.integer(1)),
    "paragraphs": schema.Field(_paragraph_range),
    "instructions": schema.Field(schema.text),
}
_ELIGIBLE = {
    "rewrite": "loaded spans with a 'neutral' wording",
    "who-says": "unsourced spans",
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
    for passage_id, located in zip(
        named, where["passages"].elements() if named else [], strict=False
    ):
        if passage_id not in passages and passage_id not in broken:
            problems.append(
                located.problem(
                    f"no passage '{passage_id}' in corpus/ (looked for corpus/{passage_id}.md)"
                )
            )
    activities = [
        _load_activity(entry, named, passages, problems)
        for entry in (where["activities"].elements() if "activities" in values else [])
    ]
    if any(p.severity == "error" for p in problems):
        return None, problems
    exercise = Exercise(
        id=source.path.stem,
        rel=source.rel,
        title=values["title"],
        passages=named,
        audience=values.get("audience"),
        minutes=values.get("minutes"),
        paper=values.get("paper", "letter"),
        variants=values.get("variants", 1),
        seed=values.get("seed", 0),
        activities=tuple(a for a in activities if a is not None),
    )
    return exercise, problems


def _load_activity(
    entry: Located, named: tuple[str, ...], passages: dict[str, Passage], problems: list[Problem]
) -> Activity | None:
    start = len(problems)
    values, where = schema.read_mapping(entry, ACTIVITY, "an activity", "error", problems)
    passage_id = values.get("passage")
    if passage_id is None and len(named) == 1:
        passage_id = named[0]
    elif passage_id is None and len(named) > 1:
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
        listed = ", ".join(named)
        problems.append(
            where["passage"].problem(
                f"'passage' must be one of the exercise's passages ({listed}); got '{passage_id}'"
            )
        )
    kind = values.get("kind")
    if kind == "spot" and "count" in values:
        problems.append(
            where["count"].problem("'count' does not apply to spot: students look for every span")
        )
    if any(p.severity == "error" for p in problems[start:]) or kind is None or passage_id is None:
        return None
    line, _ = entry.position()
    activity = Activity(
        kind=kind,
        passage=passage_id,
        count=values.get("count"),
        paragraphs=values.get("paragraphs"),
        instructions=values.get("instructions"),
        line=line,
    )
    passage = passages.get(passage_id)
    if passage is not None and _paragraphs_exist(activity, passage, where, problems):
        _check_count(activity, passage, entry, where, problems)
    return activity


def _paragraphs_exist(
    activity: Activity, passage: Passage, where: dict[str, Located], problems: list[Problem]
) -> bool:
    if activity.paragraphs is None or activity.paragraphs[1] <= passage.paragraphs:
        return True
    problems.append(
        where["paragraphs"].problem(
            f"'paragraphs' goes up to {activity.paragraphs[1]}, "
            f"but passage '{passage.id}' has {plural(passage.paragraphs, 'paragraph')}"
        )
    )
    return False


def _check_count(
    activity: Activity,
    passage: Passage,
    entry: Located,
    where: dict[str, Located],
    problems: list[Problem],
) -> None:
    eligible = len(activity.eligible(passage))
    what = _ELIGIBLE.get(activity.kind, "spans")
    scope = f" in {activity.paragraph_scope}" if activity.paragraphs else ""
    if eligible == 0:
        problems.append(
            entry.problem(f"passage '{passage.id}' has no {what}{scope} for {activity.kind}")
        )
    elif activity.count is not None and activity.count > eligible:
        problems.append(
            where["count"].problem(
                f"'count' is {activity.count}, but passage '{passage.id}' "
                f"has only {eligible} {what}{scope}"
            )
        )
