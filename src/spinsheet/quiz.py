"""A sheet as questions to answer on screen: what the QTI, Moodle and web formats write.

`quiz` turns the key's view of one variant (the same items, in the same seeded order,
as the printed sheet) into questions with their answers, points and the key's
model answers. Every text is the sheet's own, in the sheet's language: a question
prints what the sheet prints for its item, and a model answer what the key prints.
The writers (`qti`, `moodle`, `web`) only lay this out in their format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import lxml.html
from markupsafe import Markup, escape

from .catalogue import ACTIVITY_KINDS
from .i18n import N_, Translator, tr, tr_plural
from .items import Item, tally_range
from .model import Exercise, RubricLevel, Sample, Span
from .render import SheetContext
from .views import ActivityView, Direction, PassageView

Interaction = Literal["spot", "choice", "match", "count", "write"]


@dataclass(frozen=True)
class Word:
    """A piece of a spot passage's text: a word to click (`index`), or what lies between."""

    text: str
    index: int | None  # the word's number in the passage; None: spaces, punctuation, labels


@dataclass(frozen=True)
class Block:
    """A paragraph of a spot passage as printed: its number ("" for none) and its words."""

    number: str
    words: tuple[Word, ...]
    heading: bool = False  # the headline
    note: bool = False  # "[Paragraph 8 is left out…]": printed, nothing to find in it


@dataclass(frozen=True)
class Target:
    """A span spot asks students to find: the words it covers, and the key's row for it."""

    id: str
    kind: str  # "loaded" or "unsourced"
    marker: str  # as the key prints it: "L3"
    words: tuple[int, ...]  # a mark on any of them finds it
    text: str
    what: str  # "Loaded language: Name-calling"
    why: str
    fix: str  # the neutral wording, or the question to ask


@dataclass(frozen=True)
class Sourced:
    """A claim that names its source: the key lists them beside the spans to find."""

    marker: str
    text: str
    source: str
    why: str


@dataclass(frozen=True)
class SpotPassage:
    """A passage laid out word by word, and the spans to find in it."""

    title: str
    blocks: tuple[Block, ...]
    targets: tuple[Target, ...]
    words: int  # how many words there are to click
    sourced: tuple[Sourced, ...] = ()  # for comparison, in the key


@dataclass(frozen=True)
class Pair:
    """A match question's left-hand entry and the letters of the names that fit it."""

    prompt: Markup
    accepted: tuple[int, ...]  # indexes into the question's choices


@dataclass(frozen=True)
class Question:
    """One gradable question: an item of the sheet, or a whole activity (spot, match)."""

    ident: str  # "a2-q3": activity 2, item 3 (q0: the whole activity)
    activity: int
    number: int
    interaction: Interaction
    prompt: Markup  # what the sheet prints for the item
    points: float
    choices: tuple[str, ...] = ()  # choice: the options; match: the names, lettered A, B…
    answer: int | None = None  # choice: the right option's index
    choice_points: float = 0.0  # choice: what the right option earns (the rest is written)
    count: int | None = None  # count: the key's count
    accepted: tuple[int, int] = (0, 0)  # count: the counts that earn full marks
    pairs: tuple[Pair, ...] = ()  # match
    spot: SpotPassage | None = None
    fields: tuple[str, ...] = ()  # boxes to write in, each with its label ("": none)
    models: tuple[Markup, ...] = ()  # the key's answer for each box
    feedback: Markup = field(
        default_factory=Markup
    )  # what the key says about the item beyond the answer
    rubric: tuple[RubricLevel, ...] = ()  # respond
    samples: tuple[Sample, ...] = ()  # respond


@dataclass(frozen=True)
class QuizActivity:
    """One activity as its heading prints it, with its questions."""

    number: int
    kind: str
    title: str
    instructions: str
    scoring: str  # the key's marking rule
    points: int
    passage: int  # the number of the passage it asks about
    questions: tuple[Question, ...]
    other: int | None = None  # compare: the second passage's number

    @property
    def passages(self) -> tuple[int, ...]:
        """The numbers of the passages it asks about: its own, and compare's second."""
        return (self.passage,) if self.other is None else (self.passage, self.other)


