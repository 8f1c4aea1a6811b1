"""PHP `composer.json`: `require` and `require-dev` (platform packages skipped)."""

from __future__ import annotations

from integration_risk.scan.manifests.jsonscan import key_lines, load_object
from integration_risk.scan.manifests.model import Dependency, ManifestResult

_SECTIONS = {"require": False, "require-dev": True}


def parse(relpath: str, text: str) -> ManifestResult:
    data = load_object(relpath, text)
    if isinstance(data, ManifestResult):
        return data
    lines = key_lines(text, frozenset(_SECTIONS))
    deps: list[Dependency] = []
    for section, dev in _SECTIONS.items():
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        for name in table:
            # php, ext-*, lib-*, composer-plugin-api: platform, not packages;
            # every real Packagist name is vendor/package.
            if "/" not in name:
                continue
            deps.append(Dependency("packagist", name, lines.get((section, name), 1), dev))
    return ManifestResult(tuple(deps))
