"""Is a literal URL on this line called, or only shown? The call context of a URL.

A host the catalog does not know (and a catalog host on a site mostly linked to, such as
`en.wikipedia.org`) counts only where the code calls it or sets it as an endpoint:
- the line is an HTTP call with that literal (`CallSites.lines`);
- the line calls a client or sets an endpoint-like setting (`_CALL_CONTEXT`);
- a function named like an endpoint returns it (`def base_url`, `resolveBaseUrl()`, a
  `match` of templates in `fn icon_service_url`, an HTTPoison client's `def process_url`),
  on its own line or up to 5 lines below its name;
- the project's own client function is called with it (`get_text_api("https://..")`);
- the line assigns it to a name that the file passes to an HTTP call
  (`var url = $"https://..."` then `GetAsync(url)`; `API_ROOT = "..."` then
  `get(API_ROOT + path)`): URLs in constants and string builders passed on;
- Java's `new URL("https://...")` in a file that opens connections;
- a parent class's constructor is handed it as a base URL (`super('https://..', opts)`).
Links in comments, link fields, regexes and placeholders never count.

`calls_host` is the stricter question a host on the project's own domain must answer (its
docs, marketing and app links live there): does the line call a host, or set a constant to
it? It is asked at extraction, on the raw line, and kept on the finding (`Finding.called`):
the snippet the merge sees is masked and clipped, and may have lost the call or the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from integration_risk.lines import LineIndex
from integration_risk.scan.callargs import REQUEST_HELPER_NAME

# The project's own client function given a literal URL: `get_text_api("https://..")`, Go
# `utils.HttpRequest("https://..", "POST", ..)`.
OWN_CLIENT_CALL = r"\b\w*(?i:fetch|download|request|api|http)\w*\s*\(\s*&?['\"]https?://"
# The stricter form a host on the project's own domain needs: a helper whose name says it
# sends a request (`utils.HttpRequest(..)`, `HttpUtils.httpGet(..)`, `send_request(..)`), not
# any name with `download`, `api` or `http` in it (`openDownloadPage(..)`, `isHttpUrl(..)`),
# and never a name for a page, link or UI event (`openHttpGetPage`, `trackHttpRequestLink`).
_OWN_REQUEST_HELPER_CALL = (
    r"(?<![\w$>:])(?!\w*(?i:open|show|track|link|page))(?:"
    + REQUEST_HELPER_NAME
    + r")\s*\(\s*&?['\"]https?://"
)
_CALL_CONTEXT = re.compile(
    r"(?i)\b(?:fetch|axios|got|ky|superagent|request|requests|httpx|urllib\w*|urlopen|http\.\w+|"
    r"HttpClient|RestTemplate|WebClient|RestClient|Faraday|HTTParty|Net::HTTP|curl|wget|"
    r"NewRequest|Get|Post)\s*[.(]"
    r"|\.(?:get|post|put|patch|delete|request)\s*\("
    # endpoint-like names (not a bare `url`, which is as often a link in a list of data);
    # `-` and `.` join words in config keys (`rates.api-url`, `api.base.url`)
    r"|\b\w*(?:endpoint|host|base[-_.]?(?:ur[li]|address)|api[-_.]?(?:ur[li]|base|root)|"
    r"server[-_.]?ur[li]|token[-_.]?ur[li]|webhook[-_.]?ur[li]|service[-_.]?ur[li])\w*['\"]?"
    r"\s*(?:[:=]|\?\?|\|\|)"
    # CONSTANT_CASE settings: UPDATES_URL = "...", IFRAMELY_URL || "...", RATES_API = "..."
    r"|\b[A-Z][A-Z0-9_]*_(?:URL|URI|ENDPOINT|HOST|API)\b['\"]?\s*(?:[:=]|\?\?|\|\||,)"
    r"|(?:url|uri)\s*(?:\?\?|\|\|)"  # a configurable URL's default
    # a base-URL setter or definition: Retrofit `.baseUrl("..")`, `Http::baseUrl('..')`,
    # HTTParty `base_uri "..."`, Tesla `plug Tesla.Middleware.BaseUrl, "..."`
    r"|\b\w*(?:base_?ur[li]|endpoint)\s*\(|\bbase_uri\s+['\"]|\bBaseUrl\s*,"
    # Feign clients, request URI builders, Spring's base URI of a client
    # (`RestClient.builder().uriBuilderFactory(DefaultUriBuilderFactory("https://.."))`)
    r"|@FeignClient\s*\(|\bUriBuilder\s*\(|\b\w*UriBuilderFactory\s*\("
    # the project's own client functions given the URL (`OWN_CLIENT_CALL`)
    + f"|{OWN_CLIENT_CALL}"
    # a base URL handed to the parent class's constructor: `super('https://api.x.io/v1', {..})`,
    # Python `super().__init__("https://..")`
    + r"|\bsuper\s*(?:\(\s*\)\s*\.\s*__init__\s*)?\(\s*(?:base_?url\s*=\s*)?['\"`]https?://"
)
# A function named like an endpoint whose body returns the literal on the next lines:
# `function resolveBaseUrl(): string { return '...'`, `def base_url\n "..."`, `fn api_url() -> ..`.
_ENDPOINT_FUNCTION = re.compile(
    r"(?i)\b(?:function|def|fn|func|fun|get|public|private|protected|internal|override|static)\b"
    r"[^=\n]*?\b\w*(?:base_?ur[li]|endpoint|api_?(?:ur[li]|base|root)|server_?ur[li]|service_?ur[li]|"
    # Elixir `use HTTPoison.Base` / HTTPotion: the callback that builds every request's URL
    r"process_(?:request_)?url)\w*"
    r"\s*(?:\(|=>|\{|$)"
)
# A one-line body after the function's name that returns the literal: Elixir `, do: "`,
# `=> "`, `{ return "`, Kotlin/Scala `= "`.
_SAME_LINE_BODY = re.compile(
    r"""(?:\bdo:|=>|(?<![=!<>])=(?![=~])|\{\s*return)\s*(?:@|[rbuf]{1,2})?['"`]"""
)
_RETURNED_LITERAL = re.compile(r"""^\s*(?:return\s+)?(?:@|[rbuf]{1,2})?['"`]""")
# Constants that hold links for people, not endpoints.
_LINK_NAME = re.compile(
    r"(?i)docs?|help|support|terms|privacy|pricing|website|homepage|upsell|enterprise|blog|learn|tutorial|guide"
)
_NOT_A_CALL = re.compile(
    r"(?i)RegExp\(|regexMatch|re\.compile|\bhref\s*=|placeholder\w*['\"]?\s*[:=]|\^https?:"
)
# The framework setting of where the app's own assets are served from (Rails
# `config.action_mailer.asset_host = ..`, `config.asset_host`, Laravel `ASSET_URL=`): its pages
# and mails link there, the app calls nothing. Only the setting: a variable that merely holds an
# asset's URL (`const assetUrl = ".."`, `asset_url = ".."`) is as often a download the code
# makes, and a setting the file passes to a call is called.
_ASSET_HOST_SETTING = re.compile(r"\basset_host\s*=|\bconfig\.(?:\w+\.)?asset_host\b|\bASSET_URL\b")
# The name a statement assigns: `var url = $"..."`, `private const API_URL = '...'`,
# `const RATES: &str = "..."`, `u := fmt.Sprintf(...)`, `$url = "..."`; Elixir `@base "..."`.
_ASSIGNED = re.compile(
    r"""^\s*(?:[\w\[\]<>?,&*']+\s+)*?[$@]?([A-Za-z_]\w*)\s*(?::\s*[^=\n]+?)?\s*:?=(?![=>~])"""
    r"""|^\s*@([a-z_]\w*)\s+['"]"""
)
_NAME = re.compile(r"[A-Za-z_]\w*")
# A keyword argument on a line of its own (`    url='https://..',` inside `add_watch(`): it
# names a parameter of that call, not a variable a later call is given.
_KEYWORD_ARGUMENT = re.compile(r",\s*$")
# A lowercase URL field given a literal (`feed_url: "https://..."`, `"image_url" => "..."`).
_URL_FIELD = re.compile(r"""^\s*['":]?([a-z][a-z0-9_]*_ur[li])['"]?\s*(?::|=>)\s*['"]https?://""")
# Entries of one table of records that name a URL under the same field: data the app offers
# or stores (suggested feeds, sample accounts), not a setting of its own. A field named as an
# endpoint (`base_url`, `api_url`, `token_url`) in a table of connectors is a setting.
TABLE_ROWS = 3
_ENDPOINT_FIELD = re.compile(r"base|api|server|service|token|webhook|endpoint|host|auth")
# Lines the prefilter must keep: the function line of an endpoint function.
LINE_PATTERNS = (_ENDPOINT_FUNCTION,)
_JAVA_URL_OBJECT = re.compile(r"\bnew\s+URL\s*\(")
# A literal that is a branch of a conditional value continued from the line above, or its
# fallback (Python `url = (setting(...)\n    or "https://..")`, JS `|| '..'`, C# `?? ".."`).
_BRANCH_LITERAL = re.compile(r"""^\s*(?:\?(?!\?)|:|\?\?|\|\||or\b)\s*(?:@|[rbuf]{1,2})?['"`]""")


# A line that really calls a host or sets a constant to it (not a link in a UI list).
_CALLS_HOST = re.compile(
    r"(?i)\b(?:fetch|axios|got|ky|request|requests|httpx|urlopen|http\.\w+)\s*[.(]"
    r"|(?:\.|->)(?:get|post|put|patch|delete|request)\s*\(|\b[A-Z][A-Z0-9_]*(?:URL|URI|ENDPOINT|HOST)\s*="
    # a static HTTP client: Laravel's `Http::post('..')`, WordPress `Requests::get`, Rust `reqwest::get`
    r"|\b(?:Http|Requests|reqwest|ureq)::(?:get|post|put|patch|delete|request)\s*\("
    # C# HttpClient and Flurl: `await client.GetStringAsync(url)`, `"https://..".GetJsonAsync<T>()`,
    # PHP (`->`) Guzzle promises: `$client->postAsync($url)`
    r"|(?:\.|->)(?:get|post|put|patch|delete|send|download)\w*async\s*[(<]"
    r"|(?i:host|url|endpoint)\s*(?:\|\||\?\?)"  # a configurable host's default
    # the only URL on its line, first argument of a call opened on the line above (only a
    # call makes such a line a long-tail host): `requests.get(\n    "https://..", timeout=3`;
    # the project's own HTTP helper given the literal: `utils.HttpRequest("https://..", ..)`
    r"""|^\s*["'`]https?://[^"'`\s]+["'`]\s*(?:,|\)|$)(?![^\n]*://)"""
    + f"|{_OWN_REQUEST_HELPER_CALL}"
)


def calls_host(line_text: str) -> bool:
    """The line calls a host or sets a constant to it (see the module docstring)."""
    return _CALLS_HOST.search(line_text) is not None


@dataclass(frozen=True)
class CallSites:
    """What a file's HTTP calls say about its URL literals: the lines that call a literal,
    the names passed to calls whose URL is data, and the file's text (asked whether it
    opens `URL` connections only when a line builds a `new URL(...)`)."""

    lines: frozenset[int] = frozenset()
    passed: frozenset[str] = field(default_factory=frozenset)
    whole: str = ""


def call_sites(
    literal_lines: Iterable[int], data_arguments: Iterable[str], whole: str
) -> CallSites:
    passed = frozenset(name for argument in data_arguments for name in _NAME.findall(argument))
    return CallSites(frozenset(literal_lines), passed, whole)


@lru_cache(maxsize=256)
def _field_rows(field_name: str, whole: str) -> int:
    row = re.compile(rf"""(?m)^\s*['":]?{re.escape(field_name)}['"]?\s*(?::|=>)\s*['"]https?://""")
    return len(row.findall(whole))


def _table_row(line_text: str, whole: str) -> bool:
    """`feed_url: "https://..."` where the file gives a URL under that field on 3+ lines."""
    found = _URL_FIELD.match(line_text)
    return (
        found is not None
        and _ENDPOINT_FIELD.search(found.group(1)) is None
        and _field_rows(found.group(1), whole) >= TABLE_ROWS
    )


def is_call_context(line_text: str, number: int, lines: LineIndex, sites: CallSites) -> bool:
    """The URL on this line is called, or set as an endpoint, not linked to."""
    if number in sites.lines:
        return True
    if _table_row(line_text, sites.whole):
        return False
    if _NOT_A_CALL.search(line_text):
        return False
    assigned = _ASSIGNED.match(line_text)
    name = (assigned.group(1) or assigned.group(2)) if assigned is not None else ""
    if _ASSET_HOST_SETTING.search(line_text) and name not in sites.passed:
        return False
    context = _CALL_CONTEXT.search(line_text)
    if context is not None:
        return _LINK_NAME.search(context.group(0)) is None
    if (
        name
        and not _KEYWORD_ARGUMENT.search(line_text)
        and name in sites.passed
        and not _LINK_NAME.search(name)
    ):
        return True
    if _BRANCH_LITERAL.match(line_text):
        # `private readonly URL = production\n    ? 'https://..'\n    : base`: a branch of the
        # value assigned a line or two above, called where that name is passed
        for back in range(1, 4):
            if number - back < 1:
                break
            above = lines.line_text(number - back)
            assigned = _ASSIGNED.match(above)
            if assigned is not None:
                name = assigned.group(1) or assigned.group(2)
                return name in sites.passed and not _LINK_NAME.search(name)
    if _JAVA_URL_OBJECT.search(line_text) and ".openConnection(" in sites.whole:
        return True
    same_line = _ENDPOINT_FUNCTION.search(line_text)
    if same_line is not None and _SAME_LINE_BODY.search(line_text, same_line.end()):
        return _LINK_NAME.search(same_line.group(0)) is None  # `def api_url, do: "https://.."`
    if _RETURNED_LITERAL.match(line_text):
        # Up to 5 lines back (a `match` or `switch` of templates): the function line is a
        # prefilter candidate too, so the lines between are kept.
        for back in range(1, 6):
            if number - back < 1:
                break
            found = _ENDPOINT_FUNCTION.search(lines.line_text(number - back))
            if found:
                return _LINK_NAME.search(found.group(0)) is None
    if _OPTIONS_URL.match(line_text):
        # `request({\n  method: 'POST',\n  uri: 'https://..'`: the URL of an options object
        # an HTTP client call opened a few lines above
        for back in range(1, 5):
            if number - back < 1:
                break
            if _OPTIONS_CALL.search(lines.line_text(number - back)):
                return True
    return False


# `uri: 'https://..'`, `url: "https://.."` as an entry of an options object
_OPTIONS_URL = re.compile(r"""^\s*['"]?(?:uri|url)['"]?\s*:\s*['"`]https?://""")
# an HTTP client called with an options object: `request({`, `axios({`, `rp({`, `got({`
_OPTIONS_CALL = re.compile(
    r"\b(?:request|rp|requestPromise|axios|got|superagent|needle|ky|fetch|\$\.ajax)\s*\(\s*\{\s*$"
)


# Words of a line that sends something (`deliverWebhook(...)`, `post(hook.url)`): where a
# protocol keyword names an integration. `fetch` as a word only (`fetch_webhook(id)` reads a
# row); not `Sendable` (a type's adjective).
_SENDING = re.compile(
    r"send(?!able)|deliver|dispatch|post|\bfetch\b|request|http|trigger|fire|notify|enqueue"
)
# What says nothing about sending on such a line: Ruby's `ENV.fetch("X_URL")` reads a
# setting; `request.body` / `$request->input` read the inbound request (a webhook received).
_NOT_SENDING = re.compile(
    # an inbound route: C# `[HttpPost("webhook")]`, Spring `@PostMapping("/hooks")`
    r"^\s*\[\s*(?:route|http(?:get|post|put|patch|delete))\b|@(?:\w+mapping|post|put)\b|"
    r"env\.fetch|\$?\b(?:request|req)\s*(?:\.|->)\s*(?:body|headers?|params|raw_post|input|"
    r"get_data|get_json|json|data|content|payload)\b"
    # a Rust inbound route (`#[post("/<target>/webhooks")]`) and the thread-safety bounds
    # `Sync + Send`
    r"|^\s*#\[\s*(?:get|post|put|patch|delete)\s*\(|\bsync\s*\+\s*send\b|\bsend\s*\+\s*sync\b"
)


def sends(row: str) -> bool:
    """The (lowercased) line sends something, by its words."""
    return _SENDING.search(_NOT_SENDING.sub("", row)) is not None
