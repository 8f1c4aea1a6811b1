"""PHP `composer.json`: `require` and `require-dev` (platform packages skipped)."""

from __future__ import annotations

from integration_risk.scan.manifests.jsonscan import load_object, section_entries
from integration_risk.scan.manifests.model import Dependency, ManifestResult

_SECTIONS = {"require": False, "require-dev": True}


def parse(relpath: str, text: str) -> ManifestResult:
    data = load_object(relpath, text)
    if isinstance(data, ManifestResult):
        return data
    # php, ext-*, lib-*, composer-plugin-api: platform, not packages; every real
    # Packagist name is vendor/package.
    return ManifestResult(
        tuple(
            Dependency("packagist", name, line, dev)
            for name, _spec, dev, line in section_entries(data, text, _SECTIONS)
            if "/" in name
        )
    )
