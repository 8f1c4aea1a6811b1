"""What is test code, tooling or documentation rather than the running application: by
path (`tests/`, `FooTests.cs`, CI pipelines, dev scripts), an OpenAPI document by its first
key and, for Rust, the unit-test module inside a source file. Findings there are marked
`test_code`: evidence that is not the running app's (`Finding.runtime`). The call-site
analysis asks one question more (`is_runtime_code`): migrations and deployment files name a
system without calling it."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from integration_risk.namewords import name_words
from integration_risk.scan.findings import Finding


def _import_re2() -> Any:
    try:
        import re2  # type: ignore[import-untyped]  # google-re2 ships no type information
    except ImportError:  # pragma: no cover - a wheel exists for every platform CI runs on
        return None
    return re2


_TEST_PATH = re.compile(
    r"(?:^|/)(?:tests?|tst|__tests__|__mocks__|spec|specs|e2e|integration-tests|(?:data[-_]?)?fixtures?|testdata|"
    r"test[-_]?utils?|testing|testhelpers?|test[-_](?:helpers?|support)|testsupport|"
    r"examples?|samples?|demo|docs?|documentation|stories|storybook|cypress|playwright|"
    # `mocks/`, and Go's mock packages named after the package they fake (`httpclientmock/`,
    # `emailmock/`, `mock_store/`)
    r"[a-z0-9]*mocks?|mock_\w+|"
    r"__snapshots__|__fixtures__|\.snapshots)/"
    r"|(?:^|/)(?:test_[^/]*|[^/]*_test\.\w+|[^/]*\.(?:test|spec|stories)\.\w+|conftest\.py)$"
    # .NET and JVM conventions: `Ombi.Core.Tests/` projects, `OrderServiceTests.cs` classes.
    r"|(?:^|/)[\w.-]+\.(?:Tests?|UnitTests|IntegrationTests|Specs?)(?:\.[\w-]+)*/"
    r"|(?:^|/)\w*[a-z0-9](?-i:Tests?|Spec|IT)\.(?:cs|java|kt|scala|groovy)$"
    # CI pipelines and API description files describe the project; they are not its runtime.
    r"|^(?:\.github|\.gitlab|\.circleci|\.buildkite)/|(?:^|/)(?:app\.json|\.gitlab-ci\.yml)$"
    r"|(?:^|/)(?:openapi|swagger)[^/]*\.(?:ya?ml|json)$|\.oas\.[^/]*$"
    # Developer tooling: scripts, tools and generators run by people, not by the app.
    r"|(?:^|/)(?:scripts?|toolbox|tooling|bin/dev)/|(?:^|/)[\w.-]+-generators?/"
    r"|(?:^|/)(?:[\w.]+-)?dev-?(?:cli|tools?)/"  # `medusa-dev-cli/`, `devtools/`
    # release and build tooling: `ReleaseBuilder/`, `BuildTools/`, `release-scripts/`
    r"|(?:^|/)(?:build|release)[-_]?(?:tools?|builder|scripts?)/"
    # installer scripts an operator runs to install or update the app (`install.sh`,
    # `installer.ps1`, `install-dev.sh`): deployment tooling, not the app's runtime
    r"|(?:^|/)install(?:er)?(?:[-_][\w-]*)?\.(?:sh|bash|ps1)$"
    # Build logic and package feeds: Gradle's `buildSrc/`, the Maven and Gradle wrappers
    # (`.mvn/wrapper/MavenWrapperDownloader.java` fetches Maven itself), NuGet sources, other CI.
    r"|(?:^|/)(?:buildSrc|\.mvn|gradle/wrapper)/|(?:^|/)(?:nuget\.config|azure-pipelines\.ya?ml|appveyor\.ya?ml|"
    r"\.travis\.ya?ml|Jenkinsfile|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml)$"
    # translation-sync CLI configs (Crowdin's `crowdin.yml`, Transifex's `.tx/config`): a
    # maintainer pushes and pulls strings with them; the app never calls the service
    r"|(?:^|/)(?:crowdin\.ya?ml|\.tx/config)$"
    # a top-level `dev/` of helper scripts; Elixir Mix tasks (Mix is not in a release) and the
    # scripts under `rel/` that Mix runs to assemble a release; Mage build files (Go)
    r"|^dev/|(?:^|/)lib/mix/tasks/|(?:^|/)rel/(?:[^/]+/)*[^/]+\.exs$"
    r"|(?:^|/)magefiles/|(?:^|/)magefile\.go$"
    # Cargo's conventions: `benches/` (cargo bench) and an `xtask/` crate of dev commands
    r"|(?:^|/)xtask/"
    # Rake tasks (like Mix tasks, run by people), database seeders (sample data), load and
    # performance tests, and Mock Service Worker's generated browser worker.
    r"|(?:^|/)lib/tasks/|(?:^|/)seeders?/|(?:^|/)(?:perf|load-?tests?|benchmarks?|benches)/"
    # smoke tests run against a deployed instance (`crates/app_smoke_test/`, `smoke-tests/`)
    r"|(?:^|/)[\w.-]*smoke[-_]?tests?/"
    # Rails' `db/seeds.rb` and Prisma's `prisma/seed.ts` / `prisma/seed/`: sample data too.
    r"|(?:^|/)(?:db|prisma)/seeds?(?:/|\.\w+$)"
    r"|(?:^|/)mockServiceWorker\.js$"
    # Env files for local development and tests configure a developer's machine, and so do
    # Mix's per-environment configs for them (`config/dev.exs`, `config/test.exs`).
    r"|(?:^|/)\.env\.(?:development|dev|local|test|testing|ci)$|(?:^|/)config/(?:dev|test)\.exs$",
    re.I,
)


# Code that runs beside the app rather than in it: schema migrations, container and
# deployment files, committed build output, and the settings of the test and development
# environments (Rails, Spring, ASP.NET). They name a system; they never call it.
_INFRASTRUCTURE_PATH = re.compile(
    r"(?:^|/)(?:migrations?|db/migrate|docker|deploy|\.devcontainer|dist)/"
    r"|(?:^|/)[^/]*compose[^/]*\.ya?ml$"
    r"|(?:^|/)config/environments/(?:test|development)\.rb$"
    r"|(?:^|/)application-(?:test|dev|local)\.(?:ya?ml|properties)$"
    r"|(?:^|/)appsettings\.Development\.json$",
    re.I,
)


# Rust keeps unit tests in the source file: `#[cfg(test)] mod tests {` to the end of it.
_RUST_TEST_MODULE = re.compile(r"^[ \t]*#\[cfg\(test\)\]\s*(?:pub(?:\([^)\n]*\))?\s+)?mod\s", re.M)


# A `tools/` directory is developer tooling, except inside an application's source tree below
# a module of its own (`src/khoj/processor/tools/`, `apps/api/src/mcp/tools/`,
# `internal/archive/tool/`): there it holds the app's code, such as an AI agent's tools.
_TOOLS_DIR = re.compile(r"(?:^|/)tools?/", re.I)
_SOURCE_MODULE_TOOLS = re.compile(
    r"(?:^|/)(?:src|lib|internal|pkg|app)/(?:[^/]+/)+tools?/(?!.*(?:^|/)tools?/)", re.I
)


# `_TEST_PATH` in RE2: ~10x faster on a path (Python's `re` tries each of its alternatives at
# every position, ~15 us a path). On an ASCII path without a line break both answer alike:
# `\w`, case folding and `$` differ only beyond ASCII or before a final newline.
_re2 = _import_re2()
_TEST_PATH_RE2 = _re2.compile("(?i)" + _TEST_PATH.pattern) if _re2 is not None else None


def _test_path_match(relpath: str) -> bool:
    if _TEST_PATH_RE2 is not None and relpath.isascii() and "\n" not in relpath:
        return _TEST_PATH_RE2.search(relpath) is not None
    return _TEST_PATH.search(relpath) is not None


# A file that seeds or loads demo or sample data, wherever it sits, read from its name's
# words: a seeder of demo data (`DemoSeederCommand.php`, `SampleDataSeeder.cs`), or a name
# made only of a verb, `demo`/`sample` and `data` (`seed_demo_data.py`, `seed-demo.ts`,
# `load_demo_data.py`, `CreateDemoData.php`). `seedDemoWorkspace.ts` (an onboarding step),
# `DemoSeedService.php` and `random_seed_sampler.py` are the app.
_SEEDER = frozenset({"seeder", "seeders", "seeding"})
_DEMO = frozenset({"demo", "sample"})
_DEMO_DATA_NAME = frozenset(
    {"seed", "seeds", "load", "create", "generate", "populate", "import", "make", "insert"}
    | {"data", "command", "cmd", "task", "script"}
    | _SEEDER
    | _DEMO
)


def _seeds_demo_data(relpath: str) -> bool:
    stem = relpath.rsplit("/", 1)[-1].split(".", 1)[0]
    # Numbers say nothing here: `DemoSeeder2`, `seed_demo_data_2` read as their words.
    words = {bare for word in name_words(stem) if (bare := word.rstrip("0123456789"))}
    if not words & _DEMO:
        return False
    return bool(words & _SEEDER) or (
        words <= _DEMO_DATA_NAME and bool(words & {"seed", "seeds", "data"})
    )


def is_test_path(relpath: str) -> bool:
    if _test_path_match(relpath) or _seeds_demo_data(relpath):
        return True
    return _TOOLS_DIR.search(relpath) is not None and _SOURCE_MODULE_TOOLS.search(relpath) is None


def is_runtime_code(relpath: str) -> bool:
    """Whether code at `relpath` can call an integration in production: not a test, tooling,
    documentation, migration or deployment file."""
    return not is_test_path(relpath) and _INFRASTRUCTURE_PATH.search(relpath) is None


# An OpenAPI or Swagger document under any name (`overseerr-api.yml`, `spec/v2.json`): its
# URLs are examples and server lists, a description of an API, not calls the app makes.
_API_DESCRIPTION_FILE = re.compile(r"\.(?:ya?ml|json)$", re.I)
_API_DESCRIPTION_START = re.compile(
    r"""\A\ufeff?(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*(?:\{\s*)?["']?(?:openapi|swagger)["']?\s*:"""
)


def is_api_description(relpath: str, text: str) -> bool:
    """A YAML or JSON file whose first key is `openapi` or `swagger`."""
    return (
        _API_DESCRIPTION_FILE.search(relpath) is not None
        and _API_DESCRIPTION_START.match(text) is not None
    )


def inline_tests(relpath: str, text: str, findings: list[Finding]) -> list[Finding]:
    """Findings inside a Rust file's test module are test code, like those in `tests/`."""
    if not relpath.endswith(".rs") or "#[cfg(test)]" not in text:
        return findings
    match = _RUST_TEST_MODULE.search(text)
    if match is None:
        return findings
    start = text.count("\n", 0, match.start()) + 1
    return [replace(f, test_code=True) if f.line >= start else f for f in findings]
