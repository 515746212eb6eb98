"""`build --format moodle`: Moodle XML that asks what the printed sheet asks, in its order,
for its points, with the key's answers; Cloze text that Moodle reads back as written."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from markupsafe import escape

from conftest import FIXTURE_WORKSPACE, REPO, MakeWorkspace, cli
from spinsheet.moodle import Sentence, cloze_answer, cloze_menu, cloze_text
from spinsheet.quiz import Question, Quiz, quiz
from spinsheet.render import Renderer
from spinsheet.selection import variant_letters
from spinsheet.workspace import load_workspace

# Moodle's Cloze grammar, from question/type/multianswer/questiontype.php (ANSWER_REGEX and
# qtype_multianswer_extract_question); Python wants one fixed width per look-behind.
_FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
_FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
_ALTERNATIVE = f"({_FRACTION})?({_ANSWER})(#({_FEEDBACK}))?"
_TYPES = (
    r"(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|"
    r"(SHORTANSWER|SA|MW)|(SHORTANSWER_C|SAC|MWC)|"
    r"(MULTICHOICE_S|MCS)|(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|"
    r"(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)"
)
_CLOZE = re.compile(
    r"\{([0-9]*):(" + _TYPES + "):(" + _ALTERNATIVE + "(~" + _ALTERNATIVE + r")*)\}", re.S
)
_ONE = re.compile("~?" + _ALTERNATIVE, re.S)

Menu = tuple[int, list[tuple[float, str, str]]]  # weight; (fraction, answer, feedback)


def read_cloze(text: str) -> tuple[str, list[Menu]]:
    """A Cloze question text as Moodle reads it: the text with `{#1}`… where the menus were,
    and each menu's weight and answers, decoded as Moodle decodes them."""
    menus: list[Menu] = []
    while match := _CLOZE.search(text):
        weight = int(match.group(1)) if match.group(1) else 1
        alternatives, rest = [], match.group(16)
        while one := _ONE.search(rest):
            if one.group(1) == "=":
                fraction = 1.0
            elif one.group(2):
                fraction = float(one.group(2).replace(",", ".")) / 100
            else:
                fraction = 0.0
            answer = html.unescape(one.group(3)).replace("\\}", "}").replace("\\#", "#")
            feedback = html.unescape(one.group(5) or "").replace("\\}", "}").replace("\\#", "#")
            alternatives.append((fraction, answer, feedback))
            rest = rest.split(one.group(0), 1)[1]
        menus.append((weight, alternatives))
        text = text.replace(match.group(0), f"{{#{len(menus)}}}", 1)
    return text, menus


def words(markup: str) -> str:
    """Visible words of HTML, lower case, punctuation and spacing left out."""
    root = lxml.html.fragment_fromstring(markup or "<p></p>", create_parent="div")
    text = " ".join(root.itertext())  # a line break or a cell apart is a word apart
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def classed(tag: str, name: str) -> str:
    """XPath for `tag.name` (lxml's CSS selectors need a package the project does without)."""
    return f"descendant-or-self::{tag}[contains(concat(' ', @class, ' '), ' {name} ')]"


def questions_of(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).getroot())


def grade(element: etree._Element) -> float:
    if element.get("type") == "multianswer":
        return sum(weight for weight, _ in read_cloze(text_of(element, "questiontext"))[1])
    return float(element.findtext("defaultgrade") or 0)


def text_of(element: etree._Element, tag: str) -> str:
    return element.findtext(f"{tag}/text") or ""


# Builds ----------------------------------------------------------------------------------


