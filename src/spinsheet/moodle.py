"""Moodle XML question files: one variant of an exercise as questions to import into Moodle.

`moodle_xml` writes a `<quiz>` file: first a category of its own
(`$course$/spinsheet/<exercise title> <variant>`), then the sheet's questions in the
printed order, named so that they sort in that order and say where they are
(`03.02 Name it`: activity 3, item 2; a question for a whole activity, spot, match or
respond, is item 01). Each activity that asks about a passage starts
with a `description` question holding the passage as students read it (`03.00`), so an
activity can be put on a page of its own and still be read; the activity's heading
(number, title, points) and instructions open its first question. Every question's
grade is the printed item's points.

- name-it, sort: `multichoice`, one answer, the sheet's order (not shuffled), no letters
  (the sheet prints boxes or columns, not letters).
- said-verb: Moodle has no one question for "pick the neutral verb and write what the
  writer's verb suggests", so each item is two questions in a row: a `multichoice`
  (`05.02a`) worth the choice's points and an `essay` (`05.02b`) worth the rest.
- match: `matching`, the quotations in the sheet's order; the names that fit no
  quotation are Moodle's extra answers. Moodle always shuffles the names in its menus, so
  the sheet's letters A, B… do not carry over. A quotation the key accepts two names for
  keeps only the first (Moodle takes one answer per quotation).
- tally: `numerical`, one exact answer (tolerance 0) per count the key accepts.
- rewrite, who-says, source-check, compare, vocabulary, make-it-loaded, respond: `essay`
  with one box (an essay has one); the boxes the sheet prints are the question's labels and
  the box's template; the grader information holds the key's answer for each, the
  activity's marking rule, and respond's rubric and sample answers.
- spot: Moodle has no core question for marking words in a text (qtype_wordselect is a
  plug-in), and a `gapselect` would give away where the spans are. So spot is a Cloze
  (`multianswer`) question: the passage with a menu after each sentence (Nothing to mark /
  Loaded words / No source / both). A sentence holding spans weighs the printed points of
  its spans, one without weighs 0 (Moodle's Cloze reads `{0:MC:…}` as a weight of 0; the
  printed key takes no points for a wrong mark either), so the question's grade is the
  printed spot points. In a sentence with spans of both kinds, or of one, the other kind
  alone earns half a span's points for each of those spans, as a span marked with the
  other mark does on paper; "both" on a sentence with one kind earns half, so that "both"
  everywhere is no way to full marks. Sentences a span runs across are one sentence.
  What does not carry over: marking is by sentence, not by word (a student does not show
  which words are loaded), sentences outside the activity's paragraphs have no menu, and
  the key's table of spans is the question's general feedback.

Passage text is untrusted, and so are an exercise's title and instructions. In a Cloze
question text a menu is `{weight:TYPE:answers}`, found anywhere by ANSWER_REGEX
(moodle/moodle, question/type/multianswer/questiontype.php; weights are digits only, and
an empty one is 1); inside it an answer ends at `~`, `#` or `}` unless `\\` or `&` comes
just before, and qtype_multianswer_extract_question then applies `html_entity_decode` and
turns only `\\}` and `\\#` back (a `\\~` would keep its backslash). So `{ } # ~ = % \\ /`
in the passage and in a menu's answers are written as numeric character references (and
`{` in the heading and instructions: no `{` outside a menu can open one), and a menu's
answers have HTML's own references doubled, since Moodle decodes them once. A category
name's `/` is written `//` (split_category_path reads it so).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from markupsafe import Markup, escape

from .i18n import N_, Translator, tr, tr_plural
from .placement import Language, rules_for, sentence_ends
from .quiz import Block, Question, Quiz, QuizActivity, SpotPassage, passage_html, spot_key

# spot's menus: what a sentence holds, and how a student says so.
NOTHING_TO_MARK = N_("Nothing to mark")
BOTH_KINDS = N_("%(loaded)s + %(unsourced)s")
CHOOSE_IN_MENUS = N_(
    "Here you mark by sentence: in the menu after each sentence, choose what the sentence holds."
)

# Characters Moodle's Cloze parser reads as syntax, as numeric character references.
_CLOZE_SPECIAL = {c: f"&#{ord(c)};" for c in "{}#~=%\\/"}
# What XML 1.0 cannot carry at all (controls other than tab and line ends).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NAME_LENGTH = 250  # Moodle's question name is at most 255 characters


def moodle_xml(quiz: Quiz) -> bytes:
    """One variant of an exercise as a Moodle XML question file, UTF-8."""
    t = quiz.messages
    root = etree.Element("quiz")
    root.append(_category(quiz))
    for activity in quiz.activities:
        if activity.kind != "spot":  # spot's question is its passage
            root.append(_description(quiz, activity, t))
        for index, question in enumerate(activity.questions):
            head = _heading(activity, t) if index == 0 else Markup()
            root.extend(_questions(quiz, activity, question, head, t))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


# The file's parts -----------------------------------------------------------------------


def _category(quiz: Quiz) -> etree._Element:
    # Moodle splits a category path at "/" and reads "//" as a "/" in a name.
    name = f"{quiz.exercise.title} {quiz.variant}".replace("/", "//")
    question = etree.Element("question", type="category")
    _text(etree.SubElement(question, "category"), f"$course$/spinsheet/{name}")
    info = etree.SubElement(question, "info", format="html")
    _text(info, "")
    return question


def _description(quiz: Quiz, activity: QuizActivity, t: Translator) -> etree._Element:
    """The passages an activity asks about, as students read them, worth no points."""
    body = Markup("").join(passage_html(quiz.passages[n - 1]) for n in activity.passages)
    question = _question("description", f"{activity.number:02d}.00 {activity.title}")
    _html(question, "questiontext", _wrapped(quiz, body))
    _html(question, "generalfeedback", Markup())
    _value(question, "defaultgrade", 0)
    _value(question, "penalty", 0)
    _value(question, "hidden", 0)
    return question


def _heading(activity: QuizActivity, t: Translator) -> Markup:
    """What the sheet prints above an activity's items: number, title, points, instructions."""
    points = tr_plural(t, "%(num)d point", "%(num)d points", activity.points)
    return Markup(
        '<h3>{} {} <span class="points">{}</span></h3><p class="instructions">{}</p>'
    ).format(activity.number, activity.title, points, activity.instructions)


