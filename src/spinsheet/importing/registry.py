"""The formats `spinsheet import` reads, by name: the one list the command line and the help use.

Adding a format is a module declaring its `Format` and one `register` line
here; a plugin or a test may register one at run time. Importing this stays
cheap: no reader needs trafilatura until it reads a saved page.
"""

from __future__ import annotations

from . import brat, doccano, html, hypothesis, label_studio, ptc, text, w3c
from .format import Format, ImportUsageError
from .limits import excerpt

FORMATS: dict[str, Format] = {}


def register(format: Format) -> Format:
    """Make `format` one `spinsheet import` reads (replacing one of the same name)."""
    FORMATS[format.name] = format
    return format


def get(name: str) -> Format:
    """The format of that name, or an error listing those there are."""
    if name not in FORMATS:
        raise ImportUsageError(
            f"'{excerpt(name)}' is not a format; expected one of: {', '.join(FORMATS)}"
        )
    return FORMATS[name]


# The help lists them in this order.
register(text.FORMAT)
register(html.FORMAT)
register(hypothesis.FORMAT)
register(w3c.FORMAT)
register(brat.FORMAT)
register(ptc.FORMAT)
register(label_studio.FORMAT)
register(doccano.FORMAT)
