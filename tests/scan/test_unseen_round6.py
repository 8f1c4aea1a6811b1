"""General rules found on the sixth round of never-seen repositories (PHP, Rust, Java,
TypeScript and build tooling), each checked on small synthetic lines and trees."""

from __future__ import annotations

from pathlib import Path

from integration_risk.scan.calls import http_calls
from integration_risk.scan.code import called_classes
from integration_risk.scan.manifests import parse_manifest
from integration_risk.scan.testcode import is_test_path
from tests.scan.trees import scan, write

_LARAVEL_CONFIG = {
    "config/broadcasting.php": "<?php\nreturn [\n  'connections' => [\n"
    "    'pusher' => [\n      'driver' => 'pusher',\n"
    "      'key' => env('PUSHER_APP_KEY'),\n      'secret' => env('PUSHER_APP_SECRET'),\n"
    "    ],\n  ],\n];\n",
    "config/queue.php": "<?php\nreturn [\n  'connections' => [\n"
    "    'beanstalkd' => [\n      'driver' => 'beanstalkd',\n"
    "      'host' => env('BEANSTALKD_QUEUE_HOST', 'localhost'),\n    ],\n  ],\n];\n",
    "config/mail.php": "<?php\nreturn [\n  'mailers' => [\n"
    "    'mailgun' => ['transport' => 'mailgun'],\n  ],\n];\n",
    "config/services.php": "<?php\nreturn [\n"
    "  'mailgun' => ['secret' => env('MAILGUN_SECRET'), 'domain' => env('MAILGUN_DOMAIN')],\n"
    "  'resend' => ['key' => env('RESEND_KEY')],\n];\n",
    "config/cache.php": "<?php\nreturn [\n  'stores' => [\n"
    "    'memcached' => [\n      'driver' => 'memcached',\n"
    "      'servers' => [['host' => env('MEMCACHED_HOST', '127.0.0.1'), 'port' => 11211]],\n"
    "    ],\n  ],\n];\n",
}


def test_a_php_config_driver_whose_package_is_not_installed_is_dropped(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            **_LARAVEL_CONFIG,
            "composer.json": '{\n  "require": {\n    "laravel/framework": "^11.0",\n'
            '    "symfony/mailgun-mailer": "^7.1"\n  }\n}\n',
        },
    )
    found = scan(tmp_path)
    # listed by the framework's config, but nothing installs their client packages
    assert "pusher" not in found and "beanstalkd" not in found and "resend" not in found
    assert "mailgun" in found  # its transport package is installed
    assert "memcached" in found  # reached through a PHP extension, installed outside Composer


def test_a_php_driver_installed_through_the_lock_file_stays(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "config/mail.php": "<?php\nreturn [\n  'default' => env('MAIL_MAILER', 'smtp'),\n"
            "  'mailers' => [\n    'smtp' => [\n      'transport' => 'smtp',\n"
            "      'host' => env('MAIL_HOST', 'smtp.mailgun.org'),\n"
            "      'port' => env('MAIL_PORT', 587),\n    ],\n  ],\n];\n",
            ".env.example": "MAIL_MAILER=smtp\nMAIL_HOST=mail.example.net\nMAIL_PORT=587\n",
            "composer.json": '{"require": {"laravel/framework": "^11.0"}}\n',
            # symfony/mailer comes with the framework: listed by the lock file only
            "composer.lock": '{"packages": [{"name": "laravel/framework"},'
            ' {"name": "symfony/mailer"}], "packages-dev": []}\n',
        },
    )
    assert "smtp" in scan(tmp_path)


def test_php_config_drivers_stay_without_a_composer_manifest(tmp_path: Path) -> None:
    write(tmp_path, dict(_LARAVEL_CONFIG))
    assert "pusher" in scan(tmp_path)


