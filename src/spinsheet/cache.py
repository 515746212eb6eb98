"""The build cache: a PDF already rendered from the same HTML is not rendered again, and
an exercise whose inputs have not changed is not rendered at all (the build records, below).

A sheet's HTML holds everything it prints (passages, items, the stylesheet
inlined), so the key is a hash of it, with what else can change the PDF: the
files of the template folders (fonts, images), this spinsheet's version and
WeasyPrint's. Editing one passage changes only the sheets that print it. The
cache lives in the workspace (`.spinsheet-cache/`, which git should ignore);
an entry that cannot be read, or whose bytes do not match the hash it was
stored with, is ignored and rendered again, never trusted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem
from .writing import write_atomically

FOLDER = ".spinsheet-cache"


def fingerprint(template_dirs: list[Path]) -> str:
    """What, besides a sheet's HTML, decides its PDF."""
    from importlib.metadata import PackageNotFoundError, version  # 25 ms: not for a no-op

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


# Build records: what each exercise read at the last build and what it wrote, ninja-style.
#
# A record holds, for one exercise built with one set of options, the digest of every
# input (each file it read, the template folders, spinsheet's code and WeasyPrint's)
# and the path, sha256 and page count of every file written. When every input hashes
# as recorded and every output is on disk with its recorded hash, the exercise is not
# rendered at all: no Jinja, no WeasyPrint. The workspace has a record too (its files,
# its folder listings and the warnings `check` found), so a build with nothing changed
# does not even read the passages. Inputs are hashed before the workspace is read: a
# file saved during a build is seen as changed by the next one. A record that cannot
# be read, is of another schema or does not match is ignored.

RECORDS = "builds"
SCHEMA = "spinsheet-build-record/1"
PACKAGE = Path(__file__).parent


def builtin_templates() -> Path:
    """As `sources.builtin_templates`, without importing YAML (a no-op build needs none)."""
    packaged = PACKAGE / "templates"
    return packaged if packaged.is_dir() else PACKAGE.resolve().parents[1] / "templates"


class Inputs:
    """Digests of what a build may read, each computed once, named by keys:

    `file:PATH` (its bytes), `dir:PATH` (the names in a folder), `tree:PATH` (every file
    below a folder, names and bytes), `code` (spinsheet's modules and version) and
    `weasyprint` (its version). A PATH is relative to the workspace, or absolute.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._digests: dict[str, str] = {}

    def digest(self, key: str) -> str:
        if key not in self._digests:
            self._digests[key] = self._compute(key)
        return self._digests[key]

    def shared(self) -> list[str]:
        """What every sheet depends on besides its exercise and passages."""
        builtin = PACKAGE
        return [
            "file:taxonomy.yaml",
            f"file:{(builtin / 'taxonomy.yaml').as_posix()}",
            "file:mask-words.txt",
            f"file:{(builtin / 'mask-words.txt').as_posix()}",
            "tree:templates",
            f"tree:{builtin_templates().as_posix()}",
            "tree:locale",  # message catalogues: the sheet's wording
            f"tree:{(builtin / 'locale').as_posix()}",
            "code",
            "weasyprint",
        ]

    def workspace(self) -> list[str]:
        """What loading and checking the workspace reads: every passage and exercise, and
        the folders' listings (a new file changes what `check` finds)."""
        keys = [*self.shared(), "dir:corpus", "dir:exercises"]
        for folder, suffixes in (("corpus", (".md",)), ("exercises", (".yaml", ".yml"))):
            keys += [f"file:{folder}/{name}" for name in self._names(folder, suffixes)]
        return keys

    def take(self) -> None:
        """Hash everything the workspace's check reads, now (before it is read)."""
        for key in self.workspace():
            self.digest(key)

    def unchanged(self, recorded: dict[str, str], required: list[str]) -> bool:
        """Whether every recorded input still hashes the same, and all `required` are there."""
        return all(key in recorded for key in required) and all(
            self.digest(key) == value for key, value in recorded.items()
        )

    def _names(self, folder: str, suffixes: tuple[str, ...]) -> list[str]:
        try:
            return sorted(n for n in os.listdir(self.root / folder) if n.endswith(suffixes))
        except OSError:
            return []

    def _path(self, name: str) -> Path:
        path = Path(name)
        return path if path.is_absolute() else self.root / path

    def _compute(self, key: str) -> str:
        kind, _, name = key.partition(":")
        digest = hashlib.sha256()
        try:
            if kind == "file":
                digest.update(self._path(name).read_bytes())
            elif kind == "dir":
                digest.update("\0".join(sorted(os.listdir(self._path(name)))).encode())
            elif kind == "tree":
                _tree(digest, self._path(name))
            elif kind == "code":
                from . import __version__

                digest.update(__version__.encode())
                _tree(digest, PACKAGE, "*.py")
            elif kind == "weasyprint":
                digest.update(_weasyprint_version())
            else:
                return "unknown"
        except FileNotFoundError:
            return "missing"
        except OSError as exc:
            return f"unreadable: {exc.errno}"
        return digest.hexdigest()


