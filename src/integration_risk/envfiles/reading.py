"""Read one candidate file safely: inside the root, size-capped, text only.

Returns the text or `Refused` with a reason to skip it; the reason never contains file content.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 1 << 20  # env files are small; a 1 MiB cap bounds a hostile or generated file
_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class Refused:
    """Why a file was not read; never contains file content."""

    reason: str


def read_candidate(root: Path, path: Path) -> str | Refused:
    """The file's text, or `Refused` with the reason it was skipped.

    `root` must be resolved. A symlink (or a path through a symlinked directory)
    that resolves outside the root is refused without being opened."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Refused("broken symlink or unreadable path")
    if resolved != root and not resolved.is_relative_to(root):
        return Refused("symlink pointing outside the project root: refused")
    try:
        info = resolved.stat()
    except OSError:
        return Refused("cannot stat file")
    if not stat.S_ISREG(info.st_mode):
        return Refused("not a regular file")
    if info.st_size > MAX_BYTES:
        return Refused(f"larger than the {MAX_BYTES // 1024} KiB cap")
    try:
        fd = os.open(resolved, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return Refused("cannot read file")
    if len(data) > MAX_BYTES:
        return Refused(f"larger than the {MAX_BYTES // 1024} KiB cap")
    if b"\x00" in data[:_SNIFF]:
        return Refused("binary file")
    return data.decode("utf-8", errors="replace")
