"""Worksheet chrome from message catalogues: every message id the code and templates use is in
the English catalogue, and a sheet in a pseudo-language shows no chrome outside its catalogue.

`python tests/test_i18n.py` rewrites `src/spinsheet/locale/en.po` from what the code and
templates use (then review the diff): the English catalogue is the message ids themselves.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract
from lxml import html as lxml_html
from pypdf import PdfReader

from conftest import FIXTURE_WORKSPACE, REPO, MakeWorkspace, Run
from spinsheet import i18n
from spinsheet.build import BuildOptions, plan
from spinsheet.items import SAID_VERBS
from spinsheet.workspace import load_workspace

SOURCE = REPO / "src" / "spinsheet"
TEMPLATES = REPO / "templates"
ENGLISH_PO = SOURCE / "locale" / "en.po"
# Jinja's names, and spinsheet.i18n's: `tr(t, "…")`, `tr_plural(t, "…", "…", n)`.
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "tr_plural": (2, 3),
}
JINJA_OPTIONS = {
    "extensions": "jinja2.ext.i18n",
    "trim_blocks": "true",
    "lstrip_blocks": "true",
    "trimmed": "true",  # as the renderer's policy: {% trans %} text with its spacing folded
}

Message = str | tuple[str, str]  # an id, or a plural's singular and plural


def extracted() -> dict[Message, list[str]]:
    """Every message the code and the built-in templates use, with where: `_()`, `N_()`,
    `gettext()`, `ngettext()` in Python and templates, and the built-in taxonomy's wording."""
    found: dict[Message, list[str]] = {}

    def add(message: str | tuple[str, ...], where: str) -> None:
        key: Message = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, []).append(where)

    for path in sorted(SOURCE.rglob("*.py")):
        if "importing" in path.parts or "suggest" in path.parts:
            continue  # messages for the terminal, not for sheets
        with path.open("rb") as handle:
            for _line, message, _comments, _context in extract(
                "python", handle, keywords=KEYWORDS, strip_comment_tags=True
            ):
                add(message, path.relative_to(REPO).as_posix())
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix not in (".html", ".css"):
            continue
        with path.open("rb") as handle:
            for _line, message, _comments, _context in extract(
                babel_extract,  # type: ignore[arg-type]
                handle,
                keywords=KEYWORDS,
                options=JINJA_OPTIONS,
            ):
                add(message, path.relative_to(REPO).as_posix())
    taxonomy = yaml.safe_load((SOURCE / "taxonomy.yaml").read_text(encoding="utf-8"))
    for kind in taxonomy.values():
        for field in ("name", "definition", "question"):
            add(kind[field], "src/spinsheet/taxonomy.yaml")
        for span_type in kind["types"].values():
            for field in ("name", "definition", "question", "example"):
                add(span_type[field], "src/spinsheet/taxonomy.yaml")
    return found


def english_catalogue() -> Catalog:
    with ENGLISH_PO.open("rb") as handle:
        return read_po(handle)


def write_english() -> None:
    """The English catalogue from what the code uses: each message translated as itself."""
    catalog = Catalog(
        locale="en",
        project="spinsheet",
        version="",
        creation_date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        revision_date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        fuzzy=False,
        header_comment=(
            "# spinsheet's worksheet chrome in English: the message ids, translated as themselves.\n"
            "# Written by `python tests/test_i18n.py`. Translate a copy into locale/<lang>.po."
        ),
    )
    for message, places in extracted().items():
        string: str | tuple[str, str] = message
        catalog.add(message, string, locations=[(p, 0) for p in dict.fromkeys(places)])
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, omit_header=False)
    ENGLISH_PO.write_bytes(buffer.getvalue())


def test_english_catalogue_has_every_message_and_no_stale_one() -> None:
    used = set(extracted())
    catalog = english_catalogue()
    listed: set[Message] = {
        m.id if isinstance(m.id, str) else (m.id[0], m.id[1]) for m in catalog if m.id
    }
    assert not sorted(map(str, used - listed)), "messages missing from en.po"
    assert not sorted(map(str, listed - used)), "stale messages in en.po"
    for message in catalog:
        if message.id:  # English is the message ids: complete, and unchanged
            assert message.string == message.id, message.id
    assert len(used) > 150


def test_messages_use_named_placeholders_only() -> None:
    for message in extracted():
        for text in [message] if isinstance(message, str) else list(message):
            positional = re.findall(r"%[-#0 +]*\d*(?:\.\d+)?[sdif]", text)
            assert not positional, f"{text!r}: name each placeholder, %(name)s"


# -- A sheet in a pseudo-language: every chrome string wrapped in ⟦⟧ --------------------------