def _questions(
    quiz: Quiz, activity: QuizActivity, question: Question, head: Markup, t: Translator
) -> list[etree._Element]:
    where = f"{activity.number:02d}.{max(question.number, 1):02d}"  # a whole activity is 01
    name = f"{where} {activity.title}"
    if question.interaction == "spot":
        return [_spot(quiz, activity, question, name, head, t)]
    if question.interaction == "match":
        return [_matching(quiz, question, name, head)]
    if question.interaction == "count":
        return [_numerical(quiz, question, name, head)]
    if question.interaction == "choice" and question.fields:
        # said-verb: no core question is a choice and a box to write in, so two questions,
        # the choice's points then the rest, which add up to the item's points.
        choice = _multichoice(
            quiz, question, f"{where}a {activity.title}", head, question.choice_points
        )
        written = _essay(
            quiz,
            activity,
            question,
            f"{where}b {activity.title}",
            Markup(),
            question.points - question.choice_points,
            t,
        )
        return [choice, written]
    if question.interaction == "choice":
        return [_multichoice(quiz, question, name, head, question.points)]
    return [_essay(quiz, activity, question, name, head, question.points, t)]


def _multichoice(
    quiz: Quiz, question: Question, name: str, head: Markup, points: float
) -> etree._Element:
    element = _question("multichoice", name)
    _common(element, quiz, head + _prompt(question), question.feedback, points)
    _value(element, "single", "true")
    _value(element, "shuffleanswers", 0)  # the sheet's seeded order
    _value(element, "answernumbering", "none")  # the sheet prints boxes or columns
    _value(element, "showstandardinstruction", 0)
    _no_feedback(element)
    for index, choice in enumerate(question.choices):
        _answer(element, 100 if index == question.answer else 0, escape(choice))
    return element


