"""Worksheets as HTML: the Jinja environment, the template context, and one sheet per edition."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, TypedDict

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from .errors import Problem, TemplateError
from .i18n import (
    ENGLISH,
    N_,
    CatalogueError,
    Messages,
    as_format,
    listed,
    load_messages,
    sheet_language,
)
from .masking import Masker
from .model import Exercise, Passage
from .selection import letter
from .sources import builtin_templates, shorten
from .taxonomy import Taxonomy
from .views import (
    ActivityView,
    Direction,
    Edition,
    Glossary,
    PassageView,
    activity_view,
    draw_activities,
    glossary,
    passage_view,
    text_direction,
)

# Limits on what a template may do for one sheet: far beyond the built-in templates' needs.
MAX_LOOP_STEPS = 1_000_000
MAX_SHEET_CHARS = 20_000_000


class SheetContext(TypedDict):
    """Exactly what a worksheet template receives; templates get no other names."""

    exercise: Exercise
    edition: Edition
    is_key: bool
    variant: str
    seed: int
    paper: str
    language: str
    direction: Direction  # the sheet's language's: "rtl" lays the sheet out right to left
    passages: list[PassageView]
    activities: list[ActivityView]
    points: int  # the sheet's total
    glossary: Glossary | None  # the techniques the sheet names, defined; None: it names none
    references: list[PassageView]  # other sources to research with, after the activities
    taxonomy: Taxonomy
    large_print: bool  # an 18 pt body (large-print.css)
    font: str | None  # the dyslexia-friendly font's family for every text; None: the usual


class Renderer:
    """Renders sheets with the workspace's `templates/` searched first, then the built-in set."""

    def __init__(self, workspace: Path, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.search_path = [(workspace / "templates").absolute(), builtin_templates()]
        builtin = jinja2.FileSystemLoader(self.search_path[1])
        # Sandboxed: a workspace template is a teacher's code, run on every build.
        self.env = SandboxedEnvironment(
            # Chrome in the sheet's language: `_()`, `gettext()`, `ngettext()` (and
            # `{% trans %}`) with named placeholders, filled after escaping what fills them.
            extensions=["jinja2.ext.i18n"],
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
        self.env.globals["range"] = self._range
        self.env.filters["letter"] = letter  # choice labels: A… Z, then AA…
        self.workspace = workspace
        self.messages: Messages = ENGLISH  # the sheet being rendered's
        self._languages: dict[str, tuple[Messages, Taxonomy]] = {}
        # A catalogue's wording is text, like a passage's: `<` and `&` print as written.
        self.env.install_gettext_callables(  # type: ignore[attr-defined]
            lambda message: _as_text(as_format(self.messages.gettext(message))),
            lambda singular, plural, n: _as_text(
                as_format(self.messages.ngettext(singular, plural, n))
            ),
            newstyle=True,
        )
        self.env.policies["ext.i18n.trimmed"] = True  # {% trans %}: whitespace as one space
        self.env.filters["listed"] = lambda items: listed(self.messages, list(items))
        self.env.globals["page_of_pages"] = self._page_of_pages
        self._steps = 0

    def _page_of_pages(self) -> Markup:
        """The running foot's "Page 1 of 5" as CSS `content`: the counters where the message
        puts its placeholders, the rest as CSS strings."""
        text = as_format(self.messages.gettext(N_("Page %(page)s of %(pages)s")))
        parts = []
        for piece in re.split(r"(%\(pages?\)s)", text):
            if piece in ("%(page)s", "%(pages)s"):
                parts.append(f"counter({piece[2:-2]})")
            elif piece:
                parts.append(_css_string(piece.replace("%%", "%")))
        return Markup(" ".join(parts))

    def use_language(self, language: str) -> Taxonomy:
        """Switch the chrome to `language`'s messages; the taxonomy in it, for the views."""
        if language not in self._languages:
            messages = load_messages(self.workspace, language)
            self._languages[language] = (messages, self.taxonomy.translated(messages))
        self.messages, taxonomy = self._languages[language]
        return taxonomy

    def _range(self, *args: int) -> Iterator[int]:
        """`range` with one budget per sheet: nested loops cannot run for ever."""
        for n in range(*args):
            self._steps += 1
            if self._steps > MAX_LOOP_STEPS:
                raise TemplateError(
                    f"the template's loops ran more than {MAX_LOOP_STEPS:,} times for one sheet"
                )
            yield n

    def sheet(
        self,
        exercise: Exercise,
        passages: dict[str, Passage],
        variant: str,
        edition: Edition,
        masker: Masker | None = None,
        unmasked: bool = False,
        font: str | None = None,
    ) -> str:
        """Render one edition of one variant of an exercise to HTML, masked given a masker.

        With `unmasked`, the masker still decides which spans may be items (as on
        students' sheets), but every word prints in full. `font` is a font family that every
        text prints in (the dyslexia-friendly one), if installed.
        """
        context = self.context(exercise, passages, variant, edition, masker, unmasked, font)
        return self.page("worksheet.html", context)

    def context(
        self,
        exercise: Exercise,
        passages: dict[str, Passage],
        variant: str,
        edition: Edition,
        masker: Masker | None = None,
        unmasked: bool = False,
        font: str | None = None,
    ) -> SheetContext:
        """What one edition of one variant of an exercise prints, as `sheet` gives it to the
        template; the catalogue switched to the sheet's language (`self.messages`)."""
        language = sheet_language(self.workspace, exercise, passages)
        try:
            taxonomy = self.use_language(language)
        except CatalogueError as exc:
            p = exc.problem
            raise TemplateError(f"{p.path}:{p.line}: error: {p.message}") from None
        t = self.messages
        # Each kind's name in the sheet's language, said before a key's mark.
        spoken = {kind_id: kind.name for kind_id, kind in taxonomy.kinds.items()}
        views = {
            pid: passage_view(
                passages[pid],
                n,
                edition,
                masker,
                unmasked,
                exercise.excerpts.get(pid),
                t,
                spoken,
            )
            for n, pid in enumerate(exercise.passages, 1)
        }
        drawn = draw_activities(exercise, {pid: v.drawn for pid, v in views.items()}, variant)
        activities = [
            activity_view(exercise, n, activity, views, draws, taxonomy, t)
            for n, (activity, draws) in enumerate(zip(exercise.activities, drawn, strict=True), 1)
        ]
        return SheetContext(
            exercise=exercise,
            edition=edition,
            is_key=edition == "key",
            variant=variant,
            seed=exercise.seed,
            paper=exercise.paper,
            language=language,
            direction=text_direction(language),
            passages=list(views.values()),
            activities=activities,
            points=sum(a.points for a in activities),
            glossary=glossary(activities, taxonomy),
            # Other sources for research: plain on both editions, as a reader finds them.
            references=[
                passage_view(passages[pid], len(views) + n, "student", masker, unmasked, None, t)
                for n, pid in enumerate(exercise.references, 1)
            ],
            taxonomy=taxonomy,
            large_print=exercise.large_print,
            font=font,
        )

    def page(self, name: str, context: Mapping[str, Any]) -> str:
        """Render a template of the search path (a sheet, the web page) with its written-down
        context, within the limits on what a template may do, its errors at their line."""
        self._steps = 0
        try:
            html, size = [], 0
            for chunk in self.env.get_template(name).generate(**context):
                html.append(chunk)
                size += len(chunk)
                if size > MAX_SHEET_CHARS:
                    raise TemplateError(
                        f"the template made more than {MAX_SHEET_CHARS:,} characters for one sheet"
                    )
            return "".join(html)
        except TemplateError as exc:
            raise TemplateError(f"{name}: error: {exc}") from None
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

    def problems(self) -> list[Problem]:
        """Every workspace template that does not compile, at its file and line: `check`
        reads what `build` reads."""
        folder = self.search_path[0]
        found = []
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if not path.is_file() or path.suffix not in (".html", ".css"):
                continue
            name = path.relative_to(folder).as_posix()
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                line = exc.lineno or 1
                rel = self._shown(exc.filename) if exc.filename else f"templates/{name}"
                found.append(Problem(rel, line, 1, "error", exc.message or "not a template"))
            except (jinja2.TemplateError, OSError, UnicodeDecodeError) as exc:
                found.append(Problem(f"templates/{name}", 1, 1, "error", shorten(str(exc))))
        return found

    def trial(
        self, exercises: dict[str, Exercise], passages: dict[str, Passage], masker: Masker
    ) -> list[Problem]:
        """Render variant A of every exercise, both editions, with the workspace's own
        templates: what fails only on real data (a misspelt name) fails here, for `check`."""
        if not any(self.search_path[0].rglob("*.html")):
            return []  # the built-in templates are tested with the code
        found = []
        for exercise in exercises.values():
            for edition in ("student", "key"):
                try:
                    self.sheet(exercise, passages, "A", edition, masker)
                except TemplateError as exc:
                    found.append(_as_problem(str(exc)))
                    break
        return sorted(set(found))

    def _shown(self, filename: str) -> str:
        """A template's path as the teacher knows it: relative to the workspace if it is there."""
        path = Path(filename)
        if path.is_relative_to(self.search_path[0]):
            return f"templates/{path.relative_to(self.search_path[0]).as_posix()}"
        return filename


def _as_text(message: str) -> Markup:
    """A message as HTML text. Jinja's `_()` takes a translation as markup; quotation marks
    need no escaping outside attributes, so English prints exactly as the template text did."""
    return Markup(message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _css_string(text: str) -> str:
    """Text as a CSS string: quotes, backslashes, angle brackets and controls escaped."""
    safe = "".join(f"\\{ord(c):x} " if c in '"\\<>' or not c.isprintable() else c for c in text)
    return f'"{safe}"'


def _as_problem(message: str) -> Problem:
    """A TemplateError's "PATH:LINE: error: …" (or "NAME: error: …") as a problem; one
    that names no file (a missing template) at the sheet's own template."""
    where, found, text = message.partition(": error: ")
    if not found:
        return Problem("templates/worksheet.html", 1, 1, "error", message)
    path, _, line = where.rpartition(":")
    if not line.isdigit():
        path, line = where, "1"
    return Problem(path, int(line), 1, "error", text or message)


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """The template file and line a Jinja error happened on, from its rewritten traceback."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
