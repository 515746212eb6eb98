"""Page breaks and space to write, read back from real PDFs by position on the page.

pdfplumber gives each word with its font, size and coordinates, and each filled
rectangle with its colour. From these the tests find what a teacher looks for:
activity headings (12.5 pt bold sans), table header rows (the grey fill of
`thead th`), item numbers ("3." first on its line) and paragraph numbers (bold
sans 8 pt in the passage's left margin), and check where the page breaks fall:
never after a heading or header without two of its items or rows, never before a
table's last row alone, never before what would have fitted in the page's blank
foot; and that a numbered first line holds all that fits, that ruled lines match
what each answer asks, and that a key shows the student's columns.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest

from conftest import FIXTURE_WORKSPACE, MakeWorkspace, Run, cli, pdf_text
from spinsheet.build import BuildOptions, plan
from spinsheet.workspace import load_workspace

BOTTOM_MARGIN = 0.75 * 72  # @page margin-bottom: below it only the running foot
RIGHT_MARGIN = 0.75 * 72  # @page margin-right
WORD_SPACE = 0.318 * 10.5  # a space in the passage's DejaVu Serif 10.5 pt
MATCH_ROW = 14.0  # a match table's line of 9 pt text, from its top to the row's end
# An activity's top margin and its heading's (10 + 16 pt), and a little more: what a page
# needs besides the block it would hold.
ACTIVITY_GAP = 30.0
MARKER_SIZE = 6.5  # a span's marker on the key, L1 or U1, set before its first word
HEADER_GREY = 0.9  # thead th { background: #e6e6e6 }
ITEM_NUMBER = re.compile(r"\d{1,2}\.")


@dataclass(frozen=True)
class Line:
    top: float
    words: tuple[dict[str, object], ...]

    @property
    def text(self) -> str:
        return " ".join(str(w["text"]) for w in self.words)

    @property
    def first(self) -> dict[str, object]:
        return self.words[0]


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]  # the page's text above the bottom margin, top to bottom
    header_rows: tuple[tuple[float, float], ...]  # top and bottom of each grey table header row
    words: tuple[dict[str, object], ...]
    rules: tuple[tuple[float, float], ...]  # left end and y of each ruled line to write on
    right: float = 0.0  # where a line of text may end: the page's width less its right margin
    limit: float = 0.0  # where the running foot's margin begins
    ink: tuple[float, float] = (0.0, 0.0)  # top of what the page prints first, bottom of its last
    borders: tuple[float, ...] = ()  # the y of each table border across a cell, top to bottom

    def blank(self) -> float:
        """The height left empty at the page's foot."""
        return self.limit - self.ink[1]

    def starts(self) -> list[float]:
        """Where a heading, an item, a table row or a paragraph starts on this page."""
        tops = {line.top for line in self.headings()}
        tops |= {line.top for line in self.item_lines(0)}
        tops |= {
            float(str(w["top"]))
            for w in self.words
            if _bold_sans(w) and _size(w) == 8.0 and str(w["text"]).isdigit()
        }
        for header in self.header_rows:
            below = [line.top for line in self.lines if line.top > header[1]]
            tops |= {b for a, b in itertools.pairwise([header[1], *below]) if b - a > 14}
            tops |= set(below[:1])
        return sorted(tops)

    def first_block(self) -> float:
        """How tall the page's first block is, as the rules keep it together: a heading with
        what it introduces and its first two items or rows, but not the next activity's
        heading (a match table on a student sheet whole: to its last dot, ●); a table header
        repeated with the two rows it may keep under it; else the item, row or paragraph the
        page starts with. Each runs to where the next one starts, or the page's last line."""
        if not self.lines:
            return 0.0
        first = self.lines[0]
        starts = [t for t in self.starts() if t > first.top + 4]  # not its own number
        heading = _heading(first)
        header = any(r[0] < first.top + 2 for r in self.header_rows)
        count = 3 if heading or header else 1
        end = starts[count - 1] if len(starts) >= count else self.ink[1]
        if heading:
            after = min((h.top for h in self.headings() if h.top > first.top + 2), default=end)
            dots = [line.top + MATCH_ROW for line in self.lines if "●" in line.text]
            end = min(max([end, *(d for d in dots if d < after)]), after)
        return end - self.ink[0]

    def headings(self) -> list[Line]:
        return [line for line in self.lines if _size(line.first) == 12.5]

    def item_lines(self, below: float, above: float = float("inf")) -> list[Line]:
        return [
            line
            for line in self.lines
            if below < line.top < above and ITEM_NUMBER.fullmatch(str(line.first["text"]))
        ]

    def rows_under(self, header: tuple[float, float]) -> int:
        """How many table rows follow a header row on this page: a row starts where the gap
        between two lines is more than a line of table text (11 pt) apart."""
        tops = [line.top for line in self.lines if line.top > header[1]]
        return len(tops) and 1 + sum(b - a > 14 for a, b in itertools.pairwise(tops))

    def items_after(self, top: float) -> int:
        """Items (numbered) or table rows after `top` on this page."""
        headers = [h for h in self.header_rows if h[0] > top]
        return max(len(self.item_lines(top)), self.rows_under(headers[0]) if headers else 0)

    def starts_with_items(self) -> bool:
        """True when the page goes on with a list or table of the page before: its first
        line is an item, or a header row repeated at the top, or the rest of an item (a
        key's item breaks between its answers) with more items below it."""
        if not self.lines:
            return False
        top = self.lines[0].top
        ends = [line.top for line in self.lines if _heading(line)]
        return (
            bool(self.item_lines(top - 1, min(ends, default=self.limit)))
            and not _heading(self.lines[0])
        ) or any(r[0] < top + 2 for r in self.header_rows)


