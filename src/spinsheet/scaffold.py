"""`spinsheet init`: a new workspace with an example passage, an example exercise and a README."""

from __future__ import annotations

import shutil
from pathlib import Path

from .errors import SpinsheetError

STARTER = Path(__file__).with_name("starter")


def create_workspace(root: Path, folder: Path) -> list[Path]:
    """Copy the starter files into `folder` below `root` (new, or empty); return the files made.

    Messages name `folder` as the teacher typed it.
    """
    shown, folder = folder, root / folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SpinsheetError(f"{shown} already exists and is not empty: choose a new folder")
    files = sorted(p for p in STARTER.rglob("*") if p.is_file())
    try:
        for file in files:
            target = folder / file.relative_to(STARTER)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
    except OSError as exc:
        raise SpinsheetError(f"{shown}: cannot write: {exc.strerror}") from None
    return [folder / f.relative_to(STARTER) for f in files]