def _matching(quiz: Quiz, question: Question, name: str, head: Markup) -> etree._Element:
    element = _question("matching", name)
    _common(element, quiz, head, question.feedback, question.points)
    # The quotations in the sheet's order; Moodle shuffles the names in its menus anyway.
    _value(element, "shuffleanswers", "false")
    _no_feedback(element)
    used: set[int] = set()
    for pair in question.pairs:
        # One answer per quotation in Moodle: the first name the key accepts.
        right = pair.accepted[0] if pair.accepted else None
        sub = etree.SubElement(element, "subquestion", format="html")
        _text(sub, _wrapped(quiz, pair.prompt))
        _text(etree.SubElement(sub, "answer"), question.choices[right] if right is not None else "")
        if right is not None:
            used.add(right)
    for index, choice in enumerate(question.choices):
        if index not in used:  # a name that fits nothing: a subquestion without text
            sub = etree.SubElement(element, "subquestion", format="html")
            _text(sub, "")
            _text(etree.SubElement(sub, "answer"), choice)
    return element


def _numerical(quiz: Quiz, question: Question, name: str, head: Markup) -> etree._Element:
    element = _question("numerical", name)
    _common(element, quiz, head + _prompt(question), question.feedback, question.points)
    low, high = question.accepted
    # Exactly the key's range, which is not symmetric near 0: one answer per count.
    for count in range(low, high + 1):
        answer = etree.SubElement(element, "answer", fraction="100", format="moodle_auto_format")
        _text(answer, str(count))
        _html(answer, "feedback", Markup())
        _value(answer, "tolerance", 0)
    _value(element, "unitgradingtype", 0)
    _value(element, "unitpenalty", "0.1000000")
    _value(element, "showunits", 3)  # no units
    _value(element, "unitsleft", 0)
    return element


def _essay(
    quiz: Quiz,
    activity: QuizActivity,
    question: Question,
    name: str,
    head: Markup,
    points: float,
    t: Translator,
) -> etree._Element:
    element = _question("essay", name)
    labels = [label for label in question.fields if label]
    listed = Markup("").join(Markup("<li>{}</li>").format(label) for label in labels)
    prompt = head + _prompt(question) + (Markup("<ul>{}</ul>").format(listed) if labels else "")
    _common(element, quiz, prompt, Markup(), points)
    _value(element, "responseformat", "editor")
    _value(element, "responserequired", 1)
    _value(element, "responsefieldlines", 5 * max(1, len(question.fields)))
    _value(element, "minwordlimit", "")
    _value(element, "maxwordlimit", "")
    _value(element, "attachments", 0)
    _value(element, "attachmentsrequired", 0)
    _value(element, "maxbytes", 0)
    _value(element, "filetypeslist", "")
    _html(element, "graderinfo", _wrapped(quiz, _grader_info(activity, question, t)))
    # One box for all the sheet's boxes: their labels, in order, to write under.
    template = Markup("").join(
        Markup("<p><strong>{}</strong></p><p></p>").format(label) if label else Markup("<p></p>")
        for label in question.fields
    )
    _html(element, "responsetemplate", _wrapped(quiz, template) if labels else Markup())
    return element


def _grader_info(activity: QuizActivity, question: Question, t: Translator) -> Markup:
    """The key's answer for each box, the marking rule, and respond's rubric and samples."""
    parts = []
    for label, model in zip(question.fields, question.models, strict=False):
        if label:
            parts.append(Markup("<p><strong>{}</strong></p>").format(label))
        parts.append(Markup("<div>{}</div>").format(model))
    if question.feedback and question.feedback not in question.models:
        parts.append(question.feedback)
    if question.rubric:
        rows = Markup("").join(
            Markup("<tr><td><strong>{}</strong></td><td>{}</td></tr>").format(r.level, r.descriptor)
            for r in question.rubric
        )
        parts.append(
            Markup(
                "<table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>"
            ).format(tr(t, N_("Level")), tr(t, N_("What the answer does")), rows)
        )
    if activity.scoring:
        parts.append(
            Markup("<p><strong>{}</strong> {}</p>").format(tr(t, N_("Marking:")), activity.scoring)
        )
    return Markup("").join(parts)


# spot as a Cloze question ---------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """A run of a spot passage with one menu after it: its words' pieces, and its spans."""

    pieces: tuple[str, ...]
    loaded: int  # spans to find in it, by kind
    unsourced: int
    menu: bool  # False: outside the activity's paragraphs, or a note


