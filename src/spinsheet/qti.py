"""IMS QTI 2.1 content packages: one zip per exercise and variant, for an LMS to import.

The package holds one assessmentItem per question of the printed sheet (`quiz`), in its
order and with its points (MAXSCORE), an assessmentTest that puts them in one section per
activity with the activity's instructions, and the manifest. One interaction per item, as
Canvas imports them (said-verb's choice and what students write about it are two items);
a passage prints in the first item that asks about it.

- spot is a hottextInteraction over the passage, every word a hottext, twice: once
  for what students underline (loaded words) and once for what they circle (claims
  with no source). The response processing states the printed key's rule: a span is
  found when any of its words is marked with the right mark, half when only the
  other mark touches it.
- name-it, sort and said-verb's verb are choiceInteractions; match a matchInteraction
  (a name may be used more than once or not at all; a quotation that fits two names
  takes either); tally a textEntryInteraction scoring the key's range of counts. These
  score by IMS's standard map_response template.
- What students write is an extendedTextInteraction. The key (model answers, marking
  rule, respond's rubric, spot's table, why a choice is right) is a rubricBlock for
  scorers, so a teacher marks as on paper and students do not see it.

Every file is written with lxml and validates against the official XSDs (tests).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import replace

import lxml.html
from lxml import etree
from markupsafe import Markup

from .i18n import N_, tr
from .quiz import Question, Quiz, QuizActivity, SpotPassage, passage_html, spot_key
from .selection import letter
from .views import PassageView

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
QTI_SCHEMA = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
MAP_RESPONSE = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"
CP_SCHEMA = "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd"

# What may come into QTI's XHTML from a sheet's HTML: the passage body's own elements
# (sanitised by `markup`), and those the quiz's prompts use. Others are unwrapped.
_INLINE = {"a", "em", "strong", "code", "br", "span", "sup", "sub", "q", "b", "i"}
_BLOCK = {"p", "div", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
_BLOCK |= {"hr", "table", "thead", "tbody", "tr", "th", "td"}
# A zip entry's time: fixed, so the same sheet makes the same bytes.
_EPOCH = (2020, 1, 1, 0, 0, 0)


def package(quiz: Quiz) -> bytes:
    """The QTI 2.1 content package of one variant, as the bytes of a zip file."""
    sections = _sections(quiz)
    items = {ident: item for _, entries in sections for ident, item in entries}
    files = {f"items/{ident}.xml": _xml(item) for ident, item in items.items()}
    files["test.xml"] = _xml(_test(quiz, sections))
    files["imsmanifest.xml"] = _xml(_manifest(quiz, list(items)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["imsmanifest.xml", "test.xml", *sorted(n for n in files if "/" in n)]:
            info = zipfile.ZipInfo(name, _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


Section = tuple[QuizActivity, list[tuple[str, etree._Element]]]


def _sections(quiz: Quiz) -> list[Section]:
    """Each activity with its items in order. A passage prints in the first item of the first
    activity that asks about it (spot's items hold theirs as words to mark): an LMS that
    imports items alone (Canvas) still shows students what they read."""
    passages = {view.number: view for view in quiz.passages}
    shown: set[int] = set()
    sections = []
    for activity in quiz.activities:
        wanted = activity.passages if activity.kind != "spot" else ()
        new = [passages[n] for n in wanted if n not in shown]
        shown.update(view.number for view in new)
        entries = []
        for question in activity.questions:
            for part in _one_interaction_each(question):
                entries.append((part.ident, _item(quiz, activity, part, new)))
                new = []
        sections.append((activity, entries))
    return sections


def _one_interaction_each(question: Question) -> list[Question]:
    """said-verb's choice and what students write about it as two items: an LMS that imports
    one interaction per item (Canvas) keeps both, each with its share of the points."""
    if question.interaction != "choice" or not question.fields:
        return [question]
    written = replace(
        question,
        ident=f"{question.ident}b",
        interaction="write",
        points=question.points - question.choice_points,
        choices=(),
        answer=None,
        feedback=Markup(),
    )
    chosen = replace(question, points=question.choice_points, fields=(), models=())
    return [chosen, written]


def _xml(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _element(
    parent: etree._Element | None, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    """A QTI element, appended to `parent` if given."""
    attrib = {
        k.rstrip("_").replace("_", "-") if k != "xml_lang" else XML_LANG: v
        for k, v in attributes.items()
    }
    element = (
        etree.Element(_q(tag), attrib)
        if parent is None
        else etree.SubElement(parent, _q(tag), attrib)
    )
    element.text = text
    return element


def _identifier(text: str) -> str:
    """A QTI identifier: a letter or underscore first, then letters, digits, - _ ."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", text)
    return safe if safe[:1].isalpha() or safe[:1] == "_" else f"_{safe}"


