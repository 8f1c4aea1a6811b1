"""Outbound HTTP call sites and what their URL argument is, in every supported language.

A call site is a method or function that sends an HTTP request (`fetch(url)`,
`requests.get(url)`, `httpClient.GetAsync(url)`, `Http::get($url)`,
`faraday.get(uri)`, `HTTPoison.get(url)`, `client.get(url)` in Rust, ...). Its
URL argument is either a literal (`"https://api.x.com/v1"`: the host names the
system), a path of the app's own API (`"/api/users"`), or data: a variable,
a field, a built string. Calls whose URL is data are the outbound-URL features
(webhooks, link checks, media download, federation) or a companion service at a
configured URL.

Everything here looks at one line (and, for a call chained onto the next line,
the line before it): extractors stay line-oriented so a prefilter can feed them
candidate lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.scan import gate
from integration_risk.scan.callargs import REQUEST_HELPER as _REQUEST_HELPER
from integration_risk.scan.callargs import (
    REQUEST_HELPER_NAME,
    defines_helper,
    defines_method,
    on_attribute_line,
    on_built_client,
    unlabelled_arguments,
)
from integration_risk.scan.callargs import HttpCall as HttpCall
from integration_risk.scan.callargs import arguments as _arguments
from integration_risk.scan.callargs import line_bounds as _line_bounds
from integration_risk.scan.callargs import receiver as _receiver
from integration_risk.scan.clients import CLIENT_CONSTRUCTION
from integration_risk.scan.receiver_calls import LINE_PATTERNS as _RECEIVER_PATTERNS
from integration_risk.scan.receiver_calls import url_receiver_calls
from integration_risk.scan.shell_calls import LINE_PATTERNS as _SHELL_PATTERNS
from integration_risk.scan.shell_calls import shell_calls
from integration_risk.scan.typed_senders import (
    http_typed_names,
    python_http_calls,
    receiver_name,
    ruby_client_names,
)
from integration_risk.scan.urlkind import HTTP_STRING as _HTTP_STRING
from integration_risk.scan.urlkind import REQUEST_OBJECT as _REQUEST_OBJECT
from integration_risk.scan.urlkind import URLISH_ARG as _URLISH_ARG
from integration_risk.scan.urlkind import classify

# Request methods of HTTP clients, across languages and libraries.
_VERB = (
    r"get|post|put|patch|delete|head|request|send|fetch|download|get_response|post_form|stream|"
    r"getForObject|getForEntity|postForObject|postForEntity|exchange|sendRequest|"
    # hand-rolled Java/PHP helpers: `HttpUtil.sendPost(url, params)`, `HttpUtils.doGet(url)`
    r"(?:do|send|http)(?:Get|Post|Put|Delete)|"
    r"Get|Post|PostForm|Head|"
    r"(?:Get|Post|Put|Patch|Delete|Send)Async|GetStringAsync|GetStreamAsync|GetByteArrayAsync|"
    # Guzzle's promises (PHP) and other lowerCamel async clients: `$client->postAsync($url)`
    r"(?:get|post|put|patch|delete|head|request|send)Async|"
    r"GetFromJsonAsync|PostAsJsonAsync|PutAsJsonAsync|PatchAsJsonAsync|" + _REQUEST_HELPER
    # a project's request helper: `builder.ExecuteRequest(feedURL)`, `api.make_request(url)`
)
# `<receiver>.<verb>(` / `::` / `->`, with optional `!`, `?` (Elixir/Ruby) or `<T>` (C#, Java).
_METHOD_CALL = re.compile(
    r"(?:\.|::|->|\?\.)\s*(?P<verb>" + _VERB + r")[!?]?(?:<[^<>\n]{1,80}(?:<[^<>\n]*>)?>)?\s*\("
)
# Free functions and constructors that take the URL: fetch(url), urlopen(url), curl_init($url),
# reqwest::get(url), new HttpRequestMessage(HttpMethod.Get, url), Finch.build(:get, url),
# Net::HTTP.get(URI(url)), new HttpGet(url), and wrappers named like `make_http_request`.
_FUNCTION_CALL = re.compile(
    r"(?<![\w.$>:])(?P<fn>fetch|\$fetch|ofetch|got|ky|axios|needle|urlopen|urlretrieve|curl_init|"
    r"file_get_contents|fopen)\s*\("
    r"|(?P<qualified>reqwest::get|ureq::(?:get|post|put|delete|request)|URI\.open|"
    # Hutool's request builders (Java): `HttpUtil.createPost(url).body(..).execute()`
    r"HttpUtil\.create(?:Get|Post)|"
    r"(?:surf|isahc|attohttpc|minreq)::(?:get|post|put|patch|delete|head)|Jsoup\.connect|"
    r"urllib\.request\.Request|"
    r"Finch\.build|http\.NewRequest(?:WithContext)?|HttpRequest\.newBuilder|"
    # a browser running elsewhere (Playwright, Puppeteer), driven over its WebSocket URL
    r"(?:chromium|firefox|webkit|puppeteer)\.connect(?:OverCDP)?|\w+\.connect_over_cdp"
    # ... or Selenium's remote WebDriver (`webdriver.Remote(command_executor=url)`,
    # `new RemoteWebDriver(new URL(gridUrl), options)`)
    r"|webdriver\.Remote|\bRemoteWebDriver"
    # an MCP server at a URL, through the MCP SDK's HTTP transports (Python)
    r"|(?<![\w.])(?:sse_client|streamablehttp_client))\s*\("
    r"|\bnew\s+(?P<ctor>HttpRequestMessage|Http(?:Get|Post|Put|Patch|Delete|Head)"
    r"|SSEClientTransport|StreamableHTTPClientTransport)\s*\("
    # a request object built with its method and URL, sent elsewhere (`_api.Request(request)`):
    # PSR-7/Guzzle `new Request('GET', $url)`, C# `new Request(path, baseUrl, HttpMethod.Get)`
    r"|\bnew\s+(?:\\?\w+[\\.])*(?P<reqobj>\w*Request)\s*\("
    # Java: a URL opened on the spot, `new URL(imageUrl).openStream()`
    r"|\bnew\s+(?P<opened>URL)\s*\((?=[^\n;]*\)\s*\.open(?:Stream|Connection)\s*\()"
    # builders: WebClient...uri(x), OkHttp Request.Builder().url(x), HttpRequest...uri(x)
    r"|(?P<builder>(?i:webclient|request\.builder\(\)|httprequest|newbuilder\(\)|okhttp)[^;\n]*?\.ur[il])\s*\("
    # and wrappers: `http_get(url)`, JSON-/XML-RPC over HTTP (`JsonRpcRequest(url, ...)`),
    # also a project helper reached through its package or class: Go `utils.HttpRequest(url,
    # "POST", ..)`, Java `HttpUtils.httpGet(url)`
    r"|(?<![\w$>:])(?P<wrapper>" + REQUEST_HELPER_NAME + r")\s*\("
    # a request builder made for the URL: Go `client.NewRequestBuilder(endpoint)`, Rust
    # `RequestBuilder::new(url)`, `new RequestBuilder(url)`
    r"|(?P<rbuilder>\bNew\w*RequestBuilder|\bRequestBuilder::new|\bnew\s+\w*RequestBuilder)\s*\("
)
# Receivers that are HTTP clients whatever the argument is called.
_HTTP_RECEIVER = re.compile(
    r"(?i:https?(?:_?client)?\b|httpclient|createclient\(|\bhttpx\b|\baiohttp\b|\brequests\b|"
    r"\baxios\b|\bgot\b|\bky\b|superagent|\bneedle\b|undici|faraday|httparty|restclient|rest_client|"
    r"net::http|typhoeus|excon|httpoison|httpotion|\bfinch\b|\btesla\b|reqwest|\bureq\b|"
    r"resttemplate|webclient|okhttp|guzzle|\bhyper\b|http_?client|web_?client|axiosref|"
    r"httpservice|\bresty\b|\bhttputils?\b)"
    r"|\bReq\b|\bHttp\b|\bHTTP\b"
)
# Receivers that may be HTTP clients: only with an argument that is named like a URL.
# A service wrapping fetch (`this.fetchService.fetch(url)`) is one too.
_MAYBE_HTTP_RECEIVER = re.compile(
    r"(?i)client|session|\bconn\b|connection|\bagent\b|\bapi\b|browser|\bhttp|connector|fetcher"
    r"|fetch_?service"
)
# Rust: a function of a module the project named for HTTP (`request::get(url, sender)`,
# `crate::http::post(..)`): a module path, not an inbound request value.
_RUST_HTTP_MODULE = re.compile(r"^(?:\w+::)*(?:request|requests|http|https|fetch)$")


def _rust_module_call(text: str, offset: int, receiver: str, language: str) -> bool:
    return (
        language == "rust"
        and text.startswith("::", offset)
        and _RUST_HTTP_MODULE.match(receiver) is not None
    )


# An HTTP client subclass calling its own methods: `self.post(url, json=b)` in a transport,
# `this.get(url)` in an Apollo RESTDataSource.
# `self.class.post(..)`: a Ruby instance calling its HTTParty class
_SELF_RECEIVER = re.compile(r"^(?:self|this|\$this)(?:\.class)?[.>-]*$")
_SELF_VERBS = frozenset({"get", "post", "put", "patch", "request", "fetch", "send"})
_SELF_URL_ARG = re.compile(r"(?i)ur[li]s?\b|ur[li][A-Z_]|_ur[li]|endpoint|webhook|href")


def _self_request(receiver: str, verb: str) -> bool:
    return _SELF_RECEIVER.match(receiver) is not None and verb in _SELF_VERBS


# Receivers that are certainly not HTTP: stores, maps, request objects of inbound handlers.
_NOT_HTTP_RECEIVER = re.compile(
    r"(?i)redis|cache|\bstore|\bdb\b|database|repo(?:sitory)?\b|\bmap\b|dict|params|query|headers|"
    r"config|settings|\benv\b|cookies?|storage|\brequest\b|(?-i:\breq\b)|\bres\b|response|router|\bapp\b|"
    r"\bctx\b|\bs3\b|bucket|queue|sql|prisma|model|collection|\bkv\b|registry|container"
)
# A name the file binds to a literal http(s) URL: `BASE = "https://api.x.io"`, `const API:
# string = '...'`, `baseURL := "..."`, `static final String ROOT = "..."`, `$base = '...'`.
_URL_CONSTANT = re.compile(
    r"""(?<![\w$])\$?([A-Za-z_]\w*)\s*(?::\s*[\w.<>\[\]| ]+?)?\s*:?=\s*[frb@]?['"`]https?://"""
)
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# An argument that is one name, maybe a class's or module's (`self::FEED_URL`, `Api.BASE_URL`).
_BARE_NAME = re.compile(r"^(?:[\w$]+(?:\.|::|->))?\$?([A-Za-z_]\w*)$")
# An HTTP method as an argument: "GET", HttpMethod.Post, Method::GET, Request::METHOD_GET, :get.
_HTTP_METHOD = (
    r"""['"](?i:get|post|put|patch|delete|head)['"]|(?i:(?:Http)?Method)(?:::|\.)\w+|"""
    r"""(?:\w+(?:::|\.))?METHOD_[A-Z]+|:(?:get|post|put|patch|delete|head)"""
)
# What makes `new Request(...)` an HTTP request.
_VERB_ARG = re.compile(rf"^(?:{_HTTP_METHOD})$")
# ... or the response type it accepts: `new FeedRequest(url, HttpAccept.Rss)`,
# `new ApiRequest(url, MediaType.APPLICATION_JSON)`, `new Req(url, "application/json")`.
_ACCEPT_ARG = re.compile(
    r"""^(?:\w+\.)?(?:HttpAccept|Accept|MediaType|ContentType)\.\w+$|^['"]application/[\w+.-]+['"]$"""
)
# First arguments that name the method or a context, not the target (Go's `ctx`, "OPTIONS").
# A request builder's method passed on by name: `client.request(method, url)`.
# ... or read from a variable or an object: PHP `$method`, `$request->getMethod()`, `req.method`.
_METHOD_ARG = re.compile(
    rf"""^(?:{_HTTP_METHOD}|['"](?i:options)['"]|http\.Method\w+|ctx|context|c"""
    r"""|&?\$?(?:\$?\w+(?:->|\.))*(?:(?i:method|http_?method|verb)|get(?:Http)?Method\(\)))$"""
)
_REQUEST_HELPER_VERB = re.compile(_REQUEST_HELPER + "$")


