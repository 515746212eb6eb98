"""`build --format web`: the self-marking page, driven in a real headless Chromium.

The page must score as the printed key does (quiz.py's rules), work with the keyboard
alone, keep the key's texts out of the file and the DOM until the student submits, fetch
nothing, be the same bytes on every build, and lay Arabic out right to left. The chrome is
checked like the sheets': all of it through the catalogues, none of it left in English.
"""

from __future__ import annotations

import json
import re
import shutil
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from lxml import html as lxml_html
from markupsafe import Markup, escape

from conftest import FIXTURE_WORKSPACE, GOOD_PASSAGE, REPO, MakeWorkspace, cli
from spinsheet.build import BuildOptions, plan
from spinsheet.quiz import (
    Question,
    Quiz,
    choice_score,
    count_score,
    match_score,
    quiz,
    spot_score,
)
from spinsheet.render import Renderer
from spinsheet.web import _canonical, decrypt, derive_key, page_salt, reveal_html, web_page
from spinsheet.workspace import Workspace, load_workspace
from test_catalogues import LANGUAGES, _english_phrases, _workspace_in
from test_i18n import _outside_catalogue, _pseudo_workspace, _user_text, _visible_text

if TYPE_CHECKING:
    from playwright.sync_api import Page


# -- Building ---------------------------------------------------------------------------------


def _copy(source: Path, root: Path) -> Path:
    root.mkdir(parents=True)
    for name in ("corpus", "exercises"):
        shutil.copytree(source / name, root / name)
    for name in ("mask-words.txt", "taxonomy.yaml"):
        if (source / name).is_file():
            shutil.copy(source / name, root / name)
    return root


# A sheet with one of each interaction the keyboard test needs: spot, choice, count, write.
KEYS_EXERCISE = """\
title: Keys Only
passages: [harbour-plan]
variants: 1
seed: 4
activities:
  - kind: spot
  - kind: name-it
    count: 1
  - kind: tally
  - kind: rewrite
    count: 1
"""


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample workspace, copied and built to web pages once."""
    root = _copy(REPO, tmp_path_factory.mktemp("web") / "samples")
    result = cli(root, "build", "--format", "web")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test workspace (every activity kind), with the keyboard test's sheet, built once."""
    root = _copy(FIXTURE_WORKSPACE, tmp_path_factory.mktemp("web") / "fixtures")
    (root / "exercises" / "keys.yaml").write_text(KEYS_EXERCISE, encoding="utf-8")
    result = cli(root, "build", "--format", "web")
    assert result.exit_code == 0, result.output
    return root


def _page_path(root: Path, exercise: str, variant: str = "A") -> Path:
    return root / "output" / exercise / f"{exercise}-{variant}-web.html"


@dataclass
class Built:
    """One variant as the build made it: its questions, and the renderer that laid it out."""

    quiz: Quiz
    renderer: Renderer
    workspace: Workspace


def _built(root: Path, exercise: str, variant: str = "A") -> Built:
    """The variant's Quiz, made as build's _online_files makes it."""
    workspace = load_workspace(root)
    assert workspace.taxonomy is not None, workspace.errors
    renderer = Renderer(root, workspace.taxonomy)
    sheet = workspace.exercises[exercise]
    editions = [
        renderer.context(sheet, workspace.passages, variant, edition, workspace.masker)
        for edition in ("student", "key")
    ]
    return Built(quiz(editions[0], editions[1], renderer.messages), renderer, workspace)


# -- The browser (tests/browser.py: `page` is offline, `network_requests` what it tried) -------


