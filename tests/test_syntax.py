"""The span scanner: what counts as a span, and where malformed ones are reported."""

from __future__ import annotations

from spinsheet.syntax import scan


def spans_of(text: str) -> list[str]:
    spans, issues = scan(text)
    assert issues == []
    return [text[s.open + 1 : s.close] for s in spans]


def issues_of(text: str) -> list[tuple[int, str]]:
    return [(i.offset, i.message) for i in scan(text)[1]]


def test_nested_spans_come_out_in_document_order() -> None:
    text = "[a [b [c]{.loaded} d]{.loaded} e]{.unsourced}"
    assert spans_of(text) == ["a [b [c]{.loaded} d]{.loaded} e", "b [c]{.loaded} d", "c"]


def test_plain_brackets_links_images_and_code_are_not_spans() -> None:
    text = "[sic] [a link](http://x) ![pic](p.png) `[x]{.loaded}` \\[y\\]\\{.loaded} [z]{.loaded}"
    assert spans_of(text) == ["z"]


def test_brackets_inside_a_span_pair_up() -> None:
    assert spans_of('[he said [sic] "no"]{.loaded}') == ['he said [sic] "no"']


def test_attributes_are_read_with_escapes_and_bare_values() -> None:
    (span,), _ = scan(r'[x]{.loaded #x1 type=emotive why="a \"b\" c"}')
    assert [c.name for c in span.classes] == ["loaded"]
    assert [i.name for i in span.ids] == ["x1"]
    assert [(a.name, a.value) for a in span.attrs] == [("type", "emotive"), ("why", 'a "b" c')]


def test_attribute_block_may_run_over_lines_of_one_paragraph() -> None:
    (span,), _ = scan('[x]{.loaded\n   why="two\nlines"}')
    assert span.attrs[0].value == "two\nlines"


def test_a_span_cannot_cross_a_blank_line() -> None:
    assert issues_of("[a\n\nb]{.loaded}") == [
        (5, "this ']{' closes no '[' in its paragraph (a span cannot cross a blank line, "
         "and brackets inside a span must pair up)")
    ]  # fmt: skip


def test_malformed_attribute_blocks_are_reported_where_they_go_wrong() -> None:
    assert issues_of('[a]{.loaded why="open') == [(12, "the value of 'why' has no closing '\"'")]
    assert issues_of("[a]{.loaded") == [(3, "this attribute block has no closing '}'")]
    assert issues_of("[a]{.loaded !}") == [
        (12, "unexpected '!' in an attribute block; expected .kind, #id or key=\"value\"")
    ]
    assert issues_of("[a]{.loaded emotive}") == [(12, "expected '=' and a value after 'emotive'")]
    assert issues_of("[a]{. x}") == [(4, "expected a kind after '.'")]
    assert issues_of("[a]{.loaded why=\u201cx\u201d}") == [
        (16, "use straight double quotes (\") around the value of 'why'")
    ]


def test_an_attribute_block_must_follow_a_bracket() -> None:
    assert issues_of("word {.loaded} and {{ 7*7 }} and {#x}") == [
        (5, "an attribute block '{…}' must follow the ']' of a span directly"),
        (33, "an attribute block '{…}' must follow the ']' of a span directly"),
    ]


def test_code_spans_are_read_as_python_markdown_reads_them() -> None:
    # Markdown's pattern backtracks: ``a` is code, so the span after it is real.
    assert spans_of("``a` and [x]{.loaded} `b.") == ["x"]
    assert spans_of("``[x]{.loaded}`` and ` [y]{.loaded} `") == []


def test_an_escaped_bracket_before_attributes_would_leak_them() -> None:
    assert issues_of('[word\\]{.loaded why="secret"}') == [
        (7, "after an escaped '\\]' this attribute block would print as text; "
         "remove the backslash, or write '\\{' to print it")
    ]  # fmt: skip
