"""Worksheets as HTML: the Jinja environment, the template context, and one sheet per edition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal, TypedDict

import jinja2
from markupsafe import Markup

from .errors import TemplateError
from .markup import render_html
from .masking import Masker
from .model import Activity, Exercise, Passage, Span
from .selection import choose_items
from .taxonomy import Taxonomy

Edition = Literal["student", "key"]

ACTIVITY_TITLES = {
    "spot": "Spot the spin",
    "rewrite": "Say it neutrally",
    "who-says": "Who says?",
}
DEFAULT_INSTRUCTIONS = {
    "spot": (
        "Read the passage. Underline every loaded word or phrase: words chosen to make "
        "you feel something, not just to tell you what happened. Circle every claim that "
        "does not say who says so or how they know."
    ),
    "rewrite": (
        "Each sentence has a loaded phrase in bold. Rewrite the phrase in neutral words "
        "that tell what happened without pushing a feeling."
    ),
    "who-says": (
        "The claims in bold do not say where they come from. For each one, write who the "
        "source might be, what evidence you would need to believe it, and where you could check."
    ),
}


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, or at the top of a source checkout."""
    packaged = Path(__file__).with_name("templates")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


@dataclass(frozen=True)
class PassageView:
    """A passage as a sheet prints it: numbered, with its provenance, marked on the key."""

    passage: Passage
    number: int
    html: Markup
    provenance: str


@dataclass(frozen=True)
class Item:
    """One numbered item of an activity: a span, with its marker and its type's names."""

    number: int
    span: Span
    marker: str
    kind_name: str
    type_name: str | None
    type_definition: str | None


@dataclass(frozen=True)
class ActivityView:
    """One activity as printed: its title, instructions, passage and items."""

    number: int
    kind: str
    template: str
    title: str
    instructions: str
    passage: PassageView
    items: list[Item]
    sourced: list[Item]  # spot only: spans that name their source, for the key
    counts: dict[str, int]  # items by kind, for "find 7 loaded words"
    passage_label: str  # "passage 2" when the sheet has several passages, else ""
    scope: str  # where to look: "", "paragraphs 2–5", "passage 2", "passage 2, paragraphs 2–5"


class SheetContext(TypedDict):
    """Exactly what a worksheet template receives; templates get no other names."""

    exercise: Exercise
    edition: Edition
    is_key: bool
    variant: str
    seed: int
    paper: str
    language: str
    passages: list[PassageView]
    activities: list[ActivityView]
    taxonomy: Taxonomy


