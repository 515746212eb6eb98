"""PDF/UA-1 checks: the rules of veraPDF's PDF/UA-1 profile that a worksheet can break,
written against pikepdf (veraPDF, a Java program from Maven Central, cannot be installed
here). See README, "Accessibility", for the list; each check names its clause of
ISO 14289-1 and, where it has one, the Matterhorn Protocol checkpoint.

`problems(path)` lists what a file breaks (empty: it passes); `structure(path)` gives
its structure tree with each element's text, for tests of reading order.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf

# ISO 32000-1, 14.8.4: the standard structure types (WeasyPrint uses no role map).
STANDARD_TYPES = frozenset(
    [
        "Document",
        "Part",
        "Art",
        "Sect",
        "Div",
        "BlockQuote",
        "Caption",
        "TOC",
        "TOCI",
        "Index",
        "NonStruct",
        "Private",
        "P",
        "H",
        "H1",
        "H2",
        "H3",
        "H4",
        "H5",
        "H6",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "TR",
        "TH",
        "TD",
        "THead",
        "TBody",
        "TFoot",
        "Span",
        "Quote",
        "Note",
        "Reference",
        "BibEntry",
        "Code",
        "Link",
        "Annot",
        "Ruby",
        "RB",
        "RT",
        "RP",
        "Warichu",
        "WT",
        "WP",
        "Figure",
        "Formula",
        "Form",
    ]
)
# Operators that paint text: outside marked content they are neither tagged nor artifacts.
TEXT_OPERATORS = frozenset(("Tj", "TJ", "'", '"'))


@dataclass
class Element:
    """A structure element: its type, language, alternative text, text and children."""

    tag: str
    lang: str | None = None
    alt: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    children: list[Element] = field(default_factory=list)
    text: str = ""  # its own marked content's text, filled in by `structure`

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_text(self) -> str:
        return " ".join(" ".join(e.text for e in self.walk() if e.text).split())


def problems(path: Path) -> list[str]:
    """Every PDF/UA-1 rule below that the file breaks, as a sentence naming the rule."""
    found: list[str] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        meta = pdf.open_metadata()
        if str(meta.get("pdfuaid:part", "")) != "1":  # 5: the PDF/UA identification schema
            found.append("5: the XMP metadata has no pdfuaid:part 1")
        mark_info = root.get("/MarkInfo")
        if mark_info is None or not _true(mark_info.get("/Marked")):  # 7.1-11 (01-002)
            found.append("7.1: the catalogue's /MarkInfo has no /Marked true")
        elif _true(mark_info.get("/Suspects")):  # 7.1-12 (01-003)
            found.append("7.1: /MarkInfo /Suspects is true")
        if "/StructTreeRoot" not in root:  # 7.1-1 (01-006)
            found.append("7.1: no /StructTreeRoot")
            return found
        if not str(root.get("/Lang", "")):  # 7.2-34 (11-006)
            found.append("7.2: the catalogue has no /Lang")
        title = str(pdf.docinfo.get("/Title", "")) or str(meta.get("dc:title", ""))
        if not title.strip():  # 7.1-8 (06-003)
            found.append("7.1: the document has no /Title")
        preferences = root.get("/ViewerPreferences")
        if preferences is None or not _true(preferences.get("/DisplayDocTitle")):
            found.append("7.1: /ViewerPreferences has no /DisplayDocTitle true")  # 7.1-10
        pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        tree = _element(root.StructTreeRoot, pages, None, found)
        found += _tree_problems(tree)
        tagged = {mcid for e in tree.walk() for mcid in e.mcids}
        for n, page in enumerate(pdf.pages):
            found += _content_problems(page, n, tagged)
            found += _font_problems(page, n)
    return found


def _element(
    obj: Any, pages: dict[tuple[int, int], int], page: int | None, found: list[str]
) -> Element:
    """The structure tree under `obj` (the root or a StructElem) as Elements."""
    tag = str(obj.get("/S", "/StructTreeRoot"))[1:]
    element = Element(
        tag,
        lang=str(obj["/Lang"]) if "/Lang" in obj else None,
        alt=str(obj["/Alt"]) if "/Alt" in obj else None,
        attributes=dict(obj.get("/A", {}).items())
        if isinstance(obj.get("/A"), pikepdf.Dictionary)
        else {},
    )
    if "/Pg" in obj:
        page = pages.get(obj.Pg.objgen)
    kids = obj.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        if isinstance(kid, int):  # an MCID on the element's page
            if page is None:
                found.append(f"7.1: {tag} holds MCID {kid} but names no page")
            else:
                element.mcids.append((page, int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            where = pages.get(kid.Pg.objgen) if "/Pg" in kid else page
            if where is not None:
                element.mcids.append((where, int(kid.MCID)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            continue  # an annotation: a link
        elif isinstance(kid, pikepdf.Dictionary):
            element.children.append(_element(kid, pages, page, found))
    return element


def _tree_problems(tree: Element) -> list[str]:
    found = []
    headings = []
    for element in tree.walk():
        if element.tag == "StructTreeRoot":
            continue
        if element.tag not in STANDARD_TYPES:  # 7.1-5 (02-004): nor role-mapped
            found.append(f"7.1: non-standard structure type {element.tag}")
        if element.tag in ("Figure", "Formula") and not element.alt:  # 7.3-1 (13-004)
            found.append(f"7.3: a {element.tag} has no /Alt")
        if element.tag == "Table":  # 7.5 (15-003): a table has header cells
            cells = [e.tag for e in element.walk() if e.tag in ("TH", "TD")]
            if "TH" not in cells:
                found.append("7.5: a Table has no TH cell")
            rows = [e for e in element.walk() if e.tag == "TR"]
            if any(c.tag not in ("TH", "TD") for row in rows for c in row.children):
                found.append("7.5: a TR holds something other than TH and TD")
        # 7.6 (16-001): a list holds items, a caption, and lists nested in it (PDF 1.7 nests
        # a list in its parent list, as WeasyPrint does; a multi-column list is one L a column)
        if element.tag == "L" and any(
            c.tag not in ("LI", "L", "Caption") for c in element.children
        ):
            found.append("7.6: an L holds something other than LI, L and Caption")
        if element.tag == "LI" and any(c.tag not in ("Lbl", "LBody") for c in element.children):
            found.append("7.6: an LI holds something other than Lbl and LBody")
        if element.tag in ("H1", "H2", "H3", "H4", "H5", "H6"):
            headings.append(int(element.tag[1]))
        if element.tag == "H":
            found.append("7.4: H mixed in: the file uses numbered headings")
    # 7.4.2 (14-002, 14-003): the first heading is H1, and none skips a level on the way down.
    if headings and headings[0] != 1:
        found.append(f"7.4: the first heading is H{headings[0]}, not H1")
    for before, after in itertools.pairwise(headings):
        if after > before + 1:
            found.append(f"7.4: H{before} is followed by H{after}")
    return found


def _content_problems(page: pikepdf.Page, n: int, tagged: set[tuple[int, int]]) -> list[str]:
    """7.1-3 (01-004, 01-005): each piece of content is an artifact or marked content that
    the structure tree reaches; text is never outside marked content."""
    found = []
    depth = 0
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue  # drawn inside marked content, checked as such
        operands, op = instruction.operands, str(instruction.operator)
        if op in ("BDC", "BMC"):
            depth += 1
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                mcid = operands[1].get("/MCID")
                if mcid is not None and (n, int(mcid)) not in tagged:
                    found.append(f"7.1: page {n + 1}: MCID {mcid} is not in the structure tree")
        elif op == "EMC":
            depth -= 1
        elif op in TEXT_OPERATORS and depth == 0:
            found.append(f"7.1: page {n + 1}: text outside marked content")
    return sorted(set(found))


def _font_problems(page: pikepdf.Page, n: int) -> list[str]:
    """7.21.4.1 (31-001): every font used is embedded (Type3 fonts are their own glyphs)."""
    found = []
    resources: Any = page.obj.get("/Resources", {})
    fonts: Any = resources.get("/Font", {})
    for name, font in fonts.items():
        for part in [font, *font.get("/DescendantFonts", [])]:
            if part.get("/Subtype") in ("/Type0", "/Type3"):
                continue
            descriptor = part.get("/FontDescriptor", {})
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.append(f"7.21: page {n + 1}: font {name} is not embedded")
    return found


def structure(path: Path) -> Element:
    """The file's structure tree, each element's `text` that of its own marked content."""
    found: list[str] = []
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
        tree = _element(pdf.Root.StructTreeRoot, pages, None, found)
    texts: dict[tuple[int, int], list[str]] = {}
    with pdfplumber.open(path) as plumbed:
        for n, page in enumerate(plumbed.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    texts.setdefault((n, char["mcid"]), []).append(char["text"])
    for element in tree.walk():
        element.text = "".join("".join(texts.get(m, [])) for m in element.mcids)
    return tree


def _true(value: Any) -> bool:
    """A PDF boolean that is true (pikepdf reads PDF booleans as Python's)."""
    return value is True
