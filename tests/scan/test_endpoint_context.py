"""Literal hosts that code calls or sets as an endpoint, in each language's idioms, and
framework methods that call a provider (catalog `classes` entries starting lowercase).
Every case runs through the prefilter (the default) with filler lines around it."""

from __future__ import annotations

import pytest

from integration_risk.catalog import load_catalog
from integration_risk.catalog.index import build_index
from integration_risk.scan.engine import extract
from integration_risk.scan.extract import extract_file
from integration_risk.scan.findings import LONGTAIL_HOST
from integration_risk.scan.testcode import is_test_path

INDEX = build_index(load_catalog())
FILLER = "".join(f"value_{n} = scale(items[{n}], factor={n})\n" for n in range(30))


@pytest.fixture(autouse=True)
def prefilter_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAN_PREFILTER", "1")


def providers(rel: str, text: str) -> set[str]:
    full = FILLER + text + FILLER
    found = extract(rel, full, INDEX)
    assert found == extract_file(rel, full, INDEX)  # the prefilter changes nothing
    return {f.provider for f in found}


# A function or setter named like an endpoint gives a literal URL to a client.
ENDPOINT_DEFINITIONS = {
    "php": (
        "app/Http/Integrations/Rates/RatesConnector.php",
        "class RatesConnector extends Connector\n{\n"
        "    public function resolveBaseUrl(): string\n    {\n"
        "        return 'https://api.acme-rates.io/v2/';\n    }\n}\n",
    ),
    "python": (
        "app/rates/client.py",
        "class RatesClient:\n    def base_url(self):\n        return 'https://api.acme-rates.io/v2'\n",
    ),
    "java": (
        "src/main/java/shop/rates/RatesApi.java",
        "class RatesApi {\n  Retrofit r = new Retrofit.Builder()\n"
        '      .baseUrl("https://api.acme-rates.io/v2/")\n      .build();\n}\n',
    ),
    "kotlin getter": (
        "src/main/java/shop/rates/RatesClient.java",
        "public class RatesClient {\n  protected String getEndpoint() {\n"
        '    return "https://api.acme-rates.io/v2/";\n  }\n}\n',
    ),
    "ruby": (
        "app/services/rates.rb",
        "class Rates\n  include HTTParty\n  base_uri 'https://api.acme-rates.io/v2'\nend\n",
    ),
    "rust": (
        "src/rates.rs",
        'fn api_url() -> &\'static str {\n    "https://api.acme-rates.io/v2"\n}\n',
    ),
    "csharp": (
        "src/Rates/RatesClient.cs",
        "public class RatesClient {\n"
        '    protected override string BaseUrl => "https://api.acme-rates.io/v2";\n}\n',
    ),
    "go": (
        "internal/rates/client.go",
        'func (c *Client) endpoint() string {\n\treturn "https://api.acme-rates.io/v2"\n}\n',
    ),
    "elixir httpoison base, one line": (
        "lib/shop/rates/client.ex",
        "defmodule Shop.Rates.Client do\n  use HTTPoison.Base\n\n"
        '  def process_url(path), do: "https://api.acme-rates.io/v2/#{path}"\nend\n',
    ),
    "elixir httpoison base, body": (
        "lib/shop/rates/client.ex",
        "defmodule Shop.Rates.Client do\n  use HTTPoison.Base\n\n"
        "  def process_request_url(path) do\n"
        '    "https://api.acme-rates.io/v2#{path}.json"\n  end\nend\n',
    ),
    "typescript": (
        "src/rates/client.ts",
        "export class RatesClient {\n  get baseUrl(): string {\n"
        "    return 'https://api.acme-rates.io/v2'\n  }\n}\n",
    ),
}


