"""The sheet's language: message catalogues for everything a sheet prints that is not the
passage or the teacher's own words.

Catalogues are GNU gettext `.po` files, read at run time with Babel (no compile step): the
built-in `locale/<lang>.po` beside this module, and a workspace's `locale/<lang>.po`, which
adds a language or overrides single messages of a built-in one. The English wording is the
message id; the built-in English catalogue lists every id (a test keeps it complete).

Messages take named placeholders, `%(name)s`, filled with `%` once (`tr`, and Jinja's `_()`):
what fills them (passage text, titles) is never read as a format or a template. A `%` that
starts no placeholder prints as written, as `%%` does. The taxonomy's wording is text, never a
format: it is looked up (`Taxonomy.translated`) and printed as the catalogue has it.

Babel is imported only when a catalogue is read: `check` of an English workspace needs none.
"""

from __future__ import annotations

import gettext as gnu
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from .errors import Problem
from .model import Exercise, Passage
from .schema import is_language_tag
from .sources import Located

SOURCE_LANGUAGE = "en"  # the language the message ids are written in
BUILTIN_LOCALE = Path(__file__).with_name("locale")
LOCALE_FOLDER = "locale"  # in a workspace


def N_(message: str) -> str:
    """Marks a message id where it is defined (a table of constants); translated where used."""
    return message


class Translator(Protocol):
    """What views and item builders translate with."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


class CatalogueError(Exception):
    """A catalogue that does not read, at its line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Catalogue:
    """One `.po` file as read: its translated messages, and its plural rule."""

    path: Path
    shown: str  # as the teacher knows it: "locale/fr.po", or the built-in file's path
    compiled: bytes  # as a .mo file, which the standard library's gettext reads
    translated: frozenset[str]  # the message ids with a translation (not fuzzy, not empty)

    def translations(self) -> gnu.GNUTranslations:
        """A fresh object: one cached would gain every fallback given to it."""
        return gnu.GNUTranslations(io.BytesIO(self.compiled))


@dataclass(frozen=True)
class Messages:
    """The messages of one language: the workspace's catalogue, then the built-in one, then the
    English of the message ids."""

    language: str
    catalogues: tuple[Catalogue, ...]  # most specific first
    translations: gnu.NullTranslations

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)


ENGLISH = Messages(SOURCE_LANGUAGE, (), gnu.NullTranslations())


def catalogue_files(root: Path | None, language: str) -> list[tuple[Path, str]]:
    """The catalogue files for a language tag, most specific first: the workspace's, then the
    built-in; for `pt-BR`, `pt-BR.po` (or `pt_BR.po`) before `pt.po`. A value that is no
    language tag (a passage's front matter in error, "../x") names no file."""
    if not is_language_tag(language):
        return []
    tags = [language]
    if "-" in language and not language.startswith("x-"):
        tags.append(language.split("-")[0])
    found = []
    folders = ([(root / LOCALE_FOLDER, True)] if root is not None else []) + [
        (BUILTIN_LOCALE, False)
    ]
    for tag in tags:
        for folder, own in folders:
            for name in dict.fromkeys((f"{tag}.po", f"{tag.replace('-', '_')}.po")):
                path = folder / name
                if path.is_file():
                    shown = f"{LOCALE_FOLDER}/{name}" if own else str(path)
                    found.append((path, shown))
                    break
    return found


def has_catalogue(root: Path | None, language: str) -> bool:
    return language == SOURCE_LANGUAGE or bool(catalogue_files(root, language))


def load_messages(root: Path | None, language: str) -> Messages:
    """The messages for `language`; English (the message ids) for what no catalogue has.
    Raises CatalogueError for a catalogue that does not read."""
    files = catalogue_files(root, language)
    if not files:
        return (
            ENGLISH if language == SOURCE_LANGUAGE else Messages(language, (), ENGLISH.translations)
        )
    catalogues = tuple(read_catalogue(path, shown) for path, shown in files)
    chain: gnu.NullTranslations | None = None
    for catalogue in reversed(catalogues):  # each falls back to the less specific one
        current = catalogue.translations()
        if chain is not None:
            current.add_fallback(chain)
        chain = current
    assert chain is not None
    return Messages(language, catalogues, chain)


