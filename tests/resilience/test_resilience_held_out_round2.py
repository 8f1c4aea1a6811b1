"""Held-out round 2 (resil-e): library defaults met on new applications — Laravel's
default phpredis client (timeouts fall back to default_socket_timeout), Octokit on
Faraday's Net::HTTP adapter, and Upstash's REST Redis client (retries, no timeout)."""

from __future__ import annotations

import pytest

from integration_risk.models.scan import Evidence
from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned


def _verdicts(root: object, item: object, ident: str) -> dict[str, tuple[str, str]]:
    result = analyze(root, [item], use_cache=False)[ident]  # type: ignore[arg-type, list-item]
    return {p: (v.verdict, " ".join(v.reasons)) for p, v in result.verdicts.items()}


def test_a_laravel_phpredis_connection_falls_back_to_the_socket_timeout(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "config/database.php": (
                "<?php\nreturn [\n    'redis' => [\n"
                "        'client' => env('REDIS_CLIENT', 'phpredis'),\n"
                "        'default' => ['host' => env('REDIS_HOST', '127.0.0.1')],\n"  # line 5
                "    ],\n];\n"
            ),
        }
    )
    item = scanned("redis", [("config/database.php", 5)], "config", category="cache")
    verdicts = _verdicts(root, item, "redis")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "phpredis" in verdicts["timeout"][1]
    assert verdicts["retry"][0] == "no", verdicts["retry"]


def test_an_octokit_call_has_net_http_timeouts(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "lib/release_notes.rb": (
                "class ReleaseNotes\n"
                "  def self.latest(repo)\n"
                "    Octokit.client.latest_release(repo)\n"  # line 3
                "  end\nend\n"
            )
        }
    )
    item = scanned("github", [("lib/release_notes.rb", 3)], "call")
    verdicts = _verdicts(root, item, "github")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "Octokit" in verdicts["timeout"][1]


def test_an_upstash_redis_client_retries_but_has_no_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/cache.ts": (
                'import { Redis } from "@upstash/redis";\n\n'
                "export async function remember(key: string, value: string) {\n"
                "  const redis = new Redis({ url: process.env.KV_URL!, token: process.env.KV_TOKEN! });\n"
                "  await redis.set(key, value);\n"  # line 5
                "}\n"
            )
        }
    )
    item = scanned("upstash", [("src/cache.ts", 5)], "call", category="cache")
    verdicts = _verdicts(root, item, "upstash")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "@upstash/redis" in verdicts["retry"][1]
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


def test_a_message_built_over_many_lines_shares_its_sessions_timeout(
    make_tree: TreeBuilder,
) -> None:
    # Every line that builds the message is evidence; the session they send through took
    # its timeout from a settings helper of the same class.
    root = make_tree(
        {
            "src/main/java/app/mail/Mailer.java": (
                "package app.mail;\n\n"
                "import jakarta.mail.*;\n"
                "import jakarta.mail.internet.*;\n"
                "import java.util.Properties;\n\n"
                "public class Mailer {\n"
                "    private Properties settings() {\n"
                "        Properties p = new Properties();\n"
                '        p.put("mail.smtp.host", "mail.example.org");\n'
                '        p.put("mail.smtp.timeout", "5000");\n'
                "        return p;\n"
                "    }\n\n"
                "    public void send(String to, String body) throws MessagingException {\n"
                "        Properties properties = settings();\n"
                "        Session session = Session.getInstance(properties);\n"  # 17
                "        MimeMessage message = new MimeMessage(session);\n"  # 18
                '        message.setSubject("Hello");\n'  # 19
                "        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));\n"
                "        message.setText(body);\n"  # 21
                "        Transport.send(message);\n"  # 22
                "    }\n"
                "}\n"
            )
        }
    )
    path = "src/main/java/app/mail/Mailer.java"
    item = scanned("smtp", [(path, n) for n in range(17, 23)], "call", category="email")
    verdicts = _verdicts(root, item, "smtp")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "mail.smtp.timeout" in verdicts["timeout"][1] or "timeout" in verdicts["timeout"][1]