_TYPED_LANGUAGES = frozenset({"java", "csharp", "php", "js"})  # declare a name's type
_RUBY_REQUEST_CLASS = re.compile(r"^(?:[A-Z]\w*::)+Request$")


# What stands before a function's name where it is defined, not called: a keyword
# (`def`, `fn`, `func (r *T)`, `function`), or a Java/C#/TS signature's modifiers and type.
_EXCEPTION_NAME = re.compile(r"(?i)(?:exception|error|fault)s?$")
_JS_FUNCTIONS = frozenset({"fetch", "$fetch", "ofetch", "got", "ky", "axios", "needle"})


def _request_object_url(cls: str, args: list[str]) -> str | None:
    """The URL among a request object's arguments, when one of them is the HTTP method
    or the response type it accepts:
    a literal URL, else a URL-named variable (`baseUrl`), else (for a plain `Request`, not
    a `SearchRequest` that may be an API's own message) the first one from data."""
    if not any(_VERB_ARG.match(a) or _ACCEPT_ARG.match(a) for a in args):
        return None
    rest = [a for a in args if a and not _VERB_ARG.match(a) and not _ACCEPT_ARG.match(a)]
    ranked = [a for a in rest if classify(a) == "literal"] + [
        a
        for a in rest
        if _URLISH_ARG.search(a) and (classify(a) == "data" or not re.search("[\"'`]", a))
    ]
    if cls in ("Request", "HttpRequest"):
        ranked += [a for a in rest if classify(a) == "data"]
    return ranked[0] if ranked else None