class Renderer:
    """Renders sheets with the workspace's `templates/` searched first, then the built-in set."""

    def __init__(self, workspace: Path, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.search_path = [(workspace / "templates").absolute(), builtin_templates()]
        builtin = jinja2.FileSystemLoader(self.search_path[1])
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(
                [
                    jinja2.FileSystemLoader(self.search_path[0]),
                    builtin,
                    # An override can extend the file it replaces: {% extends "default:…" %}.
                    jinja2.PrefixLoader({"default": builtin}, delimiter=":"),
                ]
            ),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def sheet(
        self,
        exercise: Exercise,
        passages: dict[str, Passage],
        variant: str,
        edition: Edition,
        masker: Masker | None = None,
    ) -> str:
        """Render one edition of one variant of an exercise to HTML (masked, given a masker)."""
        views = {
            pid: _passage_view(passages[pid], n, edition, masker)
            for n, pid in enumerate(exercise.passages, 1)
        }
        activities = [
            self._activity_view(exercise, n, activity, views[activity.passage], variant)
            for n, activity in enumerate(exercise.activities, 1)
        ]
        context = SheetContext(
            exercise=exercise,
            edition=edition,
            is_key=edition == "key",
            variant=variant,
            seed=exercise.seed,
            paper=exercise.paper,
            language=passages[exercise.passages[0]].language,
            passages=list(views.values()),
            activities=activities,
            taxonomy=self.taxonomy,
        )
        return self._render("worksheet.html", context)

    def _activity_view(
        self, exercise: Exercise, number: int, activity: Activity, view: PassageView, variant: str
    ) -> ActivityView:
        passage = view.passage
        spans = choose_items(exercise, number, activity, passage, variant)
        # Beside what students look for, the spot key shows the claims that do name a source.
        sourced = [s for s in passage.spans_of("sourced") if activity.covers(s)]
        passage_label = f"passage {view.number}" if len(exercise.passages) > 1 else ""
        paragraphs = activity.paragraph_scope
        return ActivityView(
            number=number,
            kind=activity.kind,
            template=f"activities/{activity.kind}.html",
            title=ACTIVITY_TITLES[activity.kind],
            instructions=activity.instructions or DEFAULT_INSTRUCTIONS[activity.kind],
            passage=view,
            items=self._items(passage, spans),
            sourced=self._items(passage, sourced) if activity.kind == "spot" else [],
            counts={k: sum(1 for s in spans if s.kind == k) for k in self.taxonomy.kinds},
            passage_label=passage_label,
            scope=", ".join(part for part in (passage_label, paragraphs) if part),
        )

    def _items(self, passage: Passage, spans: list[Span]) -> list[Item]:
        markers = passage.markers
        items = []
        for n, span in enumerate(spans, 1):
            span_type = self.taxonomy.type_of(span.kind, span.type)
            items.append(
                Item(
                    number=n,
                    span=span,
                    marker=markers[span.id][1],
                    kind_name=self.taxonomy.kinds[span.kind].name,
                    type_name=span_type.name if span_type else None,
                    type_definition=span_type.definition if span_type else None,
                )
            )
        return items

    def _render(self, name: str, context: SheetContext) -> str:
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateNotFound as exc:
            looked = ", ".join(str(p) for p in self.search_path)
            raise TemplateError(f"template '{exc.name}' not found; looked in: {looked}") from None
        except jinja2.TemplateSyntaxError as exc:
            where = self._shown(exc.filename) if exc.filename else exc.name or name
            raise TemplateError(f"{where}:{exc.lineno}: error: {exc.message}") from None
        except Exception as exc:  # a template is a teacher's code: `{{ title + 1 }}` is theirs
            frame = _template_frame(exc.__traceback__)
            where = f"{self._shown(frame[0])}:{frame[1]}" if frame else name
            if isinstance(exc, jinja2.UndefinedError):
                message = exc.message or str(exc)
            else:
                message = f"{type(exc).__name__}: {exc}"
            raise TemplateError(f"{where}: error: {message}") from None

    def _shown(self, filename: str) -> str:
        """A template's path as the teacher knows it: relative to the workspace if it is there."""
        path = Path(filename)
        if path.is_relative_to(self.search_path[0]):
            return f"templates/{path.relative_to(self.search_path[0]).as_posix()}"
        return filename


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """The template file and line a Jinja error happened on, from its rewritten traceback."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _passage_view(
    passage: Passage, number: int, edition: Edition, masker: Masker | None
) -> PassageView:
    mode: Literal["plain", "marked"] = "marked" if edition == "key" else "plain"
    change = masker if masker is not None and passage.mask else None
    if change is not None:
        passage = passage.with_text(change)
    return PassageView(
        passage=passage,
        number=number,
        html=Markup(render_html(passage.body, mode, passage.markers, change)),
        provenance=provenance(passage),
    )


def provenance(passage: Passage) -> str:
    """ "Dana Whitfield, Riverside Weekly Ledger, 14 March 2025": what is known of the source."""
    parts = [passage.author, passage.outlet, _long_date(passage.published)]
    return ", ".join(p for p in parts if p)


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _long_date(date: dt.date | None) -> str | None:
    # Month names of our own: `%B` would follow the machine's locale.
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}" if date else None
