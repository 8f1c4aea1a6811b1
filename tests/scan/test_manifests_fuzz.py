"""Property tests: parsing never raises, whatever the text, for every manifest kind.

The unguarded dispatcher `_parse` is exercised so that a parser bug shows up as
a failure here instead of being hidden by `parse_manifest`'s last-resort guard."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integration_risk.catalog import ECOSYSTEMS
from integration_risk.scan.manifests import (
    ManifestResult,
    _parse,
    manifest_ecosystem,
    parse_manifest,
)

MANIFESTS = [
    "package.json",
    "composer.json",
    "pyproject.toml",
    "Pipfile",
    "setup.py",
    "setup.cfg",
    "requirements.txt",
    "requirements/dev.in",
    "go.mod",
    "Gemfile",
    "x.gemspec",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "gradle/libs.versions.toml",
    "App.csproj",
    "packages.config",
    "Directory.Packages.props",
    "Cargo.toml",
    "mix.exs",
    "pubspec.yaml",
]

# Fragments of the syntaxes the parsers look for, so random text reaches deep paths.
FRAGMENTS = [
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    '"',
    "'",
    ":",
    ",",
    "=",
    "\n",
    "\r\n",
    "\ufeff",
    "#",
    "//",
    "/*",
    "*/",
    '"""',
    "'''",
    "\\",
    " ",
    "\t",
    "-e ",
    "-r x",
    "#egg=",
    "@",
    ";",
    "==1.0",
    '"dependencies"',
    '"devDependencies"',
    '"require"',
    '"require-dev"',
    "[project]",
    "dependencies = [",
    "[tool.poetry.dependencies]",
    "[dependency-groups]",
    "[packages]",
    "[dependencies]",
    "[dev-dependencies]",
    "[target.'cfg(x)'.dependencies]",
    "package =",
    "[libraries]",
    "module =",
    "install_requires",
    "extras_require",
    "dict(",
    "[options]",
    "require (",
    "require",
    "// indirect",
    ")",
    "gem 'x'",
    'gem "y"',
    "group :test do",
    "end",
    "do",
    "group:",
    "add_dependency",
    "<project>",
    "</project>",
    "<dependency>",
    "</dependency>",
    "<groupId>g</groupId>",
    "<artifactId>a</artifactId>",
    "<scope>test",
    "<!ENTITY",
    '<PackageReference Include="X">',
    "</PackageReference>",
    "<package id=",
    "implementation",
    "testImplementation",
    "'g:a:1'",
    "group: 'g', name: 'a'",
    "defp deps do",
    "{:dep,",
    "only:",
    "dependencies:",
    "  dio: ^1",
    "sdk: flutter",
    "&a",
    "*a",
    "!!python/object",
    "\x00",
    "\u2028",
    "é",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(MANIFESTS), text=texts)
def test_parsers_never_raise(name: str, text: str) -> None:
    result = _parse(name, text)
    assert isinstance(result, ManifestResult)
    ecosystem = manifest_ecosystem(name)
    assert ecosystem in ECOSYSTEMS
    for dep in result.dependencies:
        assert dep.ecosystem == ecosystem
        assert dep.name
        assert 1 <= dep.line <= text.count("\n") + 1
    if result.error is not None:
        assert result.dependencies == ()
        assert len(result.error) <= 120  # short, never a quote of the content


@settings(max_examples=200, deadline=None)
@given(path=st.text(max_size=80), text=st.text(max_size=80))
def test_any_path_never_raises(path: str, text: str) -> None:
    result = parse_manifest(path, text)
    assert isinstance(result, ManifestResult)
    unknown = result.error is not None and result.error.endswith("not a dependency manifest")
    assert (manifest_ecosystem(path) is None) == unknown
