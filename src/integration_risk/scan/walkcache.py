"""The walk of an unchanged tree, replayed from one cache file with stat calls only.

Outside a git checkout the walk lists every directory and matches every path
against the .gitignore files. A re-scan can skip both: adding, removing or
renaming an entry changes its directory's mtime, and editing a .gitignore
changes its own. So the cache keeps every walked directory's mtime, every
ignore file's size and mtime, and the files the walk kept (before the size
rule, which is applied again to fresh stat data). When all directories and
ignore files stat the same, the result is the cached one; otherwise, or when a
kept file has gone, the walk runs again. Trees with symbolic links are not
cached (a link's target can change without any of these stats changing).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integration_risk.atomic import atomic_write
from integration_risk.scan.cache import EXTRACTOR_VERSION, cache_file

MISSING = (-1, -1)


@dataclass
class WalkRecord:
    """What a walk saw that decides its result, filled in while it walks."""

    dirs: dict[str, int] = field(default_factory=dict)  # directory -> st_mtime_ns
    ignore_files: dict[str, tuple[int, int]] = field(default_factory=dict)  # -> size, mtime
    kept: list[tuple[str, str]] = field(default_factory=list)  # (abspath, relpath)
    has_symlinks: bool = False

    def directory(self, path: str) -> None:
        try:
            self.dirs[path] = os.stat(path).st_mtime_ns
        except OSError:
            self.dirs[path] = -1

    def ignore_file(self, path: str) -> None:
        self.ignore_files[path] = _size_mtime(path)


def _size_mtime(path: str) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return MISSING
    return info.st_size, info.st_mtime_ns


def _stamp(root: Path, max_bytes: int) -> str:
    return f"{EXTRACTOR_VERSION}:{max_bytes}:{root}"


def save(root: Path, max_bytes: int, record: WalkRecord, counts: dict[str, Any]) -> None:
    """Store the walk; `counts` holds its name-based counters (`ignored`, `skipped`)."""
    if record.has_symlinks:
        return
    payload = {
        "stamp": _stamp(root, max_bytes),
        "dirs": record.dirs,
        "ignore_files": record.ignore_files,
        "kept": record.kept,
        **counts,
    }
    try:
        path = cache_file(root, "walk")
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(payload, separators=(",", ":")).encode("utf-8"))
    except OSError:
        pass  # a read-only cache dir only costs speed on the next run


def load(
    root: Path, max_bytes: int
) -> tuple[list[tuple[str, str, os.stat_result]], int, Counter[str]] | None:
    """(kept files with fresh stat data, ignored count, skip counts) when nothing that
    decides the walk changed since it was stored; None otherwise."""
    try:
        data: dict[str, Any] = json.loads(cache_file(root, "walk").read_bytes())
    except (OSError, ValueError):
        return None
    if data.get("stamp") != _stamp(root, max_bytes):
        return None
    try:
        for path, mtime in data["dirs"].items():
            if os.stat(path).st_mtime_ns != mtime:
                return None
        for path, (size, mtime) in data["ignore_files"].items():
            if _size_mtime(path) != (size, mtime):
                return None
        kept = [(path, rel, os.stat(path)) for path, rel in data["kept"]]
    except (OSError, KeyError, TypeError, ValueError):
        return None
    return kept, int(data["ignored"]), Counter(data["skipped"])
