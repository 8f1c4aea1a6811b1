"""npm / yarn / pnpm `package.json` (each workspace has its own file)."""

from __future__ import annotations

from integration_risk.scan.manifests.jsonscan import json_dependencies
from integration_risk.scan.manifests.model import ManifestResult

# section -> dev?
_SECTIONS = {
    "dependencies": False,
    "devDependencies": True,
    "peerDependencies": False,
    "optionalDependencies": False,
}


def _real_name(name: str, spec: object) -> str:
    """`"alias": "npm:real-name@^1"` installs real-name under another name."""
    if isinstance(spec, str) and spec.startswith("npm:"):
        target = spec[4:]
        at = target.rfind("@")
        real = target[:at] if at > 0 else target
        if real:
            return real
    return name


def _package(name: str, spec: object) -> str | None:
    return _real_name(name, spec) if name.strip() else None


def parse(relpath: str, text: str) -> ManifestResult:
    return json_dependencies(relpath, text, "npm", _SECTIONS, _package)
