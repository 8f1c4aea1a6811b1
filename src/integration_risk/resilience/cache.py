"""Per-file cache of parsed facts, keyed by path + content digest (the scan cache's
digest), the data files and this package's source: an unchanged file is never re-parsed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from integration_risk.atomic import atomic_write
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.rules import data_version
from integration_risk.scan.cache import cache_file


def _code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class FactsCache:
    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.path = cache_file(root, "resilience")  # beside the scan cache of the same root
        self.stamp = f"{data_version()}:{_code_version()}"
        self.enabled = enabled
        self.entries: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.dirty = False
        self.hits = 0
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("stamp") == self.stamp:
            self.entries = data.get("files", {})

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
        payload = json.dumps({"stamp": self.stamp, "files": keep}, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, payload.encode("utf-8"))
        except OSError:
            pass  # a read-only cache dir only costs speed on the next run
