"""Writing files: every file spinsheet writes goes through `write_atomically`.

Readers (a teacher's PDF viewer, an editor, the next build) see the old file
or the whole new one, never a part, and a failed write leaves nothing behind.
A process killed mid-write (nothing can clean up after `kill -9`) leaves a
temporary file named with its process id; the next write beside it removes it
once that process is gone, and never touches a live one's.
"""

from __future__ import annotations

import glob
import os
import tempfile
from pathlib import Path

from .errors import WriteError


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old file or the whole new one, never a part."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep(path)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent
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


def _sweep(path: Path) -> None:
    """Remove what writers of `path` that died mid-write left beside it."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        pid = leftover.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isascii() and pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's, or not a process id at all: leave it
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