def _open(page: Page, path: Path) -> list[str]:
    """Open a built page from its file, as from a USB stick; the script errors it raises."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-state=ready]")
    return errors


def _wait(page: Page, test: str, seconds: float = 5) -> None:
    """Wait until a JavaScript expression holds (wait_for_function evaluates strings, which
    the page's Content-Security-Policy forbids)."""
    for _ in range(int(seconds * 20)):
        if page.evaluate(test):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {test}")


def _score(page: Page) -> float:
    """The score the page shows, as a number (the text says it in the sheet's language)."""
    value = page.get_attribute("#score", "data-score")
    assert value is not None, page.inner_text("#score")
    return float(value)


def _check(page: Page) -> float:
    page.evaluate("document.getElementById('score').removeAttribute('data-score')")
    page.click("#check")
    page.wait_for_selector("#score[data-score]")
    return _score(page)


def _submit(page: Page) -> float:
    page.click("#submit")
    page.click("#confirm-yes")
    page.wait_for_selector("body[data-state=submitted]")
    return _score(page)


# -- Scoring as the printed key ------------------------------------------------------------------


def _answer(page: Page, question: Question, n: int) -> float:
    """Answer one question in the page with a scripted mix of right, half-right and wrong
    answers (chosen by `n`), and return what quiz.py's rules give those answers."""
    box = f"#{question.ident}"
    if question.interaction == "spot":
        assert question.spot is not None
        marked: dict[str, set[int]] = {"loaded": set(), "unsourced": set()}
        everything = {w for t in question.spot.targets for w in t.words}
        for i, target in enumerate(question.spot.targets):
            other = "unsourced" if target.kind == "loaded" else "loaded"
            pen = [target.kind, other, None][(i + n) % 3]  # right, wrong kind, not found
            if pen is None:
                continue
            word = target.words[-1]
            if any(word in marked[k] for k in marked):
                continue
            page.check(f"{box} .pens input[value={pen}]")
            page.click(f'{box} .w[data-w="{word}"]')
            marked[pen].add(word)
        stray = next(w for w in range(question.spot.words) if w not in everything)
        page.check(f"{box} .pens input[value=loaded]")
        page.click(f'{box} .w[data-w="{stray}"]')  # a mark on no span: costs nothing
        marked["loaded"].add(stray)
        return spot_score(question, marked)
    if question.interaction == "choice":
        assert question.answer is not None
        chosen = question.answer if n % 2 == 0 else (question.answer + 1) % len(question.choices)
        page.check(f'{box} input[type=radio][value="{chosen}"]')
        return choice_score(question, chosen)
    if question.interaction == "count":
        low, high = question.accepted
        given = [low, high + 1, high, max(0, low - 1)][n % 4]
        page.fill(f"{box} input", str(given))
        return count_score(question, given)
    if question.interaction == "match":
        names: list[int | None] = []
        for i, pair in enumerate(question.pairs):
            letter = pair.accepted[0] if (i + n) % 2 == 0 else None
            if letter is None:  # a name that fits no quotation's answer, or the first one
                letter = next(
                    (a for a in range(len(question.choices)) if a not in pair.accepted), 0
                )
            page.select_option(f"{box} select[data-pair='{i}']", str(letter))
            names.append(letter)
        return match_score(question, names)
    return 0.0


@pytest.mark.parametrize(
    ("where", "exercise", "variant"),
    [
        ("samples", "lunch-levy", "A"),
        ("samples", "sahiounie-techniques", "B"),
        ("samples", "araujo-techniques", "A"),
        ("fixtures", "catalogue", "A"),
        ("fixtures", "two-bridges", "A"),
    ],
)
def test_the_page_scores_as_the_printed_key(
    where: str,
    exercise: str,
    variant: str,
    request: pytest.FixtureRequest,
    page: Page,
    network_requests: list[str],
) -> None:
    root: Path = request.getfixturevalue(where)
    built = _built(root, exercise, variant)
    errors = _open(page, _page_path(root, exercise, variant))
    expected = 0.0
    kinds = set()
    for n, question in enumerate(built.quiz.questions):
        expected += _answer(page, question, n)
        kinds.add(question.interaction)
    assert kinds & {"spot", "choice", "count", "match"}
    assert _check(page) == pytest.approx(expected)
    # Reloaded, the answers are still there and score the same; submitted, the same score.
    page.reload()
    page.wait_for_selector("body[data-state=ready]")
    assert _check(page) == pytest.approx(expected)
    assert _submit(page) == pytest.approx(expected)
    assert not errors and not network_requests


def test_a_spot_mark_of_the_wrong_kind_earns_half_and_a_stray_one_nothing(
    samples: Path, page: Page
) -> None:
    built = _built(samples, "lunch-levy")
    spot = built.quiz.questions[0]
    assert spot.spot is not None
    target = spot.spot.targets[0]
    other = "unsourced" if target.kind == "loaded" else "loaded"
    _open(page, _page_path(samples, "lunch-levy"))
    page.check(f"#{spot.ident} .pens input[value={other}]")
    page.click(f'#{spot.ident} .w[data-w="{target.words[0]}"]')
    each = spot.points / len(spot.spot.targets)
    assert _check(page) == each / 2
    # Both words of the span marked, one rightly: full marks for it, once.
    page.check(f"#{spot.ident} .pens input[value={target.kind}]")
    page.click(f'#{spot.ident} .w[data-w="{target.words[-1]}"]')
    assert _check(page) == each
    status = page.inner_text(f'[data-status="{spot.ident}"]')
    assert re.search(r"\d", status)
    # Marking a word again with the same pen takes the mark off.
    page.click(f'#{spot.ident} .w[data-w="{target.words[-1]}"]')
    assert (
        page.get_attribute(f'#{spot.ident} .w[data-w="{target.words[-1]}"]', "aria-pressed")
        == "false"
    )


def test_checking_says_how_many_marks_are_right_but_not_which(samples: Path, page: Page) -> None:
    """Before submitting, a result on each mark would let a student find the spans by marking
    word after word and checking: the count only, until the key is shown."""
    built = _built(samples, "lunch-levy")
    spot = built.quiz.questions[0]
    assert spot.spot is not None
    target = spot.spot.targets[0]
    _open(page, _page_path(samples, "lunch-levy"))
    page.check(f"#{spot.ident} .pens input[value={target.kind}]")
    page.click(f'#{spot.ident} .w[data-w="{target.words[0]}"]')
    assert _check(page) > 0
    assert page.locator(f"#{spot.ident} .w[data-result]").count() == 0
    _submit(page)
    result = f'#{spot.ident} .w[data-w="{target.words[0]}"]'
    assert page.get_attribute(result, "data-result") == "right"


def test_words_printed_out_of_their_order_still_score_the_right_span(
    samples: Path, page: Page, tmp_path: Path
) -> None:
    """Where a passage's words do not print in the order of their numbers (a paragraph
    nested in another), each word carries its number and marks still find their span."""
    built = _built(samples, "lunch-levy")
    spot = built.quiz.activities[0].questions[0]
    assert spot.spot is not None
    blocks = spot.spot.blocks
    moved = replace(spot.spot, blocks=(blocks[0], blocks[2], blocks[1], *blocks[3:]))
    activity = replace(built.quiz.activities[0], questions=(replace(spot, spot=moved),))
    shuffled = replace(built.quiz, activities=(activity, *built.quiz.activities[1:]))
    path = tmp_path / "moved.html"
    path.write_bytes(web_page(shuffled, built.renderer))
    target = next(t for t in moved.targets if t.words[0] > 30)
    _open(page, path)
    page.check(f"#{spot.ident} .pens input[value={target.kind}]")
    page.click(f'#{spot.ident} span[data-i="{target.words[0]}"]')
    assert _check(page) == spot.points / len(moved.targets)


# -- The keyboard alone ------------------------------------------------------------------------


def _tab_to(page: Page, test: str, limit: int = 400) -> None:
    """Press Tab until `test` (a JavaScript expression on `el`, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({test}); }})()"):
            return
    raise AssertionError(f"Tab never reached {test}")


def test_the_keyboard_alone_does_a_sheet(fixtures: Path, page: Page) -> None:
    built = _built(fixtures, "keys")
    spot, choice, count, write = (
        next(q for q in built.quiz.questions if q.interaction == kind)
        for kind in ("spot", "choice", "count", "write")
    )
    assert spot.spot is not None and choice.answer is not None
    target = next(t for t in spot.spot.targets if t.kind == "unsourced")
    _open(page, _page_path(fixtures, "keys"))
    # Into the passage: one Tab stop for the whole widget, then arrows from word to word.
    _tab_to(page, "el.classList.contains('w')")
    assert page.evaluate("document.activeElement.getAttribute('data-w')") == "0"
    for _ in range(target.words[0]):
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('data-w')") == str(target.words[0])
    page.keyboard.press("2")  # the circle pen
    page.keyboard.press("Enter")
    word = f'#{spot.ident} .w[data-w="{target.words[0]}"]'
    assert page.get_attribute(word, "aria-pressed") == "true"
    assert page.get_attribute(word, "data-mark") == "unsourced"
    _wait(page, "document.getElementById('live').textContent.length > 0")  # said aloud
    # Tab leaves the passage at once: the words are one stop.
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.classList.contains('w')")
    # A choice: Tab to its radio group, arrows to the right option.
    _tab_to(page, f"el.name === '{choice.ident}'")
    for _ in range(choice.answer):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    _tab_to(page, f"el.name === '{count.ident}'")
    low, _high = count.accepted
    page.keyboard.type(str(low))
    _tab_to(page, f"el.id === '{write.ident}-f0'")
    page.keyboard.type("The council said the plan was new.")
    _tab_to(page, "el.id === 'check'")
    page.keyboard.press("Enter")
    page.wait_for_selector("#score[data-score]")
    expected = (
        spot.points / len(spot.spot.targets)
        + choice_score(choice, choice.answer)
        + count_score(count, low)
    )
    assert _score(page) == pytest.approx(expected)
    assert "✓" in page.inner_text(f'[data-status="{choice.ident}"]')
    _tab_to(page, "el.id === 'submit'")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # not yet: nothing is locked, and focus is back
    assert not page.evaluate("document.getElementById('confirm').open")
    assert page.evaluate("document.activeElement.id") == "submit"
    assert page.get_attribute("body", "data-state") == "ready"
    page.keyboard.press("Enter")
    # Submitting cannot be undone: the dialog starts on "Not yet", "Yes" is one Shift+Tab away.
    assert page.evaluate("document.activeElement.id") == "confirm-no"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "confirm-yes"
    page.keyboard.press("Enter")
    page.wait_for_selector("body[data-state=submitted]")
    assert _score(page) == pytest.approx(expected)
    assert page.evaluate("document.activeElement.id") == "score"  # the result, read next
    assert page.evaluate(f"document.getElementById('{write.ident}-f0').readOnly")
    assert page.is_disabled(f"#{choice.ident} input[type=radio] >> nth=0")


def test_arrow_keys_follow_the_reading_direction(samples: Path, page: Page) -> None:
    _open(page, _page_path(samples, "wadi-market"))
    _tab_to(page, "el.classList.contains('w')")
    page.keyboard.press("ArrowLeft")  # right to left: the next word is to the left
    assert page.evaluate("document.activeElement.getAttribute('data-w')") == "1"
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    last = page.evaluate("document.querySelectorAll('.w').length") - 2
    assert page.evaluate("document.activeElement.getAttribute('data-w')") == str(last)


# -- The key stays out of sight until submitted ------------------------------------------------------


def _text(value: str | Markup) -> str:
    """A key text as a reader sees it: its markup's text, white space folded."""
    if isinstance(value, Markup) and value:
        value = lxml_html.fragment_fromstring(str(value), create_parent="div").text_content()
    return " ".join(str(value).split())


def _key_texts(built: Built, exercise: str, variant: str) -> list[str]:
    """What the key says that the student's sheet does not: each span's why and fix, each
    model answer, feedback, rubric and sample."""
    texts: list[str] = []
    for question in built.quiz.questions:
        if question.spot is not None:
            texts += [t for target in question.spot.targets for t in (target.why, target.fix)]
        texts += [_text(m) for m in question.models] + [_text(question.feedback)]
        texts += [r.descriptor for r in question.rubric] + [s.answer for s in question.samples]
    sheet = built.renderer.sheet(
        built.workspace.exercises[exercise],
        built.workspace.passages,
        variant,
        "student",
        built.workspace.masker,
    )
    student = " ".join(lxml_html.fromstring(sheet).text_content().split())
    found = {" ".join(t.split()) for t in texts}
    return sorted(t for t in found if len(t) >= 8 and t not in student)


def _forms(text: str) -> set[str]:
    """A text as it could sit in a file: raw, HTML-escaped, JSON-escaped (both ways)."""
    return {
        text,
        str(escape(text)),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=False)[1:-1],
        str(escape(text)).replace("&#34;", "&quot;").replace("&#39;", "&apos;"),
    }


