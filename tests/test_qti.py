"""`build --format qti`: packages that validate, items in the sheet's order, and response
processing that scores like the printed key (run by `qti_scoring`, after the spec)."""

from __future__ import annotations

import random
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import FIXTURE_WORKSPACE, GOOD_EXERCISE, GOOD_PASSAGE, REPO, MakeWorkspace, cli
from qti_scoring import Item
from xsd import validate_manifest, validate_qti

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS = {"q": QTI, "cp": CP}
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workspace and the fixture workspace, each built to QTI and to HTML."""
    base = tmp_path_factory.mktemp("qti")
    for name, source in (("samples", REPO), ("fixture", FIXTURE_WORKSPACE)):
        root = base / name
        for folder in ("corpus", "exercises", "templates", "locale"):
            if (source / folder).is_dir():
                shutil.copytree(source / folder, root / folder)
        for args in (("--format", "qti"), ("--format", "html")):
            result = cli(root, "build", *args)
            assert result.exit_code == 0, result.output
    return base


def _packages(samples: Path) -> list[Path]:
    return sorted(samples.glob("*/output/*/*-qti.zip"))


def _read(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_every_sample_package_validates_against_the_official_schemas(samples: Path) -> None:
    packages = _packages(samples)
    assert len(packages) >= 20  # every variant of every exercise in both workspaces
    for package in packages:
        files = _read(package)
        assert validate_manifest(files["imsmanifest.xml"]) == [], package.name
        manifest = etree.fromstring(files["imsmanifest.xml"])
        hrefs = [f.get("href") for f in manifest.iterfind(".//cp:file", NS)]
        listed = sorted(n for n in files if n != "imsmanifest.xml")
        assert sorted(hrefs) == listed, "the manifest lists every file, and only those"
        for name, data in files.items():
            if name != "imsmanifest.xml":
                assert validate_qti(data) == [], f"{package.name}: {name}"


def _visible(html: str) -> str:
    root = lxml_html.fromstring(html)
    for hidden in root.xpath("//*[contains(@class, 'sr-only')] | //style"):
        hidden.drop_tree()
    return _text(root)


def _text(element: etree._Element) -> str:
    """Text as read: a line break or a table cell parts words, other markup does not."""
    for part in element.xpath(".//*[local-name()='br' or local-name()='td' or local-name()='th']"):
        part.tail = " " + (part.tail or "")
    return " ".join("".join(element.itertext()).split())


def test_items_follow_the_printed_sheet_in_order_with_its_points(samples: Path) -> None:
    for package in _packages(samples):
        sheet_path = package.with_name(package.name.replace("-qti.zip", ".html"))
        sheet = _visible(sheet_path.read_text(encoding="utf-8"))
        files = _read(package)
        test = etree.fromstring(files["test.xml"])
        sections = test.findall(".//q:assessmentSection", NS)
        headings = re.findall(
            r'<span class="activity-number">(\d+)</span> ([^<]+?) <span class="points">(\d+)',
            sheet_path.read_text(encoding="utf-8"),
        )
        assert [s.get("title") for s in sections] == [f"{n} {title}" for n, title, _ in headings]
        position = 0
        for section, (_, _, points) in zip(sections, headings, strict=True):
            total = 0.0
            for ref in section.findall("q:assessmentItemRef", NS):
                item = etree.fromstring(files[ref.get("href")])
                maximum = item.find(
                    "q:outcomeDeclaration[@identifier='MAXSCORE']/q:defaultValue/q:value", NS
                )
                total += float(maximum.text)
                for paragraph in item.iterfind(".//q:div[@class='passage']//q:p", NS):
                    assert _text(paragraph) in sheet  # what students read, as printed
                prompt = item.find(".//q:div[@class='prompt']", NS)
                if prompt is None:
                    prompt = item.find(".//q:choiceInteraction/q:prompt", NS)
                said = [_text(prompt)] if prompt is not None else []
                said += [_text(c) for c in item.iterfind(".//q:simpleAssociableChoice", NS)]
                assert said, f"{package.name}: {ref.get('href')} asks nothing"
                for text in said:
                    found = sheet.find(text, position)
                    assert found >= 0, (
                        f"{package.name}: {text!r} is not on the sheet after {position}"
                    )
                    position = found if text == said[0] else position
                for choice in item.iterfind(".//q:simpleChoice", NS):
                    assert _text(choice) in sheet
            assert total == float(points), f"{package.name}: {section.get('title')}"


def _spot_items(samples: Path) -> list[tuple[Path, bytes]]:
    found = []
    for package in _packages(samples):
        for _name, data in _read(package).items():
            if b"hottextInteraction" in data:
                found.append((package, data))
    return found


def _key_spans(key_html: str, activity: int) -> list[tuple[str, str, str]]:
    """The printed key's spot table: each span's kind, its words, and its paragraph."""
    root = lxml_html.fromstring(key_html)
    section = root.xpath(
        f"//section[contains(@class, 'spot')][.//span[@class='activity-number'][text()='{activity}']]"
    )[0]
    rows = []
    for row in section.xpath(
        ".//table[contains(@class, 'answers')][not(contains(@class, 'sourced-table'))]/tbody/tr"
    ):
        quote = row.xpath(".//td[contains(@class, 'col-quote')]")[0]
        where = quote.xpath(".//span[@class='para']")[0].text_content()
        quoted = quote.xpath(".//q")
        text = quoted[0].text_content() if quoted else quote.text_content().replace(where, "")
        paragraph = re.search(r"¶(\d+)", where)
        rows.append((row.get("class"), text, paragraph.group(1) if paragraph else ""))
    return rows


def _hottext_words(item: etree._Element, response: str) -> list[tuple[str, str, str]]:
    """(paragraph number, identifier, word) of every hottext of one interaction, in order."""
    interaction = item.find(f".//q:hottextInteraction[@responseIdentifier='{response}']", NS)
    words = []
    for block in interaction:
        if etree.QName(block).localname == "prompt":
            continue
        number = block.find("q:span[@class='pnum']", NS)
        paragraph = number.text if number is not None else ""
        for hottext in block.iterfind("q:hottext", NS):
            words.append((paragraph, hottext.get("identifier")[1:], hottext.text))
    return words


def _span_words(words: list[tuple[str, str, str]], text: str, paragraph: str) -> set[str]:
    """The words of a span the key quotes, found in its paragraph in the item."""
    wanted = WORD.findall(text)
    block = [(index, word) for p, index, word in words if p == paragraph]
    for start in range(len(block) - len(wanted) + 1):
        if [w for _, w in block[start : start + len(wanted)]] == wanted:
            return {index for index, _ in block[start : start + len(wanted)]}
    raise AssertionError(f"the key's {text!r} is not in paragraph {paragraph} of the item")


def _paper_score(
    spans: list[tuple[str, set[str]]], marks: dict[str, set[str]], each: float
) -> float:
    """The printed key's rule: right mark on any word of a span, full; else the other, half."""
    score = 0.0
    for kind, words in spans:
        other = "unsourced" if kind == "loaded" else "loaded"
        if words & marks[kind]:
            score += each
        elif words & marks[other]:
            score += each / 2
    return score


