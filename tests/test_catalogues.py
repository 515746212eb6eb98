"""Every shipped catalogue is whole, keeps its placeholders, and leaves no English chrome.

`test_i18n.py` proves that all chrome goes through a catalogue (with a pseudo-language);
this file proves that each real catalogue covers it: the fixture workspace built in each
language, to HTML and (one sheet and its key) to PDF, shows no English chrome.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from pypdf import PdfReader

from conftest import FIXTURE_WORKSPACE
from spinsheet.build import BuildOptions, build, plan
from spinsheet.workspace import load_workspace
from test_i18n import ENGLISH_PO, _user_text, _visible_text

LOCALE = ENGLISH_PO.parent
LANGUAGES = sorted(path.stem for path in LOCALE.glob("*.po") if path.stem != "en")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _catalogue(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or string as its forms: one, or one a plural form."""
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, (tuple, list)) else ()


def _english_phrases() -> list[str]:
    """English chrome of three words or more, its placeholders' fixed text between them."""
    phrases = set()
    for message in _catalogue(ENGLISH_PO):
        for text in _texts(message.id):
            for part in _PLACEHOLDER.split(text):
                part = " ".join(part.split()).strip(" .,:;")
                if len(part.split()) >= 3:
                    phrases.add(part)
    return sorted(phrases, key=len, reverse=True)


def test_there_are_catalogues_to_check() -> None:
    assert LANGUAGES, "no catalogue besides English"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalogue_has_every_message_translated_with_its_placeholders(language: str) -> None:
    english = {m.id: m for m in _catalogue(ENGLISH_PO) if m.id}
    catalogue = _catalogue(LOCALE / f"{language}.po")
    assert str(catalogue.locale_identifier).replace("_", "-") == language
    translated = {m.id: m for m in catalogue if m.id}
    assert sorted(map(str, set(english) - set(translated))) == [], "missing"
    assert sorted(map(str, set(translated) - set(english))) == [], "not in en.po"
    for msgid, message in translated.items():
        ids, strings = _texts(msgid), _texts(message.string)
        assert all(strings), f"untranslated: {msgid!r}"
        wanted = set(_PLACEHOLDER.findall(" ".join(ids)))
        for string in strings:
            assert set(_PLACEHOLDER.findall(string)) <= wanted, f"placeholders of {msgid!r}"
        if len(ids) == 1:  # a plural may drop the number in its "one" form
            assert set(_PLACEHOLDER.findall(strings[0])) == wanted, f"placeholders of {msgid!r}"


def _workspace_in(language: str, tmp_path: Path) -> Path:
    root = tmp_path / language
    shutil.copytree(
        FIXTURE_WORKSPACE, root, ignore=shutil.ignore_patterns("output", ".spinsheet-cache")
    )
    for path in (root / "exercises").glob("*.yaml"):
        path.write_text(f"language: {language}\n{path.read_text(encoding='utf-8')}", "utf-8")
    return root


@pytest.mark.parametrize("language", LANGUAGES)
def test_sheets_in_a_language_leave_no_english_chrome(language: str, tmp_path: Path) -> None:
    root = _workspace_in(language, tmp_path)
    workspace = load_workspace(root)
    assert not workspace.errors, workspace.errors
    assert not [w for w in workspace.warnings if "catalogue" in w.message], workspace.warnings
    user = [" ".join(text.split()) for text in _user_text(root)]
    english = _english_phrases()
    found = set()
    for sheet in plan(workspace, BuildOptions(format="html")):
        assert f'lang="{language}"' in sheet.html.split(">", 2)[1], sheet.path.name
        for block in _visible_text(sheet.html):
            text = " ".join(block.split())
            for words in user:
                text = text.replace(words, " ")
            found |= {f"{sheet.path.name}: {phrase!r}" for phrase in english if phrase in text}
    assert not found, "English chrome:\n" + "\n".join(sorted(found))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pdf_in_a_language_reads_back_without_english_chrome(
    language: str, tmp_path: Path
) -> None:
    root = _workspace_in(language, tmp_path)
    out = tmp_path / "out"
    build(load_workspace(root), BuildOptions(out=out, exercises=["harbour"], variants=1, jobs=1))
    user = [" ".join(text.split()) for text in _user_text(root)]
    for name in ("harbour-A.pdf", "harbour-A-key.pdf"):
        reader = PdfReader(out / "harbour" / name)
        text = " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
        for words in user:
            text = text.replace(words, " ")
        left = [phrase for phrase in _english_phrases() if phrase in text]
        assert not left, f"{name}: English chrome {left}"