def sample_workspace(tmp: Path) -> Path:
    root = tmp / "samples"
    for folder in ("corpus", "exercises"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mask-words.txt", root / "mask-words.txt")
    return root


def quizzes(root: Path) -> Iterator[tuple[str, str, Quiz]]:
    """Every exercise and variant of a workspace as `build` makes its questions."""
    workspace = load_workspace(root)
    assert workspace.taxonomy is not None
    renderer = Renderer(root, workspace.taxonomy)
    for name, exercise in sorted(workspace.exercises.items()):
        for variant in variant_letters(exercise.variants):
            student, key = (
                renderer.context(
                    exercise, workspace.passages, variant, edition, workspace.masker, False
                )
                for edition in ("student", "key")
            )
            yield name, variant, quiz(student, key, renderer.messages)


@pytest.fixture(scope="module", params=["samples", "fixture"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace built to Moodle XML and to HTML sheets, in output/."""
    tmp = tmp_path_factory.mktemp(request.param)
    if request.param == "samples":
        root = sample_workspace(tmp)
    else:
        root = tmp / "fixture"
        shutil.copytree(FIXTURE_WORKSPACE, root)
    for format in ("moodle", "html"):
        result = cli(root, "build", "--format", format)
        assert result.exit_code == 0, result.output
    return root


def expected_types(question: Question) -> list[str]:
    """The Moodle questions an item becomes, in order."""
    if question.interaction == "choice":
        return ["multichoice", "essay"] if question.fields else ["multichoice"]
    return [
        {"spot": "multianswer", "match": "matching", "count": "numerical", "write": "essay"}[
            question.interaction
        ]
    ]


def paired(root: Path) -> Iterator[tuple[Quiz, list[list[etree._Element]], Path]]:
    """Each variant's quiz, its questions' Moodle questions, and its printed student sheet."""
    for name, variant, questions in quizzes(root):
        xml = root / "output" / name / f"{name}-{variant}-moodle.xml"
        elements = questions_of(xml)
        assert elements[0].get("type") == "category"
        gradable = [e for e in elements[1:] if e.get("type") != "description"]
        groups = []
        for question in questions.questions:
            types = expected_types(question)
            group, gradable = gradable[: len(types)], gradable[len(types) :]
            assert [e.get("type") for e in group] == types, (xml.name, question.ident)
            groups.append(group)
        assert gradable == [], xml.name
        yield questions, groups, root / "output" / name / f"{name}-{variant}.html"


# The sheet's questions -------------------------------------------------------------------


def test_every_question_is_the_printed_one_in_order_for_its_points(built: Path) -> None:
    checked = 0
    for questions, groups, sheet in paired(built):
        page = lxml.html.parse(str(sheet)).getroot()
        sections = page.xpath(classed("section", "activity"))
        assert len(sections) == len(questions.activities)
        printed_total = re.findall(
            r"/\s*(\d+)", page.xpath(classed("div", "fields-row"))[0].text_content()
        )
        total = 0.0
        for hidden in page.xpath(classed("*", "sr-only")):  # what the eye does not see
            hidden.drop_tree()
        for activity, section in zip(questions.activities, sections, strict=True):
            sheet_words = words(etree.tostring(section, encoding="unicode"))
            points = section.xpath("h2/" + classed("span", "points"))[0].text_content()
            position = 0
            activity_grade = 0.0
            for question in activity.questions:
                group = groups[questions.questions.index(question)]
                prompt = words(question.prompt)
                for element in group:
                    assert prompt in words(text_of(element, "questiontext")), question.ident
                found = sheet_words.find(prompt, position)
                assert found >= 0, (sheet.name, question.ident, prompt)
                position = found
                for element in group:
                    answers = [words(text_of(a, ".")) for a in element.findall("answer")]
                    if element.get("type") == "multichoice":
                        assert answers == [words(escape(c)) for c in question.choices]
                        assert all(a in sheet_words for a in answers)
                activity_grade += sum(grade(e) for e in group)
            assert re.findall(r"\d+", points) == [f"{activity_grade:g}"], (sheet.name, points)
            total += activity_grade
            checked += 1
        assert printed_total == [f"{total:g}"] and total == questions.points, sheet.name
    assert checked


def test_answers_are_the_keys(built: Path) -> None:
    for questions, groups, _sheet in paired(built):
        for question, group in zip(questions.questions, groups, strict=True):
            first = group[0]
            if first.get("type") == "multichoice":
                fractions = [a.get("fraction") for a in first.findall("answer")]
                assert fractions.index("100") == question.answer and fractions.count("100") == 1
                assert float(first.findtext("defaultgrade") or 0) == question.choice_points
            if first.get("type") == "numerical":
                low, high = question.accepted
                answers = [
                    (a.findtext("text"), a.findtext("tolerance")) for a in first.findall("answer")
                ]
                assert answers == [(str(n), "0") for n in range(low, high + 1)]
                assert all(a.get("fraction") == "100" for a in first.findall("answer"))
            if first.get("type") == "matching":
                subs = first.findall("subquestion")
                asked = [s for s in subs if s.findtext("text")]
                assert [words(s.findtext("text") or "") for s in asked] == [
                    words(p.prompt) for p in question.pairs
                ]
                assert [s.findtext("answer/text") for s in asked] == [
                    question.choices[p.accepted[0]] for p in question.pairs
                ]
                extra = [s.findtext("answer/text") for s in subs if not s.findtext("text")]
                named = {s.findtext("answer/text") for s in asked}
                assert extra == [c for c in question.choices if c not in named]
            essay = group[-1]
            if essay.get("type") == "essay":
                info = words(text_of(essay, "graderinfo"))
                assert all(words(model) in info for model in question.models), question.ident
                for sample in question.samples:
                    assert words(str(escape(sample.answer))) in info
                for level in question.rubric:
                    assert words(str(escape(level.descriptor))) in info
                assert essay.findtext("responseformat") == "editor"


def test_spot_menus_weigh_the_printed_points(built: Path) -> None:
    for questions, groups, _sheet in paired(built):
        for question, group in zip(questions.questions, groups, strict=True):
            if question.interaction != "spot":
                continue
            _text, menus = read_cloze(text_of(group[0], "questiontext"))
            assert sum(weight for weight, _ in menus) == question.points
            for _weight, answers in menus:
                assert [fraction for fraction, _, _ in answers].count(1.0) == 1
                assert len(answers) == 4


def test_a_right_to_left_sheet_says_so_in_every_text(built: Path) -> None:
    sheets = sorted((built / "output").glob("wadi-market/*-moodle.xml"))
    assert sheets or built.name == "fixture"
    for path in sheets:
        for element in questions_of(path)[1:]:
            assert text_of(element, "questiontext").startswith('<div dir="rtl" lang="ar">')


# Untrusted text --------------------------------------------------------------------------

IN_PASSAGE = r"Odd } { # ~ / \ = 50% <script>alert(1)</script> {{ x }} {1:MC:=a~b} ]]> end"
NASTY = r"Odd } { # ~ / \ = 50% <script>alert(1)</script> {{ x }} {1:MC:=a~b} ]]> &amp; end"


def test_a_passage_with_cloze_syntax_imports_as_text(
    make_workspace: MakeWorkspace, tmp_path: Path
) -> None:
    root = make_workspace(
        {
            "corpus/odd.md": (
                "---\ntitle: Odd / Title\n---\n"
                'The mayor\'s [reckless]{.loaded type="emotive" why="Judges}#~" neutral="sudden"} '
                f"plan. {IN_PASSAGE}.\n\n"
                '[Experts agree]{.unsourced type="vague-attribution" why="x" ask="Which?" '
                'check="A report."} it will fail.\n'
            ),
            "exercises/odd.yaml": (
                "title: Odd / One\npassages: [odd]\nactivities:\n  - kind: spot\n"
                '    instructions: "Mark {1:MC:=it~not}."\n'
                "  - kind: rewrite\n"
            ),
        }
    )
    result = cli(root, "build", "--format", "moodle")
    assert result.exit_code == 0, result.output
    raw = (root / "output" / "odd" / "odd-A-moodle.xml").read_bytes()
    elements = questions_of(root / "output" / "odd" / "odd-A-moodle.xml")
    assert elements[0].findtext("category/text") == "$course$/spinsheet/Odd // One A"
    text = text_of(elements[1], "questiontext")
    assert b"<script" not in raw
    for field in etree.parse(str(root / "output" / "odd" / "odd-A-moodle.xml")).iter("text"):
        if field.text and "<" in field.text:  # HTML: the passage's tag is text in it
            parsed = lxml.html.fragment_fromstring(field.text, create_parent="div")
            assert parsed.xpath("//script") == []
    assert [e.get("type") for e in elements] == [
        "category",
        "multianswer",
        "description",
        "essay",
    ]
    assert IN_PASSAGE in " ".join(
        lxml.html.fragment_fromstring(text_of(elements[2], "questiontext")).text_content().split()
    )
    left, menus = read_cloze(text)
    assert [weight for weight, _ in menus] == [0, 1, 0, 1]  # the headline first
    # "The mayor's reckless plan.": loaded words, and half for the other mark, as on paper.
    assert menus[1][1] == [
        (0.0, "Nothing to mark", ""),
        (1.0, "Loaded words", ""),
        (0.5, "No source", ""),
        (0.5, "Loaded words + No source", ""),
    ]
    assert "Mark {1:MC:=it~not}." in html.unescape(left)
    shown = html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"\{#\d+\}", "", left)))
    assert IN_PASSAGE in " ".join(shown.split())


@pytest.mark.parametrize("nasty", [NASTY, "}", "\\", "#", "~", "=x", "%50%y", "a&amp;b", "&#125;"])
def test_menu_answers_read_back_as_written(nasty: str) -> None:
    marker = "{2:MC:=" + cloze_answer(nasty) + "~" + cloze_answer("other") + "}"
    text = "<p>" + cloze_text(nasty) + " " + marker + "</p>"
    left, menus = read_cloze(text)
    assert menus == [(2, [(1.0, str(escape(nasty)), ""), (0.0, "other", "")])]
    assert html.unescape(left) == f"<p>{nasty} {{#1}}</p>"


def test_two_builds_are_the_same_bytes(tmp_path: Path) -> None:
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE_WORKSPACE, root)
    builds = []
    for out in ("one", "two"):
        result = cli(root, "build", "--format", "moodle", "--out", out)
        assert result.exit_code == 0, result.output
        builds.append({p.name: p.read_bytes() for p in sorted((root / out).glob("*/*.xml"))})
    assert builds[0] == builds[1] and len(builds[0]) >= 4


@pytest.mark.parametrize(
    ("loaded", "unsourced", "weight", "fractions"),
    [
        (0, 0, 0, [1.0, 0.0, 0.0, 0.0]),  # nothing to find: worth nothing, as on paper
        (1, 0, 2, [0.0, 1.0, 0.5, 0.5]),  # the other mark earns half; "both" too
        (0, 2, 4, [0.0, 0.5, 1.0, 0.5]),
        (1, 1, 4, [0.0, 0.75, 0.75, 1.0]),  # each kind alone finds one, half the other
    ],
)
def test_a_menu_weighs_the_spans_of_its_sentence(
    loaded: int, unsourced: int, weight: int, fractions: list[float]
) -> None:
    options = ["Nothing", "Loaded", "Unsourced", "Both"]
    menu = cloze_menu(options, Sentence(("x",), loaded, unsourced, True), each=2)
    _text, menus = read_cloze(menu)
    assert menus == [(weight, [(f, o, "") for f, o in zip(fractions, options, strict=True)])]