def test_a_systems_own_sdk_calls_speak_before_a_general_fetch_beside_them(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/billing.ts": (
                'import Stripe from "stripe";\n'
                'const stripe = new Stripe(process.env.STRIPE_KEY!, { apiVersion: "2024-06-20" });\n\n'
                "export async function flagCustomer(email: string) {\n"
                "  await fetch(`${process.env.FLAGS_URL}/items`, {\n"  # line 5
                '    method: "PATCH",\n'
                "    body: JSON.stringify({ email }),\n"
                "  });\n"
                "}\n\n"
                "export async function cancel(id: string) {\n"
                "  return stripe.subscriptions.update(id, { cancel_at_period_end: true });\n"  # 12
                "}\n"
            )
        }
    )
    item = scanned("stripe", [("src/billing.ts", 5), ("src/billing.ts", 12)], "call")
    verdicts = _verdicts(root, item, "stripe")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "stripe-node" in verdicts["timeout"][1]
    assert verdicts["retry"][0] == "yes", verdicts["retry"]


def test_settings_nearby_stop_at_the_next_top_level_yaml_section(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "config/app.yml": (
                "notifier:\n"
                "  smtp:\n"
                "    address: 'smtp://mail.example.org:587'\n"  # line 3
                "    sender: 'ops@example.org'\n\n"
                "lockout:\n"
                "  max_retries: 3\n"
                "  ban_time: '5 minutes'\n"
            )
        }
    )
    item = scanned("smtp", [("config/app.yml", 3)], "config", category="email")
    verdicts = _verdicts(root, item, "smtp")
    assert verdicts["retry"][0] != "yes", verdicts["retry"]


def test_a_flat_yaml_files_neighbouring_keys_still_count(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "settings.yml": (
                "cache_url: 'redis://cache:6379/0'\n"  # line 1
                "connect_timeout: 5\n"
                "site_name: 'Example'\n"
            )
        }
    )
    item = scanned("redis", [("settings.yml", 1)], "config", category="cache")
    verdicts = _verdicts(root, item, "redis")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]


def test_a_client_handed_in_only_by_a_test_file_proves_nothing(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "fetch/get.go": (
                "package fetch\n\n"
                'import "net/http"\n\n'
                "func Get(client *http.Client, url string) (*http.Response, error) {\n"
                "\treturn client.Get(url)\n"  # line 6
                "}\n"
            ),
            "fetch/get_test.go": (
                "package fetch\n\n"
                'import (\n\t"net/http"\n\t"testing"\n\t"time"\n)\n\n'
                "func TestGet(t *testing.T) {\n"
                '\tGet(&http.Client{Timeout: time.Second}, "http://127.0.0.1:9")\n'
                "}\n"
            ),
        }
    )
    item = scanned("feeds", [("fetch/get.go", 6)], "call")
    verdicts = _verdicts(root, item, "feeds")
    assert "get_test.go" not in verdicts["timeout"][1], verdicts["timeout"]
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


_RUST_BUILDER = (
    "use reqwest::{Client, ClientBuilder};\n"
    "use std::time::Duration;\n\n"
    "pub fn http_builder() -> ClientBuilder {\n"
    "  Client::builder()\n"
    '    .user_agent("example/1.0")\n'
    "    .timeout(Duration::from_secs(10))\n"
    "}\n"
)
_RUST_CALLER = (
    "use crate::state::AppState;\n\n"
    "pub async fn fetch_preview(state: &AppState, url: &str) -> Result<String, Error> {\n"
    "  let body = state.http().get(url).send().await?.text().await?;\n"  # line 4
    "  Ok(body)\n"
    "}\n"
)


