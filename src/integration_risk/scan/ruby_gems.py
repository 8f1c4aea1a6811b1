"""The gems a Ruby project installs, and the Rails adapters its config names without them.

A Rails app's generated config names backends for every environment: `config/cable.yml`
gives production an `adapter: redis` with a `redis://localhost` default, `storage.yml` an
`S3` or `AzureStorage` service. Each adapter loads its own gem (`redis`, `aws-sdk-s3`); one
the project installs no gem for (Gemfile.lock lists every gem, direct or not) cannot run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from integration_risk.catalog.index import CatalogIndex
from integration_risk.scan.findings import Finding

# A gem of the lock file's `specs:` lists: `    redis-client (0.22.2)`.
_LOCKED_GEM = re.compile(r"^ {4}([A-Za-z0-9_.-]+) \(", re.M)
_RAILS_CONFIG = re.compile(r"(?:^|/)config/[^/]+\.ya?ml(?:\.erb)?$")
_DECLARATIVE_KINDS = frozenset({"config", "scheme", "env"})


def ruby_gems(root: Path, files: Iterable[str]) -> frozenset[str] | None:
    """The gems of the Gemfile.lock beside each Gemfile, lowercased; None when the project
    has no Gemfile or no lock file beside one (then nobody can tell what is installed), or
    is no Rails app (a Gemfile for fastlane or docs says nothing of the app's own config)."""
    gemfiles = [f for f in files if f.rsplit("/", 1)[-1] == "Gemfile"]
    names: set[str] = set()
    locked = False
    for gemfile in gemfiles:
        try:
            text = (root / (gemfile + ".lock")).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        locked = True
        names.update(name.lower() for name in _LOCKED_GEM.findall(text))
    return frozenset(names) if locked and "railties" in names else None


def uninstalled_adapters(
    items_by_provider: dict[str, list[tuple[str, Finding]]],
    installed: frozenset[str],
    index: CatalogIndex,
) -> list[str]:
    """Providers named only by adapter settings in Rails config YAML (`adapter: redis`, a
    `redis://` default, an env key there) none of whose gems the project installs."""
    gems: dict[str, list[str]] = {}
    for package, provider in index.packages.get("rubygems", {}).items():
        gems.setdefault(provider, []).append(package)
    dropped = []
    for provider, items in items_by_provider.items():
        packages = gems.get(provider)
        if not packages or any(p in installed for p in packages):
            continue
        if all(f.kind in _DECLARATIVE_KINDS and _RAILS_CONFIG.search(p) for p, f in items):
            dropped.append(provider)
    return dropped
