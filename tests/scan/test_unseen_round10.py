"""General rules found on the tenth round of never-seen repositories (Kotlin, Go, PHP,
Python, Elixir), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.calls import http_calls
from integration_risk.scan.features import assigned_setting
from integration_risk.scan.findings import LONGTAIL_FEATURE
from integration_risk.scan.merge_features import fold_features
from integration_risk.scan.testcode import is_test_path
from tests.scan.trees import Group, data_call, scan, write


@pytest.mark.parametrize(
    ("path", "tooling"),
    [
        ("tools/release.py", True),
        ("packages/web/tools/build.js", True),
        ("src/tools/generate.ts", True),
        ("src/acmebot/agent/tools/search.py", False),
        ("apps/api/src/mcp/tools/invoices.ts", False),
        ("internal/archive/tool/zip.go", False),
        ("src/acmebot/agent/tools/tests/test_search.py", True),
        ("src/DataFixtures/UserFixtures.php", True),
        ("rel/app/standalone.exs", True),
        ("rel/env.sh.eex", False),
    ],
)
def test_tools_below_a_source_module_are_the_apps_code(path: str, tooling: bool) -> None:
    assert is_test_path(path) is tooling


_SEARCH = (
    "import os\nimport aiohttp\n\n"
    'SEARXNG_URL = os.getenv("ACME_SEARXNG_URL")\n'
    'SERPER_URL = "https://google.serper.dev/search"\n\n\n'
    "async def with_searxng(query):\n"
    '    search_url = f"{SEARXNG_URL}/search"\n'
    "    async with aiohttp.ClientSession() as session:\n"
    '        async with session.get(search_url, params={"q": query}, timeout=10) as r:\n'
    "            return await r.json()\n\n\n"
    "async def with_serper(query):\n"
    "    async with aiohttp.ClientSession() as session:\n"
    '        async with session.post(SERPER_URL, json={"q": query}, timeout=10) as r:\n'
    "            return await r.json()\n"
)


def test_an_agents_tools_module_calls_what_it_names(tmp_path: Path) -> None:
    write(tmp_path, {"src/acmebot/agent/tools/search.py": _SEARCH})
    found = scan(tmp_path)
    assert "serper" in found
    assert "searxng" in found


def test_a_setting_prefixed_with_the_projects_name_is_named_by_the_rest(
    tmp_path: Path,
) -> None:
    root = tmp_path / "acme"
    write(
        root,
        {
            "app/search.py": _SEARCH,
            "app/sandbox.py": 'import os\nSANDBOX = os.getenv("ACME_TERRARIUM_URL")\n',
            "docker-compose.yml": "services:\n  app:\n    environment:\n"
            "      - ACME_SEARXNG_URL=http://search:8080\n",
        },
    )
    found = scan(root)
    searxng = found["searxng"]
    assert {(e.path, e.line) for e in searxng.evidence} >= {
        ("app/search.py", 4),
        ("app/search.py", 11),
    }
    assert not any(i.startswith("acme") for i in found)
    assert all(e.line != 11 for e in found["serper"].evidence)


def test_a_url_variable_is_traced_to_a_named_setting_only() -> None:
    lines = [
        "def submit(report):",
        "    url = Keyword.fetch!(config, :report_url)",
        "    feed = f'{FEED_BASE_URL}/items'",
        "    post(url)",
        "    get(feed)",
    ]
    assert assigned_setting(lines, 3, "url") is None  # a config map's key: its role only
    assert assigned_setting(lines, 4, "feed") == ("FEED_BASE_URL", "feed")
    assert assigned_setting(lines, 4, "missing") is None


def test_a_url_read_from_a_constants_module_is_that_hosts_call(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "bot"\ndependencies = ["openai", "requests"]\n',
            "bot/constants.py": 'usage_server = "https://usage.example-collector.net/v1/usage"\n',
            "bot/startup.py": "import openai\nimport requests\nfrom bot import constants\n\n"
            "client = openai.OpenAI()\n\n\n"
            "def upload(state):\n"
            "    requests.post(constants.usage_server, json=state, timeout=5)\n",
        },
    )
    found = scan(tmp_path)
    assert all(e.path != "bot/startup.py" or e.line != 9 for e in found["openai"].evidence)
    assert any(
        e.path == "bot/startup.py" and e.line == 9
        for i in found.values()
        if "usage" in i.id
        for e in i.evidence
    )


def test_a_notification_provider_file_named_teams_stays_microsoft_teams(tmp_path: Path) -> None:
    # why `teams` stays a word that names Microsoft Teams (a project's own `teams/` service,
    # Livebook Teams, is then misnamed: declined)
    write(
        tmp_path / "notify",
        {
            "package.json": '{"name": "notify", "dependencies": {"axios": "1"}}\n',
            "server/providers/teams.js": 'const axios = require("axios");\n\n'
            "class Teams {\n  async send(notification, payload) {\n"
            "    await axios.post(notification.webhookUrl, payload);\n  }\n}\n",
        },
    )
    assert "microsoft-teams" in scan(tmp_path / "notify")


def test_laminas_ldap_and_kubereq_are_their_systems(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "composer.json": '{"require": {"php": ">=8.2"}, "suggest": '
            '{"laminas/laminas-ldap": "LDAP"}}\n',
            "src/Ldap/Driver.php": "<?php\nnamespace App\\Ldap;\n\nuse Laminas\\Ldap\\Ldap;\n\n"
            "final class Driver\n{\n    public function connect(array $options): Ldap\n"
            "    {\n        return new Ldap($options);\n    }\n}\n",
        },
    )
    assert "ldap" in scan(tmp_path)
    write(
        tmp_path / "b",
        {
            "mix.exs": "defmodule Nb.MixProject do\n  defp deps do\n"
            '    [{:kubereq, "~> 0.4.0"}]\n  end\nend\n',
        },
    )
    assert "kubernetes" in scan(tmp_path / "b")


def test_boto3_client_imported_by_name_is_its_service(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "boto3\n",
            "app/storage.py": "def upload(data, key):\n"
            "    from boto3 import client\n\n"
            '    s3_client = client("s3")\n'
            '    s3_client.put_object(Bucket="media", Key=key, Body=data)\n',
        },
    )
    found = scan(tmp_path)
    assert any(e.path == "app/storage.py" and e.line == 4 for e in found["s3"].evidence)


def test_a_request_whose_method_is_passed_along_is_a_call() -> None:
    php = (
        "<?php\nfinal class RemoteClient\n{\n"
        "    public function __construct(private HttpClientInterface $client) {}\n\n"
        "    public function send(RequestInterface $request, string $url): string\n    {\n"
        "        $response = $this->client->request(\n"
        "            $request->getMethod(),\n"
        "            $url,\n"
        "            ['timeout' => 5]\n"
        "        );\n"
        "        return $response->getContent();\n    }\n}\n"
    )
    calls = list(http_calls(php, "php"))
    assert [(c.target, c.argument) for c in calls] == [("data", "$url")]


def test_a_url_a_setting_is_compared_with_is_no_integration(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "openai\n",
            "app/llm.py": "import openai\n\n\n"
            "def is_groq(base_url):\n"
            '    return base_url is not None and base_url.startswith("https://api.groq.com")\n\n\n'
            "def client(key, base_url):\n"
            "    return openai.OpenAI(api_key=key, base_url=base_url)\n",
            "app/links.go": "package app\n\n"
            'import "strings"\n\n'
            "func isVendor(u string) bool {\n"
            '\treturn strings.HasPrefix(u, "https://api.vendor-example.io/")\n}\n',
        },
    )
    found = scan(tmp_path)
    assert "groq" not in found
    assert not any("vendor-example" in i for i in found)
    assert "openai" in found


def test_urls_in_a_json_text_held_in_kotlin_code_are_no_calls(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "build.gradle.kts": 'dependencies {\n  implementation("org.springframework:spring-web")\n}\n',
            "src/main/kotlin/shop/StoreProxy.kt": "class StoreProxy {\n"
            "  private val client = RestClient.builder()\n"
            '    .uriBuilderFactory(DefaultUriBuilderFactory("https://storeapi.shop-example.com"))\n'
            "    .build()\n\n"
            '  private val resources = """\n  {\n'
            '    "deals": "https://deals.shop-example.com/v1/deals",\n'
            '    "chat": "https://chat.help-widget-example.net/live.html"\n'
            '  }\n  """.trimIndent()\n\n'
            "  companion object {\n"
            '    const val REL_PROGRESSION = "http://www.reader-example.org/api/progression"\n'
            "  }\n}\n",
        },
    )
    found = scan(tmp_path)
    assert "storeapi.shop-example.com" in found
    assert not any("deals." in i or "help-widget" in i or "reader-example" in i for i in found)