@pytest.mark.parametrize(
    ("where", "exercise"),
    [
        ("samples", "lunch-levy"),
        ("samples", "sahiounie-techniques"),
        ("samples", "wadi-market"),
        ("samples", "who-says-bridge"),
        ("fixtures", "catalogue"),
    ],
)
def test_no_key_text_before_submission_and_all_of_it_after(
    where: str, exercise: str, request: pytest.FixtureRequest, page: Page
) -> None:
    root: Path = request.getfixturevalue(where)
    built = _built(root, exercise)
    texts = _key_texts(built, exercise, "A")
    assert len(texts) >= 4
    path = _page_path(root, exercise)
    data = path.read_text(encoding="utf-8")
    leaked = [t for t in texts if any(form in data for form in _forms(t))]
    assert not leaked, f"key text in the file: {leaked}"
    _open(page, path)
    if page.locator(".w").count():
        page.click(".w >> nth=0")
    if page.is_visible("#check"):  # not on a sheet the page marks none of
        _check(page)  # checking marks answers without showing any key text
    dom = " ".join(page.evaluate("document.documentElement.textContent").split())
    assert not [t for t in texts if t in dom]
    _submit(page)
    dom = " ".join(page.evaluate("document.documentElement.textContent").split())
    missing = [t for t in texts if t not in dom]
    assert not missing, f"key text not shown after submission: {missing}"