def test_a_static_http_client_call_keeps_a_host_on_the_projects_own_domain(
    tmp_path: Path,
) -> None:
    root = tmp_path / "gridpanel"
    write(
        root,
        {
            "app/Services/Telemetry.php": "<?php\nuse Illuminate\\Support\\Facades\\Http;\n"
            "class Telemetry {\n  public function send(array $data): void {\n"
            "    Http::post('https://stats.gridpanel.io', $data);\n  }\n"
            "  public function discord(): string {\n"
            "    return Arr::get($this->links, 'discord') ?? 'https://gridpanel.io/discord';\n"
            "  }\n}\n",
        },
    )
    found = scan(root)
    assert "stats.gridpanel.io" in found
    assert "gridpanel.io" not in found  # `Arr::get(` is no HTTP call: a link stays a link


def test_a_cargo_path_dependency_and_workspace_member_are_local_crates(tmp_path: Path) -> None:
    manifest = (
        '[package]\nname = "server"\nversion = "0.1.0"\n\n[dependencies]\n'
        'snowflake = { path = "libs/snowflake" }\nredis = "0.25"\n\n'
        '[workspace]\nmembers = [\n  "libs/snowflake",\n  "libs/mailer",\n]\n'
    )
    names = [d.name for d in parse_manifest("Cargo.toml", manifest).dependencies]
    assert names == ["redis"]
    write(tmp_path, {"Cargo.toml": manifest})
    found = scan(tmp_path)
    assert "snowflake" not in found and "redis" in found


def test_a_maven_version_pin_declares_nothing_but_an_imported_bom_does() -> None:
    pom = (
        "<project>\n  <dependencyManagement>\n    <dependencies>\n"
        "      <dependency>\n        <groupId>org.springframework.boot</groupId>\n"
        "        <artifactId>spring-boot-starter-data-redis</artifactId>\n"
        "        <version>3.2.0</version>\n      </dependency>\n"
        "      <dependency>\n        <groupId>software.amazon.awssdk</groupId>\n"
        "        <artifactId>bom</artifactId>\n        <version>2.25.0</version>\n"
        "        <type>pom</type>\n        <scope>import</scope>\n      </dependency>\n"
        "    </dependencies>\n  </dependencyManagement>\n  <dependencies>\n"
        "    <dependency>\n      <groupId>org.postgresql</groupId>\n"
        "      <artifactId>postgresql</artifactId>\n    </dependency>\n"
        "  </dependencies>\n</project>\n"
    )
    names = [d.name for d in parse_manifest("pom.xml", pom).dependencies]
    assert names == ["software.amazon.awssdk:bom", "org.postgresql:postgresql"]


def test_a_service_wrapping_fetch_sends_requests() -> None:
    text = (
        "const response = await this.fetchService.fetch(config.url, { headers });\n"
        "const quotes = await this.fetch_service.get(feed_url);\n"
        "const cached = await this.fetchedPages.get(page_url);\n"
    )
    assert [c.argument for c in http_calls(text, "js")] == ["config.url", "feed_url"]


def test_a_url_field_passed_to_a_fetch_service_is_called(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/quotes.service.ts": "export class QuotesService {\n"
            "  private readonly URL = 'https://quotes.examplefeed.io/api';\n"
            "  async daily(symbol: string) {\n"
            "    const r = await this.fetchService.fetch(`${this.URL}/eod/${symbol}`, {});\n"
            "    return r.json();\n  }\n}\n",
        },
    )
    assert "quotes.examplefeed.io" in scan(tmp_path)


def test_a_request_builder_given_the_method_by_name_is_a_call() -> None:
    rust = "fn req(&self, method: Method, url: &str) -> RequestBuilder {\n    self.async_client.request(method, url)\n}\n"
    python = "resp = self.session.request(http_method, target_url, json=body)\n"
    assert [c.argument for c in http_calls(rust, "rust")] == ["url"]
    assert [c.argument for c in http_calls(python, "python")] == ["target_url"]


