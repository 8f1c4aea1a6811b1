"""The names a file declares with the project's own HTTP sender type: a call on such a
name sends a request whatever the name says (`getter.get(url)` after `HttpGetter getter;`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.scan.imports import import_statements

# A field, parameter or property declared with the project's own HTTP sender type:
# `private final HttpGetter getter;`, `(SafeHttp http)`, `private readonly http: ApiHttpClient`.
# Not inbound types (`HttpServletRequest request`, `HttpContext ctx`): only senders' names.
_SENDER_TYPE = (
    r"(?:[A-Za-z_]\w*\.)*I?(?:\w*Http\w*(?:Client|Getter|Fetcher|Sender|Requester|Caller|Downloader"
    r"|Util|Utils|Helper|Wrapper|Service)|\w*Http)\b"
)
_HTTP_TYPED = re.compile(
    rf"(?<![\w.]){_SENDER_TYPE}(?:<[^<>\n]*>)?[ \t]+\$?(?P<name>[A-Za-z_]\w*)[ \t]*[;=,)]"
    rf"|\b(?P<colon>[A-Za-z_]\w*)[ \t]*\??:[ \t]*{_SENDER_TYPE}"
)
# Ruby: a name bound to an HTTP client built by a chain (`response = HTTP.timeout(5)
# .use(:auto_inflate)`, `@conn = Faraday.new(url: base)`), not to a request's result
# (`res = HTTP.get(url)`): a call on it sends a request whatever the name says.
_RUBY_CLIENT_BINDING = re.compile(
    r"(?m)^[ \t]*@{0,2}([A-Za-z_]\w*)[ \t]*=[ \t]*"
    r"(?:HTTP|HTTPX|Faraday|HTTParty|RestClient|Typhoeus|Excon)(?:\.|::)"
    r"(?!(?:get|post|put|patch|delete|head|options|request)\b)"
)


def http_typed_names(text: str) -> frozenset[str]:
    """Names the file declares with an HTTP sender type (`getter` in `HttpGetter getter;`)."""
    if "Http" not in text:
        return frozenset()
    # A declaration stands on one line with its type: only lines naming `Http` are searched.
    lines = [line for line in text.splitlines() if "Http" in line]
    return frozenset(
        m.group("name") or m.group("colon") for line in lines for m in _HTTP_TYPED.finditer(line)
    )


_RECEIVER_NAME = re.compile(r"([A-Za-z_]\w*)\W*$")


def receiver_name(receiver: str) -> str:
    """`this.getter` -> `getter`, `$this->http` -> `http`, `_client` -> `_client`."""
    match = _RECEIVER_NAME.search(receiver)
    return match.group(1) if match else receiver


def ruby_client_names(text: str) -> frozenset[str]:
    """Names a Ruby file binds to an HTTP client chain (`response` in `response = HTTP.timeout(5)`)."""
    return frozenset(_RUBY_CLIENT_BINDING.findall(text)) if "=" in text else frozenset()


# Python: request functions imported from an HTTP library (`from aiohttp import request`,
# `from requests import (get, post)`, `from httpx import stream`): called bare, they send.
_PY_HTTP_LIBRARIES = frozenset({"requests", "httpx", "aiohttp", "niquests", "grequests"})
_PY_HTTP_FUNCTIONS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "request", "stream"}
)
# The prefilter keeps lines that call one bare (`request(`, not `my_request(`).
PY_HTTP_CALL_TOKENS = tuple(f"{name}(" for name in sorted(_PY_HTTP_FUNCTIONS))


def python_http_calls(text: str, whole: str | None = None) -> Iterator[tuple[int, int]]:
    """(start, offset of the `(`) of each bare call in `text` of a request function the file
    (`whole`, else `text`) imports from an HTTP library, as `imports.import_statements` reads
    the imports (a list in parentheses over several lines; `get as fetch` binds `fetch`)."""
    source = text if whole is None else whole
    if "from " not in source or not any(library in source for library in _PY_HTTP_LIBRARIES):
        return
    names = {
        local
        for statement in import_statements(source, "python")
        if statement.module in _PY_HTTP_LIBRARIES
        for imported, local in zip(statement.names, statement.bound, strict=False)
        if imported in _PY_HTTP_FUNCTIONS
    }
    if names:
        bare = re.compile(rf"(?<![\w.$>:])(?:{'|'.join(map(re.escape, sorted(names)))})\s*(?=\()")
        for match in bare.finditer(text):
            yield match.start(), match.end()
