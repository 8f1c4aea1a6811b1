"""General rules found on the eighth round of never-seen repositories (Ruby, Rust, Python,
TypeScript, Elixir, PHP), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.calls import http_calls
from integration_risk.scan.features import feature_name
from integration_risk.scan.testcode import is_test_path
from integration_risk.scan.urls import people_text
from tests.scan.trees import scan, write


@pytest.mark.parametrize(
    "path",
    [
        "config/locales/pt-BR.yml",
        "resources/lang/de/messages.php",
        "lang/fr/auth.php",
        "app/locale/es/LC_MESSAGES/django.po",
        "web/src/i18n/en.json",
        "translations/messages.nl.yaml",
        "mail/welcome.text.erb",
    ],
)
def test_translation_catalogs_and_text_templates_are_text_for_people(path: str) -> None:
    assert people_text(path)


@pytest.mark.parametrize(
    "path",
    [
        "config/settings.yml",
        "app/services/language_detector.rb",
        "src/lang/parser.ts",
        "src/Shop/Translation/Provider/LinguaProvider.php",
        "app/translations/client.py",
    ],
)
def test_settings_and_code_are_not_text_for_people(path: str) -> None:
    assert not people_text(path)


def test_links_in_a_rails_locale_file_are_no_integrations(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\n',
            "config/locales/en.yml": "en:\n  about:\n"
            "    partner_portal_url: https://opendata.example-agency.gov/\n"
            "    markup_help_url: https://markup-guide.example.org/quickref.html\n",
            "config/settings.yml": "geocoder_url: https://geo.example-maps.net/search\n",
        },
    )
    found = scan(tmp_path)
    assert not any("example-agency" in i or "markup-guide" in i for i in found)
    assert any("geo.example-maps.net" in i for i in found)


def test_rails_action_mailer_smtp_settings_are_smtp(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\n',
            "config/initializers/mailer.rb": "ActionMailer::Base.smtp_settings = {\n"
            "  :address => Settings.mail_relay,\n  :port => Settings.mail_port\n}\n",
        },
    )
    assert "smtp" in scan(tmp_path)
    write(
        tmp_path / "b",
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\n',
            "config/environments/production.rb": "Rails.application.configure do\n"
            "  config.action_mailer.delivery_method = :smtp\nend\n",
            "config/environments/test.rb": "Rails.application.configure do\n"
            "  config.action_mailer.delivery_method = :test\nend\n",
        },
    )
    assert "smtp" in scan(tmp_path / "b")


def test_a_test_or_commented_mailer_setting_is_no_smtp(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\n',
            "config/environments/test.rb": "Rails.application.configure do\n"
            "  config.action_mailer.delivery_method = :test\n"
            "  # config.action_mailer.smtp_settings = { address: 'relay' }\nend\n",
        },
    )
    assert "smtp" not in scan(tmp_path)


def test_a_function_about_a_team_is_not_microsoft_teams(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Cargo.toml": '[package]\nname = "hub"\nversion = "0.1.0"\n\n'
            '[dependencies]\nreqwest = "0.12"\n',
            "src/hub.rs": "impl HubClient {\n"
            "    async fn fetch<T>(&self, path: &str) -> Result<T> {\n"
            '        let url = format!("{}{}", self.base, path);\n'
            "        Ok(self.http.get(&url).send().await?.json().await?)\n"
            "    }\n\n"
            "    async fn team_by_slug(&self, org: &str, slug: &str) -> Result<Group> {\n"
            '        let url = format!("/orgs/{org}/teams/{slug}");\n'
            "        self.fetch(&url).await\n"
            "    }\n}\n",
        },
    )
    assert "microsoft-teams" not in scan(tmp_path)


def test_a_process_builder_cloning_a_remote_is_a_call() -> None:
    rust = (
        "fn mirror(cfg: &Mirror, dir: &str) -> Result<()> {\n"
        '    let mut command = Command::new("git");\n'
        '    command.args(["clone", "--mirror"]);\n'
        "    command.args([cfg.upstream.as_str(), dir]);\n"
        "    run(&mut command)\n}\n"
    )
    assert [(c.target, c.argument) for c in http_calls(rust, "rust")] == [("data", "git remote")]
    one_line = 'let s = Command::new("git").args(["clone", &remote]).status()?;\n'
    assert len(list(http_calls(one_line, "rust"))) == 1


def test_a_process_builder_building_is_no_call() -> None:
    text = 'let s = Command::new("cargo").args(["build", "--release"]).status()?;\n'
    assert list(http_calls(text, "rust")) == []


def test_a_literal_fallback_on_a_continued_python_assignment_names_the_call(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "arena"\ndependencies = ["requests"]\n',
            "arena/sso.py": "import requests\n\n\n"
            "def redeem(code):\n"
            "    endpoint = (\n"
            '        setting("SSO_TOKEN_URL")\n'
            '        or stored("sso_token_url")\n'
            '        or "https://login.example-league.org/oauth/token"\n'
            "    )\n"
            '    return requests.post(endpoint, data={"code": code}, timeout=5)\n',
        },
    )
    found = scan(tmp_path)
    assert "login.example-league.org" in found
    assert sorted(e.line for e in found["login.example-league.org"].evidence) == [8, 10]


def test_an_update_check_on_the_projects_own_domain_called_literally_is_kept(
    tmp_path: Path,
) -> None:
    root = tmp_path / "scoreboard"
    write(
        root,
        {
            "pyproject.toml": '[project]\nname = "scoreboard"\ndependencies = ["requests"]\n',
            "scoreboard/updates.py": "import requests\n\n\n"
            "def latest(params):\n"
            "    return requests.get(\n"
            '        "https://releases.scoreboard.io/latest", params=params, timeout=3\n'
            "    ).json()\n",
            "scoreboard/links.py": 'LINKS = [\n    "https://scoreboard.io/docs",\n'
            '    "https://scoreboard.io/blog",\n]\n',
        },
    )
    found = scan(root)
    assert "releases.scoreboard.io" in found
    assert "scoreboard.io" not in found


def test_a_minio_container_beside_an_s3_client_is_the_apps_s3(tmp_path: Path) -> None:
    compose = (
        "services:\n  blobs:\n    image: minio/minio:latest\n    environment:\n"
        "      MINIO_ROOT_USER: admin\n      MINIO_ROOT_PASSWORD: secret\n"
    )
    write(
        tmp_path / "sdk",
        {
            "docker-compose.yml": compose,
            "package.json": '{"name": "a", "dependencies": {"@aws-sdk/client-s3": "^3.0.0"}}\n',
            "src/blobs.ts": "import { S3Client } from '@aws-sdk/client-s3';\n"
            "export const s3 = new S3Client({ endpoint: process.env.BLOB_ENDPOINT });\n",
        },
    )
    found = scan(tmp_path / "sdk")
    assert "minio" not in found
    assert "minio" in found["s3"].aliases
    write(
        tmp_path / "native",
        {
            "docker-compose.yml": compose,
            "package.json": '{"name": "b", "dependencies": {"@aws-sdk/client-s3": "^3.0.0",'
            ' "minio": "^8.0.0"}}\n',
            "src/blobs.ts": "import { S3Client } from '@aws-sdk/client-s3';\n"
            "import * as Minio from 'minio';\n"
            "export const s3 = new S3Client({ endpoint: process.env.BLOB_ENDPOINT });\n"
            "export const mc = new Minio.Client({ endPoint: 'blobs', port: 9000 });\n",
        },
    )
    assert "minio" in scan(tmp_path / "native")


def test_a_smoke_test_crate_is_test_code() -> None:
    assert is_test_path("crates/shop_smoke_test/src/api.rs")
    assert is_test_path("smoke-tests/checkout.spec.ts")
    assert not is_test_path("src/smoke/detector.rs")


def test_a_library_that_makes_the_app_an_oidc_provider_is_no_oidc_client(tmp_path: Path) -> None:
    write(
        tmp_path / "rails",
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "doorkeeper"\n'
            'gem "doorkeeper-openid_connect"\n',
        },
    )
    assert "oidc" not in scan(tmp_path / "rails")
    write(
        tmp_path / "node",
        {"package.json": '{"name": "idp", "dependencies": {"oidc-provider": "^8.4.0"}}\n'},
    )
    assert "oidc" not in scan(tmp_path / "node")
    write(
        tmp_path / "client",
        {"package.json": '{"name": "rp", "dependencies": {"openid-client": "^5.6.0"}}\n'},
    )
    assert "oidc" in scan(tmp_path / "client")


def test_a_mail_vendors_smtp_settings_are_smtp_not_its_api(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Cargo.toml": '[package]\nname = "m"\nversion = "0.1.0"\n\n'
            '[dependencies]\nlettre = "0.11"\n',
            "src/mail.rs": "fn relay() -> Option<(String, String)> {\n"
            '    let login = std::env::var("MAILGUN_SMTP_LOGIN").ok()?;\n'
            '    let server = std::env::var("MAILGUN_SMTP_SERVER").ok()?;\n'
            "    Some((login, server))\n}\n",
        },
    )
    found = scan(tmp_path)
    assert "smtp" in found
    assert "mailgun" not in found


def test_a_puller_or_fetcher_file_is_named_with_what_it_pulls() -> None:
    assert feature_name("lib/shop/github/puller.ex") == "github-puller"
    assert feature_name("lib/shop/mirror/puller.ex") == "mirror-puller"
    assert feature_name("src/sync/uploader.ts") == "sync-uploader"


def test_a_zulip_cloud_organisation_host_is_zulip(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "mix.exs": 'defmodule Shop.MixProject do\n  defp deps, do: [{:httpoison, "~> 2.0"}]\nend\n',
            "lib/shop/chat.ex": "defmodule Shop.Chat do\n  use HTTPoison.Base\n"
            '  def process_url(url), do: "https://shopfolk.zulipchat.com/api/v1" <> url\nend\n',
        },
    )
    assert "zulip" in scan(tmp_path)


def test_license_and_privacy_page_settings_are_links(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Gemfile": 'source "https://rubygems.org"\ngem "rails"\n',
            "config/settings.yml": 'license_url: "https://opendata-licences.example.org/odbl/"\n'
            'privacy_url: "https://policies.example-foundation.org/privacy"\n'
            'routing_url: "https://route.example-maps.net/api/1/route"\n',
        },
    )
    found = scan(tmp_path)
    assert not any("licences" in i or "policies" in i for i in found)
    assert any("route.example-maps.net" in i for i in found)
