"""Text for the terminal: a passage with its spans coloured and numbered, and listings."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from pathlib import Path

import typer

from .markup import Edge, analyse, numbered_blocks
from .model import SPAN_KINDS, Passage, Span, Suggested, plural
from .taxonomy import Taxonomy
from .workspace import Workspace

_COLOURS = {
    "loaded": typer.colors.YELLOW,
    "unsourced": typer.colors.CYAN,
    "sourced": typer.colors.GREEN,
}


def printable(text: str) -> str:
    """Passage text fit for a terminal: a control character (an escape sequence could
    retitle or drive the terminal) is shown as its code instead."""
    return "".join(
        repr(c)[1:-1] if unicodedata.category(c) == "Cc" and c not in "\n\t" else c for c in text
    )


def show_passage(passage: Passage, width: int = 88) -> str:
    """The passage as numbered paragraphs with ⟦L1 …⟧ around spans, then the span list."""
    markers = passage.markers
    lines = [
        typer.style(printable(passage.title), bold=True),
        f"{passage.rel} · {plural(len(passage.spans), 'span')}",
        "",
    ]
    for number, pieces in numbered_blocks(analyse(passage.body)):
        marked = printable("".join(_piece_text(p, markers) for p in pieces))
        text = re.sub(r"[ \t\n]+", " ", marked).strip()
        wrapped = textwrap.fill(
            text, width=width, initial_indent=f"{number:>3}  ", subsequent_indent="     "
        )
        lines += [_colour(wrapped, markers), ""]
    for span in passage.spans:
        kind, marker = markers[span.id]
        label = typer.style(f"{marker:>4}", fg=_COLOURS[kind], bold=True)
        lines.append(
            f"{label} ¶{span.paragraph} {kind}/{span.type or '?'} #{span.id}: "
            f"“{printable(span.text)}”"
        )
        lines += _notes(span)
    if passage.suggestions:
        lines += [
            "",
            typer.style("Suggested, not on any worksheet until accepted", bold=True)
            + f" (spinsheet accept {passage.id} [ID…] · spinsheet reject {passage.id} [ID…])",
        ]
    for suggestion in passage.suggestions:
        label = typer.style("   ?", fg=_COLOURS[suggestion.kind], bold=True)
        lines.append(
            f"{label} line {suggestion.line} {suggestion.kind}/{suggestion.type or '?'} "
            f"#{suggestion.id}: “{printable(suggestion.text)}” (score {suggestion.score:.2f})"
        )
        lines += _notes(suggestion)
    return "\n".join(lines)


def _notes(span: Span | Suggested) -> list[str]:
    keys = ("why", "neutral", "ask", "check", "source")
    values = [(key, getattr(span, key, None)) for key in keys]
    return [f"       {key}: {printable(value)}" for key, value in values if value]


def _piece_text(piece: str | Edge, markers: dict[str, tuple[str, str]]) -> str:
    if isinstance(piece, str):
        return piece
    return f"\u27e6{markers[piece.span_id][1]}\u00a0" if piece.opens else "\u27e7"


def _colour(text: str, markers: dict[str, tuple[str, str]]) -> str:
    """Colour each ⟦marker … ⟧ by its kind (wrapping was done on the plain text)."""
    kind_of = {label: kind for kind, label in markers.values()}
    out: list[str] = []
    open_kinds: list[str] = []
    for token in re.split(r"(\u27e6[^\u00a0]+\u00a0|\u27e7)", text):
        if token.startswith("\u27e6"):
            open_kinds.append(kind_of[token[1:-1]])
            out.append(typer.style(token, fg=_COLOURS[open_kinds[-1]], bold=True))
        elif token == "\u27e7":
            out.append(typer.style(token, fg=_COLOURS[open_kinds.pop()], bold=True))
        elif open_kinds:
            out.append(typer.style(token, fg=_COLOURS[open_kinds[-1]]))
        else:
            out.append(token)
    return "".join(out)


def list_workspace(workspace: Workspace) -> str:
    """Passages with their spans by kind, then exercises, then the taxonomy."""
    lines = [typer.style("Passages", bold=True), *_passage_lines(workspace)]
    lines += ["", typer.style("Exercises", bold=True), *_exercise_lines(workspace)]
    if workspace.taxonomy is not None:
        lines += ["", typer.style(f"Taxonomy ({workspace.taxonomy.rel})", bold=True)]
        lines += _taxonomy_lines(workspace.taxonomy)
    return "\n".join(lines)


def _passage_lines(workspace: Workspace) -> list[str]:
    lines = [] if workspace.passages else ["  (none)"]
    loaded = {p.rel: p for p in workspace.passages.values()}
    for rel in (f for f in workspace.files if f.startswith("corpus/")):
        passage = loaded.get(rel)
        if passage is None:
            lines.append(_broken(rel))
        else:
            counts = ", ".join(f"{len(passage.spans_of(k))} {k}" for k in SPAN_KINDS)
            lines.append(f"  {passage.id}  {printable(passage.title)}  ({counts})")
    return lines


def _exercise_lines(workspace: Workspace) -> list[str]:
    lines = [] if workspace.exercises else ["  (none)"]
    built = {e.rel for e in workspace.exercises.values()}
    lines += [
        _broken(rel) for rel in workspace.files if rel.startswith("exercises/") and rel not in built
    ]
    for exercise in workspace.exercises.values():
        kinds = ", ".join(a.kind for a in exercise.activities)
        lines.append(
            f"  {exercise.id}  {printable(exercise.title)}  ({', '.join(exercise.passages)}; "
            f"{kinds}; {plural(exercise.variants, 'variant')}, {exercise.paper})"
        )
    return lines


def _broken(rel: str) -> str:
    return f"  {Path(rel).stem}  (has errors: see spinsheet check {rel})"


def _taxonomy_lines(taxonomy: Taxonomy) -> list[str]:
    lines = []
    for kind in taxonomy.kinds.values():
        lines.append(f"  {kind.id}: {kind.name}. Ask: {kind.question}")
        for t in kind.types.values():
            lines.append(f"    {t.id}: {t.name}. {t.definition}")
            lines.append(f"      Ask: {t.question} Example: {t.example}")
            crosswalk = "; ".join(
                f"{scheme}: {', '.join(names)}"
                for scheme, names in (("Words to watch", t.wikipedia), ("SemEval", t.semeval))
                if names
            )
            if crosswalk:
                lines.append(f"      {crosswalk}")
    return lines