def test_a_rust_request_through_an_accessor_uses_the_projects_bounded_client(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"src/http.rs": _RUST_BUILDER, "src/preview.rs": _RUST_CALLER})
    item = scanned("previews", [("src/preview.rs", 4)], "call")
    verdicts = _verdicts(root, item, "previews")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "src/http.rs:5" in verdicts["timeout"][1]


def test_one_unbounded_rust_client_in_the_project_proves_nothing(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/http.rs": _RUST_BUILDER,
            "src/preview.rs": _RUST_CALLER,
            "src/ping.rs": (
                "pub async fn ping(url: &str) -> bool {\n"
                "  reqwest::Client::new().get(url).send().await.is_ok()\n"
                "}\n"
            ),
        }
    )
    item = scanned("previews", [("src/preview.rs", 4)], "call")
    verdicts = _verdicts(root, item, "previews")
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


_GO_CLIENT = (
    "package notify\n\n"
    'import (\n\t"net/http"\n\t"time"\n)\n\n'
    "func newClient() *http.Client {\n"
    "\treturn &http.Client{Timeout: 15 * time.Second}\n"
    "}\n"
)
_GO_SENDER = (
    "package notify\n\n"
    'import (\n\t"bytes"\n\t"net/http"\n)\n\n'
    "type Sender struct {\n\tclient *http.Client\n\turl    string\n}\n\n"
    "func (s *Sender) Send(body []byte) error {\n"
    '\treq, err := http.NewRequest("POST", s.url, bytes.NewReader(body))\n'  # line 14
    "\tif err != nil {\n\t\treturn err\n\t}\n"
    "\tresp, err := s.client.Do(req)\n"
    "\tif err != nil {\n\t\treturn err\n\t}\n"
    "\treturn resp.Body.Close()\n"
    "}\n"
)


def test_a_go_request_on_a_field_client_uses_the_projects_bounded_client(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"notify/client.go": _GO_CLIENT, "notify/sender.go": _GO_SENDER})
    item = scanned("hooks", [("notify/sender.go", 14)], "call")
    verdicts = _verdicts(root, item, "hooks")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "net/http" in verdicts["timeout"][1]


def test_a_go_project_that_also_uses_the_default_client_proves_nothing(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "notify/client.go": _GO_CLIENT,
            "notify/sender.go": _GO_SENDER,
            "notify/probe.go": (
                "package notify\n\n"
                'import "net/http"\n\n'
                "func probe(url string) bool {\n"
                "\tresp, err := http.DefaultClient.Get(url)\n"
                "\tif err != nil {\n\t\treturn false\n\t}\n"
                "\treturn resp.StatusCode == 200\n"
                "}\n"
            ),
        }
    )
    item = scanned("hooks", [("notify/sender.go", 14)], "call")
    verdicts = _verdicts(root, item, "hooks")
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


def test_production_settings_speak_before_a_task_file_named_after_the_cache(
    make_tree: TreeBuilder,
) -> None:
    # The test environment's settings are no runtime; a rake file named after the system,
    # with no client library in it, is only a name.
    production = (
        "Rails.application.configure do\n"
        "  config.cache_store = :mem_cache_store, ENV['CACHE_SERVERS'], {\n"  # line 2
        "    socket_timeout: 1.5,\n"
        "    compress: true\n"
        "  }\n"
        "end\n"
    )
    root = make_tree(
        {
            "config/environments/production.rb": production,
            "config/environments/test.rb": (
                "Rails.application.configure do\n"
                "  config.cache_store = :mem_cache_store\n"  # line 2
                "end\n"
            ),
            "lib/tasks/memcached.rake": (
                "namespace :memcached do\n"
                "  task flush: :environment do\n"
                "    Rails.cache.clear\n"
                "  end\n"
                "end\n"
            ),
        }
    )
    item = scanned(
        "memcached",
        [("config/environments/production.rb", 2), ("config/environments/test.rb", 2)],
        "call",
        category="cache",
    )
    verdicts = _verdicts(root, item, "memcached")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "socket_timeout" in verdicts["timeout"][1]