@dataclass(frozen=True)
class Quiz:
    """One variant of an exercise, on screen."""

    exercise: Exercise
    variant: str
    language: str
    direction: Direction
    passages: tuple[PassageView, ...]  # as students' sheets print them
    activities: tuple[QuizActivity, ...]
    points: int
    messages: Translator  # the sheet's language, for what a format adds around the questions
    taxonomy_terms: tuple[tuple[str, str], ...] = ()  # the glossary: name, meaning

    @property
    def questions(self) -> list[Question]:
        return [q for a in self.activities for q in a.questions]

    @property
    def ident(self) -> str:
        """The exercise and variant, as file names and identifiers may carry them."""
        return f"{self.exercise.id}-{self.variant}"


def quiz(student: SheetContext, key: SheetContext, t: Translator) -> Quiz:
    """The questions of one variant: `key` gives the items and answers, `student` the
    passages as students read them (both contexts of the same exercise and variant)."""
    activities = tuple(_activity(view, key, t) for view in key["activities"])
    glossary = key["glossary"]
    return Quiz(
        exercise=key["exercise"],
        variant=key["variant"],
        language=key["language"],
        direction=key["direction"],
        passages=tuple(student["passages"]),
        activities=activities,
        points=key["points"],
        messages=t,
        taxonomy_terms=tuple((term.name, term.definition) for term in glossary.terms)
        if glossary
        else (),
    )


def _activity(view: ActivityView, key: SheetContext, t: Translator) -> QuizActivity:
    exercise = key["exercise"]
    activity = exercise.activities[view.number - 1]
    each = activity.points or ACTIVITY_KINDS[view.kind].points
    builder = _BUILDERS[view.kind]
    return QuizActivity(
        number=view.number,
        kind=view.kind,
        title=view.title,
        instructions=_instructions(view, t),
        scoring=view.scoring,
        points=view.points,
        passage=view.passage.number,
        other=view.other.number if view.other else None,
        questions=tuple(builder(view, each, t)),
    )


def passage_html(view: PassageView) -> Markup:
    """A passage as students read it, for a format that lays it out itself: its title,
    source line and numbered paragraphs."""
    return Markup('<h3>{}</h3><p class="provenance">{}</p>{}').format(
        view.title_html, view.provenance, view.html
    )


def _instructions(view: ActivityView, t: Translator) -> str:
    """The activity's instructions; tally's say where to count, as its sheet does under them
    (spot's say it in their question)."""
    if view.kind == "tally" and view.scope:
        return f"{view.instructions} {tr(t, N_('Count in %(scope)s.'), scope=view.scope)}"
    return view.instructions


# Each kind's questions ---------------------------------------------------------------


def _spot(view: ActivityView, each: int, t: Translator) -> list[Question]:
    passage = spot_passage(view, t)
    targets = len(passage.targets)
    return [
        Question(
            ident=f"a{view.number}-q0",
            activity=view.number,
            number=0,
            interaction="spot",
            prompt=Markup(escape(_targets_line(view, t))),
            points=each * targets,
            spot=passage,
        )
    ]


def _targets_line(view: ActivityView, t: Translator) -> str:
    """ "Find 7 loaded words or phrases to underline and 3 claims with no source to circle." """
    loaded, unsourced = view.counts.get("loaded", 0), view.counts.get("unsourced", 0)
    underline = tr_plural(
        t,
        "%(num)s loaded word or phrase to underline",
        "%(num)s loaded words or phrases to underline",
        loaded,
        num=loaded,
    )
    circle = tr_plural(
        t,
        "%(num)s claim with no source to circle",
        "%(num)s claims with no source to circle",
        unsourced,
        num=unsourced,
    )
    if loaded and unsourced:
        targets = tr(t, N_("%(underline)s and %(circle)s"), underline=underline, circle=circle)
    else:
        targets = underline if loaded else (circle if unsourced else "")
    if view.scope:
        return tr(t, N_("In %(scope)s, find %(targets)s."), scope=view.scope, targets=targets)
    return tr(t, N_("Find %(targets)s."), targets=targets)


def _name_it(view: ActivityView, each: int, t: Translator) -> list[Question]:
    questions = []
    for item in view.items:
        span = _span(item)
        feedback = _answer(t, tr(t, N_("%(label)s:"), label=item.answer), item.type_definition)
        if span.why:
            feedback += _answer(t, tr(t, N_("Why:")), span.why)
        prompt = _quoted(span.text) + _where(view, span, t)
        question = _item_question(view, item, "choice", prompt, each)
        questions.append(_with_choices(question, item.choices, item.answer, each, feedback))
    return questions


