"""Calls whose URL is not the first argument of a request verb: the receiver is the URL
(C# Flurl, Ruby open-uri), an option gives it (PHP curl, Spring's `.uri(x)` after the
method), a client is given its base URL (`Faraday.new(url: x)`, `BaseAddress = ...`), or a
raw TCP connection names its host. Line-oriented like `calls`, so the prefilter can feed it
candidate lines. Also Go's x/oauth2 endpoint given its token URL from data (the
exchange `config.Exchange` makes)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.scan import gate
from integration_risk.scan.callargs import ARGUMENT, HttpCall, arguments, line_bounds
from integration_risk.scan.callargs import receiver as receiver_of
from integration_risk.scan.request_builders import LINE_PATTERNS as _BUILT_PATTERNS
from integration_risk.scan.request_builders import built_requests
from integration_risk.scan.urlkind import HTTP_STRING, URLISH_ARG, classify

# The URL is the receiver: C# Flurl (`url.GetStringAsync()`, `(base + "/x").WithHeader(..)`
# chains) and Ruby open-uri (`URI.parse(feed_url).read`); or an option of PHP's curl, or
# the `.uri(x)` after a Spring WebClient method.
# Whole method names, so the prefilter anchors on them and not on `header` or `string`.
_FLURL = re.compile(
    r"\.(?:WithHeaders?|WithOAuthBearerToken|WithBasicAuth|WithTimeout|WithCookies?|"
    r"AllowHttpStatus|AllowAnyHttpStatus|AppendPathSegments?|SetQueryParams?|GetJsonAsync|"
    r"GetStringAsync|GetStreamAsync|GetBytesAsync|PostJsonAsync|PostUrlEncodedAsync|"
    r"PostMultipartAsync|PostStringAsync|PutJsonAsync|PutStringAsync|PatchJsonAsync|"
    r"PatchStringAsync|DownloadFileAsync)\s*[(<]"
)
# The methods of a Flurl chain that send it; the others only build a URL.
_FLURL_SEND = re.compile(
    r"\.(?:Get|Post|Put|Patch|Delete|Head|Options|Send|Download)\w*Async\s*[(<]"
)
_STATEMENT_REACH = 800  # characters searched for the end of a chained statement


def _flurl_sends(text: str, at: int) -> bool:
    """Whether the statement holding the Flurl call at `at` sends a request."""
    end = text.find(";", at, at + _STATEMENT_REACH)
    return _FLURL_SEND.search(text, at, end if end >= 0 else at + _STATEMENT_REACH) is not None


# PHP's curl given its URL as an option: `curl_setopt($ch, CURLOPT_URL, $hub)`,
# `curl_setopt_array($ch, [CURLOPT_URL => $feed->url, ...])` after a bare `curl_init()`.
_CURLOPT_URL = re.compile(r"\bCURLOPT_URL\s*(?:,|=>)")
# Spring's WebClient/RestClient chain, the URL given after the method, often a line below:
# `webClient\n  .get()\n  .uri(uri)`, `restClient.method(HttpMethod.POST).uri(hook.getUrl())`.
_URI_SPEC = re.compile(r"\.uri\s*\(")
_AFTER_METHOD = re.compile(
    r"\.(?:get|post|put|patch|delete|head|options)\(\s*\)$|\.method\([^()\n]*\)$"
)
_STRING_BEFORE = re.compile(r"""\$?@?"[^"\n]*"$""")
_OPEN_URI = re.compile(r"\bURI\.parse\s*\((?P<url>[^()\n]+)\)\s*\.(?:open|read)\b")


