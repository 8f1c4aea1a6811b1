"""npm / yarn / pnpm `package.json` (each workspace has its own file)."""

from __future__ import annotations

from integration_risk.scan.manifests.jsonscan import load_object, section_entries
from integration_risk.scan.manifests.model import Dependency, ManifestResult

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


def parse(relpath: str, text: str) -> ManifestResult:
    data = load_object(relpath, text)
    if isinstance(data, ManifestResult):
        return data
    return ManifestResult(
        tuple(
            Dependency("npm", _real_name(name, spec), line, dev)
            for name, spec, dev, line in section_entries(data, text, _SECTIONS)
            if name.strip()
        )
    )
