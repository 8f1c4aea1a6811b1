"""The one per-file cache: results keyed by a file's stat data and content digest.

Scan findings, graph facts, env reads and call-site facts are cached per file
in one JSON file per (project root, kind) under the user cache dir, stamped
with a version of the code that produced them: a file whose size and mtime are
unchanged is not read, a changed stat with the same digest is not re-analysed,
and a new stamp (catalog or extractor change) starts over. Files are written
with the one atomic writer; a missing, damaged or read-only cache only costs
speed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from integration_risk.atomic import atomic_write
from integration_risk.catalog.constants import PREBUILT_INDEX, PROVIDERS_DIR
from integration_risk.paths import user_cache_root

T = TypeVar("T")


class Stat(Protocol):
    """A walked file as the cache sees it (`scan.walk.WalkedFile`)."""

    @property
    def relpath(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def mtime_ns(self) -> int: ...


S = TypeVar("S", bound=Stat)


_PACKAGE = str(Path(__file__).resolve().parent)
_PROVIDERS = str(PROVIDERS_DIR.resolve())
# derived from the provider files, which the catalog version covers; a build rewrites it
_GENERATED = str(PREBUILT_INDEX.resolve())
_CODE_SUFFIXES = {".py", ".toml", ".json", ".j2"}


@lru_cache(maxsize=4)
def code_version(
    package: str = _PACKAGE, providers: str = _PROVIDERS, generated: str = _GENERATED
) -> str:
    """The names, sizes and mtimes of this package's code and data files, provider files
    and the index the package build makes of them aside (the catalog version covers
    those), hashed: editing an extractor, the merge, a
    model or a rule table changes it. Stats, not contents, as for the tree's own files.
    Every cache of results is stamped with it: a stamp made of the files one module
    imports misses the module they import in turn (masking, the language map)."""
    digest = hashlib.blake2b(digest_size=16)
    for directory, subdirs, names in os.walk(package):
        subdirs[:] = sorted(
            d for d in subdirs if d != "__pycache__" and os.path.join(directory, d) != providers
        )
        for name in sorted(names):
            path = os.path.join(directory, name)
            if os.path.splitext(name)[1] in _CODE_SUFFIXES and path != generated:
                info = os.stat(path)
                digest.update(f"{directory}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def source_version(*paths: Path) -> str:
    """A short hash of source files: any change to them changes it."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cache_path(root: Path, area: str, kind: str = "") -> Path:
    """The cache file of one project root under `<user cache>/<area>/`."""
    key = hashlib.sha256(str(root).encode()).hexdigest()[:20]
    return user_cache_root() / area / f"{key}{'.' + kind if kind else ''}.json"


def read_cache(path: Path, stamp: str) -> dict[str, Any]:
    """The `files` table of a cache file written with `stamp`, else `{}`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return {}
    files = data.get("files", {})
    return files if isinstance(files, dict) else {}


def write_cache(path: Path, stamp: str, files: dict[str, Any]) -> None:
    payload = json.dumps({"stamp": stamp, "files": files}, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, payload.encode("utf-8"))
    except OSError:
        pass  # a read-only cache dir only costs speed on the next run


class FileCache(Generic[T]):
    """Per-file values of type T; `encode`/`decode` turn one into JSON and back."""

    def __init__(
        self,
        path: Path,
        stamp: str,
        encode: Callable[[T], Any],
        decode: Callable[[Any], T],
        enabled: bool = True,
    ) -> None:
        self.path, self.stamp, self.enabled = path, stamp, enabled
        self._encode = encode
        self.entries: dict[str, tuple[int, int, str, T]] = {}  # size, mtime_ns, digest, value
        self.by_digest: dict[str, T] = {}
        self.dirty = False
        if enabled:
            self._load(decode)

    def _load(self, decode: Callable[[Any], T]) -> None:
        try:
            for rel, (size, mtime, digest, row) in read_cache(self.path, self.stamp).items():
                value = decode(row)
                self.entries[rel] = (size, mtime, digest, value)
                self.by_digest[digest] = value
        except (TypeError, ValueError):  # a damaged cache only costs one cold run
            self.entries.clear()
            self.by_digest.clear()

    def lookup_stat(self, rel: str, size: int, mtime_ns: int) -> T | None:
        entry = self.entries.get(rel)
        if entry is not None and entry[0] == size and entry[1] == mtime_ns:
            return entry[3]
        return None

    def split(self, items: Iterable[S]) -> tuple[dict[str, T], list[S]]:
        """The cached values still valid for `items` (same size and mtime) by path, and
        the items to read again."""
        hits: dict[str, T] = {}
        todo: list[S] = []
        for item in items:
            hit = self.lookup_stat(item.relpath, item.size, item.mtime_ns)
            if hit is None:
                todo.append(item)
            else:
                hits[item.relpath] = hit
        return hits, todo

    def lookup_digest(self, digest: str) -> T | None:
        return self.by_digest.get(digest)

    def store(self, rel: str, size: int, mtime_ns: int, digest: str, value: T) -> None:
        self.entries[rel] = (size, mtime_ns, digest, value)
        self.by_digest[digest] = value
        self.dirty = True

    def retain(self, live: set[str]) -> None:
        """Forget files that no longer exist so the cache does not grow forever."""
        gone = [rel for rel in self.entries if rel not in live]
        for rel in gone:
            del self.entries[rel]
        self.dirty = self.dirty or bool(gone)

    def save(self) -> None:
        if not self.enabled or not self.dirty:
            return
        files = {
            rel: [size, mtime, digest, self._encode(value)]
            for rel, (size, mtime, digest, value) in self.entries.items()
        }
        write_cache(self.path, self.stamp, files)