def test_spot_scores_scripted_marks_as_the_printed_key_would(samples: Path) -> None:
    rng = random.Random(16)
    checked = 0
    for package, data in _spot_items(samples):
        item = etree.fromstring(data)
        activity = int(item.get("identifier").split("-")[0][1:])
        key = package.with_name(package.name.replace("-qti.zip", "-key.html"))
        rows = _key_spans(key.read_text(encoding="utf-8"), activity)
        words = _hottext_words(item, "RESPONSE_LOADED")
        assert [w[1:] for w in words] == [w[1:] for w in _hottext_words(item, "RESPONSE_UNSOURCED")]
        spans = [(kind, _span_words(words, text, paragraph)) for kind, text, paragraph in rows]
        maximum = float(item.find("q:outcomeDeclaration[@identifier='MAXSCORE']//q:value", NS).text)
        each = maximum / len(spans)
        every = [index for _, index, _ in words]
        scripts: list[dict[str, set[str]]] = [
            {"loaded": set(), "unsourced": set()},
            {
                kind: {max(w, key=int) for k, w in spans if k == kind}
                for kind in ("loaded", "unsourced")
            },
            {
                kind: {min(w, key=int) for k, w in spans if k != kind}
                for kind in ("loaded", "unsourced")
            },
            {"loaded": set(every), "unsourced": set()},
        ]
        for _ in range(12):
            scripts.append(
                {
                    kind: set(rng.sample(every, rng.randint(0, len(every) // 4)))
                    for kind in ("loaded", "unsourced")
                }
            )
        for marks in scripts:
            responses = {
                "RESPONSE_LOADED": [f"L{i}" for i in sorted(marks["loaded"], key=int)],
                "RESPONSE_UNSOURCED": [f"U{i}" for i in sorted(marks["unsourced"], key=int)],
            }
            assert Item(data).score(responses) == pytest.approx(_paper_score(spans, marks, each)), (
                package.name,
                marks,
            )
        assert Item(data).score({"RESPONSE_LOADED": [], "RESPONSE_UNSOURCED": []}) == 0
        checked += 1
    assert checked >= 10


SPOT_NESTED = """\
---
title: Nested
---
[Everyone knows the [reckless]{.loaded #r type="emotive" why="Judges." neutral="sudden"} plan failed]{.unsourced #e type="vague-attribution" why="Who?" ask="Who knows?" check="Records."}, officials said.

The [regime]{.loaded #g type="label" why="A label." neutral="government"} met.
"""


def test_a_mark_on_a_loaded_word_inside_an_unsourced_claim_counts_for_both(
    make_workspace: MakeWorkspace,
) -> None:
    root = make_workspace(
        {
            "corpus/n.md": SPOT_NESTED,
            "exercises/n.yaml": "title: N\npassages: [n]\nactivities:\n  - kind: spot\n",
        }
    )
    assert cli(root, "build", "--format", "qti").exit_code == 0
    data = _read(root / "output/n/n-A-qti.zip")["items/a1-q0.xml"]
    item = etree.fromstring(data)
    words = {word: index for _, index, word in _hottext_words(item, "RESPONSE_LOADED")}
    score = Item(data).score
    # "reckless" underlined: the loaded word found (1), the claim touched by the wrong mark (½)
    assert score({"RESPONSE_LOADED": [f"L{words['reckless']}"]}) == 1.5
    # "Everyone" circled: the claim found (1); "reckless" untouched
    assert score({"RESPONSE_UNSOURCED": [f"U{words['Everyone']}"]}) == 1
    # "regime" circled: the wrong mark, half
    assert score({"RESPONSE_UNSOURCED": [f"U{words['regime']}"]}) == 0.5
    # "officials said" names a source: nothing to find there
    assert (
        score(
            {
                "RESPONSE_LOADED": [f"L{words['officials']}"],
                "RESPONSE_UNSOURCED": [f"U{words['said']}"],
            }
        )
        == 0
    )
    assert score({"RESPONSE_LOADED": [f"L{i}" for i in words.values()]}) == 2 + 0.5


def test_choices_counts_and_matches_score_as_the_key(samples: Path) -> None:
    seen = set()
    for package in _packages(samples):
        for name, data in _read(package).items():
            if not name.startswith("items/"):
                continue
            item = etree.fromstring(data)
            maximum = float(
                item.find("q:outcomeDeclaration[@identifier='MAXSCORE']//q:value", NS).text
            )
            score = Item(data).score
            if item.find(".//q:choiceInteraction", NS) is not None:
                seen.add("choice")
                right = item.find("q:responseDeclaration/q:correctResponse/q:value", NS).text
                choices = [c.get("identifier") for c in item.iterfind(".//q:simpleChoice", NS)]
                assert score({"RESPONSE": right}) == maximum
                assert all(score({"RESPONSE": c}) == 0 for c in choices if c != right)
                assert score({}) == 0
            elif item.find(".//q:textEntryInteraction", NS) is not None:
                seen.add("count")
                count = int(item.find("q:responseDeclaration/q:correctResponse/q:value", NS).text)
                slack = max(1, -(-count // 5))  # the printed rule: give or take 1, or a fifth
                for given in range(0, count + slack + 3):
                    expected = maximum if abs(given - count) <= slack else 0
                    assert score({"RESPONSE": str(given)}) == expected, (count, given)
                assert score({"RESPONSE": "many"}) == 0
            elif item.find(".//q:matchInteraction", NS) is not None:
                seen.add("match")
                right = [
                    v.text
                    for v in item.iterfind("q:responseDeclaration/q:correctResponse/q:value", NS)
                ]
                assert score({"RESPONSE": right}) == maximum
                assert score({"RESPONSE": right[:1]}) == pytest.approx(maximum / len(right))
                assert score({"RESPONSE": []}) == 0
    assert seen == {"choice", "count", "match"}


def test_written_answers_carry_the_keys_model_answer_for_scorers_only(samples: Path) -> None:
    package = samples / "samples/output/lunch-levy/lunch-levy-A-qti.zip"
    item = etree.fromstring(_read(package)["items/a2-q1.xml"])
    rubric = item.find(".//q:rubricBlock", NS)
    assert rubric.get("view") == "scorer"
    assert "Neutral:" in _text(rubric) and "Marking:" in _text(rubric)
    assert item.find(".//q:extendedTextInteraction", NS) is not None


def test_the_same_sheet_makes_the_same_package(samples: Path, tmp_path: Path) -> None:
    package = samples / "samples/output/lunch-levy/lunch-levy-A-qti.zip"
    again = tmp_path / "again"
    assert (
        cli(
            samples / "samples",
            "build",
            "lunch-levy",
            "--format",
            "qti",
            "--out",
            str(again),
            "--force",
        ).exit_code
        == 0
    )
    assert (again / "lunch-levy/lunch-levy-A-qti.zip").read_bytes() == package.read_bytes()


def test_passage_text_stays_text_in_the_package(make_workspace: MakeWorkspace) -> None:
    hostile = """\
---
title: "<script>alert(1)</script> {{ x }}"
---
A [reckless]{.loaded #r type="emotive" why="<b>bold</b> & {% raw %}" neutral="sudden"} plan <img src=x onerror=alert(1)> ]]> &amp; {{ 7*7 }}.
"""
    root = make_workspace(
        {
            "corpus/h.md": hostile,
            "exercises/h.yaml": "title: H\npassages: [h]\nactivities:\n  - kind: spot\n  - kind: rewrite\n",
        }
    )
    assert cli(root, "build", "--format", "qti").exit_code == 0
    files = _read(root / "output/h/h-A-qti.zip")
    for name, data in files.items():
        if name != "imsmanifest.xml":
            assert validate_qti(data) == [], name
        root_element = etree.fromstring(data)
        assert not root_element.xpath(
            "//*[local-name()='script' or local-name()='img' or local-name()='b']"
        )
    assert "{{ 7*7 }}" in _text(etree.fromstring(files["items/a2-q1.xml"]))


def test_each_passage_prints_once_where_it_is_first_asked_about(samples: Path) -> None:
    files = _read(samples / "samples/output/two-articles-compare/two-articles-compare-A-qti.zip")
    test = etree.fromstring(files["test.xml"])
    hrefs = [ref.get("href") for ref in test.iterfind(".//q:assessmentItemRef", NS)]
    shown = [
        [
            _text(h)
            for h in etree.fromstring(files[href]).iterfind(".//q:div[@class='passage']/q:h3", NS)
        ]
        for href in hrefs
    ]
    assert len(shown[0]) == 2  # compare: both passages, in its first row
    assert all(not titles for titles in shown[1:])


@pytest.mark.parametrize("format", ["qti", "moodle", "web"])
def test_a_class_pack_is_refused_for_a_screen_format(
    format: str, make_workspace: MakeWorkspace
) -> None:
    root = make_workspace({"corpus/town.md": GOOD_PASSAGE, "exercises/spot.yaml": GOOD_EXERCISE})
    result = cli(root, "build", "--format", format, "--class-size", "30")
    assert result.exit_code == 2
    expected = f"error: a class pack is one PDF: use --class-size without --format {format}\n"
    assert result.output == expected
    assert not (root / "output").exists()


def test_the_scorers_key_for_spot_is_the_printed_keys(samples: Path) -> None:
    """Every row of the printed key's spot tables, the claims that name their source
    included, is in the spot item's rubric for scorers."""
    compared = 0
    for package, data in _spot_items(samples):
        item = etree.fromstring(data)
        activity = int(item.get("identifier").split("-")[0][1:])
        key = lxml_html.fromstring(
            package.with_name(package.name.replace("-qti.zip", "-key.html")).read_bytes()
        )
        section = key.xpath(
            f"//section[contains(@class, 'spot')][.//span[@class='activity-number'][text()="
            f"'{activity}']]"
        )[0]
        rubric = _text(item.find(".//q:rubricBlock[@view='scorer']", NS))
        for cell in section.xpath(".//table[contains(@class, 'answers')]//td[not(@class)]"):
            assert _text(cell) in rubric, (package.name, _text(cell))
        for cell in section.xpath(".//table[contains(@class, 'sourced-table')]//td"):
            if "col-quote" not in (cell.get("class") or ""):
                compared += 1
                assert _text(cell) in rubric, (package.name, _text(cell))
    assert compared  # some sample's spot has claims that name their source


def _is_label(part: etree._Element) -> bool:
    """A box's label, as the student's sheet prints it: a paragraph of bold text alone."""
    label = part.find(f"{{{QTI}}}strong")
    return label is not None and _text(label) == _text(part)


def test_the_model_answers_for_scorers_are_the_printed_keys(samples: Path) -> None:
    """What a scorer reads beside a written answer is what the printed key says there."""
    compared = 0
    for package in _packages(samples):
        key_path = package.with_name(package.name.replace("-qti.zip", "-key.html"))
        key = _visible(key_path.read_text(encoding="utf-8"))
        for name, data in _read(package).items():
            rubric = etree.fromstring(data).find(".//q:rubricBlock[@view='scorer']", NS)
            if rubric is None or not name.startswith("items/"):
                continue
            for model in rubric.iterfind("q:div", NS):  # one a box, after the marking rule
                parts = model.findall(f".//{{{QTI}}}p") + model.findall(f".//{{{QTI}}}td")
                said = [_text(part) for part in parts if not _is_label(part)]
                # and what the box's model answer says outside any paragraph
                loose = " ".join([model.text or "", *(child.tail or "" for child in model)])
                said += [" ".join(loose.split())] if loose.strip() else []
                for text in said:
                    compared += 1
                    assert text in key, (package.name, name, text)
    assert compared > 100
