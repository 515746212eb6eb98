"""The build cache: a PDF already rendered from the same HTML is not rendered again.

A sheet's HTML holds everything it prints (passages, items, the stylesheet
inlined), so the key is a hash of it, with what else can change the PDF: the
files of the template folders (fonts, images), this spinsheet's version and
WeasyPrint's. Editing one passage changes only the sheets that print it. The
cache lives in the workspace (`.spinsheet-cache/`, which git should ignore);
an entry that cannot be read, or whose bytes do not match the hash it was
stored with, is ignored and rendered again, never trusted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .writing import write_atomically

FOLDER = ".spinsheet-cache"


def fingerprint(template_dirs: list[Path]) -> str:
    """What, besides a sheet's HTML, decides its PDF."""
    digest = hashlib.sha256()
    for package in ("spinsheet", "weasyprint"):
        try:
            digest.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} ?\n".encode())
    for folder in template_dirs:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class PdfCache:
    """PDFs by the HTML they were rendered from, in `root/.spinsheet-cache/`."""

    def __init__(self, root: Path, template_dirs: list[Path]) -> None:
        self.folder = root / FOLDER
        self.salt = fingerprint(template_dirs)

    def key(self, parts: Sequence[str], duplex: bool) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(b"duplex" if duplex else b"simplex")
        for part in parts:
            digest.update(b"\0" + part.encode())
        return digest.hexdigest()

    def get(self, key: str) -> tuple[bytes, int] | None:
        """The PDF and its page count, if stored whole; None otherwise."""
        try:
            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            data = (self.folder / f"{key}.pdf").read_bytes()
            if hashlib.sha256(data).hexdigest() != meta["sha256"]:
                return None
            return data, int(meta["pages"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, data: bytes, pages: int) -> None:
        meta = {"sha256": hashlib.sha256(data).hexdigest(), "pages": pages}
        write_atomically(self.folder / f"{key}.pdf", data)
        write_atomically(self.folder / f"{key}.json", json.dumps(meta).encode())
