"""Rust `Cargo.toml`: dependencies, dev/build dependencies (dev), per-target
tables and `[workspace.dependencies]`; `package = "real"` renames resolved. A path
dependency (`snowflake = { path = "libs/snowflake" }`) is a crate of the project's own
tree, whatever it is called, so it names no external system."""

from __future__ import annotations

from typing import Any

from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.tomlscan import Path, TomlLines, load_toml

# table name -> dev? (underscore spellings are legacy aliases cargo still reads)
_KINDS = {
    "dependencies": False,
    "dev-dependencies": True,
    "dev_dependencies": True,
    "build-dependencies": True,
    "build_dependencies": True,
}


def _tables(data: dict[str, Any]) -> list[tuple[Path, Any, bool]]:
    found: list[tuple[Path, Any, bool]] = []
    for kind, dev in _KINDS.items():
        found.append(((kind,), data.get(kind), dev))
    targets = data.get("target")
    if isinstance(targets, dict):
        for cfg, body in targets.items():
            if isinstance(body, dict):
                for kind, dev in _KINDS.items():
                    found.append((("target", cfg, kind), body.get(kind), dev))
    workspace = data.get("workspace")
    if isinstance(workspace, dict):
        found.append((("workspace", "dependencies"), workspace.get("dependencies"), False))
    return found


def parse(relpath: str, text: str) -> ManifestResult:
    data = load_toml(relpath, text)
    if isinstance(data, ManifestResult):
        return data
    lines = TomlLines(text)
    deps: list[Dependency] = []
    for path, table, dev in _tables(data):
        if not isinstance(table, dict):
            continue
        header = lines.line(path)
        for key, spec in table.items():
            if isinstance(spec, dict) and "path" in spec:
                continue  # a local crate
            name = key
            if isinstance(spec, dict) and isinstance(spec.get("package"), str):
                name = spec["package"]
            deps.append(Dependency("cargo", name, lines.line((*path, key), header), dev))
    return ManifestResult(tuple(deps))
