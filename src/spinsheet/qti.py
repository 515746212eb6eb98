"""IMS QTI 2.1 content packages: written by `package` (in progress)."""

from __future__ import annotations

from .quiz import Quiz


def package(quiz: Quiz) -> bytes:
    raise NotImplementedError
