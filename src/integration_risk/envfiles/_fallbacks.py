"""Stand-ins for `scan.walk.walk_tree` and `catalog.index.catalog_index` until they land
on main. Delete this module once both imports succeed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from integration_risk.catalog import load_catalog
from integration_risk.envfiles.discovery import PRUNE


@dataclass(frozen=True)
class WalkedFile:
    path: Path
    relpath: str
    size: int


@dataclass
class WalkResult:
    files: list[WalkedFile] = field(default_factory=list)


def walk_tree(root: Path, start: Path) -> WalkResult:
    result = WalkResult()
    for directory, dirs, files in os.walk(start, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in PRUNE)
        for name in sorted(files):
            path = Path(directory) / name
            if path.is_symlink() or not path.is_file():
                continue
            size = path.stat().st_size
            if size <= 1 << 20:
                result.files.append(WalkedFile(path, path.relative_to(root).as_posix(), size))
    return result


class _Index:
    def env_provider(self, name: str) -> str | None:
        providers = load_catalog().providers.values()
        for provider in providers:
            if name in provider.env.names:
                return provider.id
        for provider in providers:
            if any(name.startswith(prefix) for prefix in provider.env.prefixes):
                return provider.id
        return None

    def host_provider(self, host: str) -> str | None:
        for provider in load_catalog().providers.values():
            if any(host == h or host.endswith("." + h) for h in provider.hosts):
                return provider.id
        return None

    def scheme_provider(self, scheme: str) -> str | None:
        for provider in load_catalog().providers.values():
            if scheme in provider.schemes:
                return provider.id
        return None


def catalog_index() -> _Index:
    return _Index()
