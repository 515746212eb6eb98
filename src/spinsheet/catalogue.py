"""The activity catalogue: every kind of activity, what it draws, how it builds and marks items.

One table, `ACTIVITY_KINDS`. The exercise checker, the selection of items and
the views ask it and never name a kind, so adding a kind is one entry here
(with an item builder from `items`, or its own) and one template,
`templates/activities/<kind>.html`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import comparing, items
from .i18n import N_
from .items import ItemBuilder
from .masking import shows_masked_word, words_pattern
from .model import FIND_KINDS, Activity, Passage, Span


@dataclass(frozen=True)
class ActivityKind:
    """One kind of activity: its title, default instructions, points, and how it draws items.

    Title, instructions and scoring are English message ids (`N_`): views print them in the
    sheet's language."""

    title: str
    instructions: str
    points: int  # per item (or for the whole activity), unless the activity sets `points`
    scoring: str  # the rule the key states; `%(points)s` is the points per item
    draws: Callable[[Span], bool] | None  # which spans are items; None: no span items
    what: str  # the eligible spans, for messages: "loaded spans with a 'neutral' wording"
    build: ItemBuilder = items.plain  # turns the drawn spans into the sheet's items
    no_count: str = ""  # why `count` does not apply (it uses every span it draws); "": it does
    default_count: int | None = None  # None: every eligible span
    keys: tuple[str, ...] = ()  # keys this kind accepts beyond the common ones
    points_per_item: bool = True  # False: `points` is for the whole activity
    asks_to_find: bool = False  # students find its spans in the passage: no item may print them
    every_kind_first: bool = False  # draw one span of each kind first, so no column stays empty
    students_write: bool = False  # students write charged words of their own: `avoid` applies
    names_techniques: bool = False  # its items name techniques: the sheet prints a glossary
    prints_sentence: bool = False  # an item prints its span's sentence: never one twice
    prints_neutral_sentence: bool = False  # students see its sentences made neutral
    asks_neutral: bool = False  # its answer is a span's neutral wording
    research: bool = False  # a column needs sources beyond the sheet: the instructions say where
    english_only: bool = False  # its choices and their grammar are English words: English passages
    # Minutes a 14-year-old needs per item (respond: per prompt), reading the passage aside,
    # for `check`'s estimate of a sheet's length. A classroom judgement, not a measurement:
    # a span to mark or count takes seconds, a sentence to write about two minutes, a row of
    # three written answers about three, research for one claim about six.
    minutes: float = 1.0

    @property
    def takes_count(self) -> bool:
        """Whether an exercise may say how many items to draw (and the sheet prints sentences)."""
        return not self.no_count

    @property
    def two_passages(self) -> bool:
        """Whether the activity compares two passages, named in its `passages` key."""
        return "passages" in self.keys

    def eligible(self, activity: Activity, passage: Passage) -> list[Span]:
        """The spans an activity of this kind may draw its items from, in passage order.

        A kind that prints spans as items never draws one that shows a masked word
        (pass the passage as printed, masked): the student could not answer it.
        """
        return [s for s in self.candidates(activity, passage) if not self.left_out(activity, s)]

    def candidates(self, activity: Activity, passage: Passage) -> list[Span]:
        """The spans of the kind's sort in the activity's paragraphs, readable or not."""
        if self.draws is None:
            return []
        return [s for s in passage.spans if activity.covers(s) and self.draws(s)]

    def left_out(self, activity: Activity, span: Span) -> str:
        """Why `span` may not be an item, or "".

        No item shows a masked word: no student could answer it (spot marks
        them in place). Where students write loaded words of their own, no
        item's sentence, nor the neutral wording it may print instead, holds a
        word the exercise says to `avoid`.
        """
        if self.takes_count and shows_masked_word(span):
            return "masked"
        avoided = words_pattern(activity.avoid) if self.students_write else None
        if avoided is not None and avoided.search(f"{span.sentence} {span.neutral or ''}"):
            return "avoided"
        return ""


def _loaded_with_neutral(span: Span) -> bool:
    return span.kind == "loaded" and bool(span.neutral) and not span.quoted


def _typed(span: Span) -> bool:
    return span.kind in FIND_KINDS and span.type is not None


