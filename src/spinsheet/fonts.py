"""Optional fonts: whether one is installed, asked of fontconfig (which WeasyPrint uses)."""

from __future__ import annotations

import functools
import shutil
import subprocess

# A typeface for readers with dyslexia, free (SIL OFL), packaged by Debian and Ubuntu as
# fonts-opendyslexic; `make` installs it where it can, as it does HarfBuzz's subsetter.
DYSLEXIC_FONT = "OpenDyslexic"
DYSLEXIC_PACKAGE = "fonts-opendyslexic"


@functools.cache
def installed(family: str) -> bool:
    """Whether fontconfig knows a font of this family: without it, WeasyPrint would print
    the sheet in a fallback font and say nothing."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        found = subprocess.run(
            [fc_list, f":family={family}", "family"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return family.casefold() in found.stdout.casefold()
