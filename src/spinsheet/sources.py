"""Reading files: text decoding, front matter, YAML with positions, and other tools' offsets.

Every value read from YAML keeps the position of its node, so a problem found
later (a wrong type, an unknown key) can still name the file, line and column.
Other tools count positions in a file differently (code points or UTF-16
units, with or without a leading U+FEFF, `\\r\\n` as one character or two), so
`Text` keeps a file's text as read beside its normalised form and converts
positions from each convention.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem, Severity, one_line


@dataclass
class SourceFile:
    """A text file of the workspace; `rel` is the path that messages show."""

    path: Path
    rel: str
    text: str

    def problem(self, line: int, col: int, message: str, severity: Severity = "error") -> Problem:
        return Problem(self.rel, line, col, severity, message)


def read_source(path: Path, rel: str) -> SourceFile | Problem:
    """Read a UTF-8 text file, or say exactly why it is not one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(rel, 1, 1, "error", f"cannot read file: {exc.strerror}")
    text = decode_utf8(data, rel)
    if isinstance(text, Problem):
        return text
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return SourceFile(path, rel, text)


def decode_utf8(data: bytes, rel: str) -> str | Problem:
    """The text of a file's bytes, exactly as written, or why they are not UTF-8 text."""
    if b"\0" in data:
        return Problem(rel, 1, 1, "error", "this is a binary file, not UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]  # a column in bytes: where an editor's byte count finds it
        line, col = before.count(b"\n") + 1, exc.start - (before.rfind(b"\n") + 1) + 1
        message = f"not valid UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8"
        return Problem(rel, line, col, "error", message)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of `offset` in `text`."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


_NEWLINE = re.compile(r"\r\n?")


@dataclass(frozen=True)
class Text:
    """Text as read (`raw`), and normalised (`text`: no leading U+FEFF, `\\n` line ends)."""

    raw: str

    @cached_property
    def text(self) -> str:
        return _NEWLINE.sub("\n", self.raw.removeprefix("\ufeff"))

    @cached_property
    def _raw_to_text(self) -> list[int]:
        """For each code-point position of `raw`, the position in `text`."""
        positions, at = [], 0
        for i, char in enumerate(self.raw):
            positions.append(at)
            dropped = (i == 0 and char == "\ufeff") or (
                char == "\r" and self.raw[i + 1 : i + 2] == "\n"
            )
            at += 0 if dropped else 1
        positions.append(at)
        return positions

    def to_text(self, raw_offset: int) -> int:
        """A code-point position in `raw` as a position in `text`."""
        return self._raw_to_text[raw_offset]

    def to_raw(self, text_offset: int) -> int:
        """A position in `text` as a code-point position in `raw` (the first that maps to it)."""
        return _first_at_least(self._raw_to_text, text_offset)

    def conventions(self) -> list[tuple[str, Callable[[int], int | None]]]:
        """Every way a tool may have counted, as a function to a position in `text`."""
        return [
            ("code points", self._from(self._raw_to_text)),
            ("code points, normalised", self._from(list(range(len(self.text) + 1)))),
            ("UTF-16 units", self._from(_utf16_table(self.raw, self._raw_to_text))),
            ("UTF-16 units, normalised", self._from(_utf16_table(self.text, None))),
        ]

    @staticmethod
    def _from(table: list[int]) -> Callable[[int], int | None]:
        return lambda offset: table[offset] if 0 <= offset < len(table) else None


def _utf16_table(text: str, then: list[int] | None) -> list[int]:
    """For each UTF-16 unit position of `text`, the code-point position (mapped by `then`)."""
    table: list[int] = []
    for i, char in enumerate(text):
        at = then[i] if then else i
        table.extend([at, at] if ord(char) > 0xFFFF else [at])
    table.append(then[len(text)] if then else len(text))
    return table


def _first_at_least(table: list[int], value: int) -> int:
    return bisect_right(table, value - 1)


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, or at the top of a source checkout."""
    packaged = Path(__file__).with_name("templates")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def read_raw(path: Path | None, rel: str) -> str:
    """A file's text exactly as written (a leading U+FEFF and `\\r\\n` kept); `None` is stdin."""
    try:
        data = sys.stdin.buffer.read() if path is None else path.read_bytes()
    except OSError as exc:
        problem = Problem(rel, 1, 1, "error", f"cannot read file: {exc.strerror}")
        raise ContentError([problem]) from None
    text = decode_utf8(data, rel)
    if isinstance(text, Problem):
        raise ContentError([text])
    return text


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text, so a bad date is our message, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Located:
    """A YAML value with the node it came from, for positions."""

    value: Any
    node: yaml.Node | None
    source: SourceFile
    line_offset: int = 0
    problems: list[Problem] = field(default_factory=list)

    def position(self, node: yaml.Node | None = None) -> tuple[int, int]:
        node = node or self.node
        if node is None:
            return self.line_offset + 1, 1
        mark = node.start_mark
        return mark.line + 1 + self.line_offset, mark.column + 1

    def problem(self, message: str, severity: Severity = "error") -> Problem:
        line, col = self.position()
        return self.source.problem(line, col, message, severity)

    def items(self) -> list[tuple[str, Located, Located]]:
        """The entries of a mapping as (key, key-located, value-located)."""
        if not isinstance(self.node, yaml.MappingNode):
            return []
        return [(str(self.value_of(k)), self._child(k), self._child(v)) for k, v in self.node.value]

    def elements(self) -> list[Located]:
        """The entries of a sequence, located."""
        if not isinstance(self.node, yaml.SequenceNode):
            return []
        return [self._child(n) for n in self.node.value]

    def value_of(self, node: yaml.Node) -> Any:
        return _Loader("").construct_object(node, deep=True)

    def _child(self, node: yaml.Node) -> Located:
        return Located(self.value_of(node), node, self.source, self.line_offset)


# PyYAML's words, and what a teacher can do about them.
_YAML_HINTS = (
    ("'\\t'", " (indent with spaces, not tabs)"),
    ("mapping values are not allowed", " (check the indentation, or put the value in quotes)"),
    ("could not find expected ':'", " (check the indentation, or put the value in quotes)"),
    ("expected <block end>", " (check the indentation: keys of one item line up)"),
)


# What a teacher's YAML may hold. Each is far beyond any real file, and each is
# checked on the parsed nodes, before anything is built from them.
MAX_YAML_DEPTH = 50  # lists and mappings inside one another
MAX_YAML_VALUES = 100_000  # values, counting what every alias repeats
MAX_NUMBER_DIGITS = 100  # Python refuses to read an integer of more than 4,300 digits
_SURROGATE = re.compile("[\ud800-\udfff]")


def load_yaml(source: SourceFile, text: str, line_offset: int = 0) -> Located | Problem:
    """Parse YAML text (which starts `line_offset` lines into the file), within the limits
    above: a file that breaks one is an ordinary error at its place."""
    loader: _Loader | None = None
    duplicates: list[Problem] = []
    try:
        loader = _Loader(text)  # it reads the text here: a control character fails here
        node = loader.get_single_node()
        too_much = _beyond_limits(node, source, line_offset)
        if too_much is not None:
            return too_much
        # Before constructing: that merges `<<:` keys into the node, which is not a duplicate.
        duplicates = _duplicate_keys(Located(None, node, source, line_offset))
        value = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # At the end of the text, the place where the unclosed thing began says more.
        at_end = any(end in (exc.problem or "") for end in ("end of stream", "<stream end>"))
        mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        message = "; ".join(m for m in (exc.context, exc.problem) if m) or "not YAML"
        hint = next((h for clue, h in _YAML_HINTS if clue in message), "")
        return source.problem(line, col, f"invalid YAML: {message}{hint}")
    except yaml.reader.ReaderError as exc:
        line, col = line_col(text, exc.position)
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a byte"
        return source.problem(
            line + line_offset, col, f"invalid YAML: the control character {what} is not allowed"
        )
    except yaml.YAMLError as exc:
        return source.problem(line_offset + 1, 1, f"invalid YAML: {shorten(str(exc))}")
    except RecursionError:  # PyYAML composes nested nodes by recursion
        line, col = line_col(text, _deep_point(text))
        return source.problem(
            line + line_offset, col, f"YAML nested more than {MAX_YAML_DEPTH} levels deep"
        )
    finally:
        if loader is not None:
            loader.dispose()
    located = Located(value, node, source, line_offset)
    located.problems.extend(duplicates)
    return located


def _beyond_limits(root: yaml.Node | None, source: SourceFile, line_offset: int) -> Problem | None:
    """The first limit the parsed YAML breaks, at its place (see MAX_YAML_DEPTH and others)."""
    expanded: dict[int, int] = {}  # node -> how many values it stands for, aliases repeated

    def problem(node: yaml.Node, message: str) -> Problem:
        mark = node.start_mark
        return source.problem(mark.line + 1 + line_offset, mark.column + 1, message)

    # Depth first, without recursion (the depth itself is what is being checked).
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)] if root is not None else []
    on_path: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        children = _children(node)
        if done:
            on_path.discard(id(node))
            expanded[id(node)] = 1 + sum(expanded[id(c)] for c in children)
            if expanded[id(node)] > MAX_YAML_VALUES:
                return problem(
                    node,
                    f"this YAML stands for more than {MAX_YAML_VALUES:,} values (an alias "
                    "repeats all it points to): write out what you mean",
                )
            continue
        if id(node) in expanded:
            continue
        if id(node) in on_path:
            return problem(node, "a YAML alias here contains itself")
        if depth > MAX_YAML_DEPTH:
            return problem(node, f"YAML nested more than {MAX_YAML_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode):
            trouble = _scalar_trouble(node)
            if trouble:
                return problem(node, trouble)
            expanded[id(node)] = 1
            continue
        on_path.add(id(node))
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children if id(child) not in expanded)
    return None


