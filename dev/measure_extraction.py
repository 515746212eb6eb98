"""How well `spinsheet import html` takes an article out of a saved page, measured on public
benchmarks. A development tool: not part of `make test`, and no benchmark text is shipped.

    git clone https://github.com/mozilla/readability /tmp/readability
    git clone https://github.com/scrapinghub/article-extraction-benchmark /tmp/zyte
    .venv/bin/python dev/measure_extraction.py --readability /tmp/readability \
        --zyte /tmp/zyte [--worst 10]

For each page the article goes through what the importer does with it (`import_html_page`:
extraction, headline, author and date cleaning) and is compared with the benchmark's expected
output:

- body: word recall and precision, counting repeated words (a bag of words, as
  article-extraction-benchmark's token matching); averaged over pages;
- "dropped": pages where under half the expected words came out (the failure a teacher
  cannot see), and how many of those the importer warned about;
- title, author and date (readability's test pages only: `expected-metadata.json`): exact after
  normalising case, spaces and quotes; for an author, the same set of names; a page with no
  expected value is right when nothing is found;
- "headline repeated": pages whose body begins with the title.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html

from spinsheet.errors import ContentError
from spinsheet.importing.articles import Article, html_article

_WORD = re.compile(r"\w+")


@dataclass
class Page:
    name: str
    html: str
    body: str  # the expected article text
    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    has_metadata: bool = False


@dataclass
class Result:
    page: Page
    recall: float
    precision: float
    article: Article | None
    error: str | None = None

    def found(self, name: str) -> object:
        """What the importer found for `name` (title, author, published); None if refused."""
        return getattr(self.article, name, None)


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def normal(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[‘’“”\"'`]", "", text)
    return " ".join(text.split())


def title_key(text: str | None) -> str:
    """A title without a site's name after its last separator ("Headline - BBC News")."""
    return normal(re.sub(r"\s+[-|–—·_]\s*[^-|–—·_]{1,60}$", "", text or ""))


def names(text: str | None) -> frozenset[str]:
    text = re.sub(r"^\s*by\s+", "", normal(text))
    return frozenset(_WORD.findall(text)) - {"and", "by"}


def repeats_title(article: Article) -> bool:
    """The body's first paragraph is the title again (all its words, or all but a site name
    after the title's last separator)."""
    first = _WORD.findall(normal(article.body.split("\n", 1)[0]))
    title = _WORD.findall(normal(article.title))
    return bool(first) and (
        first == title
        or (len(first) >= 3 and title[: len(first)] == first and len(title) - len(first) <= 4)
    )


def readability_pages(root: Path) -> Iterator[Page]:
    for folder in sorted((root / "test" / "test-pages").iterdir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if not (source.is_file() and expected.is_file()):
            continue
        meta_path = folder / "expected-metadata.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        body = lxml_html.fromstring(expected.read_text(encoding="utf-8")).text_content()
        published = meta.get("publishedTime")
        yield Page(
            f"readability/{folder.name}",
            source.read_text(encoding="utf-8", errors="replace"),
            body,
            title=meta.get("title"),
            author=meta.get("byline"),
            date=published[:10] if published else None,
            has_metadata=bool(meta),
        )


def zyte_pages(root: Path) -> Iterator[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        data = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        yield Page(f"zyte/{key[:12]}", data.decode("utf-8", "replace"), truth[key]["articleBody"])


def measure(page: Page) -> Result:
    try:
        article = html_article(page.html, page.name)
    except ContentError as exc:
        return Result(page, 0.0, 1.0, None, exc.problems[0].message)
    got, want = words(article.body), words(page.body)
    overlap = sum((got & want).values())
    recall = overlap / max(1, sum(want.values()))
    precision = overlap / max(1, sum(got.values())) if got else 1.0
    return Result(page, recall, precision, article)


def warned(result: Result) -> bool:
    article = result.article
    return article is None or any("shorter" in note for note in article.warnings)


def report(label: str, results: list[Result], worst: int) -> None:
    recalls = [r.recall for r in results]
    precisions = [r.precision for r in results]
    dropped = [r for r in results if r.recall < 0.5]
    print(f"\n== {label}: {len(results)} pages")
    print(
        f"body word recall     mean {statistics.mean(recalls):.3f}"
        f"  median {statistics.median(recalls):.3f}"
    )
    print(
        f"body word precision  mean {statistics.mean(precisions):.3f}"
        f"  median {statistics.median(precisions):.3f}"
    )
    flagged = sum(warned(r) for r in dropped)
    print(f"under half the words {len(dropped)} pages, {flagged} of them warned or refused")
    false_alarms = sum(warned(r) for r in results if r.recall >= 0.5)
    print(f"warned but fine      {false_alarms} pages")
    for r in results:
        if r.recall >= 0.5 and warned(r):
            print(f"   warned but fine: {r.page.name} (recall {r.recall:.2f})")
    repeated = [r for r in results if r.article and repeats_title(r.article)]
    print(f"headline repeated    {len(repeated)} pages")
    with_meta = [r for r in results if r.page.has_metadata]
    if with_meta:

        def score(ok: list[bool]) -> str:
            return f"{sum(ok)}/{len(ok)} ({sum(ok) / len(ok):.0%})"

        titles = [
            title_key(str(r.found("title") or "")) == title_key(r.page.title) for r in with_meta
        ]
        authors = [names(str(r.found("author") or "")) == names(r.page.author) for r in with_meta]
        dated = [r for r in with_meta if r.page.date]
        dates = [str(r.found("published")) == r.page.date for r in dated]
        undated = [r for r in with_meta if not r.page.date and r.found("published")]
        print(f"title right          {score(titles)}")
        print(f"author right         {score(authors)}")
        print(f"date right           {score(dates)} of the pages with an expected date")
        print(
            f"date where none is expected: {len(undated)} pages (readability found none;"
            " not scored)"
        )
        if worst:
            for r, ok in zip(with_meta, titles, strict=True):
                if not ok:
                    print(f"   title {r.page.name}: {r.found('title')!r} expected {r.page.title!r}")
            for r, ok in zip(with_meta, authors, strict=True):
                if not ok:
                    print(
                        f"   author {r.page.name}: {r.found('author')!r} expected {r.page.author!r}"
                    )
            for r, ok in zip(dated, dates, strict=True):
                if not ok:
                    print(f"   date {r.page.name}: {r.found('published')} expected {r.page.date}")
    for r in sorted(results, key=lambda r: r.recall)[:worst]:
        size = sum(words(r.article.body).values()) if r.article else 0
        print(
            f"   recall {r.recall:.2f} precision {r.precision:.2f} {r.page.name}"
            f" ({size} of {sum(words(r.page.body).values())} words){' warned' if warned(r) else ''}"
            f"{' ' + r.error if r.error else ''}"
        )
    for r in repeated[:worst]:
        print(f"   repeated headline {r.page.name}: {r.article.title if r.article else ''!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readability", type=Path, help="a clone of mozilla/readability")
    parser.add_argument("--zyte", type=Path, help="a clone of article-extraction-benchmark")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    args = parser.parse_args()
    if not (args.readability or args.zyte):
        parser.error("give --readability, --zyte or both")
    sets = []
    if args.readability:
        sets.append(("mozilla/readability test pages", list(readability_pages(args.readability))))
    if args.zyte:
        sets.append(("article-extraction-benchmark", list(zyte_pages(args.zyte))))
    for label, pages in sets:
        report(label, [measure(page) for page in pages], args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