def test_the_key_opens_only_with_the_right_answers(samples: Path) -> None:
    built = _built(samples, "lunch-levy")
    data = _page_path(samples, "lunch-levy").read_text(encoding="utf-8")
    reveal = reveal_html(built.quiz, built.renderer)
    salt = page_salt(built.quiz, reveal)
    blob = re.search(r'id="blob" data-tag="(\w+)" data-salt="(\w+)"[^>]*>([^<]*)<', data)
    assert blob is not None and blob.group(2) == salt
    import base64

    cipher, tag = base64.b64decode(blob.group(3)), bytes.fromhex(blob.group(1))
    plain = decrypt(derive_key(salt, _canonical(built.quiz)), cipher, tag)
    assert zlib.decompress(plain).decode("utf-8") == reveal
    wrong = _canonical(built.quiz).replace("unsourced:", "unsourced:0,", 1)
    with pytest.raises(ValueError):
        decrypt(derive_key(salt, wrong), cipher, tag)


# -- One file, no network, the same bytes each time ----------------------------------------------


def test_the_page_is_one_file_that_fetches_nothing(
    samples: Path, page: Page, network_requests: list[str]
) -> None:
    path = _page_path(samples, "lunch-levy")
    data = path.read_text(encoding="utf-8")
    assert (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:" in data
    )
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(", data)
    assert "JavaScript is needed to check answers" in data.split("<noscript>")[1]
    errors = _open(page, path)
    page.click('#a1-q0 .w[data-w="3"]')
    page.fill("#a2-q1-f0", "A calmer wording.")
    _check(page)
    with page.expect_download() as download:
        page.click("#download")
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert "A calmer wording." in saved
    _submit(page)
    page.emulate_media(media="print")
    assert page.is_visible("#a2-q1 .print-copy") and not page.is_visible("#check")
    assert network_requests == [] and errors == []


def test_two_builds_are_the_same_bytes(samples: Path, tmp_path: Path) -> None:
    again = _copy(REPO, tmp_path / "again")
    workspace = load_workspace(again)
    pages = {s.path.name: s.data for s in plan(workspace, BuildOptions(format="web"))}
    assert len(pages) >= 10
    for name, data in pages.items():
        exercise = name.rsplit("-", 2)[0]
        assert data == (samples / "output" / exercise / name).read_bytes(), name


def test_arabic_is_laid_out_right_to_left(samples: Path, page: Page) -> None:
    path = _page_path(samples, "wadi-market")
    assert '<html lang="ar" dir="rtl">' in path.read_text(encoding="utf-8")
    _open(page, path)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.spot-text')).direction") == "rtl"
    )
    first, second = (
        page.locator(f'.w[data-w="{n}"]').bounding_box() for n in (1, 2)
    )  # on one line of the headline
    assert first is not None and second is not None and second["x"] < first["x"]


