"""Small typed validators for YAML mappings: each field declared once, every problem reported."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .errors import Problem, Severity
from .sources import Located, shorten


class Invalid(Exception):
    """A value does not fit its field; the message completes "'key' …"."""


Check = Callable[[Any], Any]


@dataclass(frozen=True)
class Field:
    """One key of a mapping: how to check its value, and whether it must be there."""

    check: Check
    required: bool = False


def text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Invalid(f"must be text; got {shown(value)}")
    result = str(value).strip()
    if not result:
        raise Invalid("must not be empty")
    return result


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false; got {shown(value)}")
    return value


def one_of(*choices: str) -> Check:
    def check(value: Any) -> str:
        if value not in choices:
            raise Invalid(f"must be one of {', '.join(choices)}; got {shown(value)}")
        return str(value)

    return check


def integer(low: int | None = None, high: int | None = None) -> Check:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"must be a whole number; got {shown(value)}")
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise Invalid(f"must be {span}; got {value}")
        return value

    return check


def iso_date(value: Any) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
        raise Invalid(f"must be a date written YYYY-MM-DD; got {shown(value)}")
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise Invalid(f"is not a real date ({exc}); got {shown(value)}") from None


def web_url(value: Any) -> str:
    url = text(value)
    try:
        parts = urlsplit(url)
        host = parts.hostname  # reading it checks an IPv6 host's brackets and form
    except ValueError:
        parts, host = urlsplit(""), None
    if parts.scheme not in ("http", "https") or not parts.netloc or not host:
        raise Invalid(f"must be an http or https address; got {shown(value)}")
    return url


# A language and its subtags, or a private-use tag such as x-test (a catalogue's pseudo-language).
_LANGUAGE = re.compile(r"(?:[A-Za-z]{2,3}|[xX](?=-))(-[A-Za-z0-9]{1,8})*")


def is_language_tag(value: object) -> bool:
    return isinstance(value, str) and _LANGUAGE.fullmatch(value) is not None


def language_tag(value: Any) -> str:
    if not is_language_tag(value):
        raise Invalid(f"must be a language tag such as en or pt-BR; got {shown(value)}")
    return str(value)


def short_text(limit: int) -> Check:
    """Text of at most `limit` characters: what prints in a narrow box (a glossary, a
    choice) must break into lines, and a long unbroken string costs layout time."""

    def check(value: Any) -> str:
        result = text(value)
        if len(result) > limit:
            raise Invalid(f"must be at most {limit} characters; got {len(result):,}")
        return result

    return check


def text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Invalid(f"must be a list, such as [one, two]; got {shown(value)}")
    return tuple(text(item) for item in value)


def paragraph_range(value: Any) -> tuple[int, int]:
    """ "2-5" (or 2–5, or one number): the first and last of a run of paragraphs; 0 is the
    headline."""
    match = re.fullmatch(r"\s*([0-9]{1,6})\s*(?:[-–]\s*([0-9]{1,6})\s*)?", str(value)[:40])
    if isinstance(value, bool) or match is None:
        raise Invalid(f"must be a paragraph number or a range such as 2-5; got {shown(value)}")
    first, last = int(match[1]), int(match[2] or match[1])
    if last < first:
        raise Invalid(f"must run from a first paragraph to a later one; got {shown(value)}")
    return first, last


def paragraph_list(value: Any) -> tuple[int, ...]:
    """ "[8, 15, 20-22]": paragraph numbers, in order, each once."""
    if not isinstance(value, list) or not value:
        raise Invalid(f"must be a list of paragraphs, such as [8, 15, 20-22]; got {shown(value)}")
    numbers = {
        n
        for item in value
        for first, last in [paragraph_range(item)]
        for n in range(first, last + 1)
    }
    return tuple(sorted(numbers))


def shown(value: Any) -> str:
    """A value as a message quotes it: short, escaped, and never a whole list or mapping."""
    if isinstance(value, str):
        return f"'{shorten(value)}'"
    if value is None:
        return "nothing"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    return str(value)


def read_mapping(
    doc: Located,
    fields: dict[str, Field],
    what: str,
    unknown: Severity,
    problems: list[Problem],
) -> tuple[dict[str, Any], dict[str, Located]]:
    """Check a mapping against its fields; return the good values and where each came from."""
    if doc.value is not None and not isinstance(doc.value, dict):
        problems.append(doc.problem(f"{what} must be a mapping of keys to values"))
        return {}, {}
    values: dict[str, Any] = {}
    where: dict[str, Located] = {}
    for key, key_loc, value in doc.items():
        field = fields.get(key)
        if field is None:
            expected = ", ".join(fields)
            problems.append(
                key_loc.problem(
                    f"unknown key '{key}' in {what}; expected one of: {expected}", unknown
                )
            )
            continue
        where[key] = value
        try:
            values[key] = field.check(value.value)
        except Invalid as exc:
            problems.append(value.problem(f"'{key}' {exc}"))
    for key, field in fields.items():
        if field.required and key not in where:
            problems.append(doc.problem(f"'{key}' is required in {what}"))
    return values, where
