"""Self-marking web pages: one HTML file per exercise and variant, done on screen.

`web_page` lays a `Quiz` out through the renderer's sandboxed Jinja environment
(`templates/web/page.html`, which a workspace may override like any template), with the
page's CSS and JavaScript inlined: the file opens from a USB stick with no server and no
network, and its Content-Security-Policy forbids fetching anything.

The key is in the file, but not in readable form:

- Right answers are stored as salted hashes: `answer_hash(salt, ident, ...)`, the first
  16 hex digits of SHA-256 over the salt and the answer's parts. The page hashes what the
  student chose (crypto.subtle, which file:// pages have) and compares.
- The key's texts (why, neutral wordings, questions to ask, model answers, rubrics,
  samples, feedback, the right choice) are rendered by `templates/web/reveal.html`,
  compressed and encrypted: a SHA-256 counter-mode keystream with an HMAC-SHA256 tag, its
  key derived from the canonical list of right answers (`_canonical`). After the student
  submits, the page recovers those answers by hashing every option, count and word
  against the stored hashes, derives the key and decrypts.
- The salt is derived from the exercise, variant, seed and a hash of the key's content,
  so two builds of the same inputs are byte-identical.

Honestly: this keeps the key out of view-source, the browser's find and a search engine's
index; a student who writes code can hash every option and read the key before
submitting. Marks that count belong in the LMS formats (`--format qti|moodle`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import zlib
from typing import TypedDict

from markupsafe import Markup, escape

from .quiz import Question, Quiz, SpotPassage, Target
from .render import Renderer

PAGE_TEMPLATE = "web/page.html"
REVEAL_TEMPLATE = "web/reveal.html"
KINDS = ("loaded", "unsourced")
HASH_CHARS = 16  # 64 bits of SHA-256: no collision among a page's few thousand candidates
STORE_PLACEHOLDER = "spinsheet-store-0000000000000000"


class AnswerCheck(TypedDict, total=False):
    """What the page needs to mark one machine-marked question, with no answer readable."""

    t: str  # "c" choice, "n" count, "m" match, "s" spot
    p: float  # the points the machine-marked part is worth
    h: list[str]  # choice, count, match: the hashes of right answers, sorted
    n: int  # match: pairs; spot: spans to find
    g: list[tuple[str, int]]  # spot: (hash of a word and a kind, the span's group), sorted
    m: int  # count: the largest count the page tries when it recovers the answers


class RevealContext(TypedDict):
    """What `web/reveal.html` receives: the key, rendered only to be encrypted."""

    quiz: Quiz
    groups: dict[str, dict[str, int]]  # a spot question's ident: each span's id -> its group


class WebContext(TypedDict):
    """Exactly what `web/page.html` receives."""

    quiz: Quiz
    title: str
    variant: str
    language: str
    direction: str
    points: int
    machine_points: str  # what the page marks, as the sheet's language writes numbers
    teacher_points: str  # what a teacher marks from what was written
    salt: str
    checks: Markup  # JSON: ident -> AnswerCheck
    blob: str  # base64: the encrypted, compressed reveal HTML
    tag: str  # hex: its HMAC
    store: str  # localStorage key: exercise, variant and a hash of the page
    unordered: list[str]  # spot questions whose words do not print in their numbers' order


def web_page(quiz: Quiz, renderer: Renderer) -> bytes:
    """The self-contained page of one variant: questions, hashed answers, encrypted key."""
    reveal = reveal_html(quiz, renderer)
    salt = page_salt(quiz, reveal)
    checks = {q.ident: _check(q, salt) for q in quiz.questions if _machine(q)}
    key = derive_key(salt, _canonical(quiz))
    blob, tag = encrypt(key, zlib.compress(reveal.encode("utf-8"), 9))
    machine = sum(_machine_points(q) for q in quiz.questions)
    context = WebContext(
        quiz=quiz,
        title=quiz.exercise.title,
        variant=quiz.variant,
        language=quiz.language,
        direction=quiz.direction,
        points=quiz.points,
        machine_points=number(machine, quiz.language),
        teacher_points=number(quiz.points - machine, quiz.language),
        salt=salt,
        checks=Markup(_json(checks).replace("<", "\\u003c")),
        blob=base64.b64encode(blob).decode("ascii"),
        tag=tag.hex(),
        store=STORE_PLACEHOLDER,
        unordered=[q.ident for q in quiz.questions if q.spot and not _in_order(q.spot)],
    )
    html = _compact(renderer.page(PAGE_TEMPLATE, context))
    # The page's own hash names its saved answers: another build (a changed passage, other
    # word numbers) starts afresh instead of putting old marks on the wrong words.
    digest = hashlib.sha256(html.encode("utf-8")).hexdigest()[:16]
    store = f"spinsheet:{quiz.exercise.id}:{quiz.variant}:{digest}"
    return html.replace(STORE_PLACEHOLDER, str(escape(store))).encode("utf-8")


_INLINE = re.compile(r"(<(script|style)>)(.*?)(</\2>)", re.DOTALL)


def _compact(html: str) -> str:
    """The inline script and style without their indentation and whole-line comments (about
    3.6 KB a page), still one statement a line, and the same on every build."""

    def squeeze(match: re.Match[str]) -> str:
        lines = (line.strip() for line in match.group(3).splitlines())
        kept = [
            line
            for line in lines
            if line
            and not line.startswith("//")
            and not (line.startswith("/*") and line.endswith("*/"))
        ]
        return f"{match.group(1)}\n" + "\n".join(kept) + f"\n{match.group(4)}"

    return _INLINE.sub(squeeze, html)


def reveal_html(quiz: Quiz, renderer: Renderer) -> str:
    """The key's part of the page (`web/reveal.html`), in the clear: what submitting shows."""
    groups = {
        q.ident: {t.id: n for n, t in enumerate(_groups(q.spot.targets))}
        for q in quiz.questions
        if q.spot is not None
    }
    return renderer.page(REVEAL_TEMPLATE, RevealContext(quiz=quiz, groups=groups))