def _said_verb(view: ActivityView, each: int, t: Translator) -> list[Question]:
    questions = []
    blank = Markup("__________")
    for item in view.items:
        span = _span(item)
        prompt = _sentence(span, blank) + _where(view, span, t)
        notes = Markup("").join(_answer(t, verb, note) for verb, note in item.notes)
        question = _item_question(view, item, "choice", prompt, each)
        question = _with_choices(question, item.choices, item.answer, each / 2, notes)
        questions.append(
            _with_fields(question, [tr(t, N_("What the writer's verb suggests:"))], [notes])
        )
    return questions


def _sort(view: ActivityView, each: int, t: Translator) -> list[Question]:
    questions = []
    for item in view.items:
        span = _span(item)
        prompt = _sentence(span, escape(span.text)) + _where(view, span, t)
        feedback = _answer(t, item.marker, span.why or "")
        question = _item_question(view, item, "choice", prompt, each)
        questions.append(_with_choices(question, tuple(view.columns), item.answer, each, feedback))
    return questions


def _match(view: ActivityView, each: int, t: Translator) -> list[Question]:
    pairs = []
    for item in view.items:
        span = _span(item)
        pairs.append(Pair(_quoted(span.text) + _where(view, span, t), item.fits))
    return [
        Question(
            ident=f"a{view.number}-q0",
            activity=view.number,
            number=0,
            interaction="match",
            prompt=Markup(escape(view.instructions)),
            points=each * len(pairs),
            choices=tuple(view.columns),
            pairs=tuple(pairs),
        )
    ]


def _tally(view: ActivityView, each: int, t: Translator) -> list[Question]:
    questions = []
    for item in view.items:
        low, high = tally_range(int(item.answer))
        prompt = Markup('<strong>{}</strong><br><span class="kind-note">{}</span><br>{}').format(
            item.label, item.kind_name, item.type_definition or ""
        )
        feedback = _answer(
            t, tr(t, N_("accept %(counts)s"), counts=item.accepted), ", ".join(item.members)
        )
        question = _item_question(view, item, "count", prompt, each)
        questions.append(
            replace(question, count=int(item.answer), accepted=(low, high), feedback=feedback)
        )
    return questions


def _rewrite(view: ActivityView, each: int, t: Translator) -> list[Question]:
    questions = []
    for item in view.items:
        span = _span(item)
        prompt = _sentence(span, escape(span.text)) + _where(view, span, t)
        model = _answer(t, tr(t, N_("Neutral:")), _around(item, escape(span.neutral or "")))
        why = _answer(t, tr(t, N_("Why:")), span.why) if span.why else Markup()
        question = _item_question(view, item, "write", prompt, each)
        questions.append(_with_fields(question, [""], [model + why]))
    return questions


def _who_says(view: ActivityView, each: int, t: Translator) -> list[Question]:
    labels = [N_("Who is the source?"), N_("What evidence would you need?")]
    return _claims(view, each, t, [*labels, N_("Where could you check?")], Markup())


def _source_check(view: ActivityView, each: int, t: Translator) -> list[Question]:
    labels = [N_("Who is behind it?"), N_("What is the evidence?")]
    source = Markup("<p>{} <em>{}</em> · {}</p>").format(
        tr(t, N_("From:")), view.passage.passage.title, view.passage.provenance
    )
    return _claims(view, each, t, [*labels, N_("What do other sources say?")], source)


def _claims(
    view: ActivityView, each: int, t: Translator, labels: list[str], source: Markup
) -> list[Question]:
    """who-says and source-check: three boxes per claim with no source, the key's three
    answers for them, and (source-check) where the claim comes from under it."""
    questions = []
    for item in view.items:
        span = _span(item)
        sentence = _sentence(span, escape(span.text)) + _where(view, span, t)
        prompt = Markup("<p>{}</p>").format(sentence) + source if source else sentence
        question = _item_question(view, item, "write", prompt, each)
        boxes = [tr(t, label) for label in labels]
        questions.append(_with_fields(question, boxes, _source_answers(item, t)))
    return questions


def _source_answers(item: Item, t: Translator) -> list[Markup]:
    """The key's three answers for a claim with no source, as `source_answers` prints them."""
    span = _span(item)
    if item.speaker:
        who = tr(
            t,
            N_("Only the writer of the comment (%(writer)s), who names no source."),
            writer=item.speaker,
        )
    else:
        who = tr(t, N_("No one is named."))
    why = span.why or tr(t, N_("The claim gives no person, body or document."))
    if span.ask:
        evidence = Markup(escape(tr(t, N_("Evidence that answers: %(question)s"), question="\0")))
        evidence = Markup(evidence.replace("\0", _quoted(span.ask)))
    else:
        evidence = Markup(escape(tr(t, N_("Evidence of who says this and how they know."))))
    check = span.check or tr(
        t, N_("A source that names who says this: an official record, a report, or a news agency.")
    )
    return [Markup(escape(f"{who} {why}")), evidence, Markup(escape(check))]