def _deep_point(text: str) -> int:
    """Where brackets first nest deeper than the limit (0 if they never do): the place to
    name when the YAML parser itself ran out of depth."""
    depth = 1  # the document
    for i, char in enumerate(text):
        depth += (char in "[{") - (char in "]}")
        if depth > MAX_YAML_DEPTH:
            return i
    return 0


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _scalar_trouble(node: yaml.ScalarNode) -> str:
    value = str(node.value)
    digits = sum(c.isdigit() for c in value)
    if node.tag == "tag:yaml.org,2002:int" and digits > MAX_NUMBER_DIGITS:
        return f"a number of more than {MAX_NUMBER_DIGITS} digits"
    if _SURROGATE.search(value):
        return "a YAML escape here makes half of a character (a lone surrogate such as \\ud800)"
    return ""


def shorten(text: str, limit: int = 60) -> str:
    """User text fit for a message: control characters shown as escapes, at most `limit`."""
    shown = _SURROGATE.sub("?", one_line(text))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _duplicate_keys(doc: Located) -> list[Problem]:
    """Report mapping keys given twice: YAML would silently keep the last one."""
    problems: list[Problem] = []
    stack = [doc.node] if doc.node is not None else []
    seen_nodes: set[int] = set()  # aliases share nodes: visit each once, never exponentially
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                name = str(key.value)
                if name in seen and key.tag != "tag:yaml.org,2002:merge":
                    line, col = doc.position(key)
                    problems.append(doc.source.problem(line, col, f"duplicate key '{name}'"))
                seen.add(name)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems


_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass
class FrontMatter:
    """A Markdown file split into its YAML header and its body."""

    yaml_text: str
    body: str
    body_line: int  # 1-based line of the file where the body starts


def split_front_matter(source: SourceFile) -> FrontMatter | Problem:
    """Split `---` YAML `---` from the Markdown body that follows it."""
    text = source.text
    if not text.startswith("---") or _FENCE.match(text) is None:
        return source.problem(1, 1, "missing front matter: start the file with a '---' line")
    first_end = text.index("\n") + 1 if "\n" in text else len(text)
    closing = _FENCE.search(text, first_end)
    if closing is None:
        return source.problem(1, 1, "front matter is not closed: add a '---' line after it")
    yaml_text = text[first_end : closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else len(text)
    body_line = text.count("\n", 0, body_start) + 1
    return FrontMatter(yaml_text, text[body_start:], body_line)