@pytest.mark.parametrize("case", sorted(ENDPOINT_DEFINITIONS))
def test_an_endpoint_definition_calls_its_literal_host(case: str) -> None:
    rel, text = ENDPOINT_DEFINITIONS[case]
    assert LONGTAIL_HOST + "api.acme-rates.io" in providers(rel, text)


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("app/help.py", "def docs_url():\n    return 'https://api.acme-rates.io/docs'\n"),
        ("app/links.py", "def render():\n    return 'https://api.acme-rates.io/v2'\n"),
        ("src/About.cs", 'string Homepage => "https://api.acme-rates.io";\n'),
        ("lib/shop/links.ex", 'def process_name(x), do: "https://api.acme-rates.io/v2"\n'),
    ],
)
def test_other_returned_urls_are_not_endpoints(rel: str, text: str) -> None:
    assert LONGTAIL_HOST + "api.acme-rates.io" not in providers(rel, text)


# A catalog system on a site that is mostly linked to counts only where it is called.
@pytest.mark.parametrize(
    ("rel", "text"),
    [
        (
            "app/wiki.py",
            'r = requests.get("https://en.wikipedia.org/api/rest_v1/page/summary/x")\n',
        ),
        (
            "src/Wiki/WikiClient.cs",
            'var r = await _http.GetAsync("https://en.wikipedia.org/w/api.php");\n',
        ),
        ("internal/wiki/wiki.go", 'resp, err := http.Get("https://en.wikipedia.org/w/api.php")\n'),
        (
            "lib/wiki.rb",
            "class Wiki\n  include HTTParty\n  base_uri 'https://en.wikipedia.org'\nend\n",
        ),
        (
            "app/Http/Integrations/Wiki/WikiConnector.php",
            "    public function resolveBaseUrl(): string\n    {\n"
            "        return 'https://en.wikipedia.org/api/rest_v1/';\n    }\n",
        ),
    ],
)
def test_a_called_link_site_is_its_provider(rel: str, text: str) -> None:
    assert "wikipedia" in providers(rel, text)


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("src/icons.rs", "// see https://en.wikipedia.org/wiki/ICO_(file_format)\nlet x = 1;\n"),
        (
            "app/agents/post_agent.rb",
            'desc "A [MIME](https://en.wikipedia.org/wiki/Media_type) type"\n',
        ),
        ("src/Mime.cs", 'const string Ref = "https://en.wikipedia.org/wiki/Media_type";\n'),
    ],
)
def test_a_link_to_a_link_site_is_not_an_integration(rel: str, text: str) -> None:
    assert "wikipedia" not in providers(rel, text)


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        (
            "app/Providers/AuthServiceProvider.php",
            "Password::defaults(fn () => Password::min(10)\n    ->letters()\n    ->uncompromised());\n",
        ),
        ("app/Http/Requests/Register.php", "'password' => [Password::min(8)->uncompromised(3)],\n"),
        (
            "src/main/java/shop/Security.java",
            "return new HaveIBeenPwnedRestApiPasswordChecker();\n",
        ),
    ],
)
def test_a_framework_method_that_calls_a_provider_is_found(rel: str, text: str) -> None:
    assert "haveibeenpwned" in providers(rel, text)


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("app/Rules/Check.php", "public function uncompromised($value) { return true; }\n"),
        ("app/models/user.rb", "uncompromised = true\n"),
        ("src/app.ts", "const isUncompromised = user.uncompromisedSince(date)\n"),
    ],
)
def test_a_method_definition_or_variable_is_not_a_call(rel: str, text: str) -> None:
    assert "haveibeenpwned" not in providers(rel, text)