def url_receiver_calls(text: str, language: str, seen: set[int]) -> Iterator[HttpCall]:
    found: list[tuple[int, str]] = []
    if language == "csharp":
        for match in gate.finditer(_FLURL, text):
            if not _flurl_sends(text, match.start()):
                continue  # `url.SetQueryParam(..)` for a redirect or a link: built, not sent
            start, _ = line_bounds(text, match.start())
            quoted = _STRING_BEFORE.search(text, start, match.start())
            receiver = quoted.group(0) if quoted else receiver_of(text, match.start())
            if _FLURL.search(receiver + "("):
                continue  # not the first call of the chain
            url = (
                receiver[1:-1] if receiver.startswith("(") and receiver.endswith(")") else receiver
            )
            if url and (URLISH_ARG.search(url) or HTTP_STRING.match(url)):
                found.append((match.start(), url))
    elif language == "ruby":
        found = [(m.start(), m.group("url").strip()) for m in gate.finditer(_OPEN_URI, text)]
    elif language == "java":
        found += _opened_url_variables(text)
        for match in gate.finditer(_URI_SPEC, text):
            before = text[max(0, match.start() - 120) : match.start()].rstrip()
            args = arguments(text, match.end() - 1)
            if _AFTER_METHOD.search(before) and args and args[0]:
                found.append((match.start(), args[0]))
    elif language == "php":
        for match in gate.finditer(_CURLOPT_URL, text):
            _, end = line_bounds(text, match.end())
            argument = ARGUMENT.match(text, match.end(), end)
            if argument is not None and argument.group(1).strip():
                found.append((match.start(), argument.group(1).strip()))
    elif language == "go":
        found += _go_oauth_token_urls(text)
    found += built_requests(text, language)
    found += _socket_connections(text)
    found += _base_urls(text)
    for offset, url in found:
        if line_bounds(text, offset)[0] not in seen:
            seen.add(line_bounds(text, offset)[0])
            yield HttpCall(offset, classify(url), url)


# Java's URL object kept in a variable and opened later: `URL target = new URL(server);` then
# `(HttpURLConnection) target.openConnection()`. The call site is where the URL is built.
_URL_VARIABLE = re.compile(r"\b(?P<var>[A-Za-z_]\w*)\s*=\s*new\s+URL\s*\(")
_OPENED = re.compile(r"\.\s*open(?:Connection|Stream)\s*\(")


# ... or handed in (a parameter, a field): `(HttpURLConnection) url.openConnection()`. The
# cast says HTTP, where a bare `location.openStream()` may read a jar or a classpath file.
_HTTP_OPENED = re.compile(
    r"\(\s*(?:java\.net\.)?Https?URLConnection\s*\)\s*(?P<var>[A-Za-z_]\w*)\s*\.\s*openConnection\s*\("
)


def _opened_url_variables(text: str) -> list[tuple[int, str]]:
    found = []
    built = set()
    for match in gate.finditer(_URL_VARIABLE, text):
        opened = re.compile(rf"\b{match.group('var')}\s*\.\s*open(?:Connection|Stream)\s*\(")
        args = arguments(text, match.end() - 1)
        if args and args[0] and opened.search(text, match.end()):
            found.append((match.start("var"), args[0]))
            built.add(match.group("var"))
    for match in gate.finditer(_HTTP_OPENED, text):
        if match.group("var") not in built:
            found.append((match.start("var"), match.group("var")))
    return found


# A client given its base URL, the requests then naming paths only (`conn.get("/v1/x")`):
# Ruby `Faraday.new(url: cfg.url)`, C# `client.BaseAddress = new Uri(settings.PricingUri)`,
# Java `WebClient.builder().baseUrl(props.url)`, Go resty `SetBaseURL(cfg.URL)`, axios
# `create({ baseURL: cfg.url })`, Elixir `{Tesla.Middleware.BaseUrl, url}`, HTTParty
# `base_uri url`, Python `httpx.Client(base_url=settings.API_URL)`. The base is the target.
_BASE_URL = re.compile(
    # No leading `\b` or `.`: the regex engine then skips ahead to these words' first letters.
    r"Faraday\.new\s*\(\s*(?P<url_key>url:\s*)?|BaseAddress\s*=(?!=)\s*"
    r"|(?:baseUrl|setBaseUrl|SetBaseURL)\s*\(\s*|baseURL\s*:(?!=)\s*"
    r"|Tesla\.Middleware\.BaseUrl\s*,\s*|base_uri[ \t]+(?=[\w@:$\"'])|base_url\s*(?:=(?!=)|\()\s*"
)
_NO_BASE = frozenset({"", "nil", "null", "None", "undefined", "default", "string.Empty"})
# `httpx.Client(base_url=x)`, `aiohttp.ClientSession(base_url=x)`: a keyword of a client.
_CLIENT_BEFORE = re.compile(r"Client(?:Session)?\s*\([^()\n]*$")