PSEUDO = "x-test"


def _wrapped(text: str) -> str:
    return f"⟦{text}⟧" if text else text


def pseudo_catalogue() -> bytes:
    """Every English message wrapped in ⟦⟧, its placeholders kept."""
    catalog = Catalog(locale=None, project="spinsheet-test")
    catalog.plural_forms  # noqa: B018 - the default, "nplurals=2; plural=(n != 1);"
    for message in english_catalogue():
        if not message.id:
            continue
        if isinstance(message.id, str):
            catalog.add(message.id, _wrapped(message.id))
        else:
            catalog.add(message.id, tuple(_wrapped(m) for m in message.id))
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    return buffer.getvalue()


def _pseudo_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "pseudo"
    shutil.copytree(
        FIXTURE_WORKSPACE, root, ignore=shutil.ignore_patterns("output", ".spinsheet-cache")
    )
    for path in (root / "exercises").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(f"language: {PSEUDO}\n{text}", encoding="utf-8")
    (root / "locale").mkdir()
    (root / "locale" / f"{PSEUDO}.po").write_bytes(pseudo_catalogue())
    return root


def _user_text(root: Path) -> list[str]:
    """Everything a teacher or a passage wrote, which prints as written: never chrome."""
    workspace = load_workspace(root)
    texts: list[str] = []
    for passage in workspace.passages.values():
        texts += [passage.title, passage.author or "", passage.outlet or "", passage.url or ""]
        texts += [passage.rights or "", passage.omit_reason or "", *passage.content_notes]
        for span in passage.spans:
            texts += [span.text, span.before, span.after, span.why or "", span.neutral or ""]
            texts += [span.ask or "", span.check or "", span.source or ""]
    for exercise in workspace.exercises.values():
        texts += [exercise.title, exercise.audience or ""]
        for activity in exercise.activities:
            texts += [activity.instructions or "", activity.prompt or ""]
            texts += [fact for _a, _b, fact in activity.pairs]
            texts += [r.level for r in activity.rubric] + [r.descriptor for r in activity.rubric]
            texts += [s.level for s in activity.samples] + [s.answer for s in activity.samples]
    # said-verb offers verbs of the passage's language beside the writer's: passage words.
    texts += [v for verb in SAID_VERBS for v in (verb, verb.capitalize())]
    return sorted({t.strip() for t in texts if t.strip()}, key=len, reverse=True)


def _visible_text(page: str) -> Iterator[str]:
    """The text of a sheet outside the passages' bodies, the references' bodies and styles,
    one block element at a time (a message may hold inline markup)."""
    root = lxml_html.fromstring(page.encode("utf-8"))
    dropped = [
        element
        for element in root.iter()
        if element.tag in ("style", "script")
        or "passage-body" in str(element.get("class") or "").split()
    ]
    for element in dropped:
        element.drop_tree()
    for block in root.iter("title", "h1", "h2", "h3", "p", "td", "th", "li", "dt", "dd", "div"):
        if any(child.tag in ("p", "td", "th", "li", "div", "table", "dl") for child in block):
            continue  # its blocks are read one at a time
        yield block.text_content()


_MARKERS = re.compile(
    r"(?<![^\W\d_])(?:[LUS]\d+|[A-Z]{1,2}\b)"
)  # span markers, variant and choice letters


def _outside_catalogue(text: str, user: list[str]) -> str:
    """What is left of a block once the catalogue's wrapped messages and the user's own text
    are taken out: should be punctuation, numbers and letters that label (A., L1)."""
    text = " ".join(text.split())
    for words in user:
        text = text.replace(" ".join(words.split()), " ")
    while True:
        shorter = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        if shorter == text:
            break
        text = shorter
    text = re.sub(r"\S*\*\S*", " ", text)  # masked words: f***
    text = _MARKERS.sub(" ", text)
    return re.sub(r"[\W\d_]+", " ", text).strip()


@pytest.fixture(scope="module")
def pseudo_sheets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = _pseudo_workspace(tmp_path_factory.mktemp("i18n"))
    workspace = load_workspace(root)
    assert not workspace.errors, workspace.errors
    assert not [w for w in workspace.warnings if PSEUDO in w.message or "catalogue" in w.message]
    sheets = {s.path.name: s.html for s in plan(workspace, BuildOptions(format="html"))}
    return root, sheets


