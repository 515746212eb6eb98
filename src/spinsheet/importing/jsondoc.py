"""JSON with positions: every value keeps where it was written, for messages.

A file is read twice. A scan of its tokens comes first: it finds where each
value was written, and refuses, at their place, lists and objects nested more
than `MAX_DEPTH` deep (Python's own reader would run out of stack) and numbers
longer than `MAX_NUMBER` characters (Python will not convert one of 4,300
digits). It is linear, whatever the file holds. Then `json` reads the values.

The readers ask for values by the type they need (`listed`, `objects`,
`string`, `strings`, `label`): a value of another type is an error at its place,
never a crash later on.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import ContentError, Problem
from ..sources import Text, read_raw
from .limits import MAX_DEPTH, MAX_NUMBER, excerpt

Where = tuple[str, int, int]  # path, line and column of an annotation

# A string (to its closing quote, else to the end of its line: the scan never looks
# back, so it stays linear on broken files too), a bracket or punctuation, or a word.
_STRAY = re.compile("[\0\ud800-\udfff]")  # json reads "\\u0000" and a lone "\\ud800"
_TOKEN = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"?|[\[\]{}:,]|[^\s\[\]{}:,"]+')


@dataclass
class _Lines:
    """Where a document's lines start, to turn an offset into a line and column."""

    text: str
    line_offset: int  # lines of the file before the document (JSONL)

    @cached_property
    def starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index + 1 + self.line_offset, offset - self.starts[index] + 1


@dataclass
class _Node:
    """Where a value starts, and where its members or elements do."""

    offset: int
    members: dict[str, _Node] | list[_Node] | None = None


@dataclass
class Json:
    """A JSON value with the position it was written at."""

    value: Any
    node: _Node | None
    rel: str
    lines: _Lines | None = field(default=None, repr=False)

    def problem(self, message: str) -> Problem:
        return Problem(*self.position, "error", message)

    def fail(self, message: str) -> ContentError:
        return ContentError([self.problem(message)])

    @property
    def position(self) -> Where:
        if self.node is None or self.lines is None:
            return self.rel, 1 + (self.lines.line_offset if self.lines else 0), 1
        return self.rel, *self.lines.at(self.node.offset)

    def get(self, key: str) -> Json | None:
        if not isinstance(self.value, dict) or key not in self.value:
            return None
        members = self.node.members if self.node is not None else None
        node = members.get(key) if isinstance(members, dict) else None
        return Json(self.value[key], node, self.rel, self.lines)

    def text(self, key: str) -> str:
        """A text to show (a title, a URL): `""` unless it is a string (or a list holding one)."""
        child = self.get(key)
        value = child.value if child is not None else None
        if isinstance(value, list):  # Hypothesis writes `"title": ["…"]`
            value = next((v for v in value if isinstance(v, str)), None)
        return value.strip() if isinstance(value, str) else ""

    def elements(self) -> list[Json]:
        """A list's elements; an object alone, as a list of one; nothing for anything else."""
        if not isinstance(self.value, list):
            return [self] if isinstance(self.value, dict) else []
        members = self.node.members if self.node is not None else None
        nodes = members if isinstance(members, list) else []
        return [
            Json(v, nodes[i] if i < len(nodes) else None, self.rel, self.lines)
            for i, v in enumerate(self.value)
        ]

    def listed(self, key: str) -> list[Json]:
        """The elements of the list under `key` (an object alone counts as a list of one).

        None when `key` is missing or null; anything else is an error at its place.
        """
        child = self.get(key)
        if child is None or child.value is None:
            return []
        if not isinstance(child.value, list | dict):
            raise child.fail(f"expected a list for '{key}', not {kind_of(child.value)}")
        return child.elements()

    def objects(self, key: str) -> list[Json]:
        """The objects listed under `key`; an element that is not an object is an error."""
        found = self.listed(key)
        for element in found:
            if not isinstance(element.value, dict):
                raise element.fail(f"expected an object in '{key}', not {kind_of(element.value)}")
        return found

    def string(self, key: str) -> str | None:
        """The string under `key`; None when it is missing or null, else an error."""
        child = self.get(key)
        if child is None or child.value is None:
            return None
        if not isinstance(child.value, str):
            raise child.fail(f"expected a string for '{key}', not {kind_of(child.value)}")
        return child.value

    def strings(self, key: str) -> list[str]:
        """The strings listed under `key`; anything else there is an error."""
        child = self.get(key)
        if child is None or child.value is None:
            return []
        if not isinstance(child.value, list):
            raise child.fail(f"expected a list of strings for '{key}', not {kind_of(child.value)}")
        for element in child.elements():
            if not isinstance(element.value, str):
                raise element.fail(f"expected a string in '{key}', not {kind_of(element.value)}")
        return list(child.value)

    def label(self, what: str) -> str:
        """This value as a label: a string, or a whole number (doccano's label ids)."""
        if isinstance(self.value, str):
            return self.value
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            return str(self.value)  # at most MAX_NUMBER digits: the scan saw to that
        raise self.fail(f"expected {what} as a string or a number, not {kind_of(self.value)}")

    def name(self, key: str, default: str) -> str:
        """An id to name a passage by: a string or a whole number, else `default` if missing."""
        child = self.get(key)
        if child is None or child.value is None:
            return default
        return child.label(f"'{key}'")