def _base_urls(text: str) -> list[tuple[int, str]]:
    found = []
    for match in gate.finditer(_BASE_URL, text):
        start, end = line_bounds(text, match.end())
        word = match.group(0)
        before = text[match.start() - 1] if match.start() else ""
        if word.startswith(("baseUrl", "setBaseUrl", "SetBaseURL")) and before != ".":
            continue  # `.baseUrl(x)` on a builder, not a function of that name
        if word.startswith("base_url") and not (
            (word.rstrip().endswith("(") and before == ".")
            or _CLIENT_BEFORE.search(text, start, match.start())
        ):
            continue
        if (before.isalnum() or before == "_") and not word.startswith(("base_", "baseURL")):
            continue  # `MyBaseAddress = ...`
        argument = ARGUMENT.match(text, match.end(), end)
        url = argument.group(1).strip().rstrip(";").strip() if argument else ""
        if url.endswith("}") and "{" not in url:
            url = url.rstrip("}").strip()  # `baseURL: cfg.url }` closing the options
        if url in _NO_BASE:
            continue
        # `Faraday.new(options)`: the first argument is a URL or an options hash
        faraday_options = word.startswith("Faraday") and not match.group("url_key")
        if faraday_options and not (URLISH_ARG.search(url) or classify(url) == "literal"):
            continue
        found.append((match.start(), url))
    return found


# A raw TCP connection to a host: a companion daemon at a configured address (a virus or
# spam scanner, a metrics relay). `TCPSocket.new(cfg.host, cfg.port)`, `new TcpClient(h, p)`,
# `fsockopen($host, $port)`, `socket.create_connection((host, port))`, `net.Dial("tcp", a)`.
_SOCKET = re.compile(
    r"\bTCPSocket\.(?:new|open)\s*\(|\bnew\s+(?:Socket|TcpClient)\s*\(|\bfsockopen\s*\("
    r"|\bstream_socket_client\s*\(|\bsocket\.create_connection\s*\(|\b(?:net|tls)\.Dial(?:Timeout)?\s*\("
)
_NETWORK_NAME = re.compile(r"""^['"](?:tcp|udp|unix|tcp4|tcp6|udp4|udp6)['"]$""")
# ... given a host by name: not a dialer's plumbing (`new Socket(addressFamily, ...)`).
_HOST_ARG = re.compile(r"(?i)(?:\b|_)host(?:name)?\b|\bserver\b|addr(?:ess)?\b|endpoint")


def _socket_connections(text: str) -> list[tuple[int, str]]:
    """Where a raw TCP connection is opened to a host by name, and that host."""
    found = []
    for match in gate.finditer(_SOCKET, text):
        args = [a for a in arguments(text, match.end() - 1) if not _NETWORK_NAME.match(a)]
        if args and _HOST_ARG.search(args[0]):
            found.append((match.start(), args[0]))
    return found


# Go's golang.org/x/oauth2 exchanges the code at the config's `Endpoint.TokenURL`: a token
# URL from data (`TokenURL: auth.CustomEndpointToken`) is a sign-in provider at a configured
# address, the call made by `config.Exchange` (a literal one is found by its host).
_GO_TOKEN_URL = re.compile(r"\bTokenURL:\s*(?P<value>[^,\n]+?)\s*,?\s*$", re.M)
_GO_ENDPOINT = re.compile(r"\boauth2\.Endpoint\s*\{")


def _go_oauth_token_urls(text: str) -> list[tuple[int, str]]:
    """Where an x/oauth2 endpoint is given its token URL from data, and that URL."""
    return [
        (match.start(), match.group("value"))
        for match in gate.finditer(_GO_TOKEN_URL, text)
        if _GO_ENDPOINT.search(text, max(0, match.start() - 200), match.start()) is not None
        and classify(match.group("value")) == "data"
    ]


# Every regex above that finds something on a line (the prefilter anchors on their literals).
LINE_PATTERNS = (
    _FLURL,
    _OPEN_URI,
    _CURLOPT_URL,
    _URI_SPEC,
    _SOCKET,
    _BASE_URL,
    _URL_VARIABLE,
    _OPENED,
    _HTTP_OPENED,
    _GO_TOKEN_URL,
    *_BUILT_PATTERNS,
)