# Literal hosts called directly, set on a client, or kept in a name the file passes to a call.
LITERAL_HOST_CALLS = {
    "csharp call on a client": (
        "src/Rates/RatesClient.cs",
        'var resp = await client.GetAsync("https://api.acme-rates.io/v1/latest");\n',
    ),
    "csharp BaseAddress": (
        "src/Rates/Startup.cs",
        'services.AddHttpClient("rates", c => c.BaseAddress = new Uri("https://api.acme-rates.io/"));\n',
    ),
    "csharp interpolated url passed on": (
        "src/Rates/RatesClient.cs",
        'var url = $"https://api.acme-rates.io/v1/{id}";\nvar r = await _http.GetAsync(url, ct);\n',
    ),
    "java URI.create": (
        "src/main/java/shop/Rates.java",
        'HttpRequest req = HttpRequest.newBuilder(URI.create("https://api.acme-rates.io/v1")).build();\n',
    ),
    "java constant passed on": (
        "src/main/java/shop/Rates.java",
        'private static final String API = "https://api.acme-rates.io/v1";\n'
        'String b = restTemplate.getForObject(API + "/latest", String.class);\n',
    ),
    "java URL connection": (
        "src/main/java/shop/Rates.java",
        'URL url = new URL("https://api.acme-rates.io/v1");\n'
        "HttpURLConnection c = (HttpURLConnection) url.openConnection();\n",
    ),
    "java feign": (
        "src/main/java/shop/RatesApi.java",
        '@FeignClient(name = "rates", url = "https://api.acme-rates.io")\n',
    ),
    "spring yaml key": (
        "src/main/resources/application.yml",
        "rates:\n  api-url: https://api.acme-rates.io/v1\n",
    ),
    "spring properties key": (
        "src/main/resources/application.properties",
        "rates.api.url=https://api.acme-rates.io/v1\n",
    ),
    "python f-string passed on": (
        "app/rates.py",
        'url = f"https://api.acme-rates.io/v1/{id}"\nr = requests.get(url, timeout=5)\n',
    ),
    "python constant": ("app/rates.py", 'RATES_API = "https://api.acme-rates.io/v1"\n'),
    "go constant passed on": (
        "internal/rates/rates.go",
        'const ratesURL = "https://api.acme-rates.io/v1"\nresp, err := http.Get(ratesURL + "/x")\n',
    ),
    "go Sprintf to a request with context": (
        "internal/rates/rates.go",
        'u := fmt.Sprintf("https://api.acme-rates.io/v1/%s", id)\n'
        'req, err := http.NewRequestWithContext(ctx, "GET", u, nil)\n',
    ),
    "rust format passed on": (
        "src/rates.rs",
        'let url = format!("https://api.acme-rates.io/v1/{}", id);\n'
        "let res = client.get(&url).send().await?;\n",
    ),
    "elixir attribute passed on": (
        "lib/shop/rates.ex",
        '@base_url "https://api.acme-rates.io/v1"\n'
        '  def latest, do: Req.get!(@base_url <> "/latest")\n',
    ),
    "elixir tesla base url": (
        "lib/shop/rates.ex",
        'plug Tesla.Middleware.BaseUrl, "https://api.acme-rates.io/v1"\n',
    ),
    "php constant passed on": (
        "app/Services/Rates.php",
        "private const RATES = 'https://api.acme-rates.io/v1';\n"
        "$r = Http::get(self::RATES . '/latest');\n",
    ),
    "ruby constant passed on": (
        "app/services/rates.rb",
        'ROOT = "https://api.acme-rates.io/v1".freeze\nres = Faraday.get("#{ROOT}/latest")\n',
    ),
}


@pytest.mark.parametrize("case", sorted(LITERAL_HOST_CALLS))
def test_a_called_literal_host_is_found(case: str) -> None:
    rel, text = LITERAL_HOST_CALLS[case]
    assert LONGTAIL_HOST + "api.acme-rates.io" in providers(rel, text)


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        # built for people to click, never passed to a call
        (
            "src/Providers/ImdbExternalUrl.cs",
            'var url = $"https://api.acme-rates.io/title/{id}";\n',
        ),
        ("app/links.py", 'profile = f"https://api.acme-rates.io/u/{name}"\nrender(profile)\n'),
        # the name passed on is another one
        (
            "internal/rates/rates.go",
            'const page = "https://api.acme-rates.io/about"\nresp, err := http.Get(target)\n',
        ),
        ("src/main/java/shop/Links.java", 'URL url = new URL("https://api.acme-rates.io/v1");\n'),
    ],
)
def test_a_built_link_that_is_not_called_is_not_an_integration(rel: str, text: str) -> None:
    assert LONGTAIL_HOST + "api.acme-rates.io" not in providers(rel, text)