# -- Chrome through the catalogues --------------------------------------------------------------


def _web_pages(root: Path) -> dict[str, str]:
    workspace = load_workspace(root)
    assert not workspace.errors, workspace.errors
    return {
        s.path.name: s.data.decode("utf-8")
        for s in plan(workspace, BuildOptions(format="web"))
        if s.data is not None
    }


def test_a_pseudo_language_page_has_no_chrome_outside_its_catalogue(tmp_path: Path) -> None:
    root = _pseudo_workspace(tmp_path)
    user = _user_text(root)
    workspace = load_workspace(root)
    escaped = []
    for name, page in sorted(_web_pages(root).items()):
        assert '<html lang="x-test" dir="ltr">' in page, name
        for block in _visible_text(page):
            left = _outside_catalogue(block, user)
            if left:
                escaped.append(f"{name}: {left!r} in {' '.join(block.split())[:160]!r}")
    for exercise in workspace.exercises:  # the key's part, shown after submitting
        built = _built(root, exercise)
        reveal = reveal_html(built.quiz, built.renderer)
        for block in _visible_text(f"<html><head><meta charset=utf-8></head><body>{reveal}"):
            left = _outside_catalogue(block, user)
            if left:
                escaped.append(f"{exercise} key: {left!r} in {' '.join(block.split())[:160]!r}")
    assert not escaped, "chrome outside the catalogue:\n" + "\n".join(sorted(set(escaped)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_in_a_language_has_no_english_chrome(language: str, tmp_path: Path) -> None:
    root = _workspace_in(language, tmp_path)
    user = [" ".join(text.split()) for text in _user_text(root)]
    english = _english_phrases()
    found = set()
    for name, page in _web_pages(root).items():
        assert f'lang="{language}"' in page.split(">", 2)[1], name
        for block in _visible_text(page):
            text = " ".join(block.split())
            for words in user:
                text = text.replace(words, " ")
            found |= {f"{name}: {phrase!r}" for phrase in english if phrase in text}
    for exercise in load_workspace(root).exercises:  # the key's part, shown after submitting
        built = _built(root, exercise)
        reveal = reveal_html(built.quiz, built.renderer)
        for block in _visible_text(f"<html><head><meta charset=utf-8></head><body>{reveal}"):
            text = " ".join(block.split())
            for words in user:
                text = text.replace(words, " ")
            found |= {f"{exercise} key: {phrase!r}" for phrase in english if phrase in text}
    assert not found, "English chrome:\n" + "\n".join(sorted(found))


def test_a_sheet_with_nothing_the_page_marks_has_no_check_and_still_shows_the_key(
    make_workspace: MakeWorkspace, page: Page
) -> None:
    exercise = "title: Rewrite It\npassages: [town]\nactivities:\n  - kind: rewrite\n"
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/town.yaml": exercise})
    assert cli(root, "build", "--format", "web").exit_code == 0
    _open(page, _page_path(root, "town"))
    assert not page.is_visible("#check")
    assert "Your teacher marks all 2 points" in page.inner_text(".split")
    _submit(page)
    assert page.inner_text("#score") == "Your answers are locked. The key is under each question."
    assert "sudden" in page.inner_text("[data-reveal='a1-q1']")  # the neutral wording