def test_a_rust_client_parameter_passed_on_from_an_accessor_is_the_projects_client(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/http.rs": _RUST_BUILDER,
            "src/images.rs": (
                "use reqwest_middleware::ClientWithMiddleware;\n\n"
                "async fn is_image(client: &ClientWithMiddleware, url: &str) -> bool {\n"
                "  client.get(url).send().await.is_ok()\n"  # line 4
                "}\n\n"
                "pub async fn check(state: &AppState, url: &str) -> bool {\n"
                "  is_image(state.http(), url).await\n"
                "}\n"
            ),
        }
    )
    item = scanned("images", [("src/images.rs", 4)], "call")
    verdicts = _verdicts(root, item, "images")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]


def test_a_browser_request_that_names_mysql_does_not_speak_for_the_database(
    make_tree: TreeBuilder,
) -> None:
    # An HTTP request never stands for a system with a wire protocol of its own.
    root = make_tree(
        {
            "resources/js/install.js": (
                "export async function checkDatabase(form) {\n"
                "  form.driver = 'mysql'\n"  # line 2
                "  return http.get('/api/installation/database', { params: form })\n"
                "}\n"
            ),
            "app/Installer.php": (
                "<?php\n\nclass Installer\n{\n"
                "    public function defaults(): array\n    {\n"
                "        return ['connection' => 'mysql', 'port' => 3306];\n"  # line 7
                "    }\n}\n"
            ),
        }
    )
    item = scanned(
        "mysql",
        [("resources/js/install.js", 2), ("app/Installer.php", 7)],
        "driver",
        category="database",
    )
    verdicts = _verdicts(root, item, "mysql")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "pdo_mysql" in verdicts["timeout"][1]


_JAVA_PROVIDER = (
    "package app;\n\n"
    "import jakarta.ws.rs.client.Client;\n"
    "import jakarta.ws.rs.client.ClientBuilder;\n"
    "import org.glassfish.jersey.client.ClientProperties;\n\n"
    "public class HttpModule {\n"
    "    public static Client provideClient() {\n"
    "        return ClientBuilder.newBuilder()\n"  # line 9
    "                .property(ClientProperties.CONNECT_TIMEOUT, 5000)\n"
    "                .property(ClientProperties.READ_TIMEOUT, 5000)\n"
    "                .build();\n"
    "    }\n"
    "}\n"
)
_JAVA_NOTIFIER = (
    "package app.notify;\n\n"
    "import jakarta.ws.rs.client.Client;\n"
    "import jakarta.ws.rs.client.Entity;\n\n"
    "public class PagerNotifier {\n"
    "    private final Client client;\n"
    "    private final String url;\n\n"
    "    public PagerNotifier(Client client) {\n"
    "        this.client = client;\n"
    '        this.url = "https://api.pager.example.com/v1/alerts";\n'  # line 12
    "    }\n\n"
    "    public void send(String text) {\n"
    "        client.target(url).request().post(Entity.json(text));\n"
    "    }\n"
    "}\n"
)


def test_an_injected_jax_rs_client_is_the_one_the_project_builds_bounded(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/main/java/app/HttpModule.java": _JAVA_PROVIDER,
            "src/main/java/app/notify/PagerNotifier.java": _JAVA_NOTIFIER,
        }
    )
    item = scanned("pager", [("src/main/java/app/notify/PagerNotifier.java", 12)], "url")
    verdicts = _verdicts(root, item, "pager")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "HttpModule.java:9" in verdicts["timeout"][1]


def test_a_default_jax_rs_client_elsewhere_proves_nothing(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/main/java/app/HttpModule.java": _JAVA_PROVIDER,
            "src/main/java/app/notify/PagerNotifier.java": _JAVA_NOTIFIER,
            "src/main/java/app/Probe.java": (
                "package app;\n\n"
                "import jakarta.ws.rs.client.ClientBuilder;\n\n"
                "public class Probe {\n"
                "    public static int status(String url) {\n"
                "        return ClientBuilder.newClient().target(url).request().get().getStatus();\n"
                "    }\n"
                "}\n"
            ),
        }
    )
    item = scanned("pager", [("src/main/java/app/notify/PagerNotifier.java", 12)], "url")
    verdicts = _verdicts(root, item, "pager")
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


