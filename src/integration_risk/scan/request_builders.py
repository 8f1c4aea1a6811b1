"""Requests built as objects and sent later: the URL is given to the request, not the send.

- A builder chain spread over lines, its URL a link of the chain: Rust's `http` crate
  (`Request::builder()\\n  .method(Method::GET)\\n  .uri(url)`), OkHttp in Java and Kotlin
  (`Request.Builder()\\n  .url(mediaUrl)`), `java.net.http` (`HttpRequest.newBuilder()\\n
  .uri(URI.create(hook))`). One-line chains are `calls`' own.
- A request made by a factory that takes the URL: Rust `Request::post(self.verify_url)`,
  `reqwest::Request::new(Method::GET, url)`; Java `HttpRequest.get(url)` (kevinsawicki,
  Hutool), `JbootHttpRequest.create(url)`.

The call site is the line that sends the request kept in a variable
(`self.http_client.execute(request)`, `client.newCall(request)`), when the file sends it
below; else the line that gives the URL (not for Rust, whose `http::Request` servers build
too: one sent by no client is the app's own, `app.oneshot(request)`). A request to a path of
the app (`"/api/items"`) is no call out. Line-oriented like `receiver_calls`, so the
prefilter feeds it candidate lines (the send line is a candidate through `_SEND`).
"""

from __future__ import annotations

import re

from integration_risk.scan import gate
from integration_risk.scan.callargs import arguments, closing, line_bounds

_URL_LINK = re.compile(r"\.uri\s*\(|\.url\s*\(")
# Where a multi-line builder chain starts; and the factories that take the URL: Rust
# `Request::get(url)`, `Request::new(Method::GET, url)`; Java `HttpRequest.get(url)`,
# `HttpRequest.post(url)`, `JbootHttpRequest.create(url)` (a class: not `cachedHttpRequest`,
# nor a server test's `MockServerHttpRequest.get(path)`).
_BUILDER, _RUST_FACTORY, _JAVA_FACTORY = (
    re.compile(pattern)
    for pattern in (
        r"\b(?:http::)?Request::builder\s*\(\s*\)|\bRequest\.Builder\s*\(\s*\)"
        r"|\bHttpRequest\.newBuilder\s*\(\s*\)",
        r"\b(?:http::|reqwest::)?Request::(?P<verb>get|post|put|patch|delete|head|options|new)\s*\(",
        r"\b(?!Mock)(?:[A-Z]\w*)?HttpRequest\.(?:create|get|post|put|delete|head)\s*\(",
    )
)
# A URL that is a path of the app (`"/api/x"`, `format!("/users/{id}")`, `URI.create("/x")`).
_OWN_PATH = re.compile(r'^[\w:.!&(\s]*"/(?!/)')
_RUST_METHOD = re.compile(r"^(?:\w+::)*Method::[A-Z]+$")
# What a request object kept in `name` is sent with (the name is checked after the match).
_SEND = re.compile(r"\b(?:execute\w*|send\w*|newCall)\s*\(|\b\w*Http\w*\.handle\s*\(")
# `let request = `, `val req = `, `HttpRequest request = `, `var request = new `.
_ASSIGNED = re.compile(
    r"(?:\blet\s+(?:mut\s+)?|\b(?:val|var|final)\s+|\b[A-Z]\w*(?:<[^<>\n]*>)?\s+)"
    r"(?P<name>[a-z_]\w*)\s*(?::\s*[\w:<>]+\s*)?=\s*(?:new\s+)?$"
)
_ASSIGNED_REACH = 200  # characters looked back from a request for its variable
_CHAIN_REACH = 600  # characters looked back from a `.uri(` for the builder that starts it
_SEND_REACH = 2500  # characters looked ahead for the send of a request kept in a variable
_LANGUAGES = frozenset({"rust", "java"})  # `java` covers Kotlin


