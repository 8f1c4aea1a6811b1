"""What JS/TS resolution needs from config files: tsconfig path aliases and workspace packages."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

_JSONC_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def load_jsonc(text: str) -> Any:
    """JSON with comments and trailing commas (tsconfig's dialect); None when unreadable."""
    stripped = _JSONC_TOKEN.sub(lambda m: m.group(0) if m.group(0).startswith('"') else "", text)
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", stripped))
    except ValueError:
        return None


def _read(abspath: str) -> Any:
    try:
        with open(abspath, encoding="utf-8", errors="replace") as handle:
            return load_jsonc(handle.read())
    except OSError:
        return None


@dataclass
class TsConfig:
    directory: str  # relative dir of the tsconfig ("" for the root)
    base_url: str | None = None  # relative to the root
    paths: list[tuple[str, list[str]]] = field(
        default_factory=list
    )  # pattern -> targets (root-relative)


@dataclass
class Workspace:
    name: str
    directory: str
    entries: list[str] = field(default_factory=list)  # candidate entry files, root-relative


def _compiler_options(
    rel: str, configs: dict[str, str], depth: int = 0
) -> tuple[str | None, dict[str, list[str]]]:
    """baseUrl and paths of one tsconfig, following `extends` to local files (paths resolved)."""
    data = _read(configs[rel]) if rel in configs else None
    if not isinstance(data, dict) or depth > 5:
        return None, {}
    here = posixpath.dirname(rel)
    base_url: str | None = None
    paths: dict[str, list[str]] = {}
    parent = data.get("extends")
    for ext in parent if isinstance(parent, list) else [parent]:
        if isinstance(ext, str) and ext.startswith("."):
            target = posixpath.normpath(posixpath.join(here, ext))
            if not target.endswith(".json"):
                target += ".json"
            base_url, paths = _compiler_options(target, configs, depth + 1)
    options = data.get("compilerOptions")
    if isinstance(options, dict):
        if isinstance(options.get("baseUrl"), str):
            base_url = posixpath.normpath(posixpath.join(here, options["baseUrl"]))
        raw = options.get("paths")
        if isinstance(raw, dict):
            anchor = base_url if base_url is not None else here
            paths = {
                pattern: [
                    posixpath.normpath(posixpath.join(anchor, t))
                    for t in targets
                    if isinstance(t, str)
                ]
                for pattern, targets in raw.items()
                if isinstance(targets, list)
            }
    return base_url, paths


def tsconfigs(configs: dict[str, str]) -> dict[str, TsConfig]:
    """Every tsconfig.json / jsconfig.json by its directory."""
    found: dict[str, TsConfig] = {}
    for rel in sorted(configs):
        name = posixpath.basename(rel)
        if name not in ("tsconfig.json", "jsconfig.json"):
            continue
        base_url, paths = _compiler_options(rel, configs)
        directory = posixpath.dirname(rel)
        if directory in found and not paths and base_url is None:
            continue
        # Longest pattern prefix first, as TypeScript picks the most specific pattern.
        ordered = sorted(paths.items(), key=lambda item: -len(item[0].split("*")[0]))
        found[directory] = TsConfig(directory, base_url, ordered)
    return found


_DIST = re.compile(r"^(?:\./)?(?:dist|build|lib|out|esm|cjs)/")


def workspaces(configs: dict[str, str]) -> dict[str, Workspace]:
    """Local packages by name (monorepo workspaces), with their likely source entry files."""
    found: dict[str, Workspace] = {}
    for rel in sorted(configs):
        if posixpath.basename(rel) != "package.json":
            continue
        data = _read(configs[rel])
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            continue
        directory = posixpath.dirname(rel)
        entries: list[str] = []
        for key in ("source", "module", "main", "types", "typings"):
            value = data.get(key)
            if isinstance(value, str):
                entries.append(value)
                if _DIST.match(value):  # built output: the source usually mirrors it under src/
                    entries.append(_DIST.sub("src/", value))
        entries += ["src/index", "index", "lib/index"]
        joined = [posixpath.normpath(posixpath.join(directory, e)) for e in entries]
        found.setdefault(data["name"], Workspace(data["name"], directory, joined))
    return found
