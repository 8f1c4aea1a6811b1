"""Catalog vocabulary and files, importable without pydantic (the scan's hot path uses them)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, get_args

PROVIDERS_DIR = Path(__file__).parent / "providers"

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
    """Hash of every provider file's name and bytes: keys every cache built from them."""
    return version_of((path, path.read_bytes()) for path in sorted(directory.glob("*.toml")))


def version_of(files: Iterable[tuple[Path, bytes]]) -> str:
    """`catalog_version` of provider files already read, in sorted order."""
    digest = hashlib.sha256()
    for path, data in files:
        digest.update(path.name.encode())
        digest.update(data)
    return digest.hexdigest()[:16]
