"""Outbound-URL features and companion services at configured URLs, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.features import feature_name, setting_of
from tests.scan.trees import scan, write

FEATURES = {
    "csharp": (
        "src/Feeds/FeedDownloader.cs",
        "class FeedDownloader {\n  async Task Run(string url) {\n"
        '    var r = await _factory.CreateClient("x").GetAsync(url, ct);\n  }\n}\n',
        "feed-downloader",
    ),
    "java": (
        "src/main/java/shop/hooks/PingbackSender.java",
        "class PingbackSender {\n  void send(Hook hook) {\n"
        "    restTemplate.postForObject(hook.getUrl(), body, String.class);\n  }\n}\n",
        "pingback-sender",
    ),
    "ruby": (
        "app/models/agents/rss_agent.rb",
        "class RssAgent\n  def check\n    response = faraday.get(url)\n  end\nend\n",
        "rss-agent",
    ),
    "php": (
        "app/Services/Podcast/PodcastService.php",
        "<?php\nclass PodcastService {\n  public function fetch($url) {\n"
        "    return $this->http->get($url)->body();\n  }\n}\n",
        "podcast",
    ),
    "rust": (
        "src/api/icons.rs",
        "async fn get_page(url: &str) -> Result<Response> {\n    CLIENT.get(url).send().await\n}\n",
        "icons",
    ),
    "elixir": (
        "lib/shop/link_checker.ex",
        "defmodule Shop.LinkChecker do\n  def check(url), do: HTTPoison.head(url)\nend\n",
        "link-checker",
    ),
    "python": (
        "app/unfurl.py",
        "import requests\n\ndef unfurl(link_url):\n    return requests.get(link_url, timeout=3)\n",
        "unfurl",
    ),
    "typescript": (
        "server/utils/embeds.ts",
        "export async function check(url: string) {\n  return fetch(url, { method: 'HEAD' });\n}\n",
        "embeds",
    ),
    "go": (
        "internal/mirror/sync.go",
        "package mirror\n\nfunc Probe(u string) error {\n\tresp, err := http.Get(u)\n\treturn err\n}\n",
        "sync",
    ),
}


@pytest.mark.parametrize("language", sorted(FEATURES))
def test_a_call_to_a_url_from_data_is_a_feature_named_after_its_module(
    tmp_path: Path, language: str
) -> None:
    path, text, name = FEATURES[language]
    write(tmp_path, {path: text})
    found = scan(tmp_path)
    assert name in found, sorted(found)
    feature = found[name]
    assert feature.category == "http-api" and feature.in_catalog is False
    assert [e.path for e in feature.evidence] == [path]
    assert feature.confidence >= 0.3


def test_every_call_site_of_a_feature_is_evidence(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Plugins/Tmdb/Movies/TmdbMovieProvider.cs": "x = client.GetAsync(url, ct);\n",
            "src/Plugins/Tmdb/TV/TmdbSeriesProvider.cs": "\ny = client.GetAsync(url, ct);\n",
        },
    )
    found = scan(tmp_path)
    assert {f"{e.path}:{e.line}" for e in found["tmdb"].evidence} == {
        "src/Plugins/Tmdb/Movies/TmdbMovieProvider.cs:1",
        "src/Plugins/Tmdb/TV/TmdbSeriesProvider.cs:2",
    }


def test_a_call_in_a_file_that_names_its_host_belongs_to_that_host(tmp_path: Path) -> None:
    text = (
        'API_URL = "https://api.weatherly.dev/v2"\n\n'
        "def forecast(path):\n    return requests.get(API_URL + path)\n"
    )
    write(tmp_path, {"app/weather.py": text})
    found = scan(tmp_path)
    assert "api.weatherly.dev" in found and "weather" not in found
    assert "call" in found["api.weatherly.dev"].evidence_kinds


def test_a_configured_companion_service_is_named_after_its_setting(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/shop/convert.ex": "def run(doc), do: HTTP.post(Application.get_env(:shop, :gotenberg_url), doc)\n",
            "src/push.rs": 'make_http_request(Method::POST, &(CONFIG.push_relay_uri() + "/push/send"))\n',
        },
    )
    found = scan(tmp_path)
    assert {"gotenberg", "push-relay"} <= set(found), sorted(found)


def test_a_setting_with_a_literal_default_elsewhere_is_that_host(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/config.rs": 'push_relay_uri: String, true, def, "https://push.relay-vendor.net".to_string();\n',
            "src/push.rs": 'make_http_request(Method::POST, &(CONFIG.push_relay_uri() + "/push/send"))\n',
        },
    )
    found = scan(tmp_path)
    assert "push-relay" not in found
    host = found["push.relay-vendor.net"]
    assert {e.path for e in host.evidence} == {"src/config.rs", "src/push.rs"}


def test_browser_code_and_own_sdks_are_not_outbound_features(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/components/Avatar.tsx": "export const A = () => fetch(url)\n",
            "web/src/loader.ts": "export const load = (url: string) => fetch(url)\n",
            "packages/js-sdk/src/orders.ts": "return this.client.fetch(ordersUrl)\n",
            # a React Native app calling the server the user signed in to
            "apps/phone/lib/reachable.ts": (
                'import { Alert } from "react-native";\n'
                "export const ping = (instanceUrl: string) => fetch(`${instanceUrl}/api/v1/ping`)\n"
            ),
            "apps/phone/lib/share.ts": (
                'import * as Linking from "expo-linking";\n'
                "export const open = (linkUrl: string) => fetch(linkUrl)\n"
            ),
        },
    )
    assert scan(tmp_path) == {}


def test_request_objects_sent_by_a_wrapper_are_features_named_after_their_module(
    tmp_path: Path,
) -> None:
    """A project's API classes build `new Request(path, baseUrl, HttpMethod.Get)` and hand it
    to a shared wrapper; each class is a companion service at a configured URL."""
    write(
        tmp_path,
        {
            "src/Apis/Arr/ArrApi.cs": (
                "public async Task<Status> GetStatus(string apiKey, string baseUrl) {\n"
                '    var request = new Request("/api/v3/system/status", baseUrl, HttpMethod.Get);\n'
                "    return await _api.Request<Status>(request);\n}\n"
            ),
            "app/Notify/HookSender.php": (
                "<?php\n$response = $client->sendRequest(new Request('POST', $hook->target));\n"
            ),
            "templates/widget/fetchConfig.ts": "const r = await fetch(CONST.ROUTES.getConfig);\n",
        },
    )
    found = scan(tmp_path)
    assert {"arr", "hook-sender"} == set(found), sorted(found)
    assert [e.line for e in found["arr"].evidence] == [2]


def test_placeholder_hosts_are_not_integrations(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"src/main/resources/application.yml": "s3:\n  endPoint: https://s3.test.com\n"},
    )
    assert not [i for i in scan(tmp_path) if "test.com" in i]


def test_the_projects_own_http_wrapper_is_not_a_feature(tmp_path: Path) -> None:
    root = tmp_path / "acme"
    write(
        root, {"lib/acme/http.ex": "def get(url, headers), do: Finch.build(:get, url, headers)\n"}
    )
    assert "acme" not in scan(root)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("app/models/agents/website_agent.rb", "website-agent"),
        ("MediaBrowser.Providers/Plugins/Tmdb/Movies/TmdbMovieImageProvider.cs", "tmdb"),
        ("lib/acme/billing/acme.ex", "billing"),
        ("lib/acme/sentry_client.ex", "sentry"),
        ("src/Jellyfin.LiveTv/TunerHosts/M3uParser.cs", "m3u-parser"),
        ("app/models/service.rb", None),
        ("hc/integrations/gotify/transport.py", "gotify"),
        ("src/notify/SlackTransport.ts", "slack"),
        ("src/Indexers/PassThePopcorn/PassThePopcornSearch.cs", "pass-the-popcorn"),
        ("src/Notifications/CloudService/CloudMobileNotification.cs", "cloud"),
        ("app/Services/Webhook/StandardWebhookSender.php", "webhook-sender"),
        ("src/main/java/shop/infra/DefaultReactiveUrlFetcher.java", "reactive-url"),
        ("internal/reader/icon/finder.go", "icon-finder"),
        ("internal/reader/subscription/finder.go", "subscription-finder"),
        ("app/services/uploader.rb", "uploader"),
        ("internal/reader/scraper/scraper.go", "scraper"),
        ("internal/social/twitter.go", "twitter"),
        ("crates/api/utils/src/request.rs", None),
        ("packages/lib/src/index.ts", None),
        ("crates/federation/src/http.rs", "federation"),
    ],
)
def test_feature_names(path: str, name: str | None) -> None:
    project = frozenset({"acme", "lib"}) if path.startswith("lib/acme/") else frozenset()
    assert feature_name(path, project) == name


@pytest.mark.parametrize(
    ("expression", "system"),
    [
        ("CONFIG.push_relay_uri()", "push-relay"),
        ("@fastly_url <> path", "fastly"),
        ("config('services.itunes.endpoint')", "itunes"),
        ("process.env.GOTENBERG_URL", "gotenberg"),
        ("settings.TIKA_ENDPOINT", "tika"),
        ("url", None),
        ("event_url", None),  # a local variable, not configuration
        ("this.baseUrl", None),
        # a method that builds the URL, or a role every integration has, names no system
        ("HttpUri.CombinePath(BuildUrl(settings), path)", None),
        ("GetBaseUrl(settings)", None),
        ("settings.WebHookUrl", None),
        ("Settings.OAuthUrl", None),
        ("config.callback_url", None),
        ("settings.MetricsRelayWebhookUrl", "metrics-relay"),
    ],
)
def test_settings_named_like_endpoints(expression: str, system: str | None) -> None:
    setting = setting_of(expression)
    assert (setting[1] if setting else None) == system


def test_a_storage_module_that_downloads_a_url_is_its_own_feature(tmp_path: Path) -> None:
    text = (
        'import type { PresignedPost } from "@aws-sdk/s3-presigned-post";\n'
        "export async function storeFromUrl(url: string) {\n  const res = await fetch(url);\n}\n"
    )
    write(tmp_path, {"server/storage/files/RemoteStore.ts": text})
    assert "remote-store" in scan(tmp_path)


def test_a_feature_named_after_a_short_provider_id_is_that_provider(tmp_path: Path) -> None:
    text = (
        "async fn exchange(token_url: &str) -> Result<()> {\n"
        "    let res = make_http_request(reqwest::Method::POST, &token_url)?.send().await?;\n"
        "    Ok(())\n}\n"
    )
    write(tmp_path, {"src/auth/duo_prompt.rs": text})
    found = scan(tmp_path)
    assert "duo" in found and "duo-prompt" not in found, sorted(found)


# A project's own request helper or request builder, given a URL from data.
REQUEST_HELPERS = {
    "go method": (
        "internal/podcasts/refresh.go",
        "package podcasts\n\nfunc Refresh(b *Builder, feedURL string) {\n"
        "\tresp, err := b.requestBuilder.ExecuteRequest(feedURL)\n\t_ = resp\n\t_ = err\n}\n",
        "refresh",
    ),
    "go builder": (
        "internal/bookmarks/pinboardish/pinboardish.go",
        "package pinboardish\n\nfunc (c *Client) Add(entryURL string) error {\n"
        "\tresp, err := client.NewRequestBuilder(c.endpointURL).\n"
        '\t\tWithHeader("Authorization", c.token).\n\t\tDo()\n\treturn err\n}\n',
        "pinboardish",
    ),
    "python function": (
        "app/unfurler/preview.py",
        "def preview(link_url):\n    return make_request(link_url, timeout=5)\n",
        "preview",
    ),
    "typescript safe fetch": (
        "server/links/titles.ts",
        "export async function title(linkUrl: string) {\n  const res = await safeFetch(linkUrl);\n}\n",
        "titles",
    ),
    "ruby try fetch": (
        "app/jobs/ping_job.rb",
        "class PingJob\n  def perform(endpoint)\n    sp.try_fetch(endpoint.to_s, :post, {})\n  end\nend\n",
        "ping-job",
    ),
    "typescript method": (
        "server/feeds/poller.ts",
        "export async function poll(feedUrl: string) {\n"
        "  return this.transport.performRequest(feedUrl);\n}\n",
        "feeds-poller",
    ),
}


@pytest.mark.parametrize("case", sorted(REQUEST_HELPERS))
def test_a_request_helper_called_with_a_url_from_data_is_a_feature(
    tmp_path: Path, case: str
) -> None:
    path, text, name = REQUEST_HELPERS[case]
    write(tmp_path, {path: text})
    found = scan(tmp_path)
    assert name in found, sorted(found)
    assert found[name].confidence >= 0.3


def test_a_request_helper_needs_a_url_argument(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "internal/jobs/runner.go": "package jobs\n\nfunc Run(q *Q, job Job) {\n\tq.ExecuteRequest(job)\n}\n",
            "app/jobs/retry.py": "def retry(task):\n    return scheduler.make_request(task.payload)\n",
        },
    )
    found = scan(tmp_path)
    assert "runner" not in found and "retry" not in found and "jobs" not in found


def test_a_client_named_after_its_system_names_the_call(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "crates/routes/src/images/mod.rs": (
                "pub async fn health(context: Ctx) -> Result<()> {\n"
                '  let url = format!("{}healthz", cfg.url);\n'
                "  context.thumbnailer_client().get(url).send().await?;\n  Ok(())\n}\n"
            ),
            "app/services/notify.py": "def post(hook_url, body):\n    return self.http_client.post(hook_url, json=body)\n",
        },
    )
    found = scan(tmp_path)
    assert "thumbnailer" in found and "images" not in found
    assert "notify" in found  # a generic client name says nothing: the module names it


def test_a_client_named_for_what_it_does_is_not_a_system(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Login/SiteLogin.php": (
                "<?php\nclass SiteLogin {\n  public function page($uri) {\n"
                "    return $this->requestHtmlFunctionClient->request('GET', $uri);\n  }\n}\n"
            )
        },
    )
    found = scan(tmp_path)
    assert "site-login" in found and "html-function" not in found


@pytest.mark.parametrize(
    "path",
    [
        "apps/web/pages/api/v1/favicon/index.ts",
        "src/app/api/preview/route.ts",
        "src/routes/api/unfurl/+server.ts",
        "app/routes/unfurl.server.ts",
    ],
)
def test_server_routes_in_a_web_app_tree_make_outbound_calls(tmp_path: Path, path: str) -> None:
    write(
        tmp_path,
        {path: "export async function load(linkUrl: string) {\n  return fetch(linkUrl);\n}\n"},
    )
    found = scan(tmp_path)
    assert any(i.category == "http-api" and not i.in_catalog for i in found.values()), path


def test_in_a_file_named_by_roles_only_the_function_names_the_feature(tmp_path: Path) -> None:
    filler = "".join(f"// note {n}\n" for n in range(40))
    write(
        tmp_path,
        {
            "crates/api/src/request.rs": (
                "pub async fn fetch_link_metadata(url: &Url, context: &Ctx) -> Result<Meta> {\n"
                + filler
                + "  let response = context.client().get(url.as_str()).send().await?;\n"
                "  parse(response)\n}\n"
            ),
            "src/utils/http.go": (
                "package utils\n\nfunc (c *Client) Get(u string) error {\n"
                "\tresp, err := http.Get(u)\n\t_ = resp\n\treturn err\n}\n"
            ),
        },
    )
    found = scan(tmp_path)
    assert "link-metadata" in found, sorted(found)
    assert [e.line for e in found["link-metadata"].evidence] == [42]
    assert set(found) == {"link-metadata"}  # a wrapper named `Get` is no feature


def test_a_probe_of_the_app_itself_is_not_a_feature(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "internal/cli/health_check.go": (
                "package cli\n\nfunc doHealthCheck(endpoint string) {\n"
                "\tresp, err := client.Get(endpoint)\n\t_, _ = resp, err\n}\n"
            ),
            "app/util/net.py": "def fetch_json(url):\n    return requests.get(url, timeout=5).json()\n",
            "config/app.ts": 'export const site = { host: "http://localhost.com", prefix: "" };\n',
        },
    )
    assert scan(tmp_path) == {}


def test_a_client_built_in_another_function_does_not_claim_a_call(tmp_path: Path) -> None:
    filler = "".join(f"    step_{n} = {n}\n" for n in range(40))
    write(
        tmp_path,
        {
            "app/recipes/importer.py": (
                "async def scrape_page(page_url):\n"
                "    async with httpx.AsyncClient() as client:\n"
                "        return await client.get(page_url)\n\n\n"
                "def parse_with_ai(text):\n" + filler + "    service = OpenAI()\n"
                "    return service.responses.create(input=text)\n"
            ),
            "app/ai/summary.py": (
                "def summarise(doc_url):\n    client = OpenAI()\n"
                "    body = requests.get(doc_url).text\n"
                "    return client.responses.create(input=body)\n"
            ),
        },
    )
    found = scan(tmp_path)
    assert 3 in {e.line for e in found["recipes-importer"].evidence if e.kind == "call"}
    assert "summary" not in found  # the client built beside the call is the call's system


def test_a_raw_socket_to_a_configured_daemon_is_a_feature(tmp_path: Path) -> None:
    text = (
        "class VirusScan\n  def scan(body)\n"
        "    sock = TCPSocket.new(@config.host, @config.port)\n    sock.write(body)\n  end\nend\n"
    )
    write(tmp_path, {"lib/inspectors/virus_scan.rb": text})
    found = scan(tmp_path)
    assert "virus-scan" in found and found["virus-scan"].confidence >= 0.3, sorted(found)


def test_a_remote_browser_at_a_configured_url_is_a_companion_service(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "worker/headless.ts": (
                'import { chromium } from "playwright";\n'
                "export const open = () => chromium.connectOverCDP(process.env.CHROME_WS_URL);\n"
            ),
            "worker/pool.ts": "export const join = () => puppeteer.connect(browserWSEndpoint);\n",
        },
    )
    found = scan(tmp_path)
    assert found["headless"].confidence >= 0.3
    assert found["pool"].confidence >= 0.3


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "hc/integrations/pagerbeam/transport.py",
            "from hc.api.transports import HttpTransport\n\n\nclass PagerBeam(HttpTransport):\n"
            "    def notify(self, flip):\n        self.post(self.channel.value, json={})\n",
        ),
        (
            "src/datasources/pagerbeam.ts",
            "export class PagerBeam extends RESTDataSource {\n"
            "  async notify(target: string) {\n    return this.post(target, { body: {} });\n  }\n}\n",
        ),
    ],
)
def test_a_transport_subclass_calling_itself_makes_requests(
    tmp_path: Path, path: str, text: str
) -> None:
    write(tmp_path, {path: text})
    assert "pagerbeam" in scan(tmp_path)


def test_a_plain_class_calling_itself_does_not(tmp_path: Path) -> None:
    text = "class Ledger(Base):\n    def add(self, entry):\n        self.post(entry.value, 1)\n"
    write(tmp_path, {"app/ledger/ledger.py": text})
    assert scan(tmp_path) == {}