def _spot(
    quiz: Quiz,
    activity: QuizActivity,
    question: Question,
    name: str,
    head: Markup,
    t: Translator,
) -> etree._Element:
    assert question.spot is not None
    spot = question.spot
    each = question.points / max(1, len(spot.targets))
    options = [
        tr(t, NOTHING_TO_MARK),
        tr(t, N_("Loaded words")),
        tr(t, N_("No source")),
        tr(t, BOTH_KINDS, loaded=tr(t, N_("Loaded words")), unsourced=tr(t, N_("No source"))),
    ]
    paragraphs = quiz.exercise.activities[activity.number - 1].paragraphs
    text = Markup("")  # the headline is the first block
    language = next(v.passage.language for v in quiz.passages if v.number == activity.passage)
    for number, heading, sentences in _sentences(spot, paragraphs, language):
        body = Markup("")
        for sentence in sentences:
            said = "".join(sentence.pieces)
            body += Markup(cloze_text(said.rstrip() if sentence.menu else said))
            if sentence.menu:
                body += Markup(" ") + Markup(cloze_menu(options, sentence, each)) + Markup(" ")
        if heading:
            text += Markup("<h4>{}</h4>").format(body)
        elif number:
            text += Markup("<p><strong>{}</strong> {}</p>").format(cloze_text(number), body)
        else:
            text += Markup("<p><em>{}</em></p>").format(body)
    element = _question("multianswer", name)
    # The heading and prompt hold the exercise's own words (its title, its instructions):
    # a "{" there could open a menu as much as one in the passage.
    asked = Markup("<p>{}</p><p>{}</p>").format(question.prompt, tr(t, CHOOSE_IN_MENUS))
    around = Markup(str(head + asked).replace("{", "&#123;"))
    prompt = around + text
    _html(element, "questiontext", _wrapped(quiz, prompt))
    _html(element, "generalfeedback", _wrapped(quiz, spot_key(spot, t)))
    _value(element, "penalty", "0.3333333")
    _value(element, "hidden", 0)
    _value(element, "idnumber", "")
    return element


def _sentences(
    spot: SpotPassage, paragraphs: tuple[int, int] | None, language: str
) -> list[tuple[str, bool, list[Sentence]]]:
    """Each block's number, whether it is the headline, and its sentences with their spans;
    sentences a span runs across made one."""
    starts: dict[int, tuple[str, ...]] = {}  # a span's first word: the kinds begun there
    ends: dict[int, int] = {}  # a span's first word: the last word of the spans begun there
    for target in spot.targets:
        if target.words:
            first = min(target.words)
            starts[first] = (*starts.get(first, ()), target.kind)
            ends[first] = max(ends.get(first, -1), max(target.words))
    rules = rules_for(language)
    out = []
    for block in spot.blocks:
        paragraph = 0 if block.heading else int(block.number) if block.number.isdigit() else -1
        inside = not block.note and (
            paragraphs is None or paragraphs[0] <= paragraph <= paragraphs[1]
        )
        sentences = _block_sentences(block, inside, starts, ends, rules)
        out.append((block.number, block.heading, sentences))
    return out


def _block_sentences(
    block: Block,
    menu: bool,
    starts: dict[int, tuple[str, ...]],
    ends: dict[int, int],
    rules: Language,
) -> list[Sentence]:
    """A block's sentences, where the passage language's own rules end them (abbreviations,
    ordinals, quotations: `placement`), the headline one sentence, and a sentence a span runs
    across joined with the next."""
    flat = "".join(word.text for word in block.words)
    stops = [] if block.heading else [end for end, _ in sentence_ends(flat, rules)]
    sentences: list[Sentence] = []
    pieces: list[str] = []
    kinds: list[str] = []
    reach = -1  # the last word of the spans begun in this sentence
    offset, last_word = 0, -1
    for word in block.words:
        pieces.append(word.text)
        offset += len(word.text)
        if word.index is not None:
            last_word = word.index
            kinds.extend(starts.get(word.index, ()))
            reach = max(reach, ends.get(word.index, -1))
        # The stop's end falls in this piece (a word's text never holds one: `_WORD`).
        if any(offset - len(word.text) < stop <= offset for stop in stops) and last_word >= reach:
            sentences.append(_sentence(pieces, kinds, menu))
            pieces, kinds = [], []
    if pieces:
        sentences.append(_sentence(pieces, kinds, menu))
    return sentences