class SortKind(ActivityKind):
    """Sort draws a span only if it fits exactly one column, which depends on its neighbours."""

    def candidates(self, activity: Activity, passage: Passage) -> list[Span]:
        return [s for s in super().candidates(activity, passage) if _fits_one_column(s, passage)]


def _fits_one_column(span: Span, passage: Passage) -> bool:
    """No span of another kind nested in it or around it, and more than "X said".

    "the *reckless* plan will fail", a claim with no source around a loaded
    word, is both "loaded" and "no source"; a span that only names who spoke is
    a free point for "names its source".
    """
    parents = {s.id: s.parent for s in passage.spans}

    def ancestors(span_id: str) -> set[str]:
        found = set()
        while (parent := parents.get(span_id)) is not None:
            found.add(parent)
            span_id = parent
        return found

    nested_with = [
        s for s in passage.spans if s.id in ancestors(span.id) or span.id in ancestors(s.id)
    ]
    mixed = any(s.kind != span.kind for s in nested_with)
    return not mixed and not (span.kind == "sourced" and _only_attribution(span))


# Words of an attribution ("according to the council", "X said") that are not its source.
_SAYING = """said says say stated added stressed told announced noted wrote explained argued
asked insisted warned claimed reported confirmed declared tweeted posted commented remarked
urged replied answered"""
_LINKING = "according to the a an of for in at on by during as and"
SPEECH_VERBS = frozenset(_SAYING.split())
ATTRIBUTION_WORDS = frozenset(_LINKING.split())


def _only_attribution(span: Span) -> bool:
    """Whether a sourced span is only "who said": it ends in a verb of saying (the claim
    follows outside it), or every word of it is in its `source` or "according to the…"."""
    words = re.findall(r"[\w’'-]+", span.text.lower())
    if words and words[-1] in SPEECH_VERBS:
        return True
    source = set(re.findall(r"[\w’'-]+", (span.source or "").lower()))
    return all(w in source or w in ATTRIBUTION_WORDS for w in words)


# Said after a research kind's own instructions: where students find what the sheet lacks.
RESEARCH_ELSEWHERE = N_(
    "For where to check and what other sources say, you need a device with internet access "
    "or a library."
)
RESEARCH_HERE = N_(
    "For where to check and what other sources say, use the other sources at the end."
)

