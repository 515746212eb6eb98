"""Moodle XML question files: written by `moodle_xml` (in progress)."""

from __future__ import annotations

from .quiz import Quiz


def moodle_xml(quiz: Quiz) -> bytes:
    raise NotImplementedError