def _compare(view: ActivityView, each: int, t: Translator) -> list[Question]:
    first, second = view.passage, view.other
    assert second is not None
    titles = [
        tr(t, N_("Passage %(number)s: %(title)s"), number=p.number, title=p.passage.title)
        for p in (first, second)
    ]
    labels = [*titles, tr(t, N_("What the difference does"))]
    questions = []
    for item in view.items:
        if view.by_type:
            prompt = Markup('<strong>{}</strong><br><span class="kind-note">{}</span>').format(
                item.label, item.type_definition or ""
            )
            none = tr(t, N_("none"))
            models = [
                Markup("; ").join(_quoted(x) for x in item.members) or Markup(escape(none)),
                Markup("; ").join(_quoted(x) for x in item.others) or Markup(escape(none)),
                Markup(escape(_leaning(item, first.number, second.number, t))),
            ]
        else:
            span, partner = _span(item), item.partner
            assert partner is not None
            places = tr(
                t,
                N_("Passage %(first)s %(where)s · passage %(second)s %(other)s"),
                first=first.number,
                where=_paragraph(span, t),
                second=second.number,
                other=_paragraph(partner, t),
            )
            prompt = (
                Markup("{} ({})").format(item.label, places)
                if item.label
                else Markup(escape(places))
            )
            models = [
                _quoted(span.text),
                _quoted(partner.text),
                _answer(t, tr(t, N_("Model answer:")), item.answer),
            ]
        question = _item_question(view, item, "write", prompt, each)
        questions.append(_with_fields(question, labels, models))
    return questions


def _leaning(item: Item, first: int, second: int, t: Translator) -> str:
    """compare by type: which passage leans on a technique more, as the key's macro says it."""
    a, b = len(item.members), len(item.others)
    if a == b:
        return tr_plural(
            t,
            "Both passages use it (%(num)d example each), so neither leans on it more.",
            "Both passages use it (%(num)d examples each), so neither leans on it more.",
            a,
        )
    definition = item.type_definition or ""
    return tr_plural(
        t,
        "Passage %(number)s leans on it more (%(num)d example to %(less)s), so its reader meets "
        "more of this: %(definition)s",
        "Passage %(number)s leans on it more (%(num)d examples to %(less)s), so its reader meets "
        "more of this: %(definition)s",
        max(a, b),
        number=first if a > b else second,
        less=min(a, b),
        definition=definition[:1].lower() + definition[1:],
    )


def _vocabulary(view: ActivityView, each: int, t: Translator) -> list[Question]:
    labels = [
        tr(t, N_("What it means, and what it makes you feel")),
        tr(t, N_("A neutral word instead")),
    ]
    questions = []
    for item in view.items:
        span = _span(item)
        prompt = Markup("<strong>{}</strong> ").format(span.text) + _where(view, span, t)
        meaning = escape(span.why or item.type_definition or "")
        if item.type_name:
            meaning += Markup(" ({})").format(item.type_name)
        question = _item_question(view, item, "write", prompt, each)
        questions.append(
            _with_fields(question, labels, [Markup(meaning), Markup(escape(span.neutral or ""))])
        )
    return questions


def _make_it_loaded(view: ActivityView, each: int, t: Translator) -> list[Question]:
    labels = ["", tr(t, N_("Technique:"))]
    questions = []
    for item in view.items:
        span = _span(item)
        prompt = _around(item, escape(span.neutral or "")) + " " + _where(view, span, t)
        wrote = _answer(t, tr(t, N_("The writer wrote:")), _sentence(span, escape(span.text)))
        technique = f"{item.type_name or item.kind_name}. {span.why or ''}".strip()
        question = _item_question(view, item, "write", prompt, each)
        questions.append(
            _with_fields(question, labels, [wrote, _answer(t, tr(t, N_("Technique:")), technique)])
        )
    return questions


def _respond(view: ActivityView, each: int, t: Translator) -> list[Question]:
    question = Question(
        ident=f"a{view.number}-q0",
        activity=view.number,
        number=0,
        interaction="write",
        prompt=Markup(escape(view.prompt or "")),
        points=view.points,
        rubric=view.rubric,
        samples=view.samples,
    )
    models = [
        _answer(t, tr(t, N_("Sample answer (%(level)s):"), level=s.level), s.answer)
        for s in view.samples
    ]
    return [_with_fields(question, [""], [Markup("").join(models)])]


