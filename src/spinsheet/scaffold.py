"""`spinsheet init`: a new workspace with an example passage, an example exercise and a README."""

from __future__ import annotations

from pathlib import Path

from .errors import SpinsheetError
from .writing import write_atomically

STARTER = Path(__file__).with_name("starter")


def create_workspace(root: Path, folder: Path) -> list[Path]:
    """Copy the starter files into `folder` below `root` (new, or empty); return the files made.

    Messages name `folder` as the teacher typed it.
    """
    shown, folder = folder, root / folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SpinsheetError(f"{shown} already exists and is not empty: choose a new folder")
    made = []
    for file in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        target = folder / file.relative_to(STARTER)
        write_atomically(target, file.read_bytes())
        made.append(target)
    return made
