"""Per-file scan cache under the user cache dir (honours XDG_CACHE_HOME).

One JSON file per scanned root maps each relative path to its stat data, a
content digest and its findings. A file whose size and mtime are unchanged is
not re-read; a changed stat with the same content digest is not re-extracted.
The whole cache is keyed by catalog version and extractor version, so editing
the catalog or the extractors invalidates it. Findings hold masked snippets
only, never raw values.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import astuple
from pathlib import Path
from typing import Any

from integration_risk.atomic import atomic_write
from integration_risk.paths import user_cache_root
from integration_risk.scan.findings import Finding


def _extractor_version() -> str:
    """Hash of the scanner's own source: any change to an extractor invalidates the cache."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    shared = [package.parent / "lines.py"]  # bottom-layer helpers extractors use
    for path in [*sorted(package.rglob("*.py")), *shared]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = _extractor_version()

Entry = tuple[int, int, str, list[Finding]]  # size, mtime_ns, digest, findings


def cache_dir() -> Path:
    return user_cache_root() / "scan"


def cache_file(root: Path, kind: str = "") -> Path:
    """The cache file of one scanned root; `kind` names a sibling cache (e.g. env reads)."""
    key = hashlib.sha256(str(root).encode()).hexdigest()[:20]
    return cache_dir() / f"{key}{'.' + kind if kind else ''}.json"


def content_digest(relpath: str, data: bytes) -> str:
    """Digest of a file's content and path: findings depend on both (a file under tests/
    is test evidence, the same text elsewhere is not)."""
    digest = hashlib.blake2b(relpath.encode(), digest_size=16)
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


class ScanCache:
    def __init__(self, root: Path, catalog_version: str, enabled: bool = True) -> None:
        self.path = cache_file(root)
        self.stamp = f"{catalog_version}:{EXTRACTOR_VERSION}"
        self.enabled = enabled
        self.entries: dict[str, Entry] = {}
        self.by_digest: dict[str, list[Finding]] = {}
        self.dirty = False
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("stamp") != self.stamp:
            return
        for rel, (size, mtime, digest, rows) in data.get("files", {}).items():
            findings = [Finding(*row) for row in rows]
            self.entries[rel] = (size, mtime, digest, findings)
            self.by_digest[digest] = findings

    def lookup_stat(self, rel: str, size: int, mtime_ns: int) -> list[Finding] | None:
        entry = self.entries.get(rel)
        if entry is not None and entry[0] == size and entry[1] == mtime_ns:
            return entry[3]
        return None

    def lookup_digest(self, digest: str) -> list[Finding] | None:
        return self.by_digest.get(digest)

    def store(
        self, rel: str, size: int, mtime_ns: int, digest: str, findings: list[Finding]
    ) -> None:
        self.entries[rel] = (size, mtime_ns, digest, findings)
        self.by_digest[digest] = findings
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
            rel: [size, mtime, digest, [list(astuple(f)) for f in findings]]
            for rel, (size, mtime, digest, findings) in self.entries.items()
        }
        payload = json.dumps({"stamp": self.stamp, "files": files}, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, payload.encode("utf-8"))
        except OSError:
            pass  # a read-only cache dir only costs speed on the next run