# The package ------------------------------------------------------------------------------


def _manifest(quiz: Quiz, idents: list[str]) -> etree._Element:
    nsmap = {None: CP, "xsi": XSI}
    manifest = etree.Element(
        f"{{{CP}}}manifest",
        {
            "identifier": _identifier(f"spinsheet-{quiz.ident}"),
            f"{{{XSI}}}schemaLocation": CP_SCHEMA,
        },
        nsmap=nsmap,
    )
    metadata = etree.SubElement(manifest, f"{{{CP}}}metadata")
    etree.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    etree.SubElement(manifest, f"{{{CP}}}organizations")
    resources = etree.SubElement(manifest, f"{{{CP}}}resources")
    test = etree.SubElement(
        resources,
        f"{{{CP}}}resource",
        {"identifier": "test", "type": "imsqti_test_xmlv2p1", "href": "test.xml"},
    )
    etree.SubElement(test, f"{{{CP}}}file", {"href": "test.xml"})
    for ident in idents:
        etree.SubElement(test, f"{{{CP}}}dependency", {"identifierref": _identifier(ident)})
    for ident in idents:
        href = f"items/{ident}.xml"
        resource = etree.SubElement(
            resources,
            f"{{{CP}}}resource",
            {"identifier": _identifier(ident), "type": "imsqti_item_xmlv2p1", "href": href},
        )
        etree.SubElement(resource, f"{{{CP}}}file", {"href": href})
    return manifest


def _test(quiz: Quiz, sections: list[Section]) -> etree._Element:
    """The assessmentTest: a section per activity, its instructions shown first."""
    test = _root(
        "assessmentTest",
        identifier=_identifier(quiz.ident),
        title=f"{quiz.exercise.title} ({quiz.variant})",
    )
    _score_declarations(test, quiz.points)
    part = _element(
        test,
        "testPart",
        identifier="part",
        navigationMode="nonlinear",
        submissionMode="simultaneous",
    )
    for activity, entries in sections:
        section = _element(
            part,
            "assessmentSection",
            identifier=f"activity{activity.number}",
            title=f"{activity.number} {activity.title}",
            visible="true",
        )
        rubric = _element(section, "rubricBlock", view="candidate")
        _flow(rubric, Markup("<p>{}</p>").format(activity.instructions))
        for ident, _ in entries:
            _element(
                section,
                "assessmentItemRef",
                identifier=_identifier(ident),
                href=f"items/{ident}.xml",
            )
    processing = _element(test, "outcomeProcessing")
    total = _element(processing, "setOutcomeValue", identifier="SCORE")
    _element(total, "sum").append(_q_element("testVariables", variableIdentifier="SCORE"))
    return test


def _q_element(tag: str, **attributes: str) -> etree._Element:
    return _element(None, tag, **attributes)


def _root(tag: str, **attributes: str) -> etree._Element:
    root = etree.Element(
        _q(tag),
        {**attributes, f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_SCHEMA}"},
        nsmap={None: QTI, "xsi": XSI},
    )
    return root


