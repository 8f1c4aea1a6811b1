"""npm / yarn / pnpm `package.json` (each workspace has its own file)."""

from __future__ import annotations

from integration_risk.scan.manifests.jsonscan import key_lines, load_object
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
    lines = key_lines(text, frozenset(_SECTIONS))
    deps: list[Dependency] = []
    for section, dev in _SECTIONS.items():
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        for name, spec in table.items():
            if not name.strip():
                continue
            line = lines.get((section, name), 1)
            deps.append(Dependency("npm", _real_name(name, spec), line, dev))
    return ManifestResult(tuple(deps))