def read_catalogue(path: Path, shown: str) -> Catalogue:
    """One `.po` file, read (cached while the file is unchanged)."""
    stat = path.stat()
    return _read(path, shown, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _read(path: Path, shown: str, _mtime: int, _size: int) -> Catalogue:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        data = path.read_bytes()
        _check_lines(data.decode("utf-8"), shown)
        catalog = read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8")
    except PoFileError as exc:
        line = int(getattr(exc, "lineno", 0) or 1)
        raise CatalogueError(Problem(shown, line, 1, "error", _po_message(str(exc)))) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogueError(
            Problem(shown, 1, 1, "error", f"not a readable catalogue: {exc}")
        ) from None
    problems = _placeholder_problems(catalog, shown)
    if problems:
        raise CatalogueError(problems[0])
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    translated = frozenset(
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id and not message.fuzzy and _filled(message.string)
    )
    return Catalogue(path, shown, buffer.getvalue(), translated)


_PO_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*'
    r"|\s*|#.*"
)


def _check_lines(text: str, shown: str) -> None:
    """Every line a comment, a keyword and its string, or a string continued: Babel reads an
    unclosed quotation mark without a word, and a message would lose its last letter."""
    for number, line in enumerate(text.splitlines(), 1):
        if not _PO_LINE.fullmatch(line):
            shown_line = line if len(line) <= 60 else line[:59] + "…"
            raise CatalogueError(
                Problem(shown, number, 1, "error", f"not a line of a .po catalogue: {shown_line}")
            )


def _filled(string: object) -> bool:
    if isinstance(string, str):
        return bool(string)
    return isinstance(string, tuple | list) and all(string)


def _po_message(text: str) -> str:
    # Babel's message ends with the line, which the problem gives already.
    return re.sub(r"\s+on \d+$", "", text).strip() or "not a catalogue"


def placeholders(message: str) -> set[str]:
    """The named placeholders of a message: `%(name)s` gives "name"."""
    return {m.group(2) for m in _FORMAT.finditer(message) if m.group(2) is not None}


def _placeholder_problems(catalog: object, shown: str) -> list[Problem]:
    """A translation that names a placeholder its message id does not have: it could not be
    filled, and the sheet would not build."""
    found = []
    for message in catalog:  # type: ignore[attr-defined]
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        known = set().union(*(placeholders(i) for i in ids)) | {"num"}
        line = int(getattr(message, "lineno", 1) or 1)
        for string in strings:
            extra = sorted(placeholders(string or "") - known)
            if extra:
                names = ", ".join(f"%({n})s" for n in extra)
                found.append(
                    Problem(
                        shown,
                        line,
                        1,
                        "error",
                        f"the translation of {_quoted(ids[0])} uses {names}, which the message "
                        "does not have",
                    )
                )
    return found


def message_ids() -> frozenset[str]:
    """Every message id the built-in English catalogue lists (a plural by its singular)."""
    english = read_catalogue(BUILTIN_LOCALE / f"{SOURCE_LANGUAGE}.po", "en.po")
    return english.translated


def missing_messages(messages: Messages, own_taxonomy: bool = False) -> list[str]:
    """The message ids no catalogue of `messages` translates, sorted. With a taxonomy of the
    workspace's own, the built-in one's wording is not printed, and its own may be written in
    the sheet's language: neither is asked for."""
    if messages.language == SOURCE_LANGUAGE or not messages.catalogues:
        return []
    have = frozenset().union(*(c.translated for c in messages.catalogues))
    return sorted(wanted_messages(own_taxonomy) - have)


def wanted_messages(own_taxonomy: bool = False) -> frozenset[str]:
    """The message ids a catalogue should translate."""
    return message_ids() - (_builtin_taxonomy_wording() if own_taxonomy else frozenset())


@lru_cache(maxsize=1)
def _builtin_taxonomy_wording() -> frozenset[str]:
    """The names, definitions, questions and examples of the built-in taxonomy."""
    import yaml

    doc = yaml.safe_load(Path(__file__).with_name("taxonomy.yaml").read_text(encoding="utf-8"))
    found: set[str] = set()
    for kind in doc.values():
        found.update(str(kind[field]) for field in ("name", "definition", "question"))
        for span_type in kind["types"].values():
            fields = ("name", "definition", "question", "example")
            found.update(str(span_type[field]) for field in fields)
    return frozenset(found)