def _url_argument(args: list[str]) -> str | None:
    """The URL among the first arguments: after a context and a method name, if any
    (`http.NewRequestWithContext(ctx, "GET", url, nil)`)."""
    at, args = 0, unlabelled_arguments(args)  # `url: $u` is `$u`
    # a Ruby symbol or Elixir atom ahead of more arguments is a verb: `HTTP.request(:purge, u)`
    while at < len(args) - 1 and (_METHOD_ARG.match(args[at]) or _SYMBOL.match(args[at])):
        at += 1
    return args[at] or None if args else None


# Ruby calls without parentheses: `faraday.get url`, `HTTParty.post hook_url, body: b`.
_RUBY_BARE_CALL = re.compile(
    r"(?:\.|::)(?P<verb>get|post|put|patch|delete|head|get_response)[!?]?[ \t]+"
    r"(?P<bare>[\w@:$\"'][^,\n#]*)"
)


_SYMBOL = re.compile(r"^:\w+$")
# A Ruby client built in a block that a request is chained onto.
_BLOCK_CLIENT = re.compile(r"\bFaraday\.new\b[^\n]*(?:\bdo\b|\{)")


def _method_calls(text: str, language: str) -> Iterator[re.Match[str]]:
    """`.verb(` calls, and for Ruby `.verb arg` too, in order of appearance."""
    found = list(gate.finditer(_METHOD_CALL, text))
    if language == "ruby":
        found += gate.finditer(_RUBY_BARE_CALL, text)
        found.sort(key=lambda m: m.start())
    return iter(found)


