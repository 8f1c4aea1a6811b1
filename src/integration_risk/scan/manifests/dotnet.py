"""NuGet: SDK-style project files (`*.csproj`, `*.fsproj`, `*.vbproj`),
`Directory.Packages.props` / `Directory.Build.props` and `packages.config`."""

from __future__ import annotations

import re

from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.text import basename
from integration_risk.scan.manifests.xmlscan import walk_xml

_REFERENCES = frozenset({"PackageReference", "PackageVersion", "GlobalPackageReference"})
# MyApp.Tests.csproj, Billing.IntegrationTests.fsproj, Api.Test.csproj ...
_TEST_PROJECT = re.compile(r"(?:(?:^|[._-])[A-Za-z]*Tests?|[._-]tests?)\.[a-z]+proj$")
_TEST_SDKS = frozenset({"microsoft.net.test.sdk", "xunit", "nunit", "mstest.testframework"})


class _Project:
    def __init__(self) -> None:
        # (name, line, build-only)
        self.refs: list[tuple[str, int, bool]] = []
        self.is_test = False
        self._open: tuple[str, int, bool] | None = None

    def start(self, path: list[str], attrs: dict[str, str], line: int) -> None:
        name = path[-1]
        if name in _REFERENCES:
            package = (attrs.get("Include") or attrs.get("Update") or "").strip()
            private = "all" in attrs.get("PrivateAssets", "").lower()
            self._open = (package, line, private) if package else None
        elif name == "package" and "id" in attrs:  # packages.config
            dev = attrs.get("developmentDependency", "").lower() == "true"
            self.refs.append((attrs["id"].strip(), line, dev))

    def end(self, path: list[str], text: str) -> None:
        name = path[-1]
        if name == "IsTestProject" and text.lower() == "true":
            self.is_test = True
        elif name == "PrivateAssets" and self._open and "all" in text.lower():
            self._open = (self._open[0], self._open[1], True)
        elif name in _REFERENCES and self._open is not None:
            self.refs.append(self._open)
            self._open = None


def parse(relpath: str, text: str) -> ManifestResult:
    project = _Project()
    failed = walk_xml(relpath, text, project.start, project.end)
    if failed is not None:
        return failed
    name = basename(relpath)
    # a test project's packages are all test-only; props files are shared, not judged
    is_test = name.lower().endswith("proj") and (
        project.is_test
        or _TEST_PROJECT.search(name) is not None
        or any(ref.lower() in _TEST_SDKS for ref, _, _ in project.refs)
    )
    deps = tuple(
        Dependency("nuget", name, line, is_test or build_only)
        for name, line, build_only in project.refs
        if name
    )
    return ManifestResult(deps)