def _tree(digest: Any, folder: Path, pattern: str = "*") -> None:
    for path in sorted(folder.rglob(pattern)) if folder.is_dir() else []:
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")


def _weasyprint_version() -> bytes:
    """WeasyPrint's `__init__.py`, which holds its version, found without importing it
    (that takes 0.3 s)."""
    from importlib.util import find_spec

    spec = find_spec("weasyprint")
    if spec is None or spec.origin is None:
        return b"none"
    return Path(spec.origin).read_bytes()


@dataclass(frozen=True)
class Output:
    """A file a build wrote: its path (relative to the workspace, where inside it), its
    sha256 and its pages."""

    path: str
    sha256: str
    pages: int


@dataclass(frozen=True)
class Checked:
    """What the last build found in a workspace whose files have not changed since."""

    exercises: list[str]
    warnings: list[Problem]


class BuildRecords:
    """The records in `root/.spinsheet-cache/builds/`, verified against `inputs`."""

    def __init__(self, root: Path, inputs: Inputs) -> None:
        self.root = root
        self.folder = root / FOLDER / RECORDS
        self.inputs = inputs

    def checked(self) -> Checked | None:
        """The exercises and warnings of the last successful build, if no file the
        workspace's check reads has changed since."""
        record = self._read("workspace")
        if record is None or not self.inputs.unchanged(record["inputs"], self.inputs.workspace()):
            return None
        try:
            exercises = [str(name) for name in record["exercises"]]
            warnings = [
                Problem(str(p), int(line), int(col), "warning", str(message))
                for p, line, col, message in record["warnings"]
            ]
        except (TypeError, ValueError):
            return None
        return Checked(exercises, warnings)

    def fresh(self, exercise: str, settings: dict[str, Any]) -> list[Output] | None:
        """What building `exercise` with `settings` wrote last time, if every file it read is
        unchanged and every file it wrote is still there as written; None otherwise."""
        record = self._read(_record_name(exercise, settings))
        if (
            record is None
            or record.get("exercise") != exercise
            or record.get("settings") != settings
            or not self.inputs.unchanged(record["inputs"], self.inputs.shared())
        ):
            return None
        try:
            outputs = [
                Output(str(o["path"]), str(o["sha256"]), int(o["pages"])) for o in record["outputs"]
            ]
        except (TypeError, ValueError, KeyError):
            return None
        if not outputs or not all(self._intact(output) for output in outputs):
            return None
        return outputs

    def output(self, path: Path, data: bytes, pages: int) -> Output:
        absolute = path.absolute()
        try:
            shown = absolute.relative_to(self.root.absolute()).as_posix()
        except ValueError:
            shown = absolute.as_posix()
        return Output(shown, hashlib.sha256(data).hexdigest(), pages)

    def path(self, output: Output) -> Path:
        return self.inputs._path(output.path)

    def save_checked(self, exercises: list[str], warnings: list[Problem]) -> None:
        keys = self.inputs.workspace()
        self._write(
            "workspace",
            {
                "inputs": {key: self.inputs.digest(key) for key in keys},
                "exercises": exercises,
                "warnings": [[w.path, w.line, w.col, w.message] for w in warnings],
            },
        )

    def save(
        self, exercise: str, settings: dict[str, Any], read: list[str], outputs: list[Output]
    ) -> None:
        keys = self.inputs.shared() + read
        self._write(
            _record_name(exercise, settings),
            {
                "exercise": exercise,
                "settings": settings,
                "inputs": {key: self.inputs.digest(key) for key in keys},
                "outputs": [dataclasses.asdict(o) for o in outputs],
            },
        )

    def _intact(self, output: Output) -> bool:
        try:
            data = self.path(output).read_bytes()
        except OSError:
            return False
        return hashlib.sha256(data).hexdigest() == output.sha256

    def _read(self, name: str) -> dict[str, Any] | None:
        try:
            record = json.loads((self.folder / f"{name}.json").read_bytes())
        except (OSError, ValueError):
            return None
        if (
            not isinstance(record, dict)
            or record.get("schema") != SCHEMA
            or not isinstance(record.get("inputs"), dict)
            or not all(isinstance(v, str) for v in record["inputs"].values())
        ):
            return None
        return record

    def _write(self, name: str, record: dict[str, Any]) -> None:
        data = json.dumps({"schema": SCHEMA, **record}, sort_keys=True).encode()
        path = self.folder / f"{name}.json"
        try:
            if path.read_bytes() == data:
                return
        except OSError:
            pass
        write_atomically(path, data)


def _record_name(exercise: str, settings: dict[str, Any]) -> str:
    key = json.dumps([exercise, settings], sort_keys=True).encode()
    return f"exercise-{hashlib.sha256(key).hexdigest()[:32]}"
