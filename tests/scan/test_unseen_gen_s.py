"""General rules from the gen-s round of never-seen repositories (Java, C#, Rust), each
checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

from tests.scan.trees import scan, write

_RUST_FETCH = """pub struct Client { http: reqwest::Client }

impl Client {
    pub async fn preview(&self, link: &str) -> Result<String> {
        let body = self.http.get(link).send().await?.text().await?;
        Ok(body)
    }
}
"""
_TS_FETCH = (
    "export async function unfurl(link: string) {\n  return (await fetch(link)).json();\n}\n"
)


def test_a_module_prefixed_with_the_projects_name_is_named_by_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "acorn"
    write(
        root,
        {
            "crates/acorn-embed/src/lib.rs": _RUST_FETCH,
            "packages/acorn-unfurl/src/index.ts": _TS_FETCH,
        },
    )
    found = scan(root)
    assert {"embed", "unfurl"} <= set(found), sorted(found)
    assert not {"acorn-embed", "acorn-unfurl"} & set(found)
    # a project named in two words loses both (`uptime-kuma-push` -> `push`)
    two = tmp_path / "maple-leaf"
    write(two, {"extra/maple-leaf-unfurl/src/index.ts": _TS_FETCH})
    assert "unfurl" in scan(two), sorted(scan(two))
    # the project's name alone is still its own wrapper, not a feature
    write(root, {"crates/acorn/src/lib.rs": _RUST_FETCH})
    assert "acorn" not in scan(root)


def test_cargo_benches_and_xtask_are_tooling(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/signatures/benches/sign_request.rs": "pub fn run(url: &str) {\n"
            "    let r = reqwest::blocking::get(url);\n}\n",
            "xtask/src/download_fixture.rs": "pub fn run(url: &str) {\n"
            "    let body = ureq::get(url).call().unwrap();\n}\n",
        },
    )
    found = scan(tmp_path)
    assert "sign-request" not in found, sorted(found)
    assert "download-fixture" not in found, sorted(found)
    # the control: the same code in the library's sources is a feature
    write(
        tmp_path,
        {
            "lib/signatures/src/sign_request.rs": "pub fn run(url: &str) {\n"
            "    let r = reqwest::blocking::get(url);\n}\n",
        },
    )
    assert "sign-request" in scan(tmp_path), sorted(scan(tmp_path))


_JAVA_PINGER = """package app;

public class GooglePinger {
    private static final String pingUrl = "http://blogsearch.google.com/ping/RPC2";

    public boolean ping(String data) {
        return HttpUtil.httpPost(pingUrl, data) != null;
    }
}
"""
_PY_PINGER = "import requests\n\n\ndef ping(feed_url):\n    return requests.get(feed_url)\n"


def test_a_feature_named_first_by_a_vendor_umbrella_is_not_that_vendors_sign_in(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "src/main/java/app/GooglePinger.java": _JAVA_PINGER,
            "feeds/google_feed_ping.py": _PY_PINGER,
        },
    )
    found = scan(tmp_path)
    assert "google" not in found, sorted(found)  # Google OAuth and APIs
    assert {"google-pinger", "google-feed-ping"} <= set(found), sorted(found)
    # GitHub's entry is the GitHub API: a release check there is it
    write(
        tmp_path,
        {
            "Services/GithubVersionFetcher.cs": "public class GithubVersionFetcher\n{\n"
            "    public Task<string> FetchAsync(string releaseUrl)\n"
            "        => _httpClient.GetStringAsync(releaseUrl);\n}\n"
        },
    )
    assert "github" in scan(tmp_path)


_CS_BASE = """namespace App.Features.Arr;

public abstract class ArrClient
{
    protected readonly HttpClient _httpClient;

    public async Task<string> GetQueueAsync(ArrInstance instance)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, instance.Url);
        using HttpResponseMessage response = await _httpClient.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
"""


def _cs_member(name: str) -> str:
    return (
        f"namespace App.Features.Arr;\n\npublic class {name}Client : ArrClient\n{{\n"
        "    public async Task DeleteAsync(ArrInstance instance, long id)\n    {\n"
        "        using var request = new HttpRequestMessage(HttpMethod.Delete, instance.Url);\n"
        "        await _httpClient.SendAsync(request);\n    }\n}\n"
    )


def test_members_of_a_family_directory_are_systems_of_their_own(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/App/Features/Arr/ArrClient.cs": _CS_BASE,
            "src/App/Features/Arr/SonarrClient.cs": _cs_member("Sonarr"),
            "src/App/Features/Arr/RadarrClient.cs": _cs_member("Radarr"),
            "app/services/print/print_service.rb": "class PrintService\n"
            "  def send_file(url)\n    Faraday.get(url)\n  end\nend\n",
            "app/services/print/octoprint_service.rb": "class OctoprintService < PrintService\n"
            "  def upload(server_url)\n    Faraday.post(server_url)\n  end\nend\n",
        },
    )
    found = scan(tmp_path)
    assert {"sonarr", "radarr", "octoprint", "print"} <= set(found), sorted(found)
    assert {e.path for e in found["sonarr"].evidence} == {"src/App/Features/Arr/SonarrClient.cs"}


def test_a_part_not_named_as_a_kind_of_its_directory_still_joins_it(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/App/Features/Arr/ArrClient.cs": _CS_BASE,
            "src/App/Features/Arr/QueueReader.cs": _cs_member("Queue").replace(
                "QueueClient", "QueueReader"
            ),
        },
    )
    found = scan(tmp_path)
    assert "queue-reader" not in found and "arr" in found, sorted(found)
    # a step of the directory's feature named with its whole name is a part too
    write(
        tmp_path,
        {
            "app/Jobs/SharePipeline/SharePipeline.php": "<?php\n$this->http->post($inbox, $body);\n",
            "app/Jobs/SharePipeline/UndoSharePipeline.php": "<?php\n$this->http->post($inbox, $undo);\n",
        },
    )
    found = scan(tmp_path)
    assert "undo-share-pipeline" not in found and "share-pipeline" in found, sorted(found)