def _sentence(pieces: list[str], kinds: list[str], menu: bool) -> Sentence:
    return Sentence(tuple(pieces), kinds.count("loaded"), kinds.count("unsourced"), menu)


def cloze_text(text: str) -> str:
    """Passage text as HTML in a Cloze question: escaped, and nothing Moodle reads as syntax."""
    return "".join(_CLOZE_SPECIAL.get(c) or str(escape(c)) for c in _NOT_XML.sub("", text))


def cloze_answer(text: str) -> str:
    """Text as a Cloze menu's answer or feedback: Moodle decodes character references there
    (`html_entity_decode`) and keeps the result as HTML, so HTML's are written twice."""
    return "".join(
        _CLOZE_SPECIAL.get(c) or str(escape(c)).replace("&", "&amp;")
        for c in _NOT_XML.sub("", text)
    )


def cloze_menu(options: Sequence[str], sentence: Sentence, each: float) -> str:
    """`{2:MC:~%50%Loaded words~=No source…}`: a menu weighing the sentence's spans."""
    loaded, unsourced = sentence.loaded, sentence.unsourced
    spans = loaded + unsourced
    if spans == 0:
        fractions = [100.0, 0.0, 0.0, 0.0]
    else:
        fractions = [
            0.0,
            100 * (loaded + unsourced / 2) / spans,
            100 * (unsourced + loaded / 2) / spans,
            100.0 if loaded and unsourced else 50.0,
        ]
    alternatives = []
    for option, fraction in zip(options, fractions, strict=True):
        mark = "=" if fraction == 100 else f"%{_number(fraction)}%" if fraction else ""
        alternatives.append(mark + cloze_answer(option))
    # Moodle reads whole weights only; a span's points are whole on every printed sheet.
    return "{" + f"{round(each * spans)}:MC:" + "~".join(alternatives) + "}"


# Small pieces ---------------------------------------------------------------------------


def _question(kind: str, name: str) -> etree._Element:
    question = etree.Element("question", type=kind)
    _text(etree.SubElement(question, "name"), name[:_NAME_LENGTH])
    return question


def _common(
    element: etree._Element, quiz: Quiz, text: Markup, feedback: Markup, points: float
) -> None:
    _html(element, "questiontext", _wrapped(quiz, text))
    _html(element, "generalfeedback", _wrapped(quiz, feedback) if feedback else Markup())
    _value(element, "defaultgrade", _number(points))
    _value(element, "penalty", "0.3333333")
    _value(element, "hidden", 0)
    _value(element, "idnumber", "")


def _no_feedback(element: etree._Element) -> None:
    for name in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _html(element, name, Markup())


def _answer(element: etree._Element, fraction: int, text: Markup) -> None:
    answer = etree.SubElement(element, "answer", fraction=str(fraction), format="html")
    _text(answer, text)
    _html(answer, "feedback", Markup())


def _prompt(question: Question) -> Markup:
    return Markup('<p class="prompt">{}</p>').format(question.prompt)


def _wrapped(quiz: Quiz, body: Markup) -> Markup:
    """HTML in the sheet's language and direction."""
    if quiz.direction == "rtl":
        return Markup('<div dir="rtl" lang="{}">{}</div>').format(quiz.language, body)
    return Markup('<div lang="{}">{}</div>').format(quiz.language, body)


def _html(parent: etree._Element, tag: str, body: Markup) -> None:
    _text(etree.SubElement(parent, tag, format="html"), body)


def _text(parent: etree._Element, value: str) -> None:
    """A `<text>` child: HTML as CDATA (Moodle's own export), escaped if it holds `]]>`."""
    value = _NOT_XML.sub("", value)
    text = etree.SubElement(parent, "text")
    text.text = etree.CDATA(value) if value and "]]>" not in value else value


def _value(parent: etree._Element, tag: str, value: object) -> None:
    etree.SubElement(parent, tag).text = str(value)


def _number(value: float) -> str:
    """A grade or a percentage as Moodle writes it: no ".0", at most 7 decimals."""
    return f"{value:.7f}".rstrip("0").rstrip(".")
