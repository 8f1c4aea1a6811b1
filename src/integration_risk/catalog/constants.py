"""Catalog vocabulary and files, importable without pydantic (the scan's hot path uses them)."""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, get_args

PROVIDERS_DIR = Path(__file__).parent / "providers"
# Written by the package build from the provider files (`hatch_build.py`), never committed.
PREBUILT_INDEX = Path(__file__).parent / "prebuilt_index.json"

Category = Literal[
    "database",
    "cache",
    "queue",
    "storage",
    "email",
    "sms",
    "payment",
    "auth",
    "search",
    "observability",
    "ai",
    "http-api",
    "webhook",
    "cdn",
    "analytics",
    "other",
]
CATEGORIES: tuple[str, ...] = get_args(Category)
# Default business criticality 1-10 per category (`categories.toml`): one table for every view.
CATEGORY_CRITICALITY: dict[str, int] = tomllib.loads(
    (Path(__file__).parent / "categories.toml").read_text(encoding="utf-8")
)
DEFAULT_CRITICALITY = CATEGORY_CRITICALITY["other"]


def criticality(category: str) -> int:
    """The default criticality of a category (of `other` for one the catalog does not know)."""
    return CATEGORY_CRITICALITY.get(category, DEFAULT_CRITICALITY)


# Integrations scoring below this confidence are left out of a scan unless asked for
# (test-only evidence scores at most 0.25). CLI, MCP tool, scan-org and api share it.
DEFAULT_MIN_CONFIDENCE = 0.3
ECOSYSTEMS = (
    "npm",
    "pypi",
    "go",
    "rubygems",
    "maven",
    "nuget",
    "packagist",
    "cargo",
    "hex",
    "pub",
)
LANGUAGES = ("python", "js", "go", "ruby", "java", "csharp", "php", "rust", "elixir", "dart")


def catalog_version(directory: Path = PROVIDERS_DIR) -> str:
    """Hash of every provider file's name and bytes: keys every cache built from them.
    Remembered under the files' names, sizes and mtimes, as the scan cache remembers a
    source file: a warm scan stats ~900 files instead of reading them."""
    from integration_risk.atomic import atomic_write
    from integration_risk.paths import user_cache_root

    # scandir and os.stat, not Path.glob and Path.stat: half the time on ~900 files
    files = sorted((e.name, e.path) for e in os.scandir(directory) if e.name.endswith(".toml"))
    stamp = hashlib.sha256(str(directory.resolve()).encode())
    for name, path in files:
        info = os.stat(path)
        stamp.update(f"\0{name}:{info.st_size}:{info.st_mtime_ns}".encode())
    memo = user_cache_root() / "catalog" / f"version-{stamp.hexdigest()[:24]}"
    try:
        remembered = memo.read_text(encoding="ascii")
        if len(remembered) == 16:
            return remembered
    except (OSError, UnicodeDecodeError):
        pass
    version = version_of((Path(path), Path(path).read_bytes()) for _, path in files)
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(memo, version.encode("ascii"))
    except OSError:
        pass  # no writable cache dir: read the files again next time
    return version


def version_of(files: Iterable[tuple[Path, bytes]]) -> str:
    """`catalog_version` of provider files already read, in sorted order."""
    digest = hashlib.sha256()
    for path, data in files:
        digest.update(path.name.encode())
        digest.update(data)
    return digest.hexdigest()[:16]