@pytest.mark.parametrize(
    ("path", "tooling"),
    [
        ("packages/cli/shop-dev-cli/src/utils/check-deps.js", True),
        ("devtools/release.py", True),
        ("src/dev-tools/seed.ts", True),
        ("src/devices/registry.ts", False),
        ("src/developer/portal.py", False),
        # build logic and package-feed / CI configuration of any ecosystem
        ("buildSrc/src/main/groovy/UploadBundleTask.groovy", True),
        ("src/NuGet.config", True),
        ("azure-pipelines.yml", True),
        ("appveyor.yml", True),
        ("Jenkinsfile", True),
        ("src/buildsrcs/Reader.java", False),
        ("dev/code-generation/gen_locales.py", True),
        ("app/dev/routes.py", False),
        ("lib/mix/tasks/people/avatars.ex", True),
        ("lib/shop/mix_helpers.ex", False),
        ("magefiles/image/fly.go", True),
        ("internal/mage/build.go", False),
    ],
)
def test_developer_tooling_directories_are_not_the_runtime(path: str, tooling: bool) -> None:
    assert is_test_path(path) is tooling


@pytest.mark.parametrize(
    ("path", "test"),
    [
        ("src/Shop.Notifications.Tests/PushApiTests.cs", True),
        ("src/Shop.Test.Common/Fakes.cs", True),
        ("Shop.IntegrationTests/Orders.cs", True),
        ("module/src/main/java/shop/OrderServiceTest.java", True),
        ("module/src/main/java/shop/OrderServiceIT.java", True),
        ("src/Shop.Core/Latest.cs", False),
        ("src/Shop.Core/Contest.cs", False),
        ("src/Shop.Testing.Tools.Api/Client.cs", False),
        ("src/main/java/shop/ABTestAssignment.java", False),
    ],
)
def test_dotnet_and_jvm_test_projects_are_test_code(path: str, test: bool) -> None:
    assert is_test_path(path) is test


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        # templates chosen by a setting, in a function named like an endpoint
        (
            "src/config.rs",
            "fn generate_icon_service_url(service: &str) -> String {\n"
            '    match service {\n        "internal" => String::new(),\n'
            '        "mirror" => "https://icons.acme-mirror.net/{}".to_owned(),\n'
            '        "rates" => "https://api.acme-rates.io/{}/icon.png".to_owned(),\n'
            "        _ => service.to_owned(),\n    }\n}\n",
        ),
        (
            "src/main/java/shop/Endpoints.java",
            "static String serviceUrl(String kind) {\n  switch (kind) {\n"
            '    case "a": return "https://api.acme-mirror.net";\n'
            '    default:\n      return "https://api.acme-rates.io";\n  }\n}\n',
        ),
        # the project's own client function given the literal URL
        (
            "src/api/admin.rs",
            'let t = get_text_api("https://api.acme-rates.io/cdn-cgi/trace").await?;\n',
        ),
        ("app/sync.py", 'data = fetch_json("https://api.acme-rates.io/v1/latest")\n'),
    ],
)
def test_endpoint_templates_and_own_client_functions(rel: str, text: str) -> None:
    assert LONGTAIL_HOST + "api.acme-rates.io" in providers(rel, text)