def test_an_mcp_servers_url_is_a_call() -> None:
    python = "async def connect(self):\n    async with sse_client(url=self.path) as streams:\n"
    assert [(c.target, c.argument) for c in http_calls(python, "python")] == [("data", "self.path")]
    ts = "const transport = new StreamableHTTPClientTransport(new URL(server.url));\n"
    assert [c.target for c in http_calls(ts, "js")] == ["data"]


def test_the_projects_name_joins_none_of_its_packages_features() -> None:
    groups = {
        LONGTAIL_FEATURE + "acme-ai": Group(("acme/ai/models.py", data_call(33))),
        LONGTAIL_FEATURE + "acme-sync": Group(("acme/sync/client.py", data_call(12))),
    }
    fold_features(groups, frozenset({"acme"}))
    assert sorted(groups) == [LONGTAIL_FEATURE + "acme-ai", LONGTAIL_FEATURE + "acme-sync"]
    other = {
        LONGTAIL_FEATURE + "tmdb-movie": Group(("Plugins/Tmdb/Movie.cs", data_call(3))),
        LONGTAIL_FEATURE + "tmdb-person": Group(("Plugins/Tmdb/Person.cs", data_call(7))),
    }
    fold_features(other, frozenset({"acme"}))
    assert sorted(other) == [LONGTAIL_FEATURE + "tmdb"]


def test_a_response_named_rel_is_no_link_relation(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "requirements.txt": "requests\n",
            "app/updates.py": "import requests\n\n\ndef latest():\n"
            '    rel = requests.get("https://api.release-feed-example.io/latest", timeout=5)\n'
            "    return rel.json()\n",
        },
    )
    assert any("release-feed-example" in i for i in scan(tmp_path))
