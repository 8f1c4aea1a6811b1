"""package.json (npm / yarn / pnpm) and the shared API behaviour."""

from __future__ import annotations

from integration_risk.catalog import ECOSYSTEMS
from integration_risk.scan.manifests import Dependency, manifest_ecosystem, parse_manifest

PACKAGE_JSON = """{
  "name": "@acme/checkout-web",
  "version": "2.4.1",
  "private": true,
  "scripts": {
    "build": "next build",
    "test": "vitest run"
  },
  "dependencies": {
    "@stripe/stripe-js": "^2.1.0",
    "next": "14.1.0",
    "pg": "^8.11.3",
    "lodash4": "npm:lodash@^4.17.21",
    "@sentry/nextjs": "npm:@sentry/nextjs@7.99.0"
  },
  "devDependencies": {
    "vitest": "^1.2.0",
    "@testcontainers/postgresql": "^10.4.0"
  },
  "peerDependencies": {"react": ">=18"},
  "optionalDependencies": {
    "bufferutil": "^4.0.8"
  },
  "config": {"dependencies": {"not-a-dep": "1.0.0"}}
}
"""


def test_sections_lines_and_dev_marking() -> None:
    result = parse_manifest("apps/web/package.json", PACKAGE_JSON)
    assert result.error is None
    assert result.dependencies == (
        Dependency("npm", "@stripe/stripe-js", 10, False),
        Dependency("npm", "next", 11, False),
        Dependency("npm", "pg", 12, False),
        Dependency("npm", "lodash", 13, False),
        Dependency("npm", "@sentry/nextjs", 14, False),
        Dependency("npm", "vitest", 17, True),
        Dependency("npm", "@testcontainers/postgresql", 18, True),
        Dependency("npm", "react", 20, False),
        Dependency("npm", "bufferutil", 22, False),
    )


def test_same_package_in_two_sections_gets_each_line() -> None:
    text = '{"dependencies": {"redis": "4"},\n "devDependencies": {\n  "redis": "4"}}'
    deps = parse_manifest("package.json", text).dependencies
    assert [(d.line, d.dev) for d in deps] == [(1, False), (3, True)]


def test_minified_and_escaped_keys() -> None:
    text = '{"dependencies":{"a\\u002db":"1","kafkajs":"2"}}'
    deps = parse_manifest("package.json", text).dependencies
    assert [(d.name, d.line) for d in deps] == [("a-b", 1), ("kafkajs", 1)]


def test_bom_and_crlf() -> None:
    text = "\ufeff" + PACKAGE_JSON.replace("\n", "\r\n")
    result = parse_manifest("package.json", text)
    assert result.error is None
    assert result.dependencies[0] == Dependency("npm", "@stripe/stripe-js", 10, False)


def test_not_json_reports_line_without_content() -> None:
    text = '{\n  "name": "x",\n  "dependencies": { "pg": "^8" \n  "secret-value-here"\n}'
    result = parse_manifest("package.json", text)
    assert result.dependencies == ()
    assert result.error == "package.json is not valid JSON: line 4"


def test_empty_and_non_object() -> None:
    assert parse_manifest("package.json", "").error == "package.json is empty"
    assert parse_manifest("package.json", "  \n").error == "package.json is empty"
    assert parse_manifest("package.json", "[1, 2]").error == "package.json is not a JSON object"
    deps_not_object = parse_manifest("package.json", '{"dependencies": ["pg"]}')
    assert deps_not_object.dependencies == () and deps_not_object.error is None


def test_deeply_nested_json_does_not_raise() -> None:
    result = parse_manifest("package.json", "[" * 100_000 + "]" * 100_000)
    assert result.dependencies == ()
    assert result.error is not None and result.error.startswith("package.json")


def test_manifest_ecosystem_recognises_names_only() -> None:
    cases = {
        "package.json": "npm",
        "packages/api/package.json": "npm",
        "composer.json": "packagist",
        "pyproject.toml": "pypi",
        "Pipfile": "pypi",
        "setup.py": "pypi",
        "setup.cfg": "pypi",
        "requirements.txt": "pypi",
        "requirements-dev.txt": "pypi",
        "dev-requirements.in": "pypi",
        "requirements/base.txt": "pypi",
        "services/api/requirements/test.in": "pypi",
        "go.mod": "go",
        "Gemfile": "rubygems",
        "billing.gemspec": "rubygems",
        "pom.xml": "maven",
        "build.gradle": "maven",
        "app/build.gradle.kts": "maven",
        "gradle/libs.versions.toml": "maven",
        "src/Api/Api.csproj": "nuget",
        "Lib.fsproj": "nuget",
        "packages.config": "nuget",
        "Directory.Packages.props": "nuget",
        "Cargo.toml": "cargo",
        "mix.exs": "hex",
        "pubspec.yaml": "pub",
        "src\\Web\\Web.csproj": "nuget",
    }
    for path, ecosystem in cases.items():
        assert manifest_ecosystem(path) == ecosystem, path
        assert ecosystem in ECOSYSTEMS
    for path in (
        "package-lock.json",
        "src/index.js",
        "README.md",
        "docs/notes.txt",
        "requirements.md",
        "Makefile",
        "tsconfig.json",
        "yarn.lock",
        "Cargo.lock",
        "go.sum",
        "settings.gradle",
        "pubspec.lock",
        ".env",
        "config.toml",
    ):
        assert manifest_ecosystem(path) is None, path


def test_unknown_file_is_an_error_not_an_exception() -> None:
    result = parse_manifest("src/main.py", "import os")
    assert result.dependencies == ()
    assert result.error == "main.py is not a dependency manifest"


def test_large_package_json_parses_every_entry() -> None:
    # its speed is benchmarks/large_files.py's to measure, not a timed test's
    entries = ",\n".join(f'    "pkg-{i}": "^{i % 9}.0.0"' for i in range(1000))
    text = (
        f'{{\n  "dependencies": {{\n{entries}\n  }},\n  "devDependencies": {{\n{entries}\n  }}\n}}'
    )
    assert text.count("\n") >= 2000
    result = parse_manifest("package.json", text)
    assert len(result.dependencies) == 2000
    assert result.dependencies[999] == Dependency("npm", "pkg-999", 1002, False)
    assert result.dependencies[1000] == Dependency("npm", "pkg-0", 1005, True)