def _remote_tree(make_tree: TreeBuilder, options: str) -> object:
    return make_tree(
        {
            "app/Remote/Fetches.php": (
                "<?php\n\nnamespace App\\Remote;\n\nuse GuzzleHttp\\Client;\n\n"
                "trait Fetches\n{\n"
                "    protected static function fetchRemote($url, $data = [])\n    {\n"
                "        $client = new Client(['base_uri' => 'https://updates.example.org/']);\n"
                "        $data['http_errors'] = false;\n"
                "        $data = array_merge($data, ['headers' => ['Accept' => 'application/json']]);\n"
                "        return $client->get($url, $data);\n"  # line 14
                "    }\n}\n"
            ),
            "app/Remote/Releases.php": (
                "<?php\n\nnamespace App\\Remote;\n\nclass Releases\n{\n    use Fetches;\n\n"
                "    public static function latest()\n    {\n"
                f"        return static::fetchRemote('releases/latest', {options});\n"
                "    }\n}\n"
            ),
        }
    )


def test_options_a_wrappers_callers_hand_in_bound_its_request(make_tree: TreeBuilder) -> None:
    root = _remote_tree(make_tree, "['timeout' => 20, 'track_redirects' => true]")
    item = scanned("updates", [("app/Remote/Fetches.php", 14)], "call")
    verdicts = _verdicts(root, item, "updates")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "options handed in by" in verdicts["timeout"][1]


def test_options_without_a_timeout_leave_the_wrappers_request_unbounded(
    make_tree: TreeBuilder,
) -> None:
    root = _remote_tree(make_tree, "['track_redirects' => true]")
    item = scanned("updates", [("app/Remote/Fetches.php", 14)], "call")
    verdicts = _verdicts(root, item, "updates")
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


def test_a_subclass_that_only_formats_its_url_sends_through_its_base_class(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/main/java/app/HttpModule.java": _JAVA_PROVIDER,
            "src/main/java/app/geo/JsonLookup.java": (
                "package app.geo;\n\n"
                "import jakarta.json.JsonObject;\n"
                "import jakarta.ws.rs.client.Client;\n\n"
                "public abstract class JsonLookup {\n"
                "    private final Client client;\n\n"
                "    protected JsonLookup(Client client) {\n        this.client = client;\n    }\n\n"
                "    protected abstract String formatUrl(double lat, double lon);\n\n"
                "    public JsonObject lookup(double lat, double lon) {\n"
                "        return client.target(String.format(formatUrl(lat, lon))).request()"
                ".get(JsonObject.class);\n"
                "    }\n"
                "}\n"
            ),
            "src/main/java/app/geo/MapsLookup.java": (
                "package app.geo;\n\n"
                "import jakarta.ws.rs.client.Client;\n\n"
                "public class MapsLookup extends JsonLookup {\n"
                "    public MapsLookup(Client client) {\n        super(client);\n    }\n\n"
                "    @Override\n"
                "    protected String formatUrl(double lat, double lon) {\n"
                '        return "https://maps.example.com/geocode?lat=" + lat + "&lon=" + lon;\n'  # 12
                "    }\n"
                "}\n"
            ),
        }
    )
    item = scanned("maps", [("src/main/java/app/geo/MapsLookup.java", 12)], "url")
    verdicts = _verdicts(root, item, "maps")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]