def page_salt(quiz: Quiz, reveal: str) -> str:
    """Deterministic per build: the same inputs give the same page, byte for byte."""
    parts = [
        "spinsheet-web-1",
        quiz.exercise.id,
        quiz.variant,
        str(quiz.exercise.seed),
        hashlib.sha256((_canonical(quiz) + "\n" + reveal).encode("utf-8")).hexdigest(),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def answer_hash(salt: str, *parts: object) -> str:
    """The hash the page compares a student's answer with (page.js `hash` does the same)."""
    text = "|".join([salt, *(str(p) for p in parts)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


def derive_key(salt: str, canonical: str) -> bytes:
    """The key that decrypts the reveal: from the right answers, which the page recovers."""
    return hashlib.sha256(f"{salt}\nkey\n{canonical}".encode()).digest()


def encrypt(key: bytes, plain: bytes) -> tuple[bytes, bytes]:
    """SHA-256 in counter mode as a keystream, then an HMAC-SHA256 tag over the ciphertext
    (encrypt-then-MAC): only the standard library here, only WebCrypto on the page."""
    enc = hmac.new(key, b"enc", hashlib.sha256).digest()
    mac = hmac.new(key, b"mac", hashlib.sha256).digest()
    stream = b"".join(
        hashlib.sha256(enc + n.to_bytes(4, "big")).digest() for n in range((len(plain) + 31) // 32)
    )
    cipher = bytes(a ^ b for a, b in zip(plain, stream, strict=False))
    return cipher, hmac.new(mac, cipher, hashlib.sha256).digest()


def decrypt(key: bytes, cipher: bytes, tag: bytes) -> bytes:
    """The inverse of `encrypt`, for tests; raises ValueError on a wrong key."""
    mac = hmac.new(key, b"mac", hashlib.sha256).digest()
    if not hmac.compare_digest(hmac.new(mac, cipher, hashlib.sha256).digest(), tag):
        raise ValueError("wrong key")
    enc = hmac.new(key, b"enc", hashlib.sha256).digest()
    stream = b"".join(
        hashlib.sha256(enc + n.to_bytes(4, "big")).digest() for n in range((len(cipher) + 31) // 32)
    )
    return bytes(a ^ b for a, b in zip(cipher, stream, strict=False))


# The machine-marked questions -----------------------------------------------------------


def _machine(question: Question) -> bool:
    """Whether the page marks (part of) it: a choice, a count, a match or a spot."""
    return question.interaction in ("spot", "match", "count") or question.answer is not None


def _machine_points(question: Question) -> float:
    if question.interaction == "choice":
        return question.choice_points
    return float(question.points) if _machine(question) else 0.0


def _groups(targets: tuple[Target, ...]) -> list[Target]:
    """The spans to find in an order their markers do not give away."""
    return sorted(targets, key=lambda t: hashlib.sha256(t.id.encode("utf-8")).hexdigest())


def _count_bound(question: Question) -> int:
    """How far the page counts when it looks for a tally's accepted counts."""
    return (question.accepted[1] // 50 + 1) * 50


def _check(question: Question, salt: str) -> AnswerCheck:
    ident = question.ident
    if question.interaction == "choice":
        assert question.answer is not None
        return AnswerCheck(
            t="c", p=question.choice_points, h=[answer_hash(salt, ident, "c", question.answer)]
        )
    if question.interaction == "count":
        low, high = question.accepted
        hashes = sorted(answer_hash(salt, ident, "n", n) for n in range(low, high + 1))
        return AnswerCheck(t="n", p=float(question.points), h=hashes, m=_count_bound(question))
    if question.interaction == "match":
        hashes = sorted(
            answer_hash(salt, ident, "m", i, a)
            for i, pair in enumerate(question.pairs)
            for a in pair.accepted
        )
        return AnswerCheck(t="m", p=float(question.points), h=hashes, n=len(question.pairs))
    assert question.spot is not None
    entries = sorted(
        (answer_hash(salt, ident, "s", word, target.kind), group)
        for group, target in enumerate(_groups(question.spot.targets))
        for word in target.words
    )
    return AnswerCheck(t="s", p=float(question.points), g=entries, n=len(question.spot.targets))


def _canonical(quiz: Quiz) -> str:
    """The right answers as one text, as page.js rebuilds it from what it recovers."""
    lines = []
    for question in quiz.questions:
        if not _machine(question):
            continue
        ident = question.ident
        if question.interaction == "choice":
            lines.append(f"{ident}=c{question.answer}")
        elif question.interaction == "count":
            low, high = question.accepted
            lines.append(f"{ident}=n" + ",".join(str(n) for n in range(low, high + 1)))
        elif question.interaction == "match":
            pairs = (
                f"{i}:" + ",".join(str(a) for a in sorted(set(pair.accepted)))
                for i, pair in enumerate(question.pairs)
            )
            lines.append(f"{ident}=m" + ";".join(pairs))
        else:
            assert question.spot is not None
            kinds = []
            for kind in KINDS:
                words = sorted(
                    {w for t in question.spot.targets if t.kind == kind for w in t.words}
                )
                kinds.append(f"{kind}:" + ",".join(str(w) for w in words))
            lines.append(f"{ident}=s" + ";".join(kinds))
    return "\n".join(lines)


def number(value: float, language: str) -> str:
    """A score as the sheet's language writes it ("2,5" in French), in Western digits as the
    sheets print them; what the page's script writes with Intl.NumberFormat."""
    from babel.core import UnknownLocaleError
    from babel.numbers import format_decimal

    try:
        return str(format_decimal(value, format="#,##0.#", locale=language.replace("-", "_")))
    except (ValueError, LookupError, TypeError, UnknownLocaleError):
        return f"{value:g}"


def _in_order(spot: SpotPassage) -> bool:
    """Whether the words print in the order of their numbers, as the page's script assumes
    unless each word carries its number (which costs bytes on every word)."""
    numbers = [w.index for b in spot.blocks for w in b.words if w.index is not None]
    return numbers == list(range(len(numbers)))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
