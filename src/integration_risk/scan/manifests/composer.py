"""PHP `composer.json`: `require` and `require-dev` (platform packages skipped)."""

from __future__ import annotations

from integration_risk.scan.manifests.jsonscan import json_dependencies
from integration_risk.scan.manifests.model import ManifestResult

_SECTIONS = {"require": False, "require-dev": True}


def _package(name: str, _spec: object) -> str | None:
    # php, lib-*, composer-plugin-api: platform, not packages; every real Packagist name is
    # vendor/package. PHP extensions stay (`ext-redis`, `ext-ldap`, `ext-pdo_pgsql`): the
    # catalog names those that are clients of a remote system.
    if name.lower().startswith("ext-"):
        return name.lower()
    return name if "/" in name else None


def parse(relpath: str, text: str) -> ManifestResult:
    return json_dependencies(relpath, text, "packagist", _SECTIONS, _package)
