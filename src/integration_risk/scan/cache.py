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
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from integration_risk.filecache import FileCache, cache_path, code_version
from integration_risk.scan.findings import Finding

# Any change to the package's code or data (an extractor, masking, the language map)
# invalidates the cache; the catalog has its own version.
EXTRACTOR_VERSION = code_version()


def cache_file(root: Path, kind: str = "") -> Path:
    """The cache file of one scanned root; `kind` names a sibling cache (e.g. env reads)."""
    return cache_path(root, "scan", kind)


def content_digest(relpath: str, data: bytes) -> str:
    """Digest of a file's content and path: findings depend on both (a file under tests/
    is test evidence, the same text elsewhere is not)."""
    digest = hashlib.blake2b(relpath.encode(), digest_size=16)
    digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest()


# A finding's fields in order (all plain values): what `astuple` gives, without its deep copy.
_ROW = attrgetter(*(f.name for f in fields(Finding)))


def _encode(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [_ROW(f) for f in findings]


def _decode(rows: list[list[Any]]) -> list[Finding]:
    return [Finding(*row) for row in rows]


class ScanCache(FileCache[list[Finding]]):
    def __init__(self, root: Path, catalog_version: str, enabled: bool = True) -> None:
        stamp = f"{catalog_version}:{EXTRACTOR_VERSION}"
        super().__init__(cache_file(root), stamp, _encode, _decode, enabled)
