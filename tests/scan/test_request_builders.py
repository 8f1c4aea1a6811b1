"""Requests built as objects over several lines and sent later (Rust `http::Request`,
OkHttp in Java and Kotlin, `java.net.http`, Java request factories): the URL given to the
builder is the call's target, the line that sends the request is the call site."""

from __future__ import annotations

from pathlib import Path

from integration_risk.scan.request_builders import built_requests
from tests.scan.trees import scan, write

_RUST_FEDERATION = """use http::Request;

pub async fn fetch_actor(&self, url: &str) -> Result<Actor> {
    let request = Request::builder()
        .method(http::Method::GET)
        .uri(url)
        .header(ACCEPT, "application/activity+json")
        .body(Body::empty())?;

    let response = self.http_client.execute(request).await?;
    Ok(response.json().await?)
}
"""
_RUST_CAPTCHA = """pub async fn verify(&self, token: &str) -> Result<bool> {
    let request = Request::post(self.verify_url.clone())
        .header("Accept", "application/json")
        .body(token.into())?;
    let response = HttpClient::execute(&self.http_client, request).await?;
    Ok(response.status().is_success())
}
"""
_KOTLIN_OKHTTP = """package app

import okhttp3.OkHttpClient
import okhttp3.Request

class MediaDownloader(private val client: OkHttpClient) {
    fun download(mediaUrl: String): ByteArray? {
        val request = Request.Builder()
            .url(mediaUrl)
            .get()
            .build()
        client.newCall(request).execute().use { return it.body?.bytes() }
    }
}
"""
_JAVA_OKHTTP = """package app;

import okhttp3.OkHttpClient;
import okhttp3.Request;

public class AvatarImport {
    private final OkHttpClient client = new OkHttpClient();

    public byte[] download(String avatarUrl) throws Exception {
        Request request = new Request.Builder()
                .url(avatarUrl)
                .build();
        try (okhttp3.Response response = client.newCall(request).execute()) {
            return response.body().bytes();
        }
    }
}
"""
_JAVA_FACTORY = """package app;

public class AttachmentDownloader {
    public static void download(String url, File target) {
        JbootHttpRequest request = JbootHttpRequest.create(url);
        request.setDownloadFile(target);
        JbootHttpResponse response = HttpUtil.handle(request);
    }
}
"""


def _lines(text: str, language: str) -> list[tuple[int, str]]:
    return [(text.count("\n", 0, at) + 1, url) for at, url in built_requests(text, language)]


def test_rust_request_builder_and_factory_are_sent_where_executed() -> None:
    assert _lines(_RUST_FEDERATION, "rust") == [(10, "url")]
    assert _lines(_RUST_CAPTCHA, "rust") == [(5, "self.verify_url.clone()")]


def test_okhttp_builder_in_kotlin_and_java_and_java_factories() -> None:
    assert _lines(_KOTLIN_OKHTTP, "java") == [(12, "mediaUrl")]
    assert _lines(_JAVA_OKHTTP, "java") == [(13, "avatarUrl")]
    assert _lines(_JAVA_FACTORY, "java") == [(7, "url")]


def test_a_builder_not_chained_to_the_url_or_another_language_is_not_a_request() -> None:
    # the chain is broken by a statement: `.uri(` belongs to something else
    broken = "let b = Request::builder();\nlet x = other\n    .uri(url);\n"
    assert _lines(broken, "rust") == []
    # `Request::new(body)` of another kind: no HTTP method beside the argument
    assert _lines("let r = Request::new(payload);\nqueue.send(r);\n", "rust") == []
    assert _lines(_RUST_FEDERATION, "python") == []


def test_built_requests_are_outbound_features(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "crates/federation/src/actor.rs": _RUST_FEDERATION,
            "crates/captcha/src/mcaptcha.rs": _RUST_CAPTCHA,
            "android/src/main/kotlin/app/MediaDownloader.kt": _KOTLIN_OKHTTP,
            "src/main/java/app/AvatarImport.java": _JAVA_OKHTTP,
            "src/main/java/app/AttachmentDownloader.java": _JAVA_FACTORY,
        },
    )
    found = scan(tmp_path)
    sites = {(e.path, e.line) for i in found.values() if i.in_catalog is False for e in i.evidence}
    assert {
        ("crates/federation/src/actor.rs", 10),
        ("crates/captcha/src/mcaptcha.rs", 5),
        ("android/src/main/kotlin/app/MediaDownloader.kt", 12),
        ("src/main/java/app/AvatarImport.java", 13),
        ("src/main/java/app/AttachmentDownloader.java", 7),
    } <= sites
