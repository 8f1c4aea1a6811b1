"""Maven `pom.xml`: dependencies, profiles and plugin dependencies, as
`groupId:artifactId`; `${property}` references resolved from the same file.
`<dependencyManagement>` only pins versions for modules that may never declare the
artifact (a module that does lists it in its own `<dependencies>`): only its imported BOMs
(`<scope>import</scope>`, an SDK's bill of materials) are kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.xmlscan import walk_xml

_PROPERTY = re.compile(r"\$\{([^}]+)\}")
_DEV_SCOPES = frozenset({"test"})


@dataclass
class _Pending:
    line: int
    in_plugin: bool
    managed: bool = False
    fields: dict[str, str] = field(default_factory=dict)
    artifact_line: int = 0


class _Pom:
    def __init__(self) -> None:
        self.found: list[_Pending] = []
        self.props: dict[str, str] = {}
        self.current: _Pending | None = None

    def start(self, path: list[str], _attrs: dict[str, str], line: int) -> None:
        if path[-1] == "dependency" and len(path) >= 2 and path[-2] == "dependencies":
            self.current = _Pending(line, "plugin" in path, "dependencyManagement" in path)
        elif self.current is not None and path[-1] == "artifactId" and path[-2] == "dependency":
            self.current.artifact_line = line

    def end(self, path: list[str], text: str) -> None:
        name = path[-1]
        if self.current is not None:
            if name == "dependency":
                self.found.append(self.current)
                self.current = None
            elif path[-2] == "dependency":
                self.current.fields[name] = text
            return
        depth = len(path)
        if depth == 3 and path[1] == "properties":
            self.props[name] = text
        elif depth == 2 and name in ("groupId", "version", "artifactId"):
            self.props[f"project.{name}"] = text
        elif depth == 3 and path[1] == "parent" and name in ("groupId", "version"):
            self.props[f"project.parent.{name}"] = text
            self.props.setdefault(f"project.{name}", text)

    def resolve(self, value: str) -> str:
        if "${" not in value:
            return value
        return _PROPERTY.sub(lambda m: self.props.get(m.group(1), m.group(0)), value)


def parse(relpath: str, text: str) -> ManifestResult:
    pom = _Pom()
    failed = walk_xml(relpath, text, pom.start, pom.end)
    if failed is not None:
        return failed
    deps: list[Dependency] = []
    for item in pom.found:
        group = pom.resolve(item.fields.get("groupId", ""))
        artifact = pom.resolve(item.fields.get("artifactId", ""))
        if not group or not artifact:
            continue
        scope = item.fields.get("scope", "").strip().lower()
        if item.managed and scope != "import":
            continue  # a version pin, not a dependency
        # plugin dependencies only run inside the build
        dev = scope in _DEV_SCOPES or item.in_plugin
        line = item.artifact_line or item.line
        deps.append(Dependency("maven", f"{group}:{artifact}", line, dev))
    return ManifestResult(tuple(deps))
