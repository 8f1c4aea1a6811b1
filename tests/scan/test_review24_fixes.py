"""Fixes of review 24, each on a small synthetic tree: a UI function named like a download
is no call to the project's own site (F16); a variable named for an asset's URL is no asset-host
setting (F4)."""

from __future__ import annotations

from pathlib import Path

from tests.scan.trees import scan, write


def test_a_ui_function_named_like_a_download_does_not_call_the_projects_own_site(
    tmp_path: Path,
) -> None:
    # `openDownloadPage("https://acme.io/..")`, `trackDownloadClick(..)`, `isHttpUrl(..)` show
    # or test a link on the project's own domain; only a helper named for sending a request
    # (`HttpUtils.httpGet(..)`) calls it
    write(
        tmp_path / "links",
        {
            "package.json": '{"name": "acme", "version": "1.0.0"}\n',
            "src/links.js": "export function onDownloadClick() {\n"
            '  openDownloadPage("https://acme.io/download/mac");\n'
            '  trackDownloadClick("https://acme.io/download/linux");\n'
            '  return isHttpUrl("https://acme.io/download/win");\n}\n',
        },
    )
    assert not any(key.endswith("acme.io") for key in scan(tmp_path / "links"))
    write(
        tmp_path / "called",
        {
            "package.json": '{"name": "acme", "version": "1.0.0"}\n',
            "src/version.js": 'import { HttpUtils } from "./http";\n\n'
            "export async function latest() {\n"
            '  return HttpUtils.httpGet("https://acme.io/api/version");\n}\n',
        },
    )
    assert "acme.io" in scan(tmp_path / "called")


_RELEASES = """const axios = require("axios");

async function downloadPlugin() {
  const assetUrl = "https://releases.pluginhub.io/latest/plugin.zip";
  const res = await axios.get(assetUrl, { responseType: "arraybuffer" });
  return res.data;
}

async function latest() {
  const asset_url = "https://objects.mirror-hub.net/latest.tar.gz";
  return fetch(asset_url);
}
"""


def test_a_variable_named_for_an_assets_url_is_no_asset_host_setting(tmp_path: Path) -> None:
    # `const assetUrl = "https://.."` then `axios.get(assetUrl)`: a download the code makes;
    # Rails' `config.asset_host` and Laravel's `ASSET_URL` stay where the app's pages link
    write(
        tmp_path / "calls",
        {
            "src/release.js": _RELEASES,
            "src/manifest.js": 'const ASSET_URL = "https://assets.cdn-hub.net";\n\n'
            "export async function manifest() {\n"
            '  const res = await fetch(ASSET_URL + "/manifest.json");\n'
            "  return res.json();\n}\n",
        },
    )
    found = scan(tmp_path / "calls")
    assert ("src/release.js", 5) in {
        (e.path, e.line) for e in found["releases.pluginhub.io"].evidence
    }
    assert "assets.cdn-hub.net" in found  # a setting the file passes to a call is called
    assert ("src/release.js", 11) in {
        (e.path, e.line) for e in found["objects.mirror-hub.net"].evidence
    }
    write(
        tmp_path / "settings",
        {
            "config/environments/production.rb": "Rails.application.configure do\n"
            "  config.asset_host = 'https://assets.example-school.org'\n"
            "  config.action_mailer.asset_host = 'https://www.example-school.org'\nend\n",
            "config/app.php": "<?php\n\nreturn [\n"
            "    'asset_url' => env('ASSET_URL', 'https://static.example-school.org'),\n];\n",
        },
    )
    assert not [item for item in scan(tmp_path / "settings").values() if not item.in_catalog]
