"""JSON with positions: every value keeps where it was written, for messages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Problem
from ..sources import Text, read_raw

Where = tuple[str, int, int]  # path, line and column of an annotation


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
    """Parse JSON starting `line_offset` lines into its file (JSONL), or report where it breaks."""
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


def integer(doc: Json | None) -> int | None:
    """A whole number, if that is what `doc` holds (not a boolean)."""
    if doc is None or isinstance(doc.value, bool) or not isinstance(doc.value, int):
        return None
    return int(doc.value)
