"""Self-marking web pages: written by `web_page` (in progress)."""

from __future__ import annotations

from .quiz import Quiz
from .render import Renderer


def web_page(quiz: Quiz, renderer: Renderer) -> bytes:
    raise NotImplementedError
