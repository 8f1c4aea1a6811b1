"""The workspace's shared views of a file: the function around a line, the calls in a span."""

from __future__ import annotations

from integration_risk.resilience.workspace import Workspace
from tests.conftest import TreeBuilder

SOURCE = """import requests


def fetch(url):
    response = requests.get(url, timeout=5)
    return response.json()


def main():
    fetch("https://api.example.com")
"""


def test_function_at_and_calls_in_span(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/fetch.py": SOURCE})
    workspace = Workspace(root, use_cache=False)
    assert workspace.function_at("app/fetch.py", 5) == ("fetch", 4, 6)
    assert workspace.function_at("app/fetch.py", 1) is None  # module level
    assert workspace.function_at("app/missing.py", 1) is None
    calls = workspace.calls_in("app/fetch.py", 4, 6)
    assert calls == ((5, "requests.get"), (6, "response.json"))
    assert workspace.calls_in("app/fetch.py", 4, 6) is calls  # listed once per run
    assert workspace.calls_in("app/fetch.py", 9, 10) == ((10, "fetch"),)
    assert workspace.calls_in("app/missing.py", 1, 9) == ()
    workspace.close()


def test_schema_migrations_and_tests_are_no_call_sites_whatever_the_case(
    make_tree: TreeBuilder,
) -> None:
    from integration_risk.models.scan import Evidence
    from integration_risk.resilience.sites import find_sites

    # EF Core writes `Migrations/` (a generated file per migration, each importing the
    # database provider): hundreds of files parsed for nothing made a scan take minutes.
    using = (
        "using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;\nclass M { void Up() { Call(); } }\n"
    )
    root = make_tree(
        {
            "src/Migrations/20250101_Init.Designer.cs": using,
            "src/Tests/DbTests.cs": using,
            "src/migrations/0001_init.cs": using,
            "src/Data/Repository.cs": using,
        }
    )
    evidence = [
        Evidence(path=path, line=1, kind="import", snippet="using Npgsql...;")
        for path in (
            "src/Migrations/20250101_Init.Designer.cs",
            "src/Tests/DbTests.cs",
            "src/migrations/0001_init.cs",
            "src/Data/Repository.cs",
        )
    ]
    workspace = Workspace(root, use_cache=False)
    read: list[str] = []
    original = workspace.file

    def recording(rel: str) -> object:
        read.append(rel)
        return original(rel)

    workspace.file = recording  # type: ignore[method-assign,assignment]
    find_sites(workspace, evidence)
    workspace.close()
    assert read == ["src/Data/Repository.cs"]  # the others are never parsed