_BUILDERS = {
    "spot": _spot,
    "rewrite": _rewrite,
    "who-says": _who_says,
    "name-it": _name_it,
    "match": _match,
    "said-verb": _said_verb,
    "sort": _sort,
    "tally": _tally,
    "source-check": _source_check,
    "compare": _compare,
    "vocabulary": _vocabulary,
    "make-it-loaded": _make_it_loaded,
    "respond": _respond,
}


# Small pieces ---------------------------------------------------------------------------


def _with_choices(
    question: Question, choices: tuple[str, ...], right: str, points: float, feedback: Markup
) -> Question:
    return replace(
        question,
        choices=choices,
        answer=choices.index(right),
        choice_points=points,
        feedback=feedback,
    )


def _with_fields(question: Question, labels: list[str], models: list[Markup]) -> Question:
    return replace(question, fields=tuple(labels), models=tuple(models))


def _item_question(
    view: ActivityView, item: Item, interaction: Interaction, prompt: Markup, each: int
) -> Question:
    return Question(
        ident=f"a{view.number}-q{item.number}",
        activity=view.number,
        number=item.number,
        interaction=interaction,
        prompt=prompt,
        points=each,
    )


def _span(item: Item) -> Span:
    assert item.span is not None
    return item.span


def _answer(t: Translator, label: str, text: str | Markup | None) -> Markup:
    """A key line: its label in bold, then the answer."""
    return Markup('<p><strong class="answer-label">{}</strong> {}</p>').format(label, text or "")


def _quoted(text: str) -> Markup:
    """A span's text as a quotation, unless it is one already (the `quoted` macro)."""
    if text[:1] in "“\"‘'«„‚»" and text[-1:] in "”\"’'»“‘«":
        return Markup(escape(text))
    return Markup("<q>{}</q>").format(text)


def _sentence(span: Span, middle: Markup) -> Markup:
    return Markup("{}<strong>{}</strong>{}").format(span.before, middle, span.after)


def _around(item: Item, middle: Markup) -> Markup:
    """The item's neutral sentence (rewrite's model, make-it-loaded's prompt) around `middle`."""
    return Markup("{}<strong>{}</strong>{}").format(item.before, middle, item.after)


def _paragraph(span: Span, t: Translator) -> str:
    return (
        tr(t, N_("headline"))
        if span.paragraph == 0
        else tr(t, N_("¶%(number)s"), number=span.paragraph)
    )


def _where(view: ActivityView, span: Span, t: Translator) -> Markup:
    """ "(¶3)", or "(Passage 2, ¶3)" on a sheet of several passages (the `where` macro)."""
    label = view.passage_label
    said = f"{label[:1].upper()}{label[1:].lower()}, " if label else ""
    return Markup(' <span class="para">({}{})</span>').format(said, _paragraph(span, t))


# The spot passage, word by word -----------------------------------------------------------

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")  # "mayor's", "well-known", "U.S", "1.50"