def test_pseudo_language_leaves_no_chrome_outside_its_catalogue(
    pseudo_sheets: tuple[Path, dict[str, str]],
) -> None:
    root, sheets = pseudo_sheets
    user = _user_text(root)
    assert len(sheets) >= 10
    escaped = []
    for name, page in sorted(sheets.items()):
        assert f'<html lang="{PSEUDO}">' in page, name
        for block in _visible_text(page):
            left = _outside_catalogue(block, user)
            if left:
                escaped.append(f"{name}: {left!r} in {' '.join(block.split())[:160]!r}")
    assert not escaped, "chrome outside the catalogue:\n" + "\n".join(sorted(set(escaped)))


def test_pseudo_language_keeps_the_passage_language_on_the_passage(
    pseudo_sheets: tuple[Path, dict[str, str]],
) -> None:
    _root, sheets = pseudo_sheets
    page = sheets["two-bridges-A.html"]
    assert '<section class="passage" id="passage-2" lang="fr">' in page
    assert "⟦Page %(page)s" not in page  # the counters are filled in CSS, not left as text
    assert 'content: "⟦Page " counter(page) " of " counter(pages) "⟧";' in page


def test_pseudo_language_pdf_has_its_running_foot_and_no_english_chrome(
    pseudo_sheets: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    root, _sheets = pseudo_sheets
    out = tmp_path / "out"
    workspace = load_workspace(root)
    from spinsheet.build import build

    build(workspace, BuildOptions(out=out, exercises=["harbour"], variants=1, jobs=1))
    text = "\n".join(
        page.extract_text() or "" for page in PdfReader(out / "harbour" / "harbour-A.pdf").pages
    )
    assert "⟦Page 1 of " in text
    english = [m for m in english_catalogue() if isinstance(m.id, str) and len(m.id) > 12]
    bare = re.sub(r"⟦[^⟦⟧]*⟧", " ", " ".join(text.split()))
    for message in english:
        assert isinstance(message.id, str)
        fixed = max(re.split(r"%\(\w+\)[sd]", message.id), key=len)
        if len(fixed) > 12:
            assert fixed not in bare, f"English chrome in the PDF: {fixed!r}"


# -- check: the sheet's language ----------------------------------------------------------------

SPOT = "title: Spot It\npassages: [town]\n{language}activities:\n  - kind: spot\n"


def _passage(language: str = "en") -> str:
    from conftest import GOOD_PASSAGE

    return GOOD_PASSAGE.replace(
        "title: A Small Town Row", f"title: A Small Town Row\nlanguage: {language}"
    )


def test_check_reports_a_language_with_no_catalogue_at_its_line(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace(
        {
            "corpus/town.md": _passage(),
            "exercises/town.yaml": SPOT.format(language="language: tlh\n"),
        }
    )
    result = run(root, "check")
    assert result.exit_code == 1
    assert (
        "exercises/town.yaml:3:11: error: no catalogue for language 'tlh'; add locale/tlh.po "
        "(a copy of the built-in en.po, translated)"
    ) in result.output


def test_check_warns_when_the_passage_language_has_no_catalogue(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace(
        {"corpus/town.md": _passage("tlh"), "exercises/town.yaml": SPOT.format(language="")}
    )
    result = run(root, "check")
    assert (
        "exercises/town.yaml:2:12: warning: the passage is in 'tlh', which has no catalogue, so "
        "the sheet's instructions print in English; add locale/tlh.po (a copy of the built-in "
        "en.po, translated), or say `language: en`"
    ) in result.output


def test_check_names_the_messages_a_catalogue_lacks(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    catalogue = pseudo_catalogue().decode("utf-8")
    # Take out two messages: they print in English, and check says which.
    for dropped in ("Name", "Class"):
        catalogue = catalogue.replace(f'msgid "{dropped}"\nmsgstr "⟦{dropped}⟧"\n', "")
    total = len([m for m in english_catalogue() if m.id])
    root = make_workspace(
        {
            "corpus/town.md": _passage(),
            "exercises/town.yaml": SPOT.format(language="language: x-test\n"),
            "locale/x-test.po": catalogue,
        }
    )
    result = run(root, "check")
    assert result.exit_code == 0, result.output
    assert (
        f"exercises/town.yaml:3:11: warning: catalogue locale/x-test.po lacks 2 of {total} "
        "messages (they print in English): 'Class', 'Name'"
    ) in result.output


def test_check_reports_a_malformed_catalogue_at_its_line(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    root = make_workspace(
        {
            "corpus/town.md": _passage(),
            "exercises/town.yaml": SPOT.format(language="language: x-test\n"),
            "exercises/again.yaml": SPOT.format(language="language: x-test\n"),
            "locale/x-test.po": 'msgid ""\nmsgstr ""\n\nmsgid "Name"\nmsgstr "Nom\n',
        }
    )
    result = run(root, "check")
    assert result.exit_code == 1
    # Said once, though both exercises use the catalogue.
    assert result.output.count("locale/x-test.po:5:1: error:") == 1


def test_a_translation_cannot_name_a_placeholder_its_message_lacks(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Variant %(variant)s"\nmsgstr "Variante %(seed)s"\n'
    )
    root = make_workspace(
        {
            "corpus/town.md": _passage(),
            "exercises/town.yaml": SPOT.format(language="language: x-test\n"),
            "locale/x-test.po": po,
        }
    )
    result = run(root, "check")
    assert (
        "locale/x-test.po:5:1: error: the translation of 'Variant %(variant)s' uses %(seed)s, "
        "which the message does not have"
    ) in result.output


def test_a_percent_sign_in_a_translation_prints_as_written(make_workspace: MakeWorkspace) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Score"\nmsgstr "Note sur 100 %"\n'
    )
    po += 'msgid "Variant %(variant)s"\nmsgstr "Variante %(variant)s, 100%% % %d"\n'
    root = make_workspace({"locale/x-test.po": po})
    messages = i18n.load_messages(root, "x-test")
    assert i18n.tr(messages, "Score") == "Note sur 100 %"
    assert i18n.tr(messages, "Variant %(variant)s", variant="%(x)s") == (
        "Variante %(x)s, 100% % %d"
    )


def test_a_workspace_catalogue_overrides_single_english_messages(
    make_workspace: MakeWorkspace,
) -> None:
    po = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Name"\nmsgstr "Student"\n'
    root = make_workspace({"locale/en.po": po})
    messages = i18n.load_messages(root, "en")
    assert messages.gettext("Name") == "Student"
    assert messages.gettext("Class") == "Class"  # the built-in English, then the id
    assert i18n.missing_messages(messages) == []


def test_passage_text_is_never_a_format_or_a_template(make_workspace: MakeWorkspace) -> None:
    """Passage text fills placeholders and is never read as one, nor as Jinja."""
    hostile = "%(variant)s {{ 7 * 7 }} {% raw %}"
    root = make_workspace(
        {
            "corpus/town.md": _passage().replace("A Small Town Row", f"Row {hostile}"),
            "exercises/town.yaml": SPOT.format(language="language: x-test\n").replace(
                "title: Spot It", f"title: 'It {hostile}'"
            ),
            "locale/x-test.po": pseudo_catalogue(),
        }
    )
    workspace = load_workspace(root)
    assert not workspace.errors, workspace.errors
    page = next(
        s.html for s in plan(workspace, BuildOptions(format="html")) if s.path.stem == "town-A"
    )
    assert "%(variant)s {{ 7 * 7 }} {% raw %}" in page
    assert "49" not in page


if __name__ == "__main__":
    write_english()
    sys.exit(0)


def test_a_catalogue_plural_rule_chooses_the_form(make_workspace: MakeWorkspace) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);\\n"\n\n'
        'msgid "%(num)d point"\nmsgid_plural "%(num)d points"\n'
        'msgstr[0] "one %(num)d"\nmsgstr[1] "two %(num)d"\nmsgstr[2] "many %(num)d"\n'
    )
    root = make_workspace({"locale/x-test.po": po})
    messages = i18n.load_messages(root, "x-test")
    forms = [
        messages.ngettext("%(num)d point", "%(num)d points", n) % {"num": n} for n in (1, 2, 7)
    ]
    assert forms == ["one 1", "two 2", "many 7"]


def test_a_workspace_template_translates_with_trans_and_catalogue_text_stays_text(
    make_workspace: MakeWorkspace,
) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Name"\nmsgstr "<b>Nom</b> & co"\n\n'
        'msgid "Hello %(name)s, this is variant %(variant)s."\n'
        'msgstr "Bonjour %(name)s, variante %(variant)s."\n'
    )
    template = (
        '{% extends "default:worksheet.html" %}{% block header %}<p class="hello">'
        "{% trans name=exercise.title, variant=variant %}\n  Hello {{ name }},\n"
        "  this is variant {{ variant }}.\n{% endtrans %}</p><p>{{ _('Name') }}</p>{% endblock %}"
    )
    root = make_workspace(
        {
            "corpus/town.md": _passage(),
            "exercises/town.yaml": SPOT.format(language="language: x-test\n").replace(
                "Spot It", "'Spot <It>'"
            ),
            "locale/x-test.po": po,
            "templates/worksheet.html": template,
        }
    )
    workspace = load_workspace(root)
    assert not workspace.errors, workspace.errors
    page = next(s.html for s in plan(workspace, BuildOptions(format="html", key=False)))
    assert '<p class="hello">Bonjour Spot &lt;It&gt;, variante A.</p>' in page
    assert "<p>&lt;b&gt;Nom&lt;/b&gt; &amp; co</p>" in page


def test_a_regional_catalogue_falls_back_to_its_language_then_english(
    make_workspace: MakeWorkspace,
) -> None:
    # qaa: a private-use language code, so that no built-in catalogue comes between.
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    root = make_workspace(
        {
            "locale/qaa.po": header
            + 'msgid "Name"\nmsgstr "Nome"\n\nmsgid "Class"\nmsgstr "Turma"\n',
            "locale/qaa-BR.po": header + 'msgid "Class"\nmsgstr "Classe"\n',
        }
    )
    messages = i18n.load_messages(root, "qaa-BR")
    assert [messages.gettext(m) for m in ("Class", "Name", "Date")] == ["Classe", "Nome", "Date"]
    assert [c.shown for c in messages.catalogues] == ["locale/qaa-BR.po", "locale/qaa.po"]
    assert "Date" in i18n.missing_messages(messages)
    assert "Name" not in i18n.missing_messages(messages)


def test_a_workspace_taxonomy_needs_no_translation_of_the_built_in_one(
    make_workspace: MakeWorkspace,
) -> None:
    """A teacher's own taxonomy may be written in the sheet's language: check asks for the
    sheet's messages only."""
    catalogue = pseudo_catalogue().decode("utf-8")
    kept = catalogue.split('msgid "Emotive word"')[0]  # the chrome; the taxonomy follows it
    assert 'msgid "Name"' in kept
    root = make_workspace(
        {
            "locale/x-test.po": kept,
            "taxonomy.yaml": (SOURCE / "taxonomy.yaml").read_text(encoding="utf-8"),
        }
    )
    messages = i18n.load_messages(root, "x-test")
    assert i18n.missing_messages(messages, own_taxonomy=True) == []
    assert "Emotive word" in i18n.missing_messages(messages)


def test_notes_printed_in_a_passage_body_are_in_the_sheet_s_language(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    # A left-out paragraph's note and an image's note are chrome, though they print in the body.
    passage = _passage().replace(
        "title: A Small Town Row", "title: A Row\nomit: [1]\nomit_reason: r"
    )
    passage += "\n![a map of the bridge](map.png) Drivers wait.\n"
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "[Paragraph %(first)s is left out of this edition.]"\n'
        'msgstr "[Le paragraphe %(first)s manque dans cette édition.]"\n\n'
        'msgid "[image: %(description)s]"\nmsgstr "[illustration : %(description)s]"\n'
    )
    exercise = "title: Spot It\nlanguage: fr\npassages: [town]\nactivities:\n  - kind: spot\n"
    root = make_workspace(
        {"corpus/town.md": passage, "exercises/town.yaml": exercise, "locale/fr.po": po}
    )
    result = run(root, "build", "--format", "html", "--variants", "1")
    assert result.exit_code == 0, result.output
    page = (root / "output" / "town" / "town-A.html").read_text(encoding="utf-8")
    assert "[Le paragraphe 1 manque dans cette édition.]" in page
    assert "[illustration : a map of the bridge]" in page
    assert "left out of this edition" not in page and "[image:" not in page


def test_said_verb_is_refused_for_a_passage_in_another_language(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    passage = _passage("de").replace('type="emotive"', 'type="said-verb"')
    exercise = "title: Verbs\npassages: [town]\nactivities:\n  - kind: said-verb\n"
    root = make_workspace({"corpus/town.md": passage, "exercises/town.yaml": exercise})
    result = run(root, "check")
    assert result.exit_code == 1
    assert (
        "exercises/town.yaml:4:5: error: said-verb offers English verbs of saying, and passage "
        "'town' is in 'de': ask about its verbs with name-it or rewrite instead\n"
    ) in result.output


def test_span_markers_take_the_letters_of_the_sheet_s_language(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "L"\nmsgstr "W"\n\nmsgid "U"\nmsgstr "B"\n'
    )
    exercise = "title: Spot It\nlanguage: de\npassages: [town]\nactivities:\n  - kind: spot\n"
    root = make_workspace(
        {"corpus/town.md": _passage(), "exercises/town.yaml": exercise, "locale/de.po": po}
    )
    assert run(root, "build", "--format", "html", "--variants", "1").exit_code == 0
    key = (root / "output" / "town" / "town-A-key.html").read_text(encoding="utf-8")
    assert 'class="marker">W1</sup>' in key and 'class="marker">B1</sup>' in key
    assert ">L1<" not in key and ">U1<" not in key
