"""Generated and mutated workspaces, and the contract every one must keep.

Used by tests/test_properties.py (a small fixed budget in `make test`) and by
fuzz/run.py (as long as asked, saving minimal reproducers). A case is a dict of
workspace files; `keep_contract` runs `check`, and `build` where `check` passes,
through the real CLI, and returns what broke the contract, or "".

The contract (issue 12): exit 0, 1 or 2; no traceback; every line of a report is
`PATH:LINE:COL: error|warning: message` or the summary; a workspace `check`
accepts also builds.
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from spinsheet.catalogue import ACTIVITY_KINDS
from spinsheet.cli import app
from spinsheet.taxonomy import BUILTIN_TAXONOMY

Files = dict[str, str | bytes]

REPORT_LINE = re.compile(
    r"^[^\n]+:\d+:\d+: (error|warning): .+$|^Checked \d+ files?: .+$"
    r"|^\d+ errors?; nothing was written\.$"
)
WORDS = [
    "the",
    "mayor",
    "said",
    "plan",
    "council",
    "reckless",
    "experts",
    "agree",
    "many",
    "critics",
    "40",
    "per",
    "cent",
]
KINDS = {
    "loaded": ['type="emotive"', 'why="Feels."', 'neutral="plain"'],
    "unsourced": ['type="sweeping-claim"', 'why="Who?"', 'ask="Who says?"', 'check="Records."'],
    "sourced": ['type="named-source"', 'why="Named."', 'source="The council"'],
}
ODD = [
    "[", "]", "]{", "{.", "{#", '"', "`", "\\", "\n\n", "---", "**", "_", "<b>", "&amp;",
    "{{ x }}", "{% if %}", "<script>", "\u202e", "\x00", "\x0c", "\t", "é", "ß", "…", "“", "”",
    "¶", "1.", "#", ">", "    ", "![i](http://x/y.png)", "[l](javascript:x)", "99999999999",
    "&a [*a]", "*a", "\ue000", "\ue001", "\ue002", "{.sic}", "[sic]",
]  # fmt: skip


def pick(rng: random.Random, values: list[str]) -> str:
    """The first value (a valid one) most of the time, another now and then."""
    return values[0] if rng.random() < 0.93 else rng.choice(values)


def words(rng: random.Random, low: int = 1, high: int = 8) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def span(rng: random.Random, depth: int = 0) -> str:
    kind = rng.choice(list(KINDS))
    attrs = [a for a in KINDS[kind] if rng.random() < 0.95]
    if rng.random() < 0.03:
        attrs.append(rng.choice(['colour="red"', 'type="nope"', "#dup", 'suggested="0.5"']))
    inner = words(rng, 1, 4)
    if depth < 3 and rng.random() < 0.2:
        inner += " " + span(rng, depth + 1)
    if rng.random() < 0.05:
        return f"[{inner}]{{.sic}}"
    return f"[{inner}]{{.{kind} {' '.join(attrs)}}}"


def passage(rng: random.Random) -> str:
    title = words(rng, 1, 6).title()
    if rng.random() < 0.2:
        title = title + " " + span(rng).replace('"', '\\"')
    meta = [f'title: "{title}"']
    optional = {
        "author": "A. Writer",
        "published": pick(rng, ["2024-01-20", "2024-02-30", "soon", "99999"]),
        "genre": pick(rng, ["news", "comment", "opinion", "poem"]),
        "mask": pick(rng, ["true", "false", "maybe"]),
        "omit": pick(rng, ["[2]", "[1, 3-4]", "[0]", "[99]", "x"]),
        "omit_reason": "too much",
        "handles": pick(rng, ["anonymise", "keep", "hide"]),
        "content_notes": pick(rng, ["[war]", "[slurs]", "x"]),
        "url": pick(rng, ["https://example.org/a", "ftp://x", "javascript:alert(1)"]),
    }
    meta += [f"{k}: {v}" for k, v in optional.items() if rng.random() < 0.3]
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        parts = []
        for _ in range(rng.randint(1, 5)):
            parts.append(span(rng) if rng.random() < 0.5 else words(rng))
        lead = f"**{rng.choice(['Ann', 'Bob', '....'])}:** " if rng.random() < 0.2 else ""
        paragraphs.append(lead + " ".join(parts) + rng.choice([".", "!", "?", ""]))
    return "---\n" + "\n".join(meta) + "\n---\n" + "\n\n".join(paragraphs) + "\n"


def exercise(rng: random.Random, passage_ids: list[str]) -> str:
    ids = passage_ids or ["nowhere"]
    named = ids if rng.random() < 0.3 else ids[:1]
    lines = [f"title: {words(rng, 1, 4)}", f"passages: [{', '.join(named)}]"]
    for key, values in {
        "variants": ["1", "2", "3", "0", "27", "x"],
        "seed": ["1", "-5", "1.5"],
        "minutes": ["20", "1", "x"],
        "paper": ["a4", "letter", "legal"],
        "avoid": ["[war]", "[kill*]", "war"],
        "excerpt": [f"{{{ids[0]}: 1-2}}", f"{{{ids[0]}: 3-1}}", "{x: 1}"],
    }.items():
        if rng.random() < 0.3:
            lines.append(f"{key}: {pick(rng, values)}")
    lines.append("activities:")
    for _ in range(rng.randint(1, 4)):
        kinds = [k for k in ACTIVITY_KINDS if k != "compare" or len(set(ids)) > 1]
        kind = pick(rng, [rng.choice(kinds), "nonsense"])
        lines.append(f"  - kind: {kind}")
        if len(named) > 1 and kind != "compare":
            lines.append(f"    passage: {rng.choice(named)}")
        if kind == "compare":
            lines.append(f"    passages: [{', '.join((ids * 2)[:2])}]")
        if kind == "respond":
            lines.append("    prompt: Why?")
            lines.append("    rubric: [{level: Good, descriptor: Says why.}]")
        for key, values in {
            "count": ["1", "2", "0", "x"],
            "paragraphs": ["1", "1-2", "0-3", "2-1", "x"],
            "shuffle": ["false", "true"],
            "points": ["2", "-1"],
            "instructions": ["Do it.", "{{ bad }}"],
        }.items():
            if rng.random() < 0.2:
                lines.append(f"    {key}: {pick(rng, values)}")
    return "\n".join(lines) + "\n"


def mutate(rng: random.Random, text: str, edits: int = 3) -> str:
    """A few random edits of the kind mistyping and hostile input make."""
    for _ in range(edits):
        if not text:
            text = rng.choice(ODD)
            continue
        at = rng.randrange(len(text))
        choice = rng.random()
        if choice < 0.35:
            text = text[:at] + rng.choice(ODD) + text[at:]
        elif choice < 0.6:
            text = text[:at] + text[at + rng.randint(1, 20) :]
        elif choice < 0.8:
            size = rng.randint(1, 60)
            text = text[:at] + text[at : at + size] * rng.randint(2, 30) + text[at:]
        else:
            text = text[:at] + chr(rng.randint(1, 0x2FFF)) + text[at + 1 :]
    return text


def workspace(rng: random.Random) -> Files:
    """A workspace of one or two passages and exercises, some of it mutated."""
    files: Files = {}
    ids = [f"p{n}" for n in range(rng.randint(1, 2))]
    for pid in ids:
        text = passage(rng)
        files[f"corpus/{pid}.md"] = mutate(rng, text) if rng.random() < 0.3 else text
    for n in range(rng.randint(1, 2)):
        text = exercise(rng, ids)
        files[f"exercises/e{n}.yaml"] = mutate(rng, text) if rng.random() < 0.3 else text
    if rng.random() < 0.1:
        files["taxonomy.yaml"] = mutate(rng, BUILTIN_TAXONOMY.read_text(), rng.randint(1, 3))
    if rng.random() < 0.1:
        files["mask-words.txt"] = mutate(rng, "darn\nheck*\na$$ [slur]\n", rng.randint(0, 3))
    if rng.random() < 0.05:
        files["templates/activities/spot.html"] = mutate(rng, "{{ activity.title }}\n", 2)
    if rng.random() < 0.05:
        name = rng.choice(list(files))
        files[name] = str(files[name]).encode("utf-8", "surrogatepass") + b"\xff"
    return files


IMPORTS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "imports"
# Each format with valid files of its own (for doccano, the last is the --map file).
IMPORT_CASES = [
    ("text", ["article.txt"]),
    ("html", ["article.html"]),
    ("hypothesis", ["hypothesis-export.json", "article.txt"]),
    ("w3c", ["w3c.jsonld", "article.txt"]),
    ("brat", ["article-brat.txt", "article-brat.ann"]),
    ("ptc", ["article999000123.txt", "article999000123.task-flc-tc.labels"]),
    ("label-studio", ["label-studio.json"]),
    ("doccano", ["doccano.jsonl", "map-doccano.yaml"]),
]
IMPORT_COMMAND = "IMPORT"  # a case's pseudo-file: the import to run, instead of check


def import_files(rng: random.Random) -> Files:
    """One format's valid files, one of them mutated, and the import command to run."""
    format, names = rng.choice(IMPORT_CASES)
    files: Files = {name: (IMPORTS / name).read_text(encoding="utf-8") for name in names}
    target = rng.choice(names)
    files[target] = mutate(rng, str(files[target]), rng.randint(1, 4))
    args = [*names[:-1], "--map", names[-1]] if format == "doccano" else names
    files[IMPORT_COMMAND] = " ".join([format, *args, "--id", "fuzzed"])
    files["exercises/.keep"] = ""
    return files


