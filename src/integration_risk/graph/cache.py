"""Per-file cache of graph facts, the scan cache's approach: stat first, then content digest.

One JSON file per root under the user cache dir, stamped with a hash of the
graph package's own source so any change to an extractor invalidates it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from integration_risk.atomic import atomic_write
from integration_risk.graph.facts import FileFacts
from integration_risk.paths import user_cache_root


def _source_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(
        [*Path(__file__).parent.glob("*.py"), *Path(__file__).parent.glob("*.toml")]
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


VERSION = _source_version()

Entry = tuple[int, int, str, FileFacts]  # size, mtime_ns, digest, facts


def _cache_file(root: Path) -> Path:
    key = hashlib.sha256(str(root).encode()).hexdigest()[:20]
    return user_cache_root() / "graph" / f"{key}.json"


class FactsCache:
    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.path = _cache_file(root)
        self.enabled = enabled
        self.entries: dict[str, Entry] = {}
        self.by_digest: dict[str, FileFacts] = {}
        self.dirty = False
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("stamp") != VERSION:
            return
        try:
            for rel, (size, mtime, digest, row) in data.get("files", {}).items():
                facts = FileFacts.from_json(row)
                self.entries[rel] = (size, mtime, digest, facts)
                self.by_digest[digest] = facts
        except (TypeError, ValueError):  # a damaged cache only costs one cold run
            self.entries.clear()
            self.by_digest.clear()

    def lookup_stat(self, rel: str, size: int, mtime_ns: int) -> FileFacts | None:
        entry = self.entries.get(rel)
        if entry is not None and entry[0] == size and entry[1] == mtime_ns:
            return entry[3]
        return None

    def lookup_digest(self, digest: str) -> FileFacts | None:
        return self.by_digest.get(digest)

    def store(self, rel: str, size: int, mtime_ns: int, digest: str, facts: FileFacts) -> None:
        self.entries[rel] = (size, mtime_ns, digest, facts)
        self.by_digest[digest] = facts
        self.dirty = True

    def retain(self, live: set[str]) -> None:
        gone = [rel for rel in self.entries if rel not in live]
        for rel in gone:
            del self.entries[rel]
        self.dirty = self.dirty or bool(gone)

    def save(self) -> None:
        if not self.enabled or not self.dirty:
            return
        files = {
            rel: [size, mtime, digest, facts.to_json()]
            for rel, (size, mtime, digest, facts) in self.entries.items()
        }
        payload = json.dumps({"stamp": VERSION, "files": files}, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, payload.encode("utf-8"))
        except OSError:
            pass  # a read-only cache dir only costs speed on the next run
