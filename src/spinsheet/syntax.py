"""The bracketed-span syntax, `[TEXT]{.kind #id key="value"}`, as pandoc and djot write it.

This module only finds spans and reads their attribute blocks, keeping the
offset of every piece so that problems can be reported at line and column.
What the attributes mean is checked in `passages`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor

_NAME = re.compile(r"[A-Za-z0-9_:-]+")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SMART_QUOTES = "\u201c\u201d\u201e\u00ab\u00bb"
# Where Python-Markdown sees a code span, so must we: ask its own code.
_CODE = BacktickInlineProcessor(BACKTICK_RE)


@dataclass
class Token:
    """One piece of an attribute block: a class, an id or a key; `offset` is where it starts."""

    name: str
    offset: int
    value: str = ""


@dataclass
class RawSpan:
    """A span as written: offsets of `[`, `]` and one past `}` in the scanned text."""

    open: int
    close: int
    end: int
    classes: list[Token] = field(default_factory=list)
    ids: list[Token] = field(default_factory=list)
    attrs: list[Token] = field(default_factory=list)

    @property
    def attr_start(self) -> int:
        return self.close + 1


@dataclass
class SyntaxIssue:
    """Something malformed at `offset` in the scanned text."""

    offset: int
    message: str


class _Malformed(Exception):
    def __init__(self, offset: int, message: str) -> None:
        self.issue = SyntaxIssue(offset, message)


def scan(text: str, unclosed: list[int] | None = None) -> tuple[list[RawSpan], list[SyntaxIssue]]:
    """Find every span in a Markdown body, paragraph by paragraph, in document order.

    In one pass, linear in the text. `unclosed` collects the offsets of the `[`
    that nothing closes in their paragraph.
    """
    spans: list[RawSpan] = []
    issues: list[SyntaxIssue] = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        # Each paragraph on its own, so that no step looks past it: linear overall.
        found: list[RawSpan] = []
        problems: list[SyntaxIssue] = []
        left = _scan_paragraph(text[start:end], found, problems)
        spans += [_shifted(span, start) for span in found]
        issues += [SyntaxIssue(issue.offset + start, issue.message) for issue in problems]
        if unclosed is not None:
            unclosed += [offset + start for offset in left]
        start = brk.end() if brk else len(text)
    spans.sort(key=lambda s: s.open)
    return spans, issues


def _shifted(span: RawSpan, by: int) -> RawSpan:
    def moved(tokens: list[Token]) -> list[Token]:
        return [Token(t.name, t.offset + by, t.value) for t in tokens]

    return RawSpan(
        span.open + by,
        span.close + by,
        span.end + by,
        moved(span.classes),
        moved(span.ids),
        moved(span.attrs),
    )


def _scan_paragraph(text: str, spans: list[RawSpan], issues: list[SyntaxIssue]) -> list[int]:
    """Scan one paragraph; return the offsets of its unclosed `[`."""
    opened: list[int] = []
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char == "\\":
            if text.startswith(("]{.", "]{#"), i + 1):
                issues.append(
                    SyntaxIssue(
                        i + 2,
                        "after an escaped '\\]' this attribute block would print as text; "
                        "remove the backslash, or write '\\{' to print it",
                    )
                )
            i += 2
        elif char == "`":
            i = _skip_code_span(text, i, end)
        elif char == "[":
            opened.append(i)
            i += 1
        elif char == "]" and i + 1 < end and text[i + 1] == "{":
            try:
                span = _read_attribute_block(text, i, end)
            except _Malformed as exc:
                issues.append(exc.issue)
                return []  # the rest of the paragraph cannot be read reliably
            if opened:
                span.open = opened.pop()
                spans.append(span)
            else:
                issues.append(
                    SyntaxIssue(
                        i,
                        "this ']{' closes no '[' in its paragraph "
                        "(a span cannot cross a blank line, "
                        "and brackets inside a span must pair up)",
                    )
                )
            i = span.end
        elif char == "]":
            if opened:
                opened.pop()
            i += 1
        elif char == "{" and text.startswith((".", "#"), i + 1) and i + 2 < end:
            # After an escaped `\]` the block is text, like the bracket before it.
            if text[i + 2].isalpha() and text[i - 1 : i] != "]":
                issues.append(
                    SyntaxIssue(
                        i, "an attribute block '{…}' must follow the ']' of a span directly"
                    )
                )
            i += 1
        else:
            i += 1
    return opened


def _skip_code_span(text: str, i: int, end: int) -> int:
    """Return the index after a code span at `i` (or after its unpaired backticks)."""
    # (types-Markdown says it may return None; Markdown returns (start, None) instead.)
    start, close = cast(tuple[int, int | None], _CODE.find_code_spans(i, text))
    return start if close is None else close + (start - i)


def _read_attribute_block(text: str, close: int, end: int) -> RawSpan:
    """Read the `{…}` after the `]` at `close`."""
    span = RawSpan(open=-1, close=close, end=-1)
    brace = close + 1
    j = brace + 1
    while True:
        while j < end and text[j].isspace():
            j += 1
        if j >= end:
            raise _Malformed(brace, "this attribute block has no closing '}'")
        char = text[j]
        if char == "}":
            span.end = j + 1
            return span
        if char in ".#":
            name = _NAME.match(text, j + 1, end)
            what = "a kind" if char == "." else "an id"
            if name is None:
                raise _Malformed(j, f"expected {what} after '{char}'")
            (span.classes if char == "." else span.ids).append(Token(name.group(), j))
            j = name.end()
            continue
        key = _KEY.match(text, j, end)
        if key is None:
            raise _Malformed(
                j,
                f"unexpected '{char}' in an attribute block; expected .kind, #id or key=\"value\"",
            )
        j = key.end()
        if j >= end or text[j] != "=":
            raise _Malformed(key.start(), f"expected '=' and a value after '{key.group()}'")
        j += 1
        value, j = _read_value(text, j, end, key.group(), key.start())
        span.attrs.append(Token(key.group(), key.start(), value))


def _read_value(text: str, j: int, end: int, key: str, key_offset: int) -> tuple[str, int]:
    if j < end and text[j] in _SMART_QUOTES:
        raise _Malformed(j, f"use straight double quotes (\") around the value of '{key}'")
    if j < end and text[j] == '"':
        chars: list[str] = []
        j += 1
        while j < end:
            char = text[j]
            if char == "\\" and j + 1 < end and text[j + 1] in '"\\':
                chars.append(text[j + 1])
                j += 2
            elif char == '"':
                value = "".join(chars)
                runaway = re.search(r"\s([A-Za-z_][A-Za-z0-9_-]*)=$", value)
                if runaway:  # `why="x neutral="y"`: the quote after x is missing
                    raise _Malformed(
                        key_offset,
                        f"the value of '{key}' has no closing '\"' "
                        f"(it runs into '{runaway.group(1)}=')",
                    )
                return value, j + 1
            else:
                chars.append(char)
                j += 1
        raise _Malformed(key_offset, f"the value of '{key}' has no closing '\"'")
    bare = re.compile(r"[^\s}\"]+").match(text, j, end)
    if bare is None:
        raise _Malformed(key_offset, f"'{key}' has no value")
    return bare.group(), bare.end()
