"""General rules found on the fourteenth round of never-seen repositories (Rust, Java with
a uni-app front end, Ruby on Rails), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.callargs import arguments
from integration_risk.scan.calls import http_calls
from tests.scan.trees import scan, write

# A crawler's User-Agent names its home page after a `+` (or inside `(compatible; ...)`):
# the agent's own contact link, not a system the code calls, in every language.
_AGENT_STRINGS = {
    "src/fetch.rs": "lazy_static! {\n    static ref CLIENT: reqwest::Client = reqwest::Client::builder()\n"
    '        .user_agent("Mozilla/5.0 (compatible; PreviewBot/2.0; +https://discordapp.com)")\n'
    "        .build()\n        .unwrap();\n}\n\n"
    "pub async fn fetch(url: &str) -> reqwest::Result<reqwest::Response> {\n"
    "    CLIENT.get(url).send().await\n}\n",
    "preview/fetch.py": "import requests\n\nUA = 'Mozilla/5.0 (compatible; PreviewBot/2.0; +https://discordapp.com)'\n\n\n"
    "def fetch(url):\n    return requests.get(url, headers={'User-Agent': UA}, timeout=5)\n",
    "server/preview.ts": "import axios from 'axios';\n\nconst UA = 'PreviewBot/2.0 (compatible; https://discordapp.com)';\n\n"
    "export async function preview(url: string) {\n  return axios.get(url, { headers: { 'User-Agent': UA } });\n}\n",
}


@pytest.mark.parametrize("path", sorted(_AGENT_STRINGS))
def test_a_user_agent_contact_link_names_no_system(tmp_path: Path, path: str) -> None:
    write(tmp_path, {path: _AGENT_STRINGS[path]})
    assert "discord" not in scan(tmp_path)


def test_a_url_after_a_plus_outside_a_user_agent_is_still_read(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/notify.py": "import requests\n\n\ndef ping():\n"
            "    return requests.post('https://discord.com/api/webhooks/1/abc', timeout=5)\n"
        },
    )
    assert "discord" in scan(tmp_path)


def test_an_everyday_word_inside_a_cargo_feature_names_nothing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Cargo.toml": '[package]\nname = "files"\nversion = "0.1.0"\n\n[dependencies]\n'
            'simdutf8 = { version = "0.1", features = ["aarch64_neon"] }\n'
            'sqlx = { version = "0.8", features = ["runtime-tokio", "postgres"] }\n',
        },
    )
    found = scan(tmp_path)
    assert "neon" not in found
    assert "postgresql" in found  # a whole feature still selects its driver


def test_a_url_built_by_a_macro_broken_over_lines_is_read_whole() -> None:
    text = (
        "pub async fn join(client: &reqwest::Client, config: &Config, id: &str) {\n"
        "    let _ = client\n        .post(format!(\n"
        '            "{}/room/{}",\n            config.hosts.voice_server,\n            id\n'
        "        ))\n        .send()\n        .await;\n}\n"
    )
    calls = list(http_calls(text, "rust"))
    assert [c.target for c in calls] == ["data"]
    assert calls[0].argument == 'format!("{}/room/{}", config.hosts.voice_server, id)'


def test_a_call_to_a_configured_server_with_a_multiline_url_is_a_feature(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/routes/voice_join.rs": "pub async fn join(config: &Config, id: &str) {\n"
            "    let client = reqwest::Client::new();\n    let _ = client\n        .get(format!(\n"
            '            "{}/room/{}/user/{}",\n            config.hosts.voice_server,\n'
            "            id,\n            user_id,\n            session.token(),\n"
            "        ))\n        .send()\n        .await;\n}\n",
        },
    )
    # (the scan reads the lines around each candidate: the macro closes beyond them)
    found = scan(tmp_path)
    features = [item for item in found.values() if not item.in_catalog]
    assert features
    assert {e.path for e in features[0].evidence} == {"src/routes/voice_join.rs"}


def test_the_url_member_of_an_options_object_is_the_calls_url() -> None:
    text = "  http.request({\n    url: '/token/refresh',\n    method: 'POST'\n  })\n"
    assert arguments(text, text.index("(")) == ["url: '/token/refresh'"]
    assert [c.target for c in http_calls(text, "javascript")] == ["path"]


def test_a_request_helper_given_the_apps_own_path_in_an_object_is_no_feature(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "shop/src/utils/session.js": "import http from './http'\n\nexport const refresh = () => {\n"
            "  http.request({\n    url: '/token/refresh',\n    method: 'POST',\n    login: true,\n"
            "    isRefreshing: true,\n    quiet: true\n  }).then(res => res.data)\n}\n",
        },
    )
    assert not [item for item in scan(tmp_path).values() if not item.in_catalog]


def test_cross_platform_build_target_packages_name_no_platform_service(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "app/package.json": '{\n  "name": "shop",\n  "dependencies": {\n'
            '    "@dcloudio/uni-mp-alipay": "3.0.0",\n    "@dcloudio/uni-mp-weixin": "3.0.0",\n'
            '    "@dcloudio/uni-mp-lark": "3.0.0",\n    "@tarojs/plugin-platform-alipay": "4.0.0"\n'
            "  }\n}\n",
        },
    )
    found = scan(tmp_path)
    assert not {"alipay", "wechat", "lark"} & set(found)


def test_the_apps_own_asset_host_is_not_called(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "config/environments/production.rb": "Rails.application.configure do\n"
            "  config.action_mailer.asset_host = 'https://www.example-school.org'\n"
            "  config.asset_host = 'https://assets.example-school.org'\nend\n",
        },
    )
    assert not [item for item in scan(tmp_path).values() if not item.in_catalog]


def test_a_vendor_prefixed_fork_of_a_clamd_client_is_clamav(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Cargo.toml": '[package]\nname = "uploads"\nversion = "0.1.0"\n\n[dependencies]\n'
            'acme_clamav-client = { version = "0.1.5" }\n',
        },
    )
    assert "clamav" in scan(tmp_path)


def test_webhooks_kept_and_received_are_not_outgoing_webhooks(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/models/webhooks/ops.rs": "pub trait AbstractWebhooks: Sync + Send {\n"
            "    async fn fetch_webhook(&self, webhook_id: &str) -> Result<Webhook>;\n}\n",
            "src/routes/webhooks/mod.rs": "mod webhook_fetch_all;\n\n"
            '#[post("/<target>/webhooks", data = "<data>")]\n'
            "pub async fn create_webhook(target: Ref, data: Json<CreateWebhookBody>) {}\n",
            "src/routes/webhooks/execute.rs": "use crate::models::{SendableEmbed, Webhook};\n\n"
            "pub async fn execute(db: &Database, id: &str) {\n    let webhook = db.fetch_webhook(id).await;\n}\n",
        },
    )
    assert "webhooks" not in scan(tmp_path)


def test_a_webhook_fetched_to_its_url_is_still_outgoing(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/hooks/deliver.ts": "export async function deliver(webhook: Hook, body: string) {\n"
            "  await fetch(webhook.url, { method: 'POST', body });\n}\n",
            "src/hooks/retry.ts": "export const retry = (webhook: Hook) => fetch(webhook.url);\n",
        },
    )
    assert "webhooks" in scan(tmp_path)


_ADDRESS_TABLES = {
    "src/routes/voice.rs": "pub async fn join(client: &reqwest::Client, config: &Config, id: &str) {\n"
    '    let _ = client.get(format!("{}/room/{}", config.hosts.voice_relay, id)).send().await;\n}\n',
    "app/services/voice.py": "import requests\n\nfrom app.config import settings\n\n\n"
    "def join(room):\n    return requests.get(settings.urls.voice_relay + '/room/' + room, timeout=5)\n",
}


@pytest.mark.parametrize("path", sorted(_ADDRESS_TABLES))
def test_a_setting_in_a_table_of_addresses_names_its_system(tmp_path: Path, path: str) -> None:
    write(tmp_path, {path: _ADDRESS_TABLES[path]})
    assert "voice-relay" in scan(tmp_path)


def test_a_list_of_allowed_schemes_names_no_system(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "includes/sanitize.php": "<?php\n\nfunction allowed_protocols(): array\n{\n    return [\n"
            "        'http://', 'https://', 'ftp://',\n        'file://', 'smb://',\n        'sftp://',\n"
            "        'ldap://', 'ldaps://',\n    ];\n}\n",
            "app/celery_config.py": "broker_url = 'sqs://'\n",
        },
    )
    found = scan(tmp_path)
    assert not {"smb", "sftp", "ldap"} & set(found)
    assert "sqs" in found  # a setting's whole value still names its system
