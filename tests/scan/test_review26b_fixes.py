"""Review 26b of the gen-s round: each rule narrowed where a reviewer's synthetic tree
showed it wrong."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from integration_risk.scan.request_builders import built_requests
from tests.scan.trees import scan, write

_PY_POST = "import requests\n\n\ndef transmit(endpoint, frame):\n    return requests.post(endpoint, json=frame)\n"
_CONFIG = (
    "import os\n\n"
    'TRANSMISSION_INTERVAL = int(os.environ.get("TRANSMISSION_INTERVAL", "30"))\n'
    'TRANSMISSION_MODE = os.environ["TRANSMISSION_MODE"]\n'
)


def test_an_everyday_word_is_no_vendor_without_its_package(tmp_path: Path) -> None:
    write(tmp_path, {"telemetry/transmission.py": _PY_POST, "app/config.py": _CONFIG})
    found = scan(tmp_path)
    assert "transmission" in found and not found["transmission"].in_catalog, sorted(found)
    only_settings = tmp_path / "settings"
    write(only_settings, {"app/config.py": _CONFIG})
    assert "transmission" not in scan(only_settings)
    # with the client's package, the same file is the torrent client
    write(tmp_path, {"requirements.txt": "transmission-rpc==7.0\n"})
    found = scan(tmp_path)
    assert found["transmission"].in_catalog, sorted(found)
    assert "telemetry/transmission.py" in {e.path for e in found["transmission"].evidence}


def test_a_vendor_umbrella_beside_sign_in_words_is_that_sign_in(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "auth/google_login.py": "import requests\n\n\ndef verify(token_info_url, id_token):\n"
            "    return requests.get(token_info_url, params={'id_token': id_token}).json()\n",
            "lib/apple_sign_in.rb": "class AppleSignIn\n  def keys(keys_url)\n"
            "    Faraday.get(keys_url)\n  end\nend\n",
        },
    )
    found = scan(tmp_path)
    assert {"google", "apple"} <= set(found), sorted(found)
    assert not {"google-login", "apple-sign-in"} & set(found), sorted(found)
    java = tmp_path / "java"
    write(
        java,
        {
            "src/main/java/app/AppleLoginService.java": "package app;\n\n"
            "public class AppleLoginService {\n    private final String keysUrl;\n\n"
            "    public String fetchKeys() {\n        return HttpUtil.httpGet(keysUrl);\n    }\n}\n"
        },
    )
    assert "apple" in scan(java), sorted(scan(java))


_RUST_BEARER = """use http::Request;

pub async fn deliver(&self, inbox_url: &str, token: &str) -> Result<()> {
    let request = Request::builder()
        .method(Method::POST)
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .uri(inbox_url)
        .body(Body::empty())?;
    self.client.execute(request).await?;
    Ok(())
}
"""
_JAVA_CHARSET = """package app;

public class HookSender {
    public void send(String hookUrl, RequestBody body) throws Exception {
        Request request = new Request.Builder()
                .header("Content-Type", "application/json; charset=utf-8")
                .url(hookUrl)
                .post(body)
                .build();
        client.newCall(request).execute();
    }
}
"""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def test_braces_and_semicolons_in_a_links_arguments_keep_the_chain() -> None:
    found = built_requests(_RUST_BEARER, "rust")
    assert [(_line_of(_RUST_BEARER, at), url) for at, url in found] == [(9, "inbox_url")]
    found = built_requests(_JAVA_CHARSET, "java")
    assert [(_line_of(_JAVA_CHARSET, at), url) for at, url in found] == [(10, "hookUrl")]
    # a statement between the builder and the link still ends the chain
    broken = _RUST_BEARER.replace("        .uri(inbox_url)", "    ;\n    x.uri(inbox_url)")
    assert built_requests(broken, "rust") == []


def test_a_long_line_of_request_factories_takes_linear_time() -> None:
    line = "let request = Request::post(u); c.execute(request); " * 2000
    text = line + "\n" + "fn f() {}\n" * 200
    began = time.perf_counter()
    assert len(built_requests(text, "rust")) == 2000
    assert time.perf_counter() - began < 3.0


_RUST_LONG_CHAIN = """use http::Request;

pub async fn relay(&self, target: &str, trace: &str) -> Result<()> {
    let request = Request::builder()
        .method(Method::POST)
        .header("x-trace", trace)
        .header("x-retry", "1")
        .header("x-a", a)
        .header("x-b", b)
        .header("x-c", c)
        .header("x-d", d)
        .header("x-e", e)
        .uri(target)
        .body(Body::empty())?;
    log_it();
    log_it();
    log_it();
    log_it();
    self.client.execute(request).await?;
    Ok(())
}
"""


@pytest.mark.parametrize("prefilter", ["1", "0"])
def test_a_long_builder_chain_is_kept_by_the_prefilter(
    prefilter: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SCAN_PREFILTER", prefilter)
    write(tmp_path, {"src/relay.rs": _RUST_LONG_CHAIN})
    found = scan(tmp_path)
    assert "relay" in found, sorted(found)
    assert [(e.path, e.line) for e in found["relay"].evidence] == [("src/relay.rs", 19)]


_RUST_REPLAY = """use http::Request;
use tower::ServiceExt;

