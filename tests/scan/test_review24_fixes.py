"""Fixes of review 24, each on a small synthetic tree: a UI function named like a download
is no call to the project's own site (F16)."""

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
