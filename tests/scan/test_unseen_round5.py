"""General rules found on the fifth round of never-seen repositories (Rust, Go, C#, Ruby,
PHP and HTML mail), each checked on small synthetic lines and trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.calls import http_calls
from tests.scan.trees import scan, write


def _arguments(text: str, language: str) -> list[str]:
    return [c.argument for c in http_calls(text, language)]


def test_a_rust_module_named_for_requests_is_called_not_read() -> None:
    text = (
        "fn copy_remote(remote_url: &Url) -> Result<()> {\n"
        "    let body = request::get(\n"
        "        remote_url.as_str(),\n"
        "        sender,\n"
        "    )?;\n"
        "    let page = crate::net::http::post(&target_url, body)?;\n"
        "}\n"
    )
    assert _arguments(text, "rust") == ["remote_url.as_str()", "&target_url"]


def test_an_inbound_request_value_is_still_not_a_call() -> None:
    assert _arguments("let v = request.get(key_url);\n", "rust") == []
    assert _arguments("$v = $request->get('callback_url');\n", "php") == []


def test_a_request_chained_below_a_built_client_is_a_call() -> None:
    text = (
        "pub fn signed_get(url_str: &str) -> Result<Response, Error> {\n"
        "    ClientBuilder::new()\n"
        "        .connect_timeout(Some(Duration::from_secs(5)))\n"
        "        .build()?\n"
        "        .get(url_str)\n"
        "        .send()\n"
        "}\n"
    )
    assert _arguments(text, "rust") == ["url_str"]


def test_a_built_map_is_not_a_client() -> None:
    text = "let table = IndexBuilder::new()\n    .build()?\n    .get(url_str);\n"
    assert _arguments(text, "rust") == []


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("let req = client.post(&inbox).body(body);\n", "rust"),
        ("resp = session.post(actor.shared_inbox, data=payload)\n", "python"),
        ("await client.post(follower.sharedInbox, activity);\n", "js"),
    ],
)
def test_an_activitypub_inbox_is_a_url(line: str, language: str) -> None:
    assert len(_arguments(line, language)) == 1


def test_a_constant_holding_an_absolute_url_makes_the_call(tmp_path: Path) -> None:
    text = (
        "class RefreshZonesJob\n"
        '  ZONES_URL = "https://zones.example.net/list.txt".freeze\n'
        "  def perform\n"
        "    body = Downloader.new.fetch(ZONES_URL)\n"
        "    name = settings.fetch(:name)\n"
        "  end\n"
        "end\n"
    )
    assert _arguments(text, "ruby") == ["ZONES_URL"]
    # a URL-named constant the file does not bind to an absolute URL says nothing
    assert _arguments("x = table.fetch(KEY_URL)\n", "ruby") == []


def test_a_go_import_block_names_standard_library_mail(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "internal/notify/mailer.go": 'package notify\n\nimport (\n\t"fmt"\n'
            '\t"net/smtp"\n)\n\nfunc send(host string) error {\n'
            '\treturn smtp.SendMail(host, nil, "a@b", nil, nil)\n}\n'
        },
    )
    assert "smtp" in scan(tmp_path)


def test_a_table_of_urls_names_no_system(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Services/IconService.cs": "class IconService {\n"
            "    static Dictionary<string, string> Moved = new() {\n"
            '        ["https://dashboard.stripe.com"] = "https://stripe.com",\n'
            "    };\n}\n",
            "lib/redirects.rb": "MOVED = {\n"
            '  "https://api.twilio.com/old" => "https://api.twilio.com/new",\n}\n',
        },
    )
    found = scan(tmp_path)
    assert "stripe" not in found and "twilio" not in found


def test_the_projects_own_host_fetched_with_an_async_csharp_call_is_kept(
    tmp_path: Path,
) -> None:
    root = tmp_path / "acmereader"
    write(
        root,
        {
            "Services/LogoService.cs": "class LogoService {\n"
            "    async Task<string> Load() {\n"
            '        return await "https://assets.acmereader.io/logos.txt".GetStringAsync();\n'
            "    }\n}\n",
            "Pages/About.cs": 'class About { string Home = "https://www.acmereader.io/about"; }\n',
        },
    )
    found = scan(root)
    assert [e.line for e in found["assets.acmereader.io"].evidence] == [3]
    assert "www.acmereader.io" not in found  # a link to its own site is still no integration


def test_a_job_named_for_webhooks_is_the_webhooks_integration(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/Activity/DispatchWebhookJob.php": "<?php\nclass DispatchWebhookJob {\n"
            "    public function handle($http) {\n"
            "        $client->sendRequest(new Request('POST', $this->hook->endpoint));\n"
            "    }\n}\n"
        },
    )
    found = scan(tmp_path)
    assert "webhooks" in found and "dispatch-webhook-job" not in found


def test_fonts_in_an_html_email_are_the_mail_clients(tmp_path: Path) -> None:
    page = (
        "<html><head>\n<!--[if mso]><style>* { font-family: Arial; }</style><![endif]-->\n"
        '<link href="https://fonts.googleapis.com/css2?family=Lato&display=swap" rel="stylesheet">\n'
        "</head><body>{{Body}}</body></html>\n"
    )
    write(tmp_path, {"config/templates/Welcome.html": page})
    assert "google-fonts" not in scan(tmp_path)
    # the same page without Outlook markup is a page the app serves
    write(tmp_path, {"config/templates/Welcome.html": page.replace("[if mso]", "[if ie]")})
    assert "google-fonts" in scan(tmp_path)


def test_a_literal_url_wrapped_below_its_call_is_called(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/rates.ts": "export async function loadRates() {\n"
            "  const response = await fetch(\n"
            "    `https://api.ratesdesk.io/v2/latest?base=EUR&symbols=USD,GBP,CHF,JPY`\n"
            "  );\n  return response.json();\n}\n",
            "app/quotes.py": "import requests\n\ndef quotes():\n    return requests.get(\n"
            '        "https://quotes.stockdesk.dev/v1/today", timeout=5\n    ).json()\n',
        },
    )
    found = scan(tmp_path)
    assert [e.line for e in found["api.ratesdesk.io"].evidence] == [3]
    assert [e.line for e in found["quotes.stockdesk.dev"].evidence] == [5]


def test_invitation_and_short_link_domains_are_links(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/brand.rb": "module Brand\n  CHAT_URL = 'https://discord.gg/AbCdEf'\n"
            "  NEWS_URL = 'https://t.me/acme_news'\nend\n"
        },
    )
    found = scan(tmp_path)
    assert "discord.gg" not in found and "t.me" not in found


def test_a_locale_data_library_named_after_a_vendor_is_local(tmp_path: Path) -> None:
    write(tmp_path, {"Gemfile": "source 'https://rubygems.org'\ngem 'twitter_cldr'\n"})
    assert "twitter" not in scan(tmp_path)


def test_a_test_delivery_job_named_for_webhooks_is_the_webhooks_integration(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "app/jobs/send_test_webhook_request_job.rb": "class SendTestWebhookRequestJob\n"
            "  def perform(hook)\n    Faraday.post(hook.url, '{}')\n  end\nend\n"
        },
    )
    found = scan(tmp_path)
    assert "webhooks" in found and "send-test-webhook-request-job" not in found


def test_active_storage_services_name_their_stores(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "config/storage.yml": "local:\n  service: Disk\n  root: storage\n\n"
            "microsoft:\n  service: AzureBlob\n  container: files\n\n"
            "google:\n  service: GCS\n  bucket: files\n",
            "Gemfile": "source 'https://rubygems.org'\ngem 'azure-blob', require: false\n",
        },
    )
    found = scan(tmp_path)
    kinds = {e.kind for e in found["azure-blob-storage"].evidence}
    assert kinds == {"config", "dependency"}
    assert "gcs" not in found  # a service listed in config alone is an option, below the cut


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("    r = safe_request('GET', source_url, timeout=5)\n", "python"),
        ("    resp = send_request(:post, hook_url, body)\n", "ruby"),
        ("    const res = await safeRequest('POST', endpoint, body);\n", "js"),
    ],
)
def test_guarded_request_helpers_are_calls(line: str, language: str) -> None:
    assert len(_arguments(line, language)) == 1


def test_a_host_far_from_a_call_in_a_long_module_is_not_its_target(tmp_path: Path) -> None:
    filler = "".join(f"    x{i} = {i}\n" for i in range(80))
    write(
        tmp_path,
        {
            "shop/views/api.py": "import requests\n\ndef rates():\n"
            "    return requests.get('https://api.ratesdesk.io/v1/latest', timeout=5)\n\n"
            "def weather():\n"
            "    return requests.get('https://api.skycast.dev/v2/now', timeout=5)\n\n"
            "def image(image_url):\n" + filler + "    return requests.get(image_url, timeout=5)\n"
        },
    )
    found = scan(tmp_path)
    far = [e.line for i in ("api.ratesdesk.io", "api.skycast.dev") for e in found[i].evidence]
    assert 90 not in far  # the image download is not the weather API's
    assert any(e.line == 90 for i in found.values() for e in i.evidence)


def test_a_django_engine_setting_selects_the_database(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "shop/settings.py": "import os\nDATABASES = {'default': {\n"
            "    'ENGINE': os.getenv('DB_ENGINE') or 'django.db.backends.sqlite3',\n"
            "    'NAME': 'db.sqlite3'}}\n"
        },
    )
    assert {e.kind for e in scan(tmp_path)["sqlite"].evidence} == {"driver"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "class IconFetcher {\n    private final HttpGetter getter;\n"
            "    byte[] load(String iconUrl) { return getter.get(iconUrl).content(); }\n}\n",
            "java",
        ),
        (
            "class Avatars {\n    private readonly ISafeHttp _loader;\n"
            "    Task<byte[]> Load(string url) => _loader.GetAsync(url);\n}\n",
            "csharp",
        ),
        (
            "export class Icons {\n  constructor(private readonly getter: FeedHttpClient) {}\n"
            "  load(url: string) { return this.getter.get(url); }\n}\n",
            "js",
        ),
    ],
)
def test_a_receiver_declared_with_an_http_sender_type_is_a_client(text: str, language: str) -> None:
    assert len(_arguments(text, language)) == 1


def test_an_inbound_http_type_is_not_a_sender() -> None:
    text = (
        "class Hook {\n  void on(HttpServletRequest request, HttpContext context) {\n"
        "    String u = context.get(callbackUrl);\n  }\n}\n"
    )
    assert _arguments(text, "java") == []


def test_googles_shared_api_host_names_the_api_by_its_path(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/channels.py": "import requests\n\ndef channel(cid, key):\n"
            "    return requests.get('https://www.googleapis.com/youtube/v3/channels',"
            " params={'id': cid, 'key': key}, timeout=5)\n"
        },
    )
    found = scan(tmp_path)
    assert "youtube" in found and "google" not in found


def test_a_function_named_for_a_known_system_names_its_call(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/notify/Push.java": "class Push {\n"
            "  private void sendGotify(Settings s) throws Exception {\n"
            '    HttpPost request = new HttpPost(s.getServerUrl() + "/message");\n'
            "    client.execute(request);\n  }\n"
            "  private void sendPushover(Settings s) throws Exception {\n"
            '    HttpPost request = new HttpPost("https://api.pushover.net/1/messages.json");\n'
            "    client.execute(request);\n  }\n}\n"
        },
    )
    found = scan(tmp_path)
    assert [e.line for e in found["gotify"].evidence] == [3]
    assert 3 not in [e.line for e in found["pushover"].evidence]


def test_a_flurl_chain_that_only_builds_a_url_is_not_a_call() -> None:
    built = (
        "var target = Url.Parse(server.Address)\n    .AppendPathSegment(path)\n"
        '    .SetQueryParam("static", "true");\nreturn Redirect(target.ToString());\n'
    )
    sent = (
        "var body = await Url.Parse(server.Address)\n    .AppendPathSegment(path)\n"
        "    .GetStringAsync(ct);\n"
    )
    assert _arguments(built, "csharp") == []
    assert len(_arguments(sent, "csharp")) == 1


def test_a_feature_named_after_the_project_split_at_capitals_is_its_own(
    tmp_path: Path,
) -> None:
    root = tmp_path / "StreamDeckTV"
    write(
        root,
        {
            "StreamDeckTV/Controllers/InternalController.cs": "class InternalController {\n"
            "  async Task Pass(Server server, string path) {\n"
            "    var r = await _client.GetAsync(server.Address + path);\n  }\n}\n"
        },
    )
    assert "stream-deck-tv" not in scan(root)


def test_a_sample_url_with_placeholder_ids_is_not_an_endpoint(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/patterns.rs": "const SAMPLES: &[(&str, &str)] = &[\n"
            '    ("chat hook", "https://hooks.slack.com/services/T00000000/B00000000/'
            'XXXXXXXXXXXXXXXXXXXXXXXX"),\n];\n'
        },
    )
    assert "slack" not in scan(tmp_path)


def test_an_id_generator_named_after_a_scheme_is_local(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Cargo.toml": '[package]\nname = "app"\n\n[dependencies]\nsnowflake_uid = "0.1"\n',
            "package.json": '{"name": "web", "dependencies": {"snowflake-id": "^1.1.0"}}\n',
        },
    )
    assert "snowflake" not in scan(tmp_path)


@pytest.mark.parametrize(
    ("line", "language"),
    [
        (
            "    browser = await pw.chromium.connect_over_cdp(self.cdp_url, timeout=60000)\n",
            "python",
        ),
        ("    driver = webdriver.Remote(command_executor=grid_url, options=opts)\n", "python"),
        ("    WebDriver driver = new RemoteWebDriver(new URL(gridUrl), options);\n", "java"),
    ],
)
def test_a_browser_or_webdriver_running_elsewhere_is_called(line: str, language: str) -> None:
    assert len(_arguments(line, language)) == 1
