"""General rules found on the fourteenth round of never-seen repositories (Rust, Java with
a uni-app front end, Ruby on Rails), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

import pytest

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
