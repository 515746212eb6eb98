"""The activity catalogue: for each kind, what it draws from a passage and how it is marked.

One table, so that the exercise checker, the selection of items and the
templates agree on every kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import FIND_KINDS, Activity, Passage, Span


@dataclass(frozen=True)
class KindSpec:
    """One activity kind: its title, default instructions, points and items."""

    title: str
    instructions: str
    points: int  # per item, unless the activity sets `points`
    scoring: str  # the rule the key states; `{points}` is the points per item
    draws: Callable[[Span], bool] | None  # which spans are items; None: no span items
    what: str  # the eligible spans, for messages: "loaded spans with a 'neutral' wording"
    takes_count: bool = True
    default_count: int | None = None  # None: every eligible span
    keys: tuple[str, ...] = ()  # keys this kind accepts beyond the common ones


def _loaded_with_neutral(span: Span) -> bool:
    return span.kind == "loaded" and bool(span.neutral) and not span.quoted


def _typed(span: Span) -> bool:
    return span.kind in FIND_KINDS and span.type is not None


KINDS: dict[str, KindSpec] = {
    "spot": KindSpec(
        "Spot the spin",
        "Read the passage. Underline every loaded word or phrase: words chosen to make you "
        "feel something, not just to tell you what happened. Circle every claim that does not "
        "say who says so or how they know.",
        1,
        "{points} for each span found with the right mark (underline or circle); half of "
        "that for a mark of the wrong kind. A mark counts when it overlaps the span, even if it "
        "does not cover all of it.",
        lambda s: s.kind in FIND_KINDS,
        "spans",
        takes_count=False,
    ),
    "rewrite": KindSpec(
        "Say it neutrally",
        "Each sentence has a loaded phrase in bold. Rewrite the phrase in neutral words that "
        "tell what happened without pushing a feeling.",
        2,
        "{points} each: full marks for a wording with no charged word that keeps the "
        "facts; half for a wording that is calmer but still judges.",
        _loaded_with_neutral,
        "loaded spans with a 'neutral' wording (outside quotations)",
    ),
    "who-says": KindSpec(
        "Who says?",
        "The claims in bold do not say where they come from. For each one, write who the "
        "source might be, what evidence you would need to believe it, and where you could check.",
        3,
        "{points} each: a third for each column with a sensible answer.",
        lambda s: s.kind == "unsourced",
        "unsourced spans",
    ),
    "name-it": KindSpec(
        "Name it",
        "Each quotation comes from the passage. Tick the name that fits what the words do.",
        1,
        "{points} for each right name.",
        _typed,
        "spans with a type",
    ),
    "match": KindSpec(
        "Match it",
        "Draw a line from each quotation to the name of what its words do. A name may be "
        "used more than once, or not at all.",
        1,
        "{points} for each right pair.",
        _typed,
        "spans with a type",
    ),
    "said-verb": KindSpec(
        "Said, or something else?",
        "Each sentence has a blank where the writer used a verb for saying. Circle the verb a "
        "neutral reporter would use, underline the one you think the writer chose, and say "
        "what the writer's verb suggests.",
        2,
        "{points} for each item: half for the neutral verb, half for saying what the writer's "
        "verb suggests.",
        lambda s: s.kind == "loaded" and s.type == "said-verb" and bool(s.neutral),
        "loaded spans of type 'said-verb' with a 'neutral' wording",
    ),
    "sort": KindSpec(
        "Sort it",
        "Sort the statements from the passage: tick whether each one uses loaded words, gives "
        "a claim with no source, or names its source.",
        1,
        "{points} for each statement in the right column.",
        lambda s: True,
        "spans",
    ),
    "tally": KindSpec(
        "Count it",
        "Read the passage again and count how often each technique appears. Write the number "
        "in the table.",
        1,
        "{points} for each technique counted exactly.",
        _typed,
        "spans with a type",
        takes_count=False,
    ),
    "source-check": KindSpec(
        "Check the source",
        "Investigate the claim. Who is behind it? What is the evidence? What do other "
        "sources say? Make notes in each column.",
        6,
        "{points} for each claim: a third for each column with a specific, checkable note.",
        lambda s: s.kind == "unsourced",
        "unsourced spans",
        default_count=1,
    ),
    "compare": KindSpec(
        "Compare the coverage",
        "Both passages report the same events. For each fact, copy the words each writer "
        "chose, and say what the difference does to the reader.",
        2,
        "{points} for each row: half for the two wordings, half for what the difference does.",
        _typed,
        "spans with a type",
        takes_count=False,
        keys=("passages", "pairs"),
    ),
    "vocabulary": KindSpec(
        "Charged words",
        "For each word, write what it means and a neutral word a reporter could use instead.",
        2,
        "{points} each: half for the meaning, half for a neutral word.",
        lambda s: _loaded_with_neutral(s) and len(s.text.split()) <= 4,
        "short loaded spans with a 'neutral' wording",
    ),
    "make-it-loaded": KindSpec(
        "Make it loaded",
        "These sentences have been made neutral. Rewrite the word in bold to push the reader's "
        "feelings, and name the technique you used.",
        2,
        "{points} each: half for a loaded rewording, half for naming its technique.",
        _loaded_with_neutral,
        "loaded spans with a 'neutral' wording (outside quotations)",
    ),
    "respond": KindSpec(
        "Your turn",
        "Answer in full sentences, using evidence from the text.",
        4,
        "Score with the rubric below.",
        None,
        "",
        takes_count=False,
        keys=("prompt", "rubric", "samples", "lines"),
    ),
}


# A compare activity without `pairs` lists techniques, not facts.
COMPARE_BY_TYPE = (
    "For each technique, copy one example from each passage, or write “none”, and say which "
    "passage leans on it more."
)

# What a speech verb tells the reader beyond "words were said" (the said-verb activity's key).
SAID_VERBS = {
    "said": "Neutral: it reports that words were spoken, and nothing more.",
    "stated": "Neutral, a little formal.",
    "claimed": "Hints that the statement may not be true.",
    "admitted": "Hints that the speaker owned up to something wrong or embarrassing.",
    "insisted": "Makes the speaker sound stubborn, or suggests that others doubt them.",
    "conceded": "Suggests the speaker gave in to an opponent.",
    "alleged": "Stresses that the statement is unproven.",
    "slammed": "Makes the speaker sound angry and the moment dramatic.",
    "boasted": "Makes the speaker sound vain.",
    "revealed": "Suggests a hidden truth came out.",
    "warned": "Suggests danger ahead.",
    "demanded": "Makes a request sound like an order.",
}

SORT_COLUMNS = {
    "loaded": "Loaded words",
    "unsourced": "No source",
    "sourced": "Names its source",
}


def eligible(activity: Activity, passage: Passage) -> list[Span]:
    """The spans an activity may draw its items from, in passage order."""
    draws = KINDS[activity.kind].draws
    if draws is None:
        return []
    return [s for s in passage.spans if activity.covers(s) and draws(s)]