def kind_of(value: object) -> str:
    """What a JSON value is, as messages name it: "a number", "an object", "null"…"""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return f"the string '{excerpt(value)}'"
    return "a list" if isinstance(value, list) else "an object"


def read_json(path: Path, rel: str) -> Json:
    """Parse JSON, or report where it breaks."""
    text = Text(read_raw(path, rel)).text
    return parse_json(text, rel)


def parse_json(text: str, rel: str, line_offset: int = 0) -> Json:
    """Parse JSON starting `line_offset` lines into its file (JSONL), or report where it breaks."""
    lines = _Lines(text, line_offset)
    node = _scan(text, rel, lines)  # before `json`: it refuses what `json` cannot take
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem(
            rel, exc.lineno + line_offset, exc.colno, "error", f"invalid JSON: {exc.msg}"
        )
        raise ContentError([problem]) from None
    except (RecursionError, ValueError):  # the scan stops either first: see `_scan`
        problem = Problem(rel, 1 + line_offset, 1, "error", "invalid JSON: too deep or too long")
        raise ContentError([problem]) from None
    return Json(value, node, rel, lines)


def _scan(text: str, rel: str, lines: _Lines) -> _Node | None:
    """Where each value of `text` starts; an error where it nests too deep or a number is long.

    On text that is not JSON the result means nothing, but the scan still ends,
    in one pass: `json` then says what is wrong.
    """
    root: _Node | None = None
    stack: list[_Node] = []
    key: str | None = None  # in an object: the member being read
    for match in _TOKEN.finditer(text):
        token, offset = match.group(), match.start()
        first = token[0]
        top = stack[-1] if stack else None
        if first in "}]":
            if stack:
                stack.pop()
            continue
        if first == ",":
            key = None
            continue
        if first == ":":
            continue
        if first == '"' and "\\u" in token:
            _no_stray_characters(token, rel, lines, offset)
        if isinstance(top, _Node) and isinstance(top.members, dict) and key is None:
            if first == '"':  # a member's name
                key = _decoded(token)
            continue
        node = _Node(offset)
        if first in "{[":
            if len(stack) >= MAX_DEPTH:
                line, col = lines.at(offset)
                message = (
                    f"nested too deeply: at most {MAX_DEPTH} lists and objects "
                    "inside one another are read"
                )
                raise ContentError([Problem(rel, line, col, "error", message)])
            node.members = {} if first == "{" else []
        elif first in "-0123456789" and len(token) > MAX_NUMBER:
            line, col = lines.at(offset)
            message = f"a number {len(token):,} characters long: at most {MAX_NUMBER} are read"
            raise ContentError([Problem(rel, line, col, "error", message)])
        if top is None:
            root = root or node
        elif isinstance(top.members, list):
            top.members.append(node)
        elif isinstance(top.members, dict) and key is not None:
            top.members[key] = node  # the last of a name given twice, as `json` keeps it
        if node.members is not None:
            stack.append(node)
            key = None
    return root


def _no_stray_characters(token: str, rel: str, lines: _Lines, offset: int) -> None:
    """Refuse a string escaping what no text file holds: NUL, or half a UTF-16 pair."""
    try:
        value = json.loads(token)
    except ValueError:
        return  # not a whole string: `json` says what is wrong
    found = _STRAY.search(value) if isinstance(value, str) else None
    if found is None:
        return
    char = found.group()
    what = "a NUL character" if char == "\0" else "half of a UTF-16 surrogate pair"
    line, col = lines.at(offset)
    message = f"this text holds {what} (\\u{ord(char):04x}), which no text file can"
    raise ContentError([Problem(rel, line, col, "error", message)])


def _decoded(token: str) -> str:
    """A member name as `json` reads it."""
    if "\\" not in token:
        return token[1:-1]
    try:
        name = json.loads(token)
    except ValueError:
        return token[1:-1]
    return name if isinstance(name, str) else token[1:-1]


def integer(doc: Json | None) -> int | None:
    """A whole number, if that is what `doc` holds (not a boolean)."""
    if doc is None or isinstance(doc.value, bool) or not isinstance(doc.value, int):
        return None
    return int(doc.value)
