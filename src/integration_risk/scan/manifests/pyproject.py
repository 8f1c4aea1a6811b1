"""`pyproject.toml` (PEP 621, PEP 735 dependency groups, Poetry, uv, PDM, Hatch)
and `Pipfile`."""

from __future__ import annotations

from typing import Any

from packaging.utils import canonicalize_name

from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.requirements import requirement_name
from integration_risk.scan.manifests.text import is_dev_name
from integration_risk.scan.manifests.tomlscan import Path, TomlLines, load_toml


def _table(data: Any, *keys: str) -> dict[str, Any]:
    for key in keys:
        if not isinstance(data, dict):
            return {}
        data = data.get(key)
    return data if isinstance(data, dict) else {}


class _Collector:
    def __init__(self, lines: TomlLines, own_name: str | None) -> None:
        self.lines = lines
        self.own = own_name
        self.deps: list[Dependency] = []

    def add(self, name: str | None, line: int, dev: bool) -> None:
        if name and name != self.own:
            self.deps.append(Dependency("pypi", name, line, dev))

    def requirement_list(self, path: Path, specs: Any, dev: bool) -> None:
        """PEP 508 strings in an array (dicts such as `{include-group=...}` skipped)."""
        if not isinstance(specs, list):
            return
        default = self.lines.line(path, self.lines.line(path[:-1]))
        for spec in specs:
            if isinstance(spec, str):
                line = self.lines.take_string(path, spec, default)
                self.add(requirement_name(spec), line, dev)

    def name_table(self, path: Path, table: dict[str, Any], dev: bool) -> None:
        """Poetry/Pipfile style `name = "spec"` tables; `python` is the interpreter."""
        header = self.lines.line(path)
        for key in table:
            name = canonicalize_name(key)
            if name != "python":
                self.add(name, self.lines.line((*path, key), header), dev)


def _project_name(data: dict[str, Any]) -> str | None:
    for table in (_table(data, "project"), _table(data, "tool", "poetry")):
        name = table.get("name")
        if isinstance(name, str):
            return canonicalize_name(name)
    return None


def parse_pyproject(relpath: str, text: str) -> ManifestResult:
    data = load_toml(relpath, text)
    if isinstance(data, ManifestResult):
        return data
    out = _Collector(TomlLines(text), _project_name(data))
    project = _table(data, "project")
    out.requirement_list(("project", "dependencies"), project.get("dependencies"), False)
    for extra, specs in _table(project, "optional-dependencies").items():
        path: Path = ("project", "optional-dependencies", extra)
        out.requirement_list(path, specs, is_dev_name(extra))
    for group, specs in _table(data, "dependency-groups").items():
        out.requirement_list(("dependency-groups", group), specs, is_dev_name(group))

    poetry = _table(data, "tool", "poetry")
    base = ("tool", "poetry")
    out.name_table((*base, "dependencies"), _table(poetry, "dependencies"), False)
    out.name_table((*base, "dev-dependencies"), _table(poetry, "dev-dependencies"), True)
    for group, body in _table(poetry, "group").items():
        path = (*base, "group", group, "dependencies")
        out.name_table(path, _table(body, "dependencies"), is_dev_name(group))

    uv = _table(data, "tool", "uv")
    out.requirement_list(("tool", "uv", "dev-dependencies"), uv.get("dev-dependencies"), True)
    for group, specs in _table(data, "tool", "pdm", "dev-dependencies").items():
        out.requirement_list(("tool", "pdm", "dev-dependencies", group), specs, True)
    # Hatch environments hold tooling (test runners, linters), never runtime deps.
    for env, body in _table(data, "tool", "hatch", "envs").items():
        if isinstance(body, dict):
            for key in ("dependencies", "extra-dependencies"):
                path = ("tool", "hatch", "envs", env, key)
                out.requirement_list(path, body.get(key), True)
    return ManifestResult(tuple(out.deps))


def parse_pipfile(relpath: str, text: str) -> ManifestResult:
    data = load_toml(relpath, text)
    if isinstance(data, ManifestResult):
        return data
    out = _Collector(TomlLines(text), None)
    out.name_table(("packages",), _table(data, "packages"), False)
    out.name_table(("dev-packages",), _table(data, "dev-packages"), True)
    return ManifestResult(tuple(out.deps))