def _chain_start(text: str, at: int) -> int | None:
    """Where the builder chain that `.uri(`/`.url(` at `at` is a link of starts, if it does:
    only chained calls (`.method(..)`, `.header(..)`) stand between them."""
    low = max(0, at - _CHAIN_REACH)
    builders = list(_BUILDER.finditer(text, low, at))
    if not builders:
        return None
    start = builders[-1]
    between = _without_arguments(text, start.end(), at)
    if between is None or ";" in between or "{" in between or "}" in between:
        return None
    # each line break is followed by the next link of the chain
    links = between.split("\n")[1:]
    if any(not part.lstrip().startswith(".") for part in links[:-1]) or (
        links and links[-1].strip()
    ):
        return None
    return start.start()


def _without_arguments(text: str, start: int, end: int) -> str | None:
    """`text[start:end]` with the argument list of each call emptied: a `;` or brace in a
    link's strings (`format!("Bearer {token}")`, `"application/json; charset=utf-8"`) or
    lines of its arguments end no statement. None when an argument list runs past `end`."""
    out, pos = [], start
    while (opened := text.find("(", pos, end)) >= 0:
        out.append(text[pos : opened + 1])
        pos = closing(text, opened)
        if pos < 0 or pos >= end:
            return None
    out.append(text[pos:end])
    return "".join(out)


def _sent_at(text: str, start: int, after: int) -> int | None:
    """Where the request the statement at `start` keeps in a variable is sent, if the
    text sends it within reach: `self.http_client.execute(request)`, `client.newCall(req)`,
    `HttpClient::execute(&self.http_client, request)`."""
    line_start, _ = line_bounds(text, start)
    # a bounded look back: one long line of many requests costs no more than many lines
    assigned = _ASSIGNED.search(text[max(line_start, start - _ASSIGNED_REACH) : start])
    if assigned is None:
        return None
    name = re.compile(rf"(?<![\w.]){re.escape(assigned.group('name'))}\b(?!\s*[.(\[=])")
    for send in _SEND.finditer(text, after, min(len(text), after + _SEND_REACH)):
        args = arguments(text, send.end() - 1)
        if any(name.match(a.lstrip("&").removeprefix("mut ").strip()) for a in args):
            return send.start()
    return None


def _factory_url(match: re.Match[str], text: str) -> str | None:
    args = arguments(text, match.end() - 1)
    if match.re is _RUST_FACTORY and match.group("verb") == "new":
        # `Request::new(Method::GET, url)`; a `Request::new(body)` of another kind is not HTTP
        return args[1] if len(args) > 1 and _RUST_METHOD.match(args[0]) else None
    return args[0] if args and args[0] else None


def _kept(language: str, sent: int | None, url: str) -> bool:
    """A request to a path of the app itself (`"/api/items"`) calls no one; nor does a Rust
    `http::Request` not sent by a client (`app.oneshot(request)`: servers build them too).
    OkHttp and `java.net.http` requests are a client's whether sent here or not."""
    return _OWN_PATH.match(url) is None and (sent is not None or language != "rust")


def built_requests(text: str, language: str) -> list[tuple[int, str]]:
    """(offset of the call site, URL argument) of every request built as an object."""
    if language not in _LANGUAGES:
        return []
    found: list[tuple[int, str]] = []
    for link in gate.finditer(_URL_LINK, text):
        start = _chain_start(text, link.start())
        args = arguments(text, link.end() - 1)
        if start is None or not args or not args[0]:
            continue
        if line_bounds(text, start)[0] == line_bounds(text, link.start())[0]:
            continue  # a one-line chain: `calls` reads it
        sent = _sent_at(text, start, link.end())
        if _kept(language, sent, args[0]):
            found.append((link.start() if sent is None else sent, args[0]))
    factory = _RUST_FACTORY if language == "rust" else _JAVA_FACTORY
    for match in gate.finditer(factory, text):
        url = _factory_url(match, text)
        if url is None:
            continue
        sent = _sent_at(text, match.start(), match.end())
        if _kept(language, sent, url):
            found.append((match.start() if sent is None else sent, url))
    return found


# Every regex above that finds something on a line (the prefilter anchors on their literals).
# (`.url(` is not one: its literal would be `.ur`; the builder's line window holds it.)
LINE_PATTERNS = (_BUILDER, _RUST_FACTORY, _JAVA_FACTORY, _SEND)