def spot_passage(view: ActivityView, t: Translator) -> SpotPassage:
    """The key's passage, headline first, as words to click, with the spans to find in it.

    Read from the key's own HTML, so the words are exactly those printed (masked,
    excerpted, with the notes for paragraphs left out); a span is found by any word in it.
    """
    blocks: list[Block] = []
    covered: dict[str, list[int]] = {}
    count = 0

    def words_of(root: lxml.html.HtmlElement, stop_at_blocks: bool) -> list[Word]:
        nonlocal count
        pieces: list[Word] = []

        def text(value: str | None, open_spans: tuple[str, ...]) -> None:
            nonlocal count
            if not value:
                return
            position = 0
            for match in _WORD.finditer(value):
                if match.start() > position:
                    pieces.append(Word(value[position : match.start()], None))
                pieces.append(Word(match.group(), count))
                for span_id in open_spans:
                    covered.setdefault(span_id, []).append(count)
                count += 1
                position = match.end()
            if position < len(value):
                pieces.append(Word(value[position:], None))

        def walk(element: lxml.html.HtmlElement, open_spans: tuple[str, ...]) -> None:
            classes = (element.get("class") or "").split()
            if "marker" in classes or "sr-only" in classes or "pnum" in classes:
                text(element.tail, open_spans)
                return
            inner = open_spans
            if element.get("id", "").startswith("span-"):
                inner = (*open_spans, element.get("id")[len("span-") :])
            text(element.text, inner)
            for child in element:
                if stop_at_blocks and child.get("data-n") is not None:
                    continue
                walk(child, inner)
            text(element.tail, open_spans)

        text(root.text, ())
        for child in root:
            if stop_at_blocks and child.get("data-n") is not None:
                continue
            walk(child, ())
        return pieces

    passage = view.passage
    title = lxml.html.fragment_fromstring(str(passage.title_html) or "&#8203;", create_parent="h1")
    blocks.append(Block("", tuple(words_of(title, False)), heading=True))
    body = lxml.html.fragment_fromstring(str(passage.html), create_parent="div")
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        number = element.get("data-n")
        classes = (element.get("class") or "").split()
        if number is not None:
            blocks.append(Block(number, tuple(words_of(element, True))))
        elif "omitted" in classes:
            blocks.append(Block("", (Word(element.text_content(), None),), note=True))
    markers = {item.span.id: item for item in view.items if item.span is not None}
    targets = []
    for span_id, item in markers.items():
        span = _span(item)
        what = (
            f"{tr(t, N_('%(label)s:'), label=item.kind_name)} {item.type_name}"
            if item.type_name
            else item.kind_name
        )
        targets.append(
            Target(
                id=span_id,
                kind=span.kind,
                marker=item.marker,
                words=tuple(dict.fromkeys(covered.get(span_id, []))),
                text=span.text,
                what=what,
                why=span.why or "",
                fix=(span.neutral if span.kind == "loaded" else span.ask) or "",
            )
        )
    sourced = tuple(
        Sourced(item.marker, _span(item).text, _span(item).source or "", _span(item).why or "")
        for item in view.sourced
    )
    return SpotPassage(passage.passage.title, tuple(blocks), tuple(targets), count, sourced)


def spot_key(spot: SpotPassage, t: Translator) -> Markup:
    """The printed key's tables for spot: every span to find (its marker, words, kind, why,
    and neutral wording or question to ask), then the claims that name their source."""
    headers = [N_("Mark"), N_("In the passage"), N_("What it is"), N_("Why")]
    rows = [
        (target.marker, target.text, target.what, target.why, target.fix) for target in spot.targets
    ]
    key = _table([*headers, N_("Neutral wording, or the question to ask")], rows, t)
    if spot.sourced:
        key += Markup("<p><strong>{}</strong></p>").format(
            tr(t, N_("For comparison: claims that name their source"))
        )
        headers = [N_("Mark"), N_("In the passage"), N_("Source named")]
        sourced = [(s.marker, s.text, s.source, s.why) for s in spot.sourced]
        key += _table([*headers, N_("Why it counts as sourced")], sourced, t)
    return key


def _table(headers: list[str], rows: Sequence[tuple[str, ...]], t: Translator) -> Markup:
    head = Markup("").join(Markup("<th>{}</th>").format(tr(t, h)) for h in headers)
    body = Markup("").join(
        Markup("<tr><td><strong>{}</strong></td><td><q>{}</q></td>{}</tr>").format(
            marker, text, Markup("").join(Markup("<td>{}</td>").format(c) for c in rest)
        )
        for marker, text, *rest in rows
    )
    return Markup("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(head, body)


def spot_score(question: Question, marked: dict[str, set[int]]) -> float:
    """What a student's marks earn, by the printed key's rule: a span is found with the
    right mark when any of its words carries that mark (full points), else half the points
    when any carries the other mark. `marked` holds the words marked as each kind."""
    assert question.spot is not None
    each = question.points / max(1, len(question.spot.targets))
    score = 0.0
    for target in question.spot.targets:
        words = set(target.words)
        other = "unsourced" if target.kind == "loaded" else "loaded"
        if words & marked.get(target.kind, set()):
            score += each
        elif words & marked.get(other, set()):
            score += each / 2
    return score


def choice_score(question: Question, chosen: int | None) -> float:
    """A choice question's machine-marked part: the right option earns `choice_points`."""
    return question.choice_points if chosen is not None and chosen == question.answer else 0.0


def count_score(question: Question, given: int | None) -> float:
    """A tally row: full points for a count in the key's range, as the printed key says."""
    low, high = question.accepted
    return float(question.points) if given is not None and low <= given <= high else 0.0


def match_score(question: Question, chosen: list[int | None]) -> float:
    """A match: the points of one pair for each quotation given a name that fits it."""
    each = question.points / max(1, len(question.pairs))
    return sum(
        each for pair, name in zip(question.pairs, chosen, strict=False) if name in pair.accepted
    )