Generator = Callable[[random.Random], Files]
TARGETS: dict[str, Generator] = {"workspace": workspace, "import": import_files}


def write(root: Path, files: Files) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8", "surrogatepass"))


def keep_contract(files: Files, pdf: bool = False) -> str:
    """What the CLI did against the contract on these files, or "" if it kept it."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write(root, {k: v for k, v in files.items() if k != IMPORT_COMMAND})
        runner = CliRunner()
        if IMPORT_COMMAND in files:  # an import that succeeds leaves a passage that checks
            args = str(files[IMPORT_COMMAND]).split(" ")
            imported = runner.invoke(app, ["--workspace", str(root), "import", *args])
            broken = _broken("import", imported)
            if broken or imported.exit_code != 0:
                return broken
            (root / "corpus").mkdir(exist_ok=True)
        check = runner.invoke(app, ["--workspace", str(root), "check"])
        broken = _broken("check", check)
        if broken or check.exit_code != 0:
            return broken
        for format in ("pdf" if pdf else "html", *ONLINE_FORMATS):
            args = ["--workspace", str(root), "build", "--format", format]
            build = runner.invoke(app, args)
            if build.exit_code != 0:
                return (
                    f"check passed, build --format {format} exit {build.exit_code}: {_tail(build)}"
                )
            broken = _broken("build", build) or _invalid_online_files(root, format)
            if broken:
                return broken
        return ""


ONLINE_FORMATS = ("qti", "moodle", "web")


def _invalid_online_files(root: Path, format: str) -> str:
    """A QTI package's XML that the official schemas refuse, or Moodle XML that does not parse."""
    from lxml import etree

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from xsd import validate_manifest, validate_qti

    for path in sorted((root / "output").rglob("*-qti.zip") if format == "qti" else []):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                data = archive.read(name)
                check = validate_manifest if name == "imsmanifest.xml" else validate_qti
                if errors := check(data):
                    return f"build --format qti: {name} is not valid QTI: {errors[0][:200]}"
    for path in sorted((root / "output").rglob("*-moodle.xml") if format == "moodle" else []):
        try:
            etree.fromstring(path.read_bytes())
        except etree.XMLSyntaxError as exc:
            return f"build --format moodle: not XML: {exc}"
    return ""


def _broken(command: str, result: object) -> str:
    exception = getattr(result, "exception", None)
    code = getattr(result, "exit_code", None)
    if exception is not None and not isinstance(exception, SystemExit):
        return f"{command}: {type(exception).__name__}: {str(exception)[:200]}"
    if code not in (0, 1, 2):
        return f"{command}: exit {code}"
    stream = "stdout" if command == "check" else "stderr"
    if command in ("check", "import"):
        for line in str(getattr(result, stream, "")).splitlines():
            if not REPORT_LINE.match(line):
                return f"check: unpositioned line: {line[:200]!r}"
    return ""


def _tail(result: object) -> str:
    return str(getattr(result, "output", ""))[-300:]
