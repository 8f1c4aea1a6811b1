"""General rules found on the eleventh round of never-seen repositories (C#, Ruby,
TypeScript, PHP), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.calls import http_calls
from integration_risk.scan.urlkind import classify
from tests.scan.trees import scan, write


def test_a_self_hosted_font_package_names_no_provider(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"name": "acme", "dependencies": {"@fontsource/ibm-plex-sans": "5",'
            ' "typeface-plex-mono": "1", "express": "4"}}\n'
        },
    )
    assert "plex" not in scan(tmp_path)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "php",
            "$response = Http::retry(3, 250)->get(\n"
            "    url: 'https://www.example-speed.net/api/servers',\n"
            "    query: ['limit' => 10],\n);\n",
        ),
        ("python", 'r = requests.get(url="https://api.example-speed.net/v1/servers", timeout=5)\n'),
    ],
)
def test_a_named_url_argument_is_the_calls_url(language: str, text: str) -> None:
    assert [c.target for c in http_calls(text, language)] == ["literal"]


def test_a_url_named_after_the_method_is_still_the_url() -> None:
    text = "$response = $this->httpClient->request(method: 'GET', url: $url);\n"
    assert [(c.target, c.argument) for c in http_calls(text, "php")] == [("data", "$url")]
    # a client built for a base URL, given a path: the call is the client's, as before
    built = 'case Req.get(req, url: "/packages", params: params) do\n'
    assert [(c.target, c.argument) for c in http_calls(built, "elixir")] == [("data", "req")]


def test_a_class_method_named_fetch_is_no_call() -> None:
    text = (
        "@Controller('user')\nexport class UserController {\n"
        "  @Get('me')\n"
        "  async fetch(@User() user: UserDto): Promise<UserDto> {\n"
        "    return user;\n  }\n\n"
        "  fetch(id: string) {\n    return this.service.find(id);\n  }\n}\n"
    )
    assert list(http_calls(text, "js")) == []
    called = "fetch(feedUrl).then(function (res) {\n  return res.json();\n});\n"
    assert [c.target for c in http_calls(called, "js")] == ["data"]


@pytest.mark.parametrize(
    ("argument", "kind"),
    [
        ('$"{urlpath}api/Installation/list"', "path"),
        ('$"{GetUrlPath(apiurl)}api/Installation/load"', "path"),
        ("`${this.basePath}/users`", "path"),
        ("new Uri(builder.HostEnvironment.BaseAddress)", "path"),
        ("`${baseUrl}/users`", "data"),
        ('f"{pathology_url}/v1"', "data"),
    ],
)
def test_a_url_built_on_a_path_prefix_is_the_apps_own(argument: str, kind: str) -> None:
    assert classify(argument) == kind


_CONNECTOR = (
    "<?php\n\nnamespace App\\Http\\Integrations\\Weatherly;\n\n"
    "use Saloon\\Http\\Connector;\n\n"
    "class WeatherlyConnector extends Connector\n{\n"
    "    public function resolveBaseUrl(): string\n    {\n"
    "        return config('services.weatherly.base_url').'/api/v2';\n    }\n}\n"
)


def test_a_saloon_connector_is_the_client_of_the_system_it_names(tmp_path: Path) -> None:
    write(tmp_path, {"app/Http/Integrations/Weatherly/WeatherlyConnector.php": _CONNECTOR})
    assert "weatherly" in scan(tmp_path)
    plain = _CONNECTOR.replace("use Saloon\\Http\\Connector;", "use App\\Db\\Connector;")
    write(tmp_path, {"app/Http/Integrations/Weatherly/WeatherlyConnector.php": plain})
    assert "weatherly" not in scan(tmp_path)


def test_ruby_notification_gems_are_their_services(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Gemfile": 'source "https://rubygems.org"\n\ngem "rails"\ngem "campy"\ngem "hoi"\n'
            'gem "pushover2"\n'
        },
    )
    found = scan(tmp_path)
    assert {"campfire", "hoiio", "pushover"} <= set(found)


_WATCHES = (
    "import requests\n\n\n"
    "class Store:\n"
    "    def add_defaults(self):\n"
    "        self.add_watch(\n            url='https://news.hackernewsly.com/',\n"
    "            tag='news',\n        )\n\n"
    "    def fetch_share(self, url):\n"
    '        r = requests.request(method="GET",\n                             url=url,\n'
    "                             timeout=5.0)\n"
    "        return r.json()\n"
)


def test_a_keyword_argument_holding_a_url_is_not_what_a_call_is_given(tmp_path: Path) -> None:
    write(tmp_path, {"app/store.py": _WATCHES})
    assert "news.hackernewsly.com" not in scan(tmp_path)