def _score_declarations(parent: etree._Element, points: float) -> None:
    """SCORE, and MAXSCORE: the points on paper, which LMSs read as the item's weight."""
    score = _element(
        parent, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float"
    )
    _value(score, "defaultValue", "0")
    maximum = _element(
        parent, "outcomeDeclaration", identifier="MAXSCORE", cardinality="single", baseType="float"
    )
    _value(maximum, "defaultValue", _number(points))


def _value(parent: etree._Element, wrapper: str, *values: str) -> None:
    holder = _element(parent, wrapper)
    for value in values:
        _element(holder, "value", value)


def _number(value: float) -> str:
    return f"{value:g}"


def _passage(parent: etree._Element, view: PassageView, quiz: Quiz) -> None:
    """A passage as students read it: its title, source line and numbered paragraphs."""
    holder = _element(parent, "div", class_="passage")
    if view.passage.language != quiz.language:
        holder.set(XML_LANG, view.passage.language)
    _flow(holder, passage_html(view))


def _flow(parent: etree._Element, html: Markup) -> None:
    """Append a sheet's HTML to a QTI element, as QTI's XHTML: unknown elements unwrapped,
    attributes kept only where QTI has them (class, lang, a link's href)."""
    fragment = lxml.html.fragment_fromstring(f"<div>{html}</div>")
    _copy_children(fragment, parent)


def _copy_children(source: lxml.html.HtmlElement, target: etree._Element) -> None:
    _append_text(target, source.text)
    for child in source:
        if not isinstance(child.tag, str):  # a comment
            _append_text(target, child.tail)
            continue
        tag = child.tag.lower()
        if tag in _INLINE or tag in _BLOCK:
            copy = etree.SubElement(target, _q(tag))
            if child.get("class"):
                copy.set("class", child.get("class"))
            if child.get("lang"):
                copy.set(XML_LANG, child.get("lang"))
            if tag == "a":
                copy.set("href", child.get("href") or "#")
            _copy_children(child, copy)
            _append_text(target, child.tail)
        else:
            _copy_children(child, target)
            _append_text(target, child.tail)


