"""A client held in a capitalised variable: a Rust `static`, a Go exported `var`, a C#
static field. Its calls are bounded by what its construction sets; a capitalised name the
file never assigns (a type, a module) stays a type."""

from __future__ import annotations

import pytest

from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.test_unknowns_and_settings import integration

_RUST = (
    "src/icons.rs",
    "use std::sync::LazyLock;\nuse std::time::Duration;\nuse reqwest::Client;\n\n"
    "static CLIENT: LazyLock<Client> = LazyLock::new(|| {\n"
    "    Client::builder()\n        .timeout(Duration::from_secs(10))\n"
    '        .build()\n        .expect("client")\n});\n\n'
    "async fn fetch(url: &str) -> reqwest::Result<reqwest::Response> {\n"
    "    CLIENT.get(url).send().await\n}\n",
    13,
)
_GO = (
    "feeds/fetch.go",
    'package feeds\n\nimport (\n\t"net/http"\n\t"time"\n)\n\n'
    "var Client = &http.Client{Timeout: 15 * time.Second}\n\n"
    "func Fetch(req *http.Request) (*http.Response, error) {\n"
    "\treturn Client.Do(req)\n}\n",
    11,
)
_CSHARP = (
    "Feeds/Fetcher.cs",
    "using System;\nusing System.Net.Http;\n\npublic static class Fetcher\n{\n"
    "    private static readonly HttpClient Client = new HttpClient { Timeout = "
    "TimeSpan.FromSeconds(20) };\n\n"
    "    public static Task<string> Get(string url) => Client.GetStringAsync(url);\n}\n",
    8,
)


@pytest.mark.parametrize(("path", "code", "line"), [_RUST, _GO, _CSHARP])
def test_a_capitalised_client_variable_bounds_the_calls_made_on_it(
    make_tree: TreeBuilder, path: str, code: str, line: int
) -> None:
    root = make_tree({path: code})
    result = analyze_sites(root, [integration("feeds", (path, line, "call"))], use_cache=False)
    timeout = result["feeds"].resilience.verdicts["timeout"]
    assert timeout.verdict == "yes", timeout.reasons
    assert "client `" in timeout.reasons[0]


def test_a_capitalised_name_the_file_never_assigns_is_a_type(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "feeds/fetch.go": (
                'package feeds\n\nimport "net/http"\n\n'
                "func Fetch(req *http.Request) (*http.Response, error) {\n"
                "\treturn Default.Do(req)\n}\n"
            )
        }
    )
    result = analyze_sites(
        root, [integration("feeds", ("feeds/fetch.go", 6, "call"))], use_cache=False
    )
    assert result["feeds"].resilience.verdicts["timeout"].verdict != "yes"