def http_calls(
    text: str, language: str, subclass: bool = False, whole: str | None = None
) -> Iterator[HttpCall]:
    """Every outbound HTTP call site in `text`, with the kind of its URL argument
    (and every git network command, whose remote is data too). `subclass`: the file's
    class extends an HTTP client (`http_subclass`), so its calls on itself send requests.
    `whole`: the full file when `text` holds its candidate lines only (declarations)."""
    seen: set[int] = set()  # line starts: one call site per line
    for call in shell_calls(text):
        if call.argument != "git remote":  # a git remote is data on a line of its own
            seen.add(_line_bounds(text, call.offset)[0])
        yield call
    url_constants: set[str] | None = None
    http_typed: frozenset[str] | None = None
    ruby_bound: frozenset[str] | None = None
    for match in _method_calls(text, language):
        receiver = _receiver(text, match.start())
        args = [] if match.re is _RUBY_BARE_CALL else _arguments(text, match.end() - 1)
        url = (
            match.group("bare").strip()  # Ruby without parentheses: `faraday.get url`
            if match.re is _RUBY_BARE_CALL
            else _url_argument(args)
        )
        if url is None or _SYMBOL.match(url):
            continue  # `session.delete(:return_url)`: a Ruby symbol or Elixir atom is a key
        module_call = _rust_module_call(text, match.start(), receiver, language)
        if language == "ruby" and ruby_bound is None:
            ruby_bound = ruby_client_names(text if whole is None else whole)
        bound = bool(ruby_bound) and receiver_name(receiver) in (ruby_bound or ())
        # a gem's request class (`Feedkit::Request.download(url)`), not an inbound request
        bound = bound or bool(
            language == "ruby" and _RUBY_REQUEST_CLASS.match(receiver) and _URLISH_ARG.search(url)
        )
        if (
            _NOT_HTTP_RECEIVER.search(receiver) and not module_call and not bound
        ) or on_attribute_line(text, match.start(), language):
            continue
        if match.group("verb") == "stream" and not (args and _VERB_ARG.match(args[0])):
            continue  # httpx `client.stream("GET", url)`; other `stream(` calls are not HTTP
        kind = classify(url)
        # `$this->client->request(Request::METHOD_GET, $path)`: the method says it is HTTP.
        strong = (
            bound
            or _HTTP_RECEIVER.search(receiver) is not None
            or (len(args) > 1 and _VERB_ARG.match(args[0]) is not None)
            or _HTTP_STRING.match(url) is not None
            or (
                receiver in ("end", "}")  # `Faraday.new(...) do |f| ... end.get(url)`
                and _BLOCK_CLIENT.search(text, max(0, match.start() - 1500), match.start())
                is not None
            )
        )
        if subclass and args and _self_request(receiver, match.group("verb")):
            strong = True  # `self.post(self.channel.value, json=payload)` in a transport
        if not strong and language in _TYPED_LANGUAGES:
            # `getter.get(url)` where the file declares `private final HttpGetter getter;`
            if http_typed is None:
                http_typed = http_typed_names(text if whole is None else whole)
            strong = receiver_name(receiver) in http_typed
        if not strong and on_built_client(receiver, text, match.start()):
            strong = True
        maybe = (
            module_call
            or _MAYBE_HTTP_RECEIVER.search(receiver) is not None
            or _REQUEST_HELPER_VERB.match(match.group("verb")) is not None
            or bool(_self_request(receiver, match.group("verb")) and _SELF_URL_ARG.search(url))
        )
        if not strong and maybe and not (_URLISH_ARG.search(url) or kind == "literal"):
            # `session.get(f"{BASE}/v1/{id}")` with `BASE = "https://..."` above
            if url_constants is None:
                url_constants = {m.group(1) for m in _URL_CONSTANT.finditer(text)}
            strong = not url_constants.isdisjoint(_IDENTIFIER.findall(url))
        bare = None if strong or maybe else _BARE_NAME.match(url)
        if bare is not None and _URLISH_ARG.search(url):
            # `Fetcher.new.fetch(LIST_URL)` with `LIST_URL = "https://..."` in the file: the
            # request goes to that absolute URL whatever the receiver is called
            if url_constants is None:
                url_constants = {m.group(1) for m in _URL_CONSTANT.finditer(text)}
            strong = bare.group(1) in url_constants
        if not strong and not (maybe and (_URLISH_ARG.search(url) or kind == "literal")):
            continue
        if _REQUEST_OBJECT.match(url):
            continue  # `send(new Request('GET', $url))`: the request object is the call site
        seen.add(_line_bounds(text, match.start())[0])
        yield HttpCall(match.start(), kind, url, receiver)
    for match in gate.finditer(_FUNCTION_CALL, text):
        if on_attribute_line(text, match.start(), language):
            continue
        name = next(
            (match.group(g) for g in ("fn", "qualified", "ctor", "opened") if match.group(g)), ""
        )
        if match.group("builder") and "newBuilder(URI" in match.group("builder"):
            continue  # counted at HttpRequest.newBuilder
        if name in _JS_FUNCTIONS and (language != "js" or defines_method(text, match.end() - 1)):
            continue  # `async fetch(@User() user) {`: a class's method of that name
        if match.group("wrapper") and _EXCEPTION_NAME.search(match.group("wrapper")):
            continue  # `throw new HttpFetchException(msg)`
        if (
            match.group("wrapper")
            and text.startswith(".", match.start() - 1)
            and _NOT_HTTP_RECEIVER.search(_receiver(text, match.start() - 1))
        ):
            continue  # `cache.fetch_or_http_get(key)`: a store's method, not a request
        if (match.group("wrapper") or match.group("rbuilder")) and defines_helper(
            text, match.start(), language
        ):
            continue  # `func (r *Builder) ExecuteRequest(url string)`: the helper itself
        args = _arguments(text, match.end() - 1)
        cls = match.group("reqobj")
        url = _request_object_url(cls, args) if cls else _url_argument(args)
        if url is None:
            continue
        if (match.group("wrapper") or match.group("rbuilder")) and not _URLISH_ARG.search(url):
            # `new HttpRequestBuilder(useSsl, settings.Host, settings.Port, urlBase)`: the
            # target is the host among the parts.
            url = next((a for a in args[1:] if _URLISH_ARG.search(a)), url)
        if name == "fopen" and language != "php":
            continue  # PHP's URL wrappers make fopen(url) an HTTP request
        if _line_bounds(text, match.start())[0] in seen:
            continue
        kind = classify(url)
        weak = (
            name in ("file_get_contents", "fopen")
            or match.group("wrapper")
            or match.group("rbuilder")
        )
        if weak and not (_URLISH_ARG.search(url) or kind == "literal"):
            continue  # file_get_contents($path) reads a local file; new Uri(x) only parses
        yield HttpCall(match.start(), kind, url)
        seen.add(_line_bounds(text, match.start())[0])
    # Python: `from aiohttp import request`, then `request(method, url)`
    for start, paren in python_http_calls(text, whole) if language == "python" else ():
        url = _url_argument(_arguments(text, paren))
        if url is not None and _line_bounds(text, start)[0] not in seen:
            seen.add(_line_bounds(text, start)[0])
            yield HttpCall(start, classify(url), url)
    yield from url_receiver_calls(text, language, seen)


# Every regex above that finds something on a line (the prefilter anchors on their literals).
_CALLS = (
    _METHOD_CALL,
    _RUBY_BARE_CALL,
    _FUNCTION_CALL,
    *_SHELL_PATTERNS,
    *_RECEIVER_PATTERNS,
)
LINE_PATTERNS = (*_CALLS, CLIENT_CONSTRUCTION)