def _size(word: dict[str, object]) -> float:
    return round(float(str(word["size"])), 1)


def _bold_sans(word: dict[str, object]) -> bool:
    return str(word["fontname"]).endswith("DejaVu-Sans-Bold")


def _heading(line: Line) -> bool:
    """An activity's heading (h2, 12.5 pt) or a heading inside one (h3, bold sans 10 pt)."""
    return _size(line.first) == 12.5 or (_size(line.first) == 10.0 and _bold_sans(line.first))


def read_pages(pdf: Path) -> list[Page]:
    pages = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            limit = float(page.height) - BOTTOM_MARGIN
            words = [
                w
                for w in page.extract_words(extra_attrs=["fontname", "size"])
                if float(w["bottom"]) <= limit
            ]
            lines: list[list[dict[str, object]]] = []
            for word in sorted(words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
                if lines and abs(float(str(lines[-1][0]["top"])) - float(word["top"])) < 3:
                    lines[-1].append(word)
                else:
                    lines.append([word])
            header_rows = sorted(
                {
                    (round(float(r["top"])), round(float(r["bottom"])))
                    for r in page.rects
                    if _grey(r.get("non_stroking_color"))
                }
            )
            pages.append(
                Page(
                    number,
                    tuple(
                        Line(
                            float(str(ws[0]["top"])),
                            tuple(sorted(ws, key=lambda w: float(str(w["x0"])))),
                        )
                        for ws in lines
                    ),
                    tuple((float(t), float(b)) for t, b in header_rows),
                    tuple(words),
                    _rules(page.rects),
                    float(page.width) - RIGHT_MARGIN,
                    limit,
                    _ink(page, words, limit),
                    tuple(
                        sorted(
                            {
                                round(float(str(line["top"])))
                                for line in page.lines
                                if line["top"] == line["bottom"]
                                and float(str(line["x1"])) - float(str(line["x0"])) > 20
                            }
                        )
                    ),
                )
            )
    return pages


def _ink(
    page: pdfplumber.page.Page, words: list[dict[str, object]], limit: float
) -> tuple[float, float]:
    """The top and the bottom of what the page prints above its foot: text, rules, borders."""
    spans = [(float(str(w["top"])), float(str(w["bottom"]))) for w in words]
    spans += [
        (float(str(o["top"])), float(str(o["bottom"])))
        for o in (*page.rects, *page.lines)
        if float(str(o["bottom"])) <= limit
    ]
    return (min(t for t, _ in spans), max(b for _, b in spans)) if spans else (limit, limit)


def _rules(rects: list[dict[str, object]]) -> tuple[tuple[float, float], ...]:
    """The ruled lines of `.write-line`: WeasyPrint draws a box's bottom border as two
    filled rectangles, the box and the box less its border, whose bottoms differ by it."""
    boxes: dict[tuple[float, float, float], list[float]] = defaultdict(list)
    for r in rects:
        corner = (round(float(str(r["x0"])), 1), round(float(str(r["x1"])), 1))
        boxes[(*corner, round(float(str(r["top"])), 1))].append(float(str(r["bottom"])))
    return tuple(
        sorted(
            (x0, max(bottoms))
            for (x0, _, top), bottoms in boxes.items()
            if len(bottoms) == 2
            and 0.3 < max(bottoms) - min(bottoms) < 1.2
            and max(bottoms) - top > 14  # a line to write on, not a heading's rule
        )
    )


def _grey(colour: object) -> bool:
    return (
        isinstance(colour, tuple)
        and len(colour) == 3
        and all(abs(float(c) - HEADER_GREY) < 0.01 for c in colour)
    )


def break_problems(pdf: Path) -> list[str]:
    """Every place where a page break strands a heading, a table header or a paragraph number,
    or comes too soon: before what would have fitted on the page."""
    pages = read_pages(pdf)
    problems = []
    for page, following in zip(pages, [*pages[1:], None], strict=True):
        goes_on = following is not None and following.starts_with_items()
        where = f"{pdf.name} p{page.number}"
        headings = page.headings()
        # An activity heading whose items go on overleaf keeps two of them on its page.
        if headings and goes_on and page.items_after(headings[-1].top) < 2:
            problems.append(f"{where}: heading {headings[-1].text!r} without two of its items")
        # So does a table header row (not one repeated at the top of a page).
        if goes_on and page.header_rows and page.header_rows[-1][0] > page.lines[0].top + 2:
            header = page.header_rows[-1]
            if page.rows_under(header) < 2:
                problems.append(f"{where}: a table header at {header[0]:.0f}pt without two rows")
        # A table that goes on overleaf takes two rows there: its last never goes alone.
        if page.number > 1 and page.header_rows and page.header_rows[0][0] < page.lines[0].top + 2:
            header = page.header_rows[0]
            ends = [line.top for line in page.lines if line.top > header[1] and _heading(line)]
            ends += [row[0] for row in page.header_rows[1:]]
            rows = [y for y in page.borders if header[1] + 2 < y < min(ends, default=page.limit)]
            if len(rows) < 2:
                problems.append(f"{where}: a table goes on with {len(rows)} row under its header")
        problems += [f"{where}: {problem}" for problem in first_line_problems(page)]
        # A page ends blank only where what starts the next page would not have fitted.
        if following is not None and following.first_block() + ACTIVITY_GAP < page.blank():
            problems.append(
                f"{where}: {page.blank():.0f}pt left blank, where the "
                f"{following.first_block():.0f}pt that start p{following.number} fit"
            )
    return problems


def _x0(word: dict[str, object]) -> float:
    return float(str(word["x0"]))


def _x1(word: dict[str, object]) -> float:
    return float(str(word["x1"]))


def first_line_problems(page: Page) -> list[str]:
    """A paragraph number sits on its paragraph's first line, and that line holds all that
    fits: the first word of the line below (with a span's marker, which sticks to it) would
    not have fitted after it. Below a line means the next line of the same paragraph, one
    line height down (the passage sets 10.5 pt text 1.75 or 1.85 apart)."""
    problems = []
    for number in page.words:
        if not (_bold_sans(number) and _size(number) == 8.0 and str(number["text"]).isdigit()):
            continue
        top, left = float(str(number["top"])), _x1(number)
        line = [w for w in page.words if abs(float(str(w["top"])) - top) < 4 and _x0(w) > left]
        if not [w for w in line if _size(w) == 10.5]:
            problems.append(f"paragraph number {number['text']} on its own")
            continue
        below = sorted(
            (
                w
                for w in page.words
                if 12 < float(str(w["top"])) - top < 22
                and _x0(w) > left
                and _size(w) in (MARKER_SIZE, 10.5)
            ),
            key=_x0,
        )
        if not [w for w in below if _size(w) == 10.5]:
            continue  # the paragraph is one line long, or the page ends
        markers = list(itertools.takewhile(lambda w: _size(w) == MARKER_SIZE, below))
        word = below[len(markers)] if len(markers) < len(below) else below[-1]
        end = max(_x1(w) for w in line)
        if end + WORD_SPACE + _x1(word) - _x0(below[0]) < page.right - 3:
            text = " ".join(str(w["text"]) for w in sorted(line, key=_x0))
            problems.append(
                f"paragraph {number['text']}: its first line {text!r} ends short of "
                f"{word['text']!r}, which fits after it"
            )
    return problems


# A passage long enough for several pages, every paragraph with a loaded word, a
# claim with no source and a said-verb, so that every activity has items to spare.
PARAGRAPH = (
    'The council\'s [reckless]{{.loaded type=emotive why="Judges before showing." '
    "neutral=sudden}} decision {n} came after months of talk about the old bridge, "
    "the ferry, the buses and the long queues that commuters now face each morning "
    "on their way to work in town. "
    '[Experts agree]{{.unsourced type=vague-attribution why="No expert is named." '
    'ask="Which experts?" check="The inspection report."}} the bridge could have '
    "stayed open for another year. The mayor "
    '[slammed]{{.loaded type=said-verb why="Makes a reply sound violent." neutral=criticised}} '
    "the plan at a meeting on Tuesday evening, and residents filled the hall."
)


def long_passage(paragraphs: int) -> str:
    body = "\n\n".join(PARAGRAPH.format(n=n) for n in range(1, paragraphs + 1))
    return f"---\ntitle: A Long Row About a Bridge\n---\n{body}\n"


def build(run: Run, root: Path) -> dict[str, Path]:
    result = run(root, "build")
    assert result.exit_code == 0, result.output
    return {p.name: p for p in (root / "output").glob("**/*.pdf")}


ACTIVITIES = """\
  - kind: sort
    count: 8
  - kind: match
    count: 6
  - kind: who-says
    count: 5
  - kind: vocabulary
    count: 5
  - kind: said-verb
    count: 5
  - kind: rewrite
    count: 5
  - kind: name-it
    count: 5
"""


@pytest.mark.parametrize("paragraphs", [13, 17, 21])
def test_no_heading_header_or_paragraph_number_stranded(
    make_workspace: MakeWorkspace, run: Run, paragraphs: int
) -> None:
    # Three passage lengths move every activity to a different place on its page.
    root = make_workspace(
        {
            "corpus/bridge.md": long_passage(paragraphs),
            "exercises/bridge.yaml": "title: Breaks\npassages: [bridge]\n"
            f"activities:\n{ACTIVITIES}",
        }
    )
    pdfs = build(run, root)
    assert sum(len(read_pages(p)) for p in pdfs.values()) >= 8  # breaks to test
    assert [problem for pdf in sorted(pdfs.values()) for problem in break_problems(pdf)] == []


def test_an_activity_that_ends_a_page_keeps_no_other_from_it(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    # Spot's student sheet is a heading and instructions, no items: once glued to the next
    # activity's heading and first two items, all of it went overleaf, leaving a page a
    # quarter blank (the samples: half a page).
    root = make_workspace(
        {
            "corpus/bridge.md": long_passage(5),
            "exercises/bridge.yaml": "title: Breaks\npassages: [bridge]\nactivities:\n"
            "  - kind: spot\n    paragraphs: 1-2\n"
            "  - kind: rewrite\n    count: 3\n    paragraphs: 3-5\n"
            "  - kind: who-says\n    count: 2\n    paragraphs: 3-5\n",
        }
    )
    pdfs = build(run, root)
    assert [problem for pdf in sorted(pdfs.values()) for problem in break_problems(pdf)] == []


def ruled_lines_per_item(pdf: Path, heading: str) -> dict[str, tuple[int, ...]]:
    """For each numbered item of the activity headed `heading`, the ruled lines in each
    column of its space (down to the next item, heading or page foot), left to right: a
    column with no line to write on is not there at all."""
    counts = {}
    pages = read_pages(pdf)
    start = next(
        (p.number, line.top) for p in pages for line in p.headings() if heading in line.text
    )
    for page in pages[start[0] - 1 :]:
        top = start[1] if page.number == start[0] else 0.0
        ends = [line.top for line in page.headings() if line.top > top]
        items = page.item_lines(top, ends[0] if ends else float("inf"))
        bounds = [*(line.top for line in items), ends[0] if ends else float("inf")]
        for item, (a, b) in zip(items, itertools.pairwise(bounds), strict=False):
            columns = Counter(round(x) for x, y in page.rules if a < y < b)
            counts[str(item.first["text"])] = tuple(columns[x] for x in sorted(columns))
        if ends:
            break
    return counts


SPACE = """  - kind: said-verb
    count: 3
  - kind: vocabulary
    count: 3
  - kind: who-says
    count: 3
  - kind: rewrite
    count: 3
"""


@pytest.fixture(scope="module")
def space_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:

    root = tmp_path_factory.mktemp("space")
    (root / "corpus").mkdir()
    (root / "exercises").mkdir()
    (root / "corpus" / "bridge.md").write_text(long_passage(6), encoding="utf-8")
    (root / "exercises" / "space.yaml").write_text(
        f"title: Space\npassages: [bridge]\nactivities:\n{SPACE}", encoding="utf-8"
    )
    result = cli(root, "build", "--no-key")
    assert result.exit_code == 0, result.output
    return root / "output" / "space" / "space-A.pdf"


def test_said_verb_has_three_ruled_lines_for_what_the_verb_suggests(space_sheet: Path) -> None:
    # Half of said-verb's marks are for saying what the writer's verb suggests: a sentence.
    assert "What the writer's verb suggests" in " ".join(
        str(w["text"]) for p in read_pages(space_sheet) for w in p.words
    ).replace("’", "'")
    assert ruled_lines_per_item(space_sheet, "Said, or something else?") == {
        "1.": (3,),
        "2.": (3,),
        "3.": (3,),
    }


@pytest.mark.parametrize(
    ("heading", "columns"),
    [
        # What a word means and makes you feel is a sentence; a neutral word is a word, and
        # its one line is drawn (a cell's border as its only line read as no line at all).
        ("Charged words", (3, 1)),
        # Who the source is, what evidence, where to check: a sentence each.
        ("Who says?", (3, 3, 3)),
        # The phrase rewritten in its sentence.
        ("Say it neutrally", (3,)),
    ],
)
def test_sentence_answers_are_ruled_for_three_lines(
    space_sheet: Path, heading: str, columns: tuple[int, ...]
) -> None:
    counts = ruled_lines_per_item(space_sheet, heading)
    assert counts == {"1.": columns, "2.": columns, "3.": columns}


# A claim with no source long enough to run over two lines, after openings of every length:
# on the key, its dashed box once moved the whole claim to the next line (see worksheet.css).
CLAIM = (
    "[an attack in the Mazzeh neighbourhood (south-west of the city) killed the intelligence "
    "chief and his deputy, plus other members and a number of soldiers]{.unsourced "
    'type=vague-attribution why="No one is named." ask="Who counted?" check="Agency reports."}'
)
OPENINGS = [
    "",
    "On January 20,",
    "Ahson: bro,",
    "Then",
    "Last month,",
    "In the capital on a Tuesday,",
    "As the minister said in the House of Commons on the Friday before the vote,",
    "B.F.: the council cannot “control” its",
    "According to the paper,",
    "Nobody disputes that",
    "On the night of the storm,",
    "Months later, in a long statement,",
]


def test_a_paragraph_number_starts_a_full_first_line(
    make_workspace: MakeWorkspace, run: Run
) -> None:
    paragraphs = [f"{opening} {CLAIM}. The council met again." for opening in OPENINGS]
    # A quoted paragraph and a list item are numbered in the margin too, past their indent.
    paragraphs += [f"> Quoted: {CLAIM}.", f"- Listed: {CLAIM}."]
    body = "\n\n".join(paragraphs)
    root = make_workspace(
        {
            "corpus/claims.md": f"---\ntitle: Claims\n---\n{body}\n",
            "exercises/claims.yaml": "title: Claims\npassages: [claims]\nactivities:\n  - kind: spot\n",
        }
    )
    pdfs = build(run, root)
    assert sorted(pdfs) == ["claims-A-key.pdf", "claims-A.pdf"]
    problems = [
        f"{pdf.name} p{page.number}: {problem}"
        for pdf in sorted(pdfs.values())
        for page in read_pages(pdf)
        for problem in first_line_problems(page)
    ]
    assert problems == []
    # The PDF's text (copied, read aloud) gives each number just before its paragraph: a
    # positioned number, or paragraph, is painted and so read after the page's other text.
    text = pdf_text(pdfs["claims-A.pdf"])
    starts = [*(f"{o} an attack" if o else "an attack" for o in OPENINGS), "Quoted:", "Listed:"]
    assert [f"{n} {start}" for n, start in enumerate(starts, 1) if f"{n} {start}" not in text] == []
    # Every number lines up, right-aligned in the margin.
    ends = {
        round(float(str(w["x1"])))
        for page in read_pages(pdfs["claims-A.pdf"])
        for w in page.words
        if _bold_sans(w) and _size(w) == 8.0 and str(w["text"]).isdigit()
    }
    assert len(ends) == 1, ends


class TableHeaders(HTMLParser):
    """For each activity of a sheet, in order, the cells of each of its tables' header rows."""

    def __init__(self) -> None:
        super().__init__()
        self.activities: list[list[list[str]]] = []
        self.where: list[str] = []  # the open thead, tr and th elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section" and "activity" in (dict(attrs).get("class") or "").split():
            self.activities.append([])
        elif tag in ("thead", "tr", "th") and self.activities:
            self.where.append(tag)
            if self.where == ["thead", "tr"]:
                self.activities[-1].append([])
            elif self.where == ["thead", "tr", "th"]:
                self.activities[-1][-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if self.where and tag == self.where[-1]:
            self.where.pop()

    def handle_data(self, data: str) -> None:
        if self.where == ["thead", "tr", "th"]:
            cells = self.activities[-1][-1]
            cells[-1] = " ".join(f"{cells[-1]} {data}".split())


def table_headers(html: str) -> list[list[list[str]]]:
    parser = TableHeaders()
    parser.feed(html)
    return parser.activities


def test_a_key_shows_the_student_columns_in_their_order() -> None:
    # A colleague marks a sheet column by column from the key: the same headers, in the same
    # order. Spot and respond print a table on the key only (the answers, the rubric).
    sheets = {
        sheet.path.name: sheet.html
        for sheet in plan(load_workspace(FIXTURE_WORKSPACE), BuildOptions(format="html"))
    }
    compared = []
    for name, html in sorted(sheets.items()):
        if name.endswith("-key.html"):
            continue
        key = table_headers(sheets[name.replace(".html", "-key.html")])
        for number, (student, answers) in enumerate(zip(table_headers(html), key, strict=True), 1):
            if student:
                assert answers == student, f"{name}, activity {number}"
                compared.append(student[0][-1])
    # Every kind with a table for students: sort, tally, source-check, compare, vocabulary
    # and who-says.
    assert {"Names its source", "How many?", "What do other sources say?"} <= set(compared)
    assert {"What the difference does", "A neutral word instead", "Where could you check?"} <= set(
        compared
    )