def test_the_framework_named_by_the_evidence_adds_its_reconnect_to_the_drivers_timeout(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/Installer.php": (
                "<?php\n\nclass Installer\n{\n"
                "    public function defaults(): array\n    {\n"
                "        return ['connection' => 'mysql', 'port' => 3306];\n"  # line 7
                "    }\n}\n"
            ),
            "config/database.php": (
                "<?php\nreturn [\n    'default' => env('DB_CONNECTION', 'mysql'),\n];\n"
            ),
        }
    )
    item = scanned("mysql", [("app/Installer.php", 7)], "driver", category="database")
    settings = Evidence(
        path="config/database.php",
        line=3,
        kind="env",
        snippet="'default' => env('DB_CONNECTION', 'mysql'),",
    )
    item = item.model_copy(update={"evidence": [*item.evidence, settings]})
    verdicts = _verdicts(root, item, "mysql")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "pdo_mysql" in verdicts["timeout"][1]
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "Laravel" in verdicts["retry"][1]


_OCTOKIT_CALL = (
    "class ReleaseNotes\n"
    "  def self.latest(repo)\n"
    "    Octokit.client.latest_release(repo)\n"  # line 3
    "  end\nend\n"
)


def test_octokit_retries_when_the_gemfile_installs_faraday_retry(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "octokit"\ngem "faraday-retry"\n',
            "lib/release_notes.rb": _OCTOKIT_CALL,
        }
    )
    item = scanned("github", [("lib/release_notes.rb", 3)], "call")
    verdicts = _verdicts(root, item, "github")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "faraday-retry" in verdicts["retry"][1]


def test_octokit_without_faraday_retry_does_not_retry(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "octokit"\ngem "faraday"\n',
            "lib/release_notes.rb": _OCTOKIT_CALL,
        }
    )
    item = scanned("github", [("lib/release_notes.rb", 3)], "call")
    verdicts = _verdicts(root, item, "github")
    assert verdicts["retry"][0] == "no", verdicts["retry"]


@pytest.mark.parametrize(
    "gemfile",
    [
        # only for development and tests: not installed where the client runs
        'gem "octokit"\ngroup :development, :test do\n  gem "faraday-retry"\nend\n',
        # commented out: a word in the file, no dependency
        'gem "octokit"\n# gem "faraday-retry"  # add back when we need retries\n',
    ],
    ids=["test-group", "commented-out"],
)
def test_faraday_retry_must_be_a_production_dependency(
    make_tree: TreeBuilder, gemfile: str
) -> None:
    root = make_tree({"Gemfile": gemfile, "lib/release_notes.rb": _OCTOKIT_CALL})
    item = scanned("github", [("lib/release_notes.rb", 3)], "call")
    verdicts = _verdicts(root, item, "github")
    assert verdicts["retry"][0] == "no", verdicts["retry"]


def test_faraday_retry_declared_by_the_root_gemspec_counts(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "Gemfile": 'source "https://rubygems.org"\ngemspec\n',
            "release_notes.gemspec": (
                "Gem::Specification.new do |spec|\n"
                '  spec.name = "release_notes"\n'
                '  spec.add_dependency "octokit"\n'
                '  spec.add_dependency "faraday-retry"\n'
                "end\n"
            ),
            "lib/release_notes.rb": _OCTOKIT_CALL,
        }
    )
    item = scanned("github", [("lib/release_notes.rb", 3)], "call")
    verdicts = _verdicts(root, item, "github")
    assert verdicts["retry"][0] == "yes", verdicts["retry"]


def test_laravel_mail_settings_named_by_env_have_the_mailers_socket_timeout(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "config/mail.php": (
                "<?php\n\nreturn [\n"
                "    'driver' => env('MAIL_DRIVER', 'smtp'),\n\n"
                "    'host' => env('MAIL_HOST'),\n"  # line 6
                "    'port' => env('MAIL_PORT', 587),\n"
                "];\n"
            )
        }
    )
    item = scanned("smtp", [("config/mail.php", 6)], "env", category="email")
    verdicts = _verdicts(root, item, "smtp")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "default_socket_timeout" in verdicts["timeout"][1]
