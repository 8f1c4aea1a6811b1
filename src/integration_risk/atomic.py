"""The one crash-safe file writer: temp file, fsync, `os.replace`, fsync the directory.

`atomic_write` writes a temp file in the target's directory, fsyncs it,
`os.replace`s it over the target and fsyncs the directory: a reader (which
takes no lock) sees the old file or the new one, never a mix, and a process
killed at any instant leaves at worst an orphan temp file named
`.<target name>.<random>.tmp` (`orphan_pattern`). The glossary, the scan cache
and the catalog index cache all write through here.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

DEFAULT_MODE = 0o644


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def orphan_pattern(target: Path) -> str:
    """Glob (relative to the target's directory) of temp files a killed writer left."""
    return _temp_prefix(target) + "*.tmp"


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(target: Path, data: bytes) -> None:
    """Replace `target` with `data` so that no reader or crash ever sees a partial file."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = DEFAULT_MODE
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    fsync_dir(target.parent)