def test_a_java_url_variable_opened_later_is_a_call() -> None:
    text = (
        "String post(String server, String body) throws IOException {\n"
        "    URL postURL = new URL(server);\n"
        "    HttpURLConnection conn = (HttpURLConnection) postURL.openConnection();\n"
        '    conn.setRequestMethod("POST");\n'
        "}\n"
        "URL schema = new URL(base, name);  // never opened: only parsed\n"
    )
    assert [(c.target, c.argument) for c in http_calls(text, "java")] == [("data", "server")]


def test_the_maven_and_gradle_wrappers_are_build_tooling() -> None:
    assert is_test_path(".mvn/wrapper/MavenWrapperDownloader.java")
    assert is_test_path("core/.mvn/wrapper/MavenWrapperDownloader.java")
    assert is_test_path("gradle/wrapper/gradle-wrapper.properties")
    assert not is_test_path("src/main/java/app/mvn/Downloader.java")


def test_a_rust_impl_of_a_type_named_like_a_client_is_the_projects_own_type() -> None:
    text = (
        "impl VaultTemplate {\n}\n"
        "impl DocumentTemplate for VaultTemplate {\n}\n"
        "impl<T: Send> Store for VaultClient<T> {\n}\n"
        "let client = VaultClient::new(settings);\n"
    )
    assert [name for name, _ in called_classes(text)] == ["VaultClient"]


def test_a_literal_in_a_branch_of_a_url_field_is_called(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/prices.service.ts": "export class PricesService {\n"
            "  private readonly URL = environment.production\n"
            "    ? 'https://prices.examplequotes.net/api'\n"
            "    : `${this.config.get('ROOT_URL')}/api`;\n"
            "  private readonly HOME = flag\n    ? 'https://www.examplehome.org'\n    : '';\n"
            "  async latest(symbol: string) {\n"
            "    const r = await this.fetchService.fetch(`${this.URL}/v1/quotes/${symbol}`);\n"
            "    return r.json();\n  }\n}\n",
        },
    )
    found = scan(tmp_path)
    assert "prices.examplequotes.net" in found
    assert "www.examplehome.org" not in found  # a branch of a value no call uses


def test_a_grpc_library_names_no_system_but_a_grpc_target_does(tmp_path: Path) -> None:
    write(
        tmp_path / "own",
        {
            "Cargo.toml": '[package]\nname = "history"\nversion = "0.1.0"\n\n'
            '[dependencies]\ntonic = "0.12"\n',
            "src/lib.rs": 'pub mod proto {\n    tonic::include_proto!("history");\n}\n',
            "go.mod": "module example.com/notes\n\ngo 1.22\n\nrequire google.golang.org/grpc v1.64.0\n",
            "server/api.go": 'package server\n\nimport "google.golang.org/grpc"\n\n'
            "func New() *grpc.Server { return grpc.NewServer() }\n",
        },
    )
    assert "grpc" not in scan(tmp_path / "own")
    write(
        tmp_path / "remote",
        {"config/ledger.yaml": "ledger:\n  target: grpcs://ledger.example.net:443\n"},
    )
    assert "grpc" in scan(tmp_path / "remote")


def test_shelling_out_to_curl_or_wget_is_a_call() -> None:
    php = '$process = Process::fromShellCommandline("curl -L \\"{$this->url()}\\" | tar -xz");\n'
    python = 'subprocess.check_output(["curl", "-fsSL", feed_url])\n'
    go = 'cmd := exec.Command("wget", "-q", "https://downloads.example.org/list.txt")\n'
    help_text = 'fmt.Println("  curl -d hello example.net/topic")\n'
    assert [(c.target, c.argument) for c in http_calls(php, "php")] == [("data", "curl")]
    assert [(c.target, c.argument) for c in http_calls(python, "python")] == [("data", "curl")]
    assert [(c.target, c.argument) for c in http_calls(go, "go")] == [
        ("literal", '"https://downloads.example.org/list.txt"')
    ]
    assert list(http_calls(help_text, "go")) == []  # a usage text, not a command run