def language_problems(root: Path, language: str, where: Located, given: bool) -> list[Problem]:
    """For `check`, at an exercise's `language:` line (or its passages' line when the language
    is its passage's): no catalogue for the language, a catalogue that does not read, or one
    that lacks messages."""
    if not has_catalogue(root, language):
        if given:
            return [where.problem(f"no catalogue for language '{language}'; {_add_one(language)}")]
        return [
            where.problem(
                f"the passage is in '{language}', which has no catalogue, so the sheet's "
                f"instructions print in English; {_add_one(language)}, or say `language: en`",
                "warning",
            )
        ]
    try:
        messages = load_messages(root, language)
    except CatalogueError as exc:
        return [exc.problem]
    own_taxonomy = (root / "taxonomy.yaml").is_file()
    missing = missing_messages(messages, own_taxonomy)
    if not missing:
        return []
    listed = ", ".join(_quoted(m) for m in missing[:5]) + (", …" if len(missing) > 5 else "")
    named = messages.catalogues[0].shown
    total = len(wanted_messages(own_taxonomy))
    return [
        where.problem(
            f"catalogue {named} lacks {len(missing)} of {total} messages (they print in "
            f"English): {listed}",
            "warning",
        )
    ]


def _add_one(language: str) -> str:
    return f"add {LOCALE_FOLDER}/{language}.po (a copy of the built-in en.po, translated)"


def _quoted(message: str) -> str:
    short = message if len(message) <= 40 else message[:39] + "…"
    return f"'{short}'"


def sheet_language(root: Path | None, exercise: Exercise, passages: Mapping[str, Passage]) -> str:
    """The language of a sheet's chrome: the exercise's `language:`, else its first passage's
    if a catalogue has it (`check` warns if not), else English."""
    if exercise.language:
        return exercise.language
    first = passages[exercise.passages[0]].language
    return first if has_catalogue(root, first) else SOURCE_LANGUAGE


def listed(t: Translator, items: Sequence[str]) -> str:
    """ "a, b and c", in the sheet's language."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return tr(
        t, N_("%(items)s and %(last)s"), items=tr(t, N_(", ")).join(items[:-1]), last=items[-1]
    )


_FORMAT = re.compile(r"%(%|\(([^)]*)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa])?")


def as_format(message: str) -> str:
    """A translation as a format: a `%` that starts no placeholder and is not `%%` stands
    for itself ("100 %"), so a message always formats; `%%` is a percent sign too."""
    return _FORMAT.sub(lambda m: m.group(0) if m.group(1) else "%%", message)


# The letter before a span's number on a sheet (L1, U2, S1): the initial of its kind's name.
_MARKER_LETTERS = {"loaded": N_("L"), "unsourced": N_("U"), "sourced": N_("S")}


def marker_letters(t: Translator) -> dict[str, str]:
    """Each span kind's marker letter in the sheet's language."""
    return {kind: t.gettext(letter) for kind, letter in _MARKER_LETTERS.items()}


def tr(t: Translator, message: str, **values: object) -> str:
    """A message in the sheet's language, its named placeholders filled once with `values`
    (which are never read as a format): `tr(t, N_("Passage %(number)s"), number=2)`."""
    return as_format(t.gettext(message)) % values


def tr_plural(t: Translator, singular: str, plural: str, n: int, **values: object) -> str:
    """The form of a message for `n`, which fills `%(num)s` unless `values` say otherwise."""
    return as_format(t.ngettext(singular, plural, n)) % {"num": n, **values}


def paragraph_numbers_named(numbers: Sequence[int], t: Translator = ENGLISH) -> str:
    """ "paragraph 8", "paragraphs 8 and 15", "paragraphs 8, 15 and 20–22"."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    joined = listed(t, [f"{r[0]}" if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs])
    if len(numbers) == 1:
        return tr(t, N_("paragraph %(number)s"), number=joined)
    return tr(t, N_("paragraphs %(numbers)s"), numbers=joined)


def paragraphs_named(paragraphs: tuple[int, int], t: Translator = ENGLISH) -> str:
    """ "paragraphs 2–5", "paragraph 3", or with the headline (0), "the headline and
    paragraphs 1–5"."""
    first, last = paragraphs
    if first == 0:
        if not last:
            return tr(t, N_("the headline"))
        rest = paragraphs_named((1, last), t)
        return tr(t, N_("the headline and %(paragraphs)s"), paragraphs=rest)
    if first == last:
        return tr(t, N_("paragraph %(number)s"), number=first)
    return tr(t, N_("paragraphs %(first)s–%(last)s"), first=first, last=last)


# The month names, message ids: MONTHS[0] is January.
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
