"""Property test: whatever text a passage holds, a workspace that checks builds to every
online format, QTI that the official schemas accept and Moodle XML that parses."""

from __future__ import annotations

import random
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import cli
from xsd import validate_manifest, validate_qti

# Text from the web and from comment sections: markup, template syntax, Cloze syntax,
# quotation marks, controls and scripts of other languages.
ODD = [
    "<b>bold</b>", "&amp;", "&", "{{ x }}", "{% if x %}", "<script>alert(1)</script>", "]]>",
    "\u202e", "é", "…", "“", "”", "«", "»", "¶", "{", "}", "#", "~", "=", "%", "/",
    "{1:MC:=a~b}", "$1.50", "U.S.", "p.m.", "—", "‘", "’", "العربية", "日本語", "*", "_",
]  # fmt: skip
WORDS = [
    "the",
    "council",
    "plan",
    "will",
    "fail",
    "as",
    "many",
    "residents",
    "said",
    "on",
    "Monday",
    "in",
    "the",
    "report",
]


def passage(rng: random.Random) -> str:
    def text(low: int, high: int) -> str:
        pieces = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
        for _ in range(rng.randint(0, 3)):
            pieces.insert(rng.randrange(len(pieces) + 1), rng.choice(ODD))
        return " ".join(pieces)

    paragraphs = []
    for n in range(5):
        loaded = (
            f'[{text(1, 2)}]{{.loaded #l{n} type="emotive" why="{rng.choice(ODD)} judges." '
            f'neutral="plain {rng.choice(WORDS)}"}}'
        )
        claim = (
            f'[{text(3, 6)}]{{.unsourced #u{n} type="sweeping-claim" why="Who? {rng.choice(ODD)}" '
            f'ask="Who says {rng.choice(WORDS)}?" check="Records."}}'
        )
        # A backslash escapes what follows it: only where nothing follows.
        end = rng.choice([".", "!", "?", " \\"])
        paragraphs.append(f"{text(2, 8)} {loaded} {text(2, 8)}. {claim} {text(0, 5)}{end}")
    title = " ".join(rng.choice(WORDS) for _ in range(3)).title()
    return f'---\ntitle: "{title}"\n---\n' + "\n\n".join(paragraphs) + "\n"


EXERCISE = """\
title: Any text
passages: [p]
activities:
  - kind: spot
    paragraphs: 1-2
  - kind: rewrite
    paragraphs: 3-5
  - kind: who-says
    paragraphs: 3-5
  - kind: name-it
    paragraphs: 3-5
  - kind: tally
"""


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,  # the same cases every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_any_passage_text_builds_to_valid_online_files(seed: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "corpus").mkdir()
        (root / "exercises").mkdir()
        (root / "corpus/p.md").write_text(passage(random.Random(seed)), encoding="utf-8")
        (root / "exercises/e.yaml").write_text(EXERCISE, encoding="utf-8")
        assume(cli(root, "check").exit_code == 0)
        for format in ("qti", "moodle", "web"):
            result = cli(root, "build", "--format", format)
            assert result.exit_code == 0, result.output
        with zipfile.ZipFile(root / "output/e/e-A-qti.zip") as archive:
            for name in archive.namelist():
                check = validate_manifest if name == "imsmanifest.xml" else validate_qti
                assert check(archive.read(name)) == [], name
        etree.fromstring((root / "output/e/e-A-moodle.xml").read_bytes())
        page = (root / "output/e/e-A-web.html").read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in page  # passage text stays text
