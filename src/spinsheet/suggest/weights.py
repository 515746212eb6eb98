"""Every number the suggester's rules use: scores, context weights, thresholds and counts.

Set by hand, then adjusted on the TUNING half of the benchmark corpora only
(bench/bench_suggest.py); see data/PROVENANCE.md. A weight is added to a candidate's score
when its context is seen; a negative weight makes the candidate less likely to be shown.
"""

from __future__ import annotations

# The lowest score `suggest` shows unless told otherwise.
DEFAULT_THRESHOLD = 0.45
# No score goes above this, however many weights add up.
MAX_SCORE = 1.0
# Scores are rounded to this many decimals, so the same text gives the same figures everywhere.
SCORE_DECIMALS = 3

# --- Loaded words (loaded.py) ---
# The score of a loaded word by the strength its list gives it (1 = often used plainly too,
# 3 = loaded almost wherever it appears in news).
STRENGTH = {1: 0.3, 2: 0.5, 3: 0.7}
INTENSIFIED = 0.15  # "utterly disgraceful": an intensifier makes the judgement louder
PAIRED = 0.1  # two loaded words in a row ("radical Islamic terrorists"), added per word joined
EXCLAIMED = 0.1  # the sentence ends with "!"
NAME_LIKE = -0.3  # capitalised inside a sentence: probably a name ("Mr. Savage", "Hope Street")
# How many plain words to take in on each side, so a span covers the natural phrase:
# "reckless decision" (the noun an adjective judges), "political theater" (a noun's modifier).
EXTEND_ADJ = 1  # after an adjective
EXTEND_NOUN = 1  # before a noun
EXTEND_OTHER_LEFT = 1  # before any other part of speech but a verb (verbs take in nothing)
EXTEND_OTHER_RIGHT = 1  # after any other part of speech but a verb
# A sentence counts as a headline, where capitals mean nothing, when it has at least this many
# words and at least this share of them capitalised.
TITLE_MIN_WORDS = 3
TITLE_CAPITALS = 0.6

# --- Punctuation (punctuation.py) ---
SCARE_QUOTES = 0.55  # a short phrase in quotation marks, not introduced as speech
QUOTED_WORD = 0.1  # a loaded word inside scare quotes
QUOTE_MAX_CHARS = 60  # longer quotations are quoted speech, not scare quotes
QUOTE_MAX_WORDS = 4  # the same, counted in words
# How far before a quotation to look for a speech verb or ":" or "," that introduces it.
SPEECH_BEFORE_CHARS = 30
QUESTION = 0.5  # a whole sentence ending in "?"
EXCLAMATION = 0.55  # a whole sentence ending in "!"
OUTBURST_MIN = 3  # fewer words are too often a plain question or a headline ("Why?")
OUTBURST_WORDS = 8  # a question or exclamation longer than this many words is...
OUTBURST_LONG = -0.05  # ...likelier to be a plain question

# --- Unsourced claims (unsourced.py) ---
VAGUE_SAYS = 0.65  # "experts say", "officials said" with no name
VAGUE_QUANTIFIED = 0.1  # "many experts", "some officials"
NAMED_NEARBY = -0.35  # "a spokesman for the Pentagon", "Pentagon officials": a name after all
POINTS_BACK = -0.15  # "the officials said" usually points back to a named group
# The score of a phrase from each phrase list of unsourced.txt.
PHRASE_SCORES = {
    "anonymous-phrases": 0.6,
    "passive-phrases": 0.6,
    "study-phrases": 0.5,
    "sweeping-phrases": 0.6,
    "hedge-phrases": 0.45,
}
NAMED_WITHIN = 3  # a capitalised word this many words after a source names it after all
SOURCE_MODIFIERS = 2  # plain words taken in before a vague noun: "some state officials"
# Words looked at for a quantifier before a vague noun ("a number of experts"); longer
# quantifiers in the list are not looked for.
QUANTIFIER_WORDS = 3
SOURCE_ADVERBS = 2  # words allowed between a vague noun and its verb: "have long said"
# Words looked at for a speech verb after a vague noun ("have long said"); longer entries in
# the list are not looked for.
SPEECH_WORDS = 3
