"""Writing files: every file spinsheet writes goes through `write_atomically`.

Readers (a teacher's PDF viewer, an editor, the next build) see the old file
or the whole new one, never a part, and a failed write leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import WriteError


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old file or the whole new one, never a part."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
        try:
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; outputs are not
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise WriteError(f"{path}: error: cannot write: {exc.strerror}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