ACTIVITY_KINDS: dict[str, ActivityKind] = {
    "spot": ActivityKind(
        N_("Spot the spin"),
        N_(
            "Read the passage. Underline every loaded word or phrase: words chosen to make you "
            "feel something, not just to tell you what happened. Circle every claim that does not "
            "say who says so or how they know."
        ),
        1,
        N_(
            "%(points)s for each span found with the right mark (underline or circle); half "
            "of that for a mark of the wrong kind. A mark counts when it overlaps the span, "
            "even if it does not cover all of it."
        ),
        lambda s: s.kind in FIND_KINDS,
        "spans",
        items.spot,
        no_count="students look for every span",
        asks_to_find=True,
        minutes=0.5,
    ),
    "rewrite": ActivityKind(
        N_("Say it neutrally"),
        N_(
            "Each sentence has a loaded phrase in bold. Rewrite the phrase in neutral words that "
            "tell what happened without pushing a feeling."
        ),
        2,
        N_(
            "%(points)s each: full marks for a wording with no charged word that keeps the "
            "facts; half for a wording that is calmer but still judges."
        ),
        _loaded_with_neutral,
        "loaded spans with a 'neutral' wording (outside quotations)",
        items.neutral_sentences,
        asks_neutral=True,
        minutes=2,
        prints_sentence=True,
    ),
    "who-says": ActivityKind(
        N_("Who says?"),
        N_(
            "The claims in bold do not say where they come from. For each one, write who the "
            "source might be, what evidence you would need to believe it, and where you could "
            "check."
        ),
        3,
        N_("%(points)s each: a third for each column with a sensible answer."),
        lambda s: s.kind == "unsourced",
        "unsourced spans",
        minutes=3,
        research=True,
        prints_sentence=True,
    ),
    "name-it": ActivityKind(
        N_("Name it"),
        N_("Each quotation comes from the passage. Tick the name that fits what the words do."),
        1,
        N_("%(points)s for each right name."),
        _typed,
        "spans with a type",
        items.name_it,
        names_techniques=True,
        minutes=1,
    ),
    "match": ActivityKind(
        N_("Match it"),
        N_(
            "Draw a line from each quotation to the name of what its words do. A name may be "
            "used more than once, or not at all."
        ),
        1,
        N_("%(points)s for each right pair."),
        _typed,
        "spans with a type",
        items.match,
        names_techniques=True,
        minutes=1,
    ),
    "said-verb": ActivityKind(
        N_("Said, or something else?"),
        N_(
            "Each sentence has a blank where the writer used a verb for saying. Circle the verb a "
            "neutral reporter would use, underline the one you think the writer chose, and say "
            "what the writer's verb suggests."
        ),
        2,
        N_(
            "%(points)s for each item: half for the neutral verb, half for saying what the "
            "writer's verb suggests."
        ),
        lambda s: s.kind == "loaded" and s.type == "said-verb" and bool(s.neutral),
        "loaded spans of type 'said-verb' with a 'neutral' wording",
        items.said_verb,
        asks_neutral=True,
        minutes=2,
        prints_sentence=True,
        english_only=True,
    ),
    "sort": SortKind(
        N_("Sort it"),
        N_(
            "Sort the words in bold: tick whether each one uses loaded words, gives a claim with "
            "no source, or names its source."
        ),
        1,
        N_("%(points)s for each statement in the right column."),
        lambda s: True,
        "spans that fit exactly one column",
        items.sort,
        every_kind_first=True,
        names_techniques=True,
        minutes=0.5,
        prints_sentence=True,
    ),
    "tally": ActivityKind(
        N_("Count it"),
        N_(
            "Read the passage again and count how often each technique appears. Write the number "
            "in the table."
        ),
        1,
        N_(
            "%(points)s for each technique whose count is in the range the key gives: the key's "
            "count give or take 1, or give or take a fifth of it (rounded up) when it is over 5, "
            "because where a phrase starts and ends is a judgement call."
        ),
        _typed,
        "spans with a type",
        items.tally,
        no_count="it counts every span",
        names_techniques=True,
        minutes=0.25,
    ),
    "source-check": ActivityKind(
        N_("Check the source"),
        N_(
            "Investigate the claim. Who is behind it? What is the evidence? What do other "
            "sources say? Make notes in each column."
        ),
        6,
        N_("%(points)s for each claim: a third for each column with a specific, checkable note."),
        lambda s: s.kind == "unsourced",
        "unsourced spans",
        default_count=1,
        minutes=6,
        research=True,
        prints_sentence=True,
    ),
    "compare": ActivityKind(
        N_("Compare the coverage"),
        N_(
            "Both passages report the same events. For each fact, copy the words each writer "
            "chose, and say what the difference does to the reader."
        ),
        2,
        N_(
            "%(points)s for each row: half for the two wordings, half for what the difference does."
        ),
        None,  # its rows come from `pairs`, or from the taxonomy's types
        "",
        comparing.compare,
        no_count="it uses every pair",
        keys=("passages", "pairs"),
        names_techniques=True,
        minutes=3,
    ),
    "vocabulary": ActivityKind(
        N_("Charged words"),
        N_("For each word, write what it means and a neutral word a reporter could use instead."),
        2,
        N_("%(points)s each: half for the meaning, half for a neutral word."),
        lambda s: _loaded_with_neutral(s) and len(s.text.split()) <= 4,
        "short loaded spans with a 'neutral' wording",
        students_write=True,
        asks_neutral=True,
        minutes=1.5,
    ),
    "make-it-loaded": ActivityKind(
        N_("Make it loaded"),
        N_(
            "These sentences have been made neutral. Rewrite the word in bold to push the reader's "
            "feelings, and name the technique you used."
        ),
        2,
        N_("%(points)s each: half for a loaded rewording, half for naming its technique."),
        _loaded_with_neutral,
        "loaded spans with a 'neutral' wording (outside quotations)",
        items.neutral_sentences,
        students_write=True,
        names_techniques=True,
        prints_neutral_sentence=True,
        minutes=2,
        prints_sentence=True,
    ),
    "respond": ActivityKind(
        N_("Your turn"),
        N_("Answer in full sentences, using evidence from the text."),
        4,
        N_("Score with the rubric below."),
        None,
        "",
        items.no_items,
        no_count="it has one prompt",
        keys=("prompt", "rubric", "samples", "lines"),
        points_per_item=False,
        minutes=12,
    ),
}