def _append_text(element: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


# Items -------------------------------------------------------------------------------------


def _item(
    quiz: Quiz, activity: QuizActivity, question: Question, passages: list[PassageView]
) -> etree._Element:
    number = f"{activity.number}.{question.number}" if question.number else str(activity.number)
    item = _root(
        "assessmentItem",
        identifier=_identifier(question.ident),
        title=f"{number} {activity.title}",
        adaptive="false",
        timeDependent="false",
    )
    item.set(XML_LANG, quiz.language)
    body = _ItemBody(quiz, activity, question)
    for view in passages:
        _passage(body.element, view, quiz)
    build = {
        "spot": body.spot,
        "choice": body.choice,
        "match": body.match,
        "count": body.count,
        "write": body.write,
    }[question.interaction]
    build()
    for declaration in body.responses:
        item.append(declaration)
    _score_declarations(item, question.points)
    item.append(body.element)
    if len(body.processing) or body.processing.get("template"):
        item.append(body.processing)  # none for what students write: a teacher marks it
    return item


class _ItemBody:
    """One question's itemBody, response declarations and response processing."""

    def __init__(self, quiz: Quiz, activity: QuizActivity, question: Question) -> None:
        self.quiz, self.activity, self.question = quiz, activity, question
        self.t = quiz.messages
        self.element = _q_element("itemBody")
        if quiz.direction == "rtl":
            self.element.set("class", "rtl")
        self.responses: list[etree._Element] = []
        self.processing = _q_element("responseProcessing")
        _flow(self.element, Markup('<p class="instructions">{}</p>').format(activity.instructions))

    # Declarations and processing pieces

    def declare(
        self, identifier: str, cardinality: str, base_type: str, correct: Iterable[str] = ()
    ) -> etree._Element:
        declaration = _q_element(
            "responseDeclaration",
            identifier=identifier,
            cardinality=cardinality,
            baseType=base_type,
        )
        values = list(correct)
        if values:
            _value(declaration, "correctResponse", *values)
        self.responses.append(declaration)
        return declaration

    def add_to_score(
        self,
        condition: etree._Element,
        points: float,
        otherwise: tuple[etree._Element, float] | None = None,
    ) -> None:
        """responseCondition: if `condition`, SCORE += points (else if `otherwise`…)."""
        block = _element(self.processing, "responseCondition")
        branch = _element(block, "responseIf")
        branch.append(condition)
        _increase(branch, points)
        if otherwise is not None:
            other_branch = _element(block, "responseElseIf")
            other_branch.append(otherwise[0])
            _increase(other_branch, otherwise[1])

    def map_response(self, declaration: etree._Element, points: dict[str, float]) -> None:
        """Score by IMS's standard map_response template (each mapped value earns its
        points, anything else none): what QTI players run without reading our own
        processing, and where importers look for the right answer."""
        mapping = _element(declaration, "mapping", defaultValue="0", lowerBound="0")
        for key, value in points.items():
            _element(mapping, "mapEntry", mapKey=key, mappedValue=_number(value))
        self.processing.set("template", MAP_RESPONSE)

    def scorer_rubric(self, html: Markup) -> None:
        """The key's explanations, for whoever marks: not shown to students."""
        if not html:
            return
        rubric = _element(self.element, "rubricBlock", view="scorer")
        _flow(rubric, html)

    def prompt_block(self) -> None:
        _flow(self.element, Markup('<div class="prompt">{}</div>').format(self.question.prompt))

    # The interactions

    def spot(self) -> None:
        question = self.question
        passage = question.spot
        assert passage is not None
        self.prompt_block()
        each = question.points / max(1, len(passage.targets))
        kinds = {"loaded": ("RESPONSE_LOADED", "L"), "unsourced": ("RESPONSE_UNSOURCED", "U")}
        for kind, (identifier, prefix) in kinds.items():
            right = [
                f"{prefix}{w}"
                for target in passage.targets
                if target.kind == kind
                for w in target.words
            ]
            self.declare(identifier, "multiple", "identifier", right)
            interaction = _element(
                self.element, "hottextInteraction", responseIdentifier=identifier, maxChoices="0"
            )
            label = (
                tr(self.t, N_("Loaded words")) if kind == "loaded" else tr(self.t, N_("No source"))
            )
            _element(interaction, "prompt", label)
            _hottext_passage(interaction, passage, prefix)
        for target in passage.targets:
            own, own_prefix = kinds[target.kind]
            other, other_prefix = kinds["unsourced" if target.kind == "loaded" else "loaded"]
            self.add_to_score(
                _any_member(own, own_prefix, target.words),
                each,
                (_any_member(other, other_prefix, target.words), each / 2),
            )
        self.scorer_rubric(spot_key(passage, self.t))

    def choice(self) -> None:
        question = self.question
        assert question.answer is not None
        declaration = self.declare("RESPONSE", "single", "identifier", [f"C{question.answer + 1}"])
        interaction = _element(
            self.element,
            "choiceInteraction",
            responseIdentifier="RESPONSE",
            shuffle="false",
            maxChoices="1",
        )
        prompt = _element(interaction, "prompt")
        _flow(prompt, question.prompt)
        for n, choice in enumerate(question.choices, 1):
            _element(interaction, "simpleChoice", choice, identifier=f"C{n}")
        self.map_response(declaration, {f"C{question.answer + 1}": question.choice_points})
        self.scorer_rubric(question.feedback)

    def match(self) -> None:
        question = self.question
        pairs = [
            f"P{n} N{a + 1}" for n, pair in enumerate(question.pairs, 1) for a in pair.accepted
        ]
        declaration = self.declare(
            "RESPONSE",
            "multiple",
            "directedPair",
            [
                f"P{n} N{pair.accepted[0] + 1}"
                for n, pair in enumerate(question.pairs, 1)
                if pair.accepted
            ],
        )
        each = question.points / max(1, len(question.pairs))
        self.map_response(declaration, dict.fromkeys(pairs, each))
        interaction = _element(
            self.element,
            "matchInteraction",
            responseIdentifier="RESPONSE",
            shuffle="false",
            maxAssociations=str(len(question.pairs)),
        )
        _element(interaction, "prompt", tr(self.t, N_("Match it")))
        left = _element(interaction, "simpleMatchSet")
        for n, pair in enumerate(question.pairs, 1):
            choice = _element(left, "simpleAssociableChoice", identifier=f"P{n}", matchMax="1")
            _flow(choice, Markup("{}. ").format(n) + pair.prompt)
        right = _element(interaction, "simpleMatchSet")
        for n, name in enumerate(question.choices, 1):
            _element(
                right,
                "simpleAssociableChoice",
                f"{letter(n - 1)}. {name}",
                identifier=f"N{n}",
                matchMax="0",
            )

    def count(self) -> None:
        question = self.question
        assert question.count is not None
        declaration = self.declare("RESPONSE", "single", "integer", [str(question.count)])
        self.prompt_block()
        paragraph = _element(self.element, "p", tr(self.t, N_("How many?")) + " ")
        _element(
            paragraph, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="3"
        )
        low, high = question.accepted
        self.map_response(declaration, {str(n): question.points for n in range(low, high + 1)})
        self.scorer_rubric(question.feedback)

    def write(self) -> None:
        question = self.question
        if question.interaction == "write":
            self.prompt_block()
        for n, label in enumerate(question.fields, 1):
            identifier = f"TEXT{n}"
            self.declare(identifier, "single", "string")
            interaction = _element(
                self.element, "extendedTextInteraction", responseIdentifier=identifier
            )
            if label:
                _element(interaction, "prompt", label)
        key = Markup("<p><strong>{}</strong> {}</p>").format(
            tr(self.t, N_("Marking:")), self.activity.scoring
        )
        for label, model in zip(question.fields, question.models, strict=True):
            key += Markup("<div>{}{}</div>").format(
                Markup("<p><strong>{}</strong></p>").format(label) if label else "", model
            )
        if question.rubric:
            rows = Markup("").join(
                Markup("<tr><td>{}</td><td>{}</td></tr>").format(r.level, r.descriptor)
                for r in question.rubric
            )
            key += Markup("<table><tbody>{}</tbody></table>").format(rows)
        self.scorer_rubric(key)


def _increase(parent: etree._Element, points: float) -> None:
    setter = _element(parent, "setOutcomeValue", identifier="SCORE")
    total = _element(setter, "sum")
    total.append(_q_element("variable", identifier="SCORE"))
    _element(total, "baseValue", _number(points), baseType="float")


def _any_member(response: str, prefix: str, words: Iterable[int]) -> etree._Element:
    """True when the response holds any of the words: an `or` of `member`s."""
    either = _q_element("or")
    for word in words:
        member = _element(either, "member")
        _element(member, "baseValue", f"{prefix}{word}", baseType="identifier")
        member.append(_q_element("variable", identifier=response))
    return either


def _hottext_passage(interaction: etree._Element, passage: SpotPassage, prefix: str) -> None:
    """The passage inside a hottextInteraction: each word a hottext, numbers and notes as text."""
    for block in passage.blocks:
        tag = "h3" if block.heading else "p"
        paragraph = _element(interaction, tag)
        if block.note:
            paragraph.set("class", "omitted")
        if block.number:
            _element(paragraph, "span", block.number, class_="pnum")
            _append_text(paragraph, " ")
        for word in block.words:
            if word.index is None:
                _append_text(paragraph, word.text)
            else:
                _element(paragraph, "hottext", word.text, identifier=f"{prefix}{word.index}")
