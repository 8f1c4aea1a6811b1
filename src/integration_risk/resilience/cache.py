"""Per-file cache of parsed facts, keyed by path + content digest (the scan cache's
digest), the data files and this package's source: an unchanged file is never re-parsed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from integration_risk.filecache import code_version, read_cache, write_cache
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.languages import grammar_versions
from integration_risk.scan.cache import cache_file


class CallSiteFactsCache:
    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.path = cache_file(root, "resilience")  # beside the scan cache of the same root
        self.stamp = f"{code_version()}:{grammar_versions()}"
        self.enabled = enabled
        self.entries: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.dirty = False
        self.hits = 0
        if enabled:
            self._load()

    def _load(self) -> None:
        self.entries = read_cache(self.path, self.stamp)

    def get(self, digest: str) -> Facts | None:
        entry = self.entries.get(digest)
        if entry is None:
            return None
        self.used.add(digest)
        self.hits += 1
        return Facts.from_json(entry)

    def put(self, digest: str, facts: Facts) -> None:
        self.entries[digest] = facts.to_json()
        self.used.add(digest)
        self.dirty = True

    def save(self) -> None:
        if not self.enabled or not self.dirty:
            return
        # Keep what this run used plus older entries up to a bound, so the file cannot grow forever.
        keep = {d: e for d, e in self.entries.items() if d in self.used}
        for digest, entry in self.entries.items():
            if len(keep) >= 20_000:
                break
            keep.setdefault(digest, entry)
        write_cache(self.path, self.stamp, keep)