pub async fn replay(app: Router, stored: StoredRequest) -> Result<Response> {
    let uri = stored.uri.clone();
    let request = Request::builder()
        .method(Method::GET)
        .uri(uri)
        .body(Body::empty())?;
    let response = app.oneshot(request).await?;
    Ok(response)
}
"""


def test_a_request_for_the_apps_own_router_or_path_is_no_call_out() -> None:
    assert built_requests(_RUST_REPLAY, "rust") == []
    assert (
        built_requests(_RUST_REPLAY.replace("Request::builder()", "Request::post(uri)"), "rust")
        == []
    )
    own_path = _JAVA_CHARSET.replace(".url(hookUrl)", '.url("/api/items")')
    assert built_requests(own_path, "java") == []
    sent_own_path = _RUST_BEARER.replace(".uri(inbox_url)", '.uri(format!("/users/{id}"))')
    assert built_requests(sent_own_path, "rust") == []
    # the same requests sent by a client to a URL are calls out
    assert built_requests(_RUST_BEARER, "rust") != []
    sent = _RUST_REPLAY.replace("app.oneshot(request)", "self.client.execute(request)")
    assert [url for _, url in built_requests(sent, "rust")] == ["uri"]


def test_one_word_of_the_projects_name_is_no_prefix_to_strip(tmp_path: Path) -> None:
    root = tmp_path / "uptime-monitor"
    write(
        root,
        {
            "monitors/uptime_robot.py": "import requests\n\n\nclass UptimeRobotMonitor:\n"
            "    def fetch(self, api_url):\n        return requests.post(api_url).json()\n",
            "extra/uptime-monitor-relay/relay.py": "import requests\n\n\n"
            "def forward(target_url):\n    return requests.post(target_url)\n",
        },
    )
    found = scan(root)
    assert "uptime-robot" in found and "robot" not in found, sorted(found)
    # the whole name is still the project's prefix
    assert "relay" in found, sorted(found)


def _cs_sync(name: str, call: str) -> str:
    return (
        f"namespace App.Sync;\n\npublic class {name}\n{{\n"
        "    private readonly HttpClient _httpClient;\n\n"
        f"    public async Task RunAsync(Peer peer)\n    {{\n        await _httpClient.{call};\n"
        "    }\n}\n"
    )


def test_a_step_of_the_directorys_feature_is_no_member_of_a_family(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/App/Sync/SyncService.cs": _cs_sync("SyncService", "GetStringAsync(peer.Url)"),
            "src/App/Sync/Resync.cs": _cs_sync("Resync", "PostAsync(peer.Url, null)"),
        },
    )
    found = scan(tmp_path)
    assert "resync" not in found, sorted(found)
    assert {e.path for e in found["sync"].evidence} == {
        "src/App/Sync/SyncService.cs",
        "src/App/Sync/Resync.cs",
    }


@pytest.mark.parametrize("spelled", ["pushcatnotifier", "pushcat_notifier"])
def test_a_family_member_is_one_however_its_file_is_spelled(tmp_path: Path, spelled: str) -> None:
    post = "import requests\n\n\ndef send(url, body):\n    return requests.post(url, json=body)\n"
    write(tmp_path, {"app/notifier/notifier.py": post, f"app/notifier/{spelled}.py": post})
    found = scan(tmp_path)
    member = spelled.replace("_", "-")
    assert member in found and "notifier" in found, sorted(found)
    assert {e.path for e in found[member].evidence} == {f"app/notifier/{spelled}.py"}


@pytest.mark.parametrize(
    ("call", "found"),
    [
        ("HttpRequest.get(feedUrl)", ["feedUrl"]),
        ("JbootHttpRequest.create(feedUrl)", ["feedUrl"]),
        ("cachedHttpRequest.get(feedUrl)", []),
        ("MockHttpRequest.get(feedUrl)", []),
        ("MockServerHttpRequest.get(feedUrl)", []),
    ],
)
def test_a_java_request_factory_is_a_class_not_a_variable_or_a_mock(
    call: str, found: list[str]
) -> None:
    text = f"class Feed {{\n    String read(String feedUrl) {{\n        return {call}.body();\n    }}\n}}\n"
    assert [url for _, url in built_requests(text, "java")] == found
