"""Dependency-manifest extractor: which files are manifests, and what each declares.

Pure functions over text, no I/O; the scanner engine calls `manifest_ecosystem`
on every file name and `parse_manifest` on the manifests it reads. Parsing never
raises: unreadable input gives a `ManifestResult` with an `error`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from integration_risk.scan.manifests import (
    cargo,
    composer,
    dotnet,
    golang,
    gradle,
    maven,
    mix,
    npm,
    pubspec,
    pyproject,
    requirements,
    ruby,
    setup_files,
)
from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.text import basename, failure, prepare

__all__ = ["Dependency", "ManifestResult", "manifest_ecosystem", "parse_manifest"]

Parser = Callable[[str, str], ManifestResult]

# lowercased file name -> (ecosystem, parser)
_BY_NAME: dict[str, tuple[str, Parser]] = {
    "package.json": ("npm", npm.parse),
    "composer.json": ("packagist", composer.parse),
    "pyproject.toml": ("pypi", pyproject.parse_pyproject),
    "pipfile": ("pypi", pyproject.parse_pipfile),
    "setup.py": ("pypi", setup_files.parse_setup_py),
    "setup.cfg": ("pypi", setup_files.parse_setup_cfg),
    "go.mod": ("go", golang.parse),
    "gemfile": ("rubygems", ruby.parse_gemfile),
    "gems.rb": ("rubygems", ruby.parse_gemfile),
    "pom.xml": ("maven", maven.parse),
    "build.gradle": ("maven", gradle.parse_script),
    "build.gradle.kts": ("maven", gradle.parse_script),
    "packages.config": ("nuget", dotnet.parse),
    "directory.packages.props": ("nuget", dotnet.parse),
    "directory.build.props": ("nuget", dotnet.parse),
    "cargo.toml": ("cargo", cargo.parse),
    "mix.exs": ("hex", mix.parse),
    "pubspec.yaml": ("pub", pubspec.parse),
}
_BY_SUFFIX: dict[str, tuple[str, Parser]] = {
    ".gemspec": ("rubygems", ruby.parse_gemspec),
    ".csproj": ("nuget", dotnet.parse),
    ".fsproj": ("nuget", dotnet.parse),
    ".vbproj": ("nuget", dotnet.parse),
}
_CATALOG = ("maven", gradle.parse_catalog)  # gradle/libs.versions.toml and other catalogs
_REQUIREMENTS = ("pypi", requirements.parse)
# requirements.txt, requirements-dev.in, dev-requirements.txt, requirements.test.txt
_REQUIREMENTS_NAME = re.compile(r"^(?:[\w.-]*[-_.])?requirements(?:[-_.][\w.-]*)?\.(?:txt|in)$")


def _lookup(relpath: str) -> tuple[str, Parser] | None:
    name = relpath.rpartition("/")[2]
    if "\\" in name:
        name = name.rpartition("\\")[2]
    name = name.lower()
    found = _BY_NAME.get(name)
    if found is not None:
        return found
    dot = name.rfind(".")
    if dot == -1:
        return None
    found = _BY_SUFFIX.get(name[dot:])
    if found is not None:
        return found
    if name.endswith(".versions.toml"):
        return _CATALOG
    if name.endswith((".txt", ".in")):
        if "requirements" in name and _REQUIREMENTS_NAME.match(name):
            return _REQUIREMENTS
        parent = relpath[: len(relpath) - len(name) - 1]
        if basename(parent).lower() == "requirements":
            return _REQUIREMENTS
    return None


def manifest_ecosystem(relpath: str) -> str | None:
    """Ecosystem (`npm`, `pypi`, ... as in catalog.ECOSYSTEMS) when the file
    name is a manifest this module parses, else None. Looks at the name only."""
    found = _lookup(relpath)
    return found[0] if found else None


def parse_manifest(relpath: str, text: str) -> ManifestResult:
    """Dependencies declared by the manifest `relpath` whose content is `text`.

    Never raises: a file that is not a known manifest or cannot be parsed gives
    an empty result with a short `error` naming the file and, when known, the line.
    """
    try:
        return _parse(relpath, text)
    except Exception as exc:  # the contract is "never raises"; report, don't crash
        return failure(relpath, f"could not be parsed ({type(exc).__name__})")


def _parse(relpath: str, text: str) -> ManifestResult:
    found = _lookup(relpath)
    if found is None:
        return failure(relpath, "is not a dependency manifest")
    return found[1](relpath, prepare(text))