def test_a_helper_calling_urls_from_data_belongs_to_the_nearest_called_host() -> None:
    # A file of client helpers used with several literal hosts: no feature is invented.
    text = (
        "async fn get_json_api(url: &str) -> Result<Value> {\n"
        "    Ok(make_http_request(Method::GET, url)?.send().await?.json().await?)\n}\n"
        'let rates = get_json_api("https://api.acme-rates.io/v1/latest").await?;\n'
        + FILLER
        + 'let trace = get_text_api("https://status.acme-mirror.net/trace").await?;\n'
    )
    full = FILLER + text
    found = extract("src/api/admin.rs", full, INDEX)
    calls = {f.provider for f in found if f.kind == "call"}
    assert calls == {LONGTAIL_HOST + "api.acme-rates.io"}
    assert LONGTAIL_HOST + "status.acme-mirror.net" in {f.provider for f in found}


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("mix.exs", 'defp deps do\n  [\n    {:phoenix_pubsub, "~> 2.0"}\n  ]\nend\n'),
        (
            "lib/shop/application.ex",
            "{Phoenix.PubSub, name: Shop.PubSub, adapter: Phoenix.PubSub.PG2},\n",
        ),
        ("package.json", '{"dependencies": {"graphql-redis-pubsub": "^1.0.0"}}\n'),
    ],
)
def test_a_generic_pubsub_word_does_not_name_google_pubsub(rel: str, text: str) -> None:
    assert "google-pubsub" not in {f.provider for f in extract_file(rel, text, INDEX)}


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        (
            "lib/fetch.php",
            "\t$url = idn_to_puny($url);\t// https://bugs.tracker-site.net/?id=53474\n",
        ),
        ("app/poll.rb", "  resp = http.get(url) # see https://forum.tracker-site.net/t/123\n"),
        (
            "src/Poll.cs",
            "    var r = await client.GetAsync(url); // https://issues.tracker-site.net/9\n",
        ),
    ],
)
def test_a_url_in_a_trailing_comment_is_not_an_integration(rel: str, text: str) -> None:
    assert not {p for p in providers(rel, text) if "tracker-site" in p}


def test_a_url_string_holding_a_comment_marker_is_still_read() -> None:
    text = 'resp = requests.get("https://api.rates-site.net/v1 # latest")\n'
    assert LONGTAIL_HOST + "api.rates-site.net" in providers("app/rates.py", text)


def test_reading_a_setting_with_env_fetch_sends_nothing() -> None:
    text = '  hook = ENV.fetch("DEV_WEBHOOKS_URL", root_url) + "/webhooks/bank"\n'
    assert "webhooks" not in providers("app/controllers/bank_items_controller.rb", text)
    sent = "  Faraday.post(webhook.url, body)\n"
    assert "webhooks" in providers("app/jobs/deliver.rb", sent)


def test_links_with_campaign_parameters_are_not_integrations() -> None:
    text = (
        "def sponsors do\n"
        '  [{"Heap", "https://heapanalytics.com/?utm_source=podcast"},\n'
        '   {"Acme", "https://api.acme-rates.io/v2/?utm_medium=email&x=1"}]\nend\n'
    )
    found = providers("lib/shop_web/views/sponsor_view.ex", text)
    assert "heap" not in found and LONGTAIL_HOST + "api.acme-rates.io" not in found
    # a query that only looks alike is kept
    called = 'resp = requests.get("https://api.acme-rates.io/v2/rates?source=utm")\n'
    assert LONGTAIL_HOST + "api.acme-rates.io" in providers("app/rates.py", called)


def test_reading_an_inbound_webhook_request_sends_nothing() -> None:
    text = "    webhook_body = request.body.read\n"
    assert "webhooks" not in providers("app/controllers/hooks_controller.rb", text)
    php = "    $webhook = $request->input('payload');\n"
    assert "webhooks" not in providers("app/Http/Controllers/HookController.php", php)


def test_every_url_of_a_long_line_is_judged_as_one_url_alone_is() -> None:
    # A line holding thousands of URLs (an inline asset list) was searched again for each
    # of them: a 277 KB file did not finish in 10 minutes. Its verdicts are the line's.
    called = ", ".join(f'"https://api{i}.rates-site.net/v1"' for i in range(300))
    linked = ", ".join(f'"https://docs{i}.rates-site.net/"' for i in range(300))
    text = (
        f"rates = [requests.get(u) for u in [{called}]]\n"
        f"homepage = [{linked}]  # https://notes.rates-site.net/x\n"
    )
    found = providers("app/rates.py", text)
    assert {p for p in found if ".rates-site.net" in p} == {
        LONGTAIL_HOST + f"api{i}.rates-site.net" for i in range(300)
    }


def test_each_url_is_judged_at_its_own_place_on_the_line() -> None:
    # The host was looked up from the start of the line, so a documentation link earlier
    # on it decided for the call after it.
    text = (
        'HELP = "https://api.rates-site.net/docs/"; '
        'r = requests.get("https://api.rates-site.net/v1")\n'
    )
    assert LONGTAIL_HOST + "api.rates-site.net" in providers("app/rates.py", text)
