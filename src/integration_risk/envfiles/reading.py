"""Read one candidate file safely: inside the root, size-capped, text only.

Returns the text or a reason to skip it; the reason never contains file content.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = 1 << 20  # env files are small; a 1 MiB cap bounds a hostile or generated file
_SNIFF = 8192


def read_candidate(root: Path, path: Path) -> str | tuple[str]:
    """The file's text, or a one-element tuple with the reason it was skipped.

    `root` must be resolved. A symlink (or a path through a symlinked directory)
    that resolves outside the root is refused without being opened."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return ("broken symlink or unreadable path",)
    if resolved != root and not resolved.is_relative_to(root):
        return ("symlink pointing outside the project root: refused",)
    try:
        info = resolved.stat()
    except OSError:
        return ("cannot stat file",)
    if not stat.S_ISREG(info.st_mode):
        return ("not a regular file",)
    if info.st_size > MAX_BYTES:
        return (f"larger than the {MAX_BYTES // 1024} KiB cap",)
    try:
        fd = os.open(resolved, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return ("cannot read file",)
    if len(data) > MAX_BYTES:
        return (f"larger than the {MAX_BYTES // 1024} KiB cap",)
    if b"\x00" in data[:_SNIFF]:
        return ("binary file",)
    return data.decode("utf-8", errors="replace")
