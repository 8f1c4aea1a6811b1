"""General rules found on a round of never-seen repositories: each holds for its language or
ecosystem, checked here on small synthetic trees and lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.catalog.index import catalog_index
from integration_risk.models.scan import Integration
from integration_risk.scan.calls import http_calls
from integration_risk.scan.drivers import dependency_features
from integration_risk.scan.findings import LONGTAIL_IDP
from integration_risk.scan.idp_modules import identity_provider_package
from integration_risk.scan.testcode import is_test_path
from tests.scan.trees import scan, write


def scan_all(root: Path) -> dict[str, Integration]:
    """Every integration, below the default confidence too."""
    result = api.scan(root, ".", min_confidence=0.0, evidence_per_integration=-1, use_cache=False)
    return {i.id: i for i in result.integrations}


def test_an_env_file_selecting_a_driver_is_a_choice_not_a_skeleton(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".env.example": "APP_NAME=Shop\nDB_CONNECTION=sqlite\n",
            "config/database.php": "<?php\nreturn ['sqlite' => ['driver' => 'sqlite'],\n"
            "  'pgsql' => ['driver' => 'pgsql']];\n",
        },
    )
    found = scan_all(tmp_path)
    assert {e.kind for e in found["sqlite"].evidence} == {"env", "config"}
    assert found["sqlite"].confidence > found["postgresql"].confidence
    assert found["sqlite"].confidence >= 0.3 > found["postgresql"].confidence


def test_laravel_sqlsrv_driver_is_sql_server(tmp_path: Path) -> None:
    write(tmp_path, {"app/Db.php": "<?php\nif ($driver === 'sqlsrv') { $grammar = 1; }\n"})
    assert "mssql" in scan(tmp_path)


@pytest.mark.parametrize(
    "line",
    [
        '    [HttpGet("{hostname}/icon.png")]',
        '    [HttpPost("webhook")]',
        '    [Route("hooks"), HttpPost("{id}/deliver")]',
    ],
)
def test_csharp_route_attributes_are_not_calls(line: str) -> None:
    assert list(http_calls(line + "\n", "csharp")) == []


def test_an_inbound_webhook_route_is_not_an_outgoing_webhook(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Billing/Controllers/PayController.cs": "public class PayController {\n"
            '    [HttpPost("webhook")]\n    public IActionResult PostWebhook() => Ok();\n}\n'
        },
    )
    assert "webhooks" not in scan(tmp_path)


@pytest.mark.parametrize(
    "path",
    [
        "lib/tasks/users.rake",
        "database/seeders/DemoSeeder.php",
        "util/Seeder/Steps/CreateStep.cs",
        "perf/load/sync.js",
        "load-tests/checkout.js",
        "web/public/mockServiceWorker.js",
    ],
)
def test_tooling_paths(path: str) -> None:
    assert is_test_path(path)


@pytest.mark.parametrize("path", ["app/jobs/sync_job.rb", "src/Tasks/Runner.cs", "lib/perfume.rb"])
def test_app_paths_are_not_tooling(path: str) -> None:
    assert not is_test_path(path)


def test_a_front_end_package_named_for_its_role_is_browser_code(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "shop-webui/src/services/orders.ts": "export async function load(url: string) {\n"
            "  const r = await fetch(url)\n  return r.json()\n}\n"
        },
    )
    assert scan(tmp_path) == {}


def test_sign_in_provider_packages_name_their_provider() -> None:
    index = catalog_index()
    assert identity_provider_package("packagist", "socialiteproviders/zyxid", index) == (
        LONGTAIL_IDP + "zyxid"
    )
    assert identity_provider_package("rubygems", "omniauth-gitlab", index) == "gitlab"
    assert identity_provider_package("rubygems", "omniauth-dropbox2", index) == "dropbox"
    assert identity_provider_package("npm", "passport-google-oauth20", index) == "google"
    assert identity_provider_package("nuget", "AspNet.Security.OAuth.Discord", index) == "discord"
    assert (
        identity_provider_package(
            "nuget", "Microsoft.AspNetCore.Authentication.OpenIdConnect", index
        )
        == "oidc"
    )
    for ecosystem, package in (
        ("packagist", "socialiteproviders/manager"),
        ("rubygems", "omniauth-rails_csrf_protection"),
        ("npm", "passport-local"),
        ("npm", "passport-jwt"),
        ("nuget", "Microsoft.AspNetCore.Authentication.JwtBearer"),
        ("npm", "socialiteproviders-kanidm"),
    ):
        assert identity_provider_package(ecosystem, package, index) is None, package


def test_a_socialite_provider_package_is_reported(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "composer.json": '{"require": {"laravel/socialite": "^5.5",\n'
            '  "socialiteproviders/zyxid": "^5.0"}}\n'
        },
    )
    assert "zyxid" in scan(tmp_path)


@pytest.mark.parametrize(
    ("language", "line", "argument"),
    [
        ("ruby", "conn = Faraday.new(url: Relay.base_url) do |f|", "Relay.base_url"),
        ("ruby", "conn = Faraday.new(feed_url, request: { timeout: 5 })", "feed_url"),
        ("csharp", "client.BaseAddress = new Uri(globalSettings.PricingUri);", None),
        ("java", "val c = builder.baseUrl(props.ratesUrl).build()", "props.ratesUrl"),
        ("js", "const api = axios.create({ baseURL: config.billingUrl })", "config.billingUrl"),
        ("go", "c := resty.New().SetBaseURL(cfg.GotifyURL)", "cfg.GotifyURL"),
        ("python", "c = httpx.AsyncClient(base_url=settings.RATES_URL, timeout=5)", None),
    ],
)
def test_a_client_given_its_base_url_from_data_is_a_call(
    language: str, line: str, argument: str | None
) -> None:
    calls = list(http_calls(line + "\n", language))
    assert [c.target for c in calls] == ["data"]
    if argument is not None:
        assert calls[0].argument == argument


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("ruby", "@faraday ||= Faraday.new(faraday_options) { |b| b.adapter :net_http }"),
        ("ruby", "Faraday.new(nil, request: { timeout: 5 })"),
        ("go", "baseURL := c.CanonicalURL()"),
        ("ruby", "session.delete(:return_url)"),
    ],
)
def test_options_hashes_go_assignments_and_symbols_are_not_calls(language: str, line: str) -> None:
    assert list(http_calls(line + "\n", language)) == []


def test_a_setting_named_base_address_names_the_companion_service(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Billing/Pricing/Registration.cs": "public static class Registration {\n"
            "  public static void Add(IServiceCollection s, GlobalSettings globalSettings) {\n"
            "    s.AddHttpClient<IQuoteClient, QuoteClient>(c =>\n"
            "      c.BaseAddress = new Uri(globalSettings.QuoteEngineUri));\n  }\n}\n"
        },
    )
    assert "quote-engine" in scan(tmp_path)


def test_cargo_features_that_switch_on_every_driver(tmp_path: Path) -> None:
    text = '[dependencies.sea-orm]\nfeatures = ["macros", "sqlx-all"]\n'
    names = {name for name, _ in dependency_features(text, "Cargo.toml")}
    assert {"postgres", "mysql", "sqlite"} <= names
    write(tmp_path, {"Cargo.toml": '[package]\nname = "dir"\n\n' + text})
    assert {"postgresql", "mysql", "sqlite"} <= set(scan(tmp_path))


def test_a_dev_only_package_is_a_developer_tool(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "composer.json": '{"require": {"laravel/framework": "^12.0"},\n'
            ' "require-dev": {"stripe/stripe-php": "^13.0"}}\n',
            "app/Console/Commands/SeedPrices.php": "<?php\nuse Stripe\\StripeClient;\n"
            "$s = new StripeClient($key);\n",
        },
    )
    assert scan_all(tmp_path)["stripe"].confidence < 0.3


def test_a_dev_package_in_npm_can_still_ship_in_the_bundle(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{"devDependencies": {"@sentry/vue": "^10.0.0"}}\n',
            "src/sentry.js": "import * as Sentry from '@sentry/vue';\nSentry.init({ dsn });\n",
        },
    )
    assert scan(tmp_path)["sentry"].confidence >= 0.3


def test_a_stylesheet_from_a_font_cdn_is_loaded_not_linked(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/index.html": '<head>\n  <link rel="stylesheet"\n'
            '    href="https://fonts.googleapis.com/css2?family=Inter&display=swap" />\n'
            '  <a href="https://www.cloudflare.com/">CDN</a>\n</head>\n'
        },
    )
    found = scan(tmp_path)
    assert "google-fonts" in found
    assert "cloudflare" not in found


def test_text_processing_libraries_are_not_their_namesake_service(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "go.mod": "module example.com/blog\n\ngo 1.22\n\nrequire (\n"
            "\tgithub.com/someone/twitter-text-go v0.1.0\n)\n",
            "posts.go": 'package blog\n\nimport "github.com/someone/twitter-text-go/extract"\n',
        },
    )
    assert "twitter" not in scan(tmp_path)


def test_content_security_policies_redirects_and_text_templates_are_not_calls(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "util/Setup/Nginx.cs": "var csp = \"img-src 'self' https://www.gravatar.com; \" +\n"
            '  "connect-src https://api.zyxmetrics.example";\n',
            "app/controllers/verify_controller.rb": "class VerifyController\n  def show\n"
            '    redirect_to(URI.parse("https://login.zyxid.example/#{token}").to_s)\n  end\nend\n',
            "app/views/mailer/notice.text.erb": "Join us: https://team.slack.com/archives/C1\n",
        },
    )
    found = scan(tmp_path)
    assert not {"gravatar", "api.zyxmetrics.example", "login.zyxid.example", "slack"} & set(found)


def test_sign_in_features_keep_their_provider(tmp_path: Path) -> None:
    files = {
        f"oauth_{name}.go": 'package app\n\nimport "net/http"\n\nfunc (c *client) exchange() {\n'
        '\treq, _ := http.NewRequest("POST", c.ExchangeLocation, nil)\n\t_ = req\n}\n'
        for name in ("gitlab", "zyxhub", "quillid")
    }
    write(tmp_path, files)
    found = scan(tmp_path)
    assert "gitlab" in found
    assert {"oauth-zyxhub", "oauth-quillid"} <= set(found)


def test_a_symbol_ahead_of_the_url_is_the_verb() -> None:
    calls = list(http_calls('case HTTP.request(:purge, purge_url(url), "", h) do\n', "elixir"))
    assert [c.argument for c in calls] == ["purge_url(url)"]


def test_fonts_in_html_mail_are_fetched_by_the_mail_client(tmp_path: Path) -> None:
    font = '<link href="https://fonts.googleapis.com/css2?family=Inter" rel="stylesheet">\n'
    write(tmp_path, {"app/EmailTemplates/welcome.html": "<html><head>\n" + font})
    assert "google-fonts" not in scan(tmp_path)
    write(tmp_path, {"web/index.html": "<html><head>\n" + font})
    assert "google-fonts" in scan(tmp_path)


def test_a_client_built_from_front_end_build_settings_is_browser_code(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "shop-admin/src/utils/request.js": "import axios from 'axios'\n"
            "const service = axios.create({\n  baseURL: process.env.VUE_APP_BASE_API,\n})\n"
            "export default service\n"
        },
    )
    assert scan(tmp_path) == {}


def test_a_vendor_prefix_owns_its_webhook_setting() -> None:
    index = catalog_index()
    assert index.env_provider("TELEGRAM_BOT_WEBHOOK_URL") == "telegram"
    assert index.env_provider("ACMEAPP_WEBHOOK_URL") == "webhooks"
    assert index.env_provider("PAPERLESS_EMAIL_HOST") == "smtp"


def test_yubico_dotnet_client_and_laravel_jetstream(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Auth/Auth.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n'
            '    <PackageReference Include="YubicoDotNetClient" Version="1.2.0" />\n'
            "  </ItemGroup>\n</Project>\n",
            "composer.json": '{"require": {"laravel/jetstream": "^5.0"}}\n',
        },
    )
    found = scan(tmp_path)
    assert "yubico" in found
    assert "nats" not in found


def test_a_products_own_jvm_library_runs_in_process(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "build.gradle.kts": "dependencies {\n"
            '  implementation("org.apache.tika:tika-core:3.0.0")\n}\n',
        },
    )
    assert "tika" not in scan(tmp_path)


def test_pipeline_stages_and_self_probes_are_not_features(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Http/RedirectGuardHandler.cs": "public class RedirectGuardHandler : DelegatingHandler {\n"
            "  protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage r, CancellationToken ct) {\n"
            "    using var next = new HttpRequestMessage(r.Method, redirectUri);\n"
            "    return await base.SendAsync(next, ct);\n  }\n}\n",
            "src/Jobs/AliveJob.cs": "public class AliveJob {\n  async Task Run() {\n"
            "    var r = await _factory.CreateClient().GetAsync(_globalSettings.BaseServiceUri.Admin);\n  }\n}\n",
        },
    )
    assert scan(tmp_path) == {}


def test_a_webhook_sender_feature_is_the_webhooks_integration(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Events/WebhookDispatcher.cs": "public class WebhookDispatcher {\n"
            "  async Task Send(Hook hook) {\n"
            "    var r = await _factory.CreateClient().PostAsync(hook.TargetUrl, body);\n  }\n}\n"
        },
    )
    assert "webhooks" in scan(tmp_path)


def test_a_request_chained_onto_a_faraday_block() -> None:
    text = (
        "def get(url)\n  Faraday.new(nil, request: { timeout: 5 }) do |f|\n"
        "    f.response :raise_error\n  end.get(\n    url,\n    {},\n  )\nend\n"
    )
    assert [c.argument for c in http_calls(text, "ruby")] == ["url"]


def test_rust_compiled_for_the_browser_calls_its_own_backend(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/src/infra/api.rs": "use gloo_net::http::{Method, RequestBuilder};\n\n"
            "pub async fn call(url: &str) {\n    let r = RequestBuilder::new(url).send().await;\n}\n"
        },
    )
    assert scan(tmp_path) == {}
