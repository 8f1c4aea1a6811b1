"""Third-party code a package manager installs somewhere other than its default directory.

Composer installs each required package at `<vendor-dir>/<vendor>/<name>`; a project
that sets `config.vendor-dir` (`"./"` in a `lib/composer.json`) keeps its installed
libraries beside its own code, under names the walk cannot tell from source. The
manifest says which directories they are.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path

_MAX_MANIFEST_BYTES = 200_000


def composer_vendor_dirs(relpath: str, text: str) -> Iterator[str]:
    """The directories (relative to the scan root) where the composer.json at `relpath`
    installs its packages, when it moves its vendor directory; none otherwise."""
    try:
        data = json.loads(text)
    except ValueError:
        return
    if not isinstance(data, dict):
        return
    config = data.get("config")
    vendor_dir = config.get("vendor-dir") if isinstance(config, dict) else None
    if not isinstance(vendor_dir, str) or vendor_dir.strip("./") == "vendor":
        return  # the default `vendor/` is skipped by name already
    base = posixpath.normpath(posixpath.join(posixpath.dirname(relpath), vendor_dir))
    if base.startswith("..") or posixpath.isabs(base):
        return
    for section in ("require", "require-dev"):
        packages = data.get(section)
        if not isinstance(packages, dict):
            continue
        for name in packages:
            if isinstance(name, str) and name.count("/") == 1:
                yield posixpath.normpath(posixpath.join(base, name.lower()))


def declared_vendor_dirs(files: Iterable[tuple[str, str]]) -> set[str]:
    """Vendored directories declared by the composer.json files among `files`
    ((relpath, abspath) pairs)."""
    found: set[str] = set()
    for relpath, abspath in files:
        if relpath.rsplit("/", 1)[-1] != "composer.json":
            continue
        try:
            path = Path(abspath)
            if path.stat().st_size > _MAX_MANIFEST_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found.update(composer_vendor_dirs(relpath, text))
    return found
