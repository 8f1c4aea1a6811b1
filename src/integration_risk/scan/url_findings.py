"""What a URL found in a file says: a call to a catalog system's host, a long-tail host the
code calls, or nothing (a link in a comment, a documentation page, a Content-Security-Policy
entry, a redirect of the user's browser). One URL hit at a time, for `extract_file`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from integration_risk.catalog.index import CatalogIndex
from integration_risk.lines import COMMENT_LINE, LineIndex
from integration_risk.scan import urls
from integration_risk.scan.endpoints import CallSites, is_call_context
from integration_risk.scan.findings import LONGTAIL_HOST


class Add(Protocol):  # the shape of the `add` closure in extract_file
    def __call__(
        self, provider: str, kind: str, offset: int, dev_dependency: bool = ..., line: int = ...
    ) -> None: ...


@dataclass
class LineTraits:
    """What the URLs of one line share, read once per line: a line holding thousands of
    URLs (an asset list inlined in code) was read again, and sliced again, for each."""

    text: str
    comment: bool
    link_field: bool
    csp: bool
    redirect: bool
    url_map: bool
    comment_from: int  # where a comment after code starts, or -1
    prose: tuple[tuple[int, int], ...]  # where quoted prose values (`"comment": "..."`) lie
    called: bool | None = None  # `is_call_context`, once asked


# Links shown to people (docs, homepages, badges) name a site; they do not call it.
LINK_CONTEXT = re.compile(
    r"(?i)\b(?:link|href|homepage|website|repository|repo_url|docs?_url|documentation|"
    r"bugs|issues_url|source_url|help_url|support_url|"
    # pages people read: `license_url:`, `privacy_url`, `terms_url`, `donation_url`
    r"(?:license|licence|privacy|terms|tos|copyright|attribution|donation|donate)_url)"
    r"['\"]?\s*[:=]|\]\(https?://"
    # a map entry keyed as one: Java `result.put("docs", "https://..")`
    r"|\.put\(\s*[\"'](?:docs?|documentation|link|href|homepage|website|help|guide)[\"']\s*,"
    # a link relation, which names a kind of link (OPDS, Atom, HAL), not a place:
    # `const val REL_PROGRESSION_API = "http://vendor.example/api/progression"`, `rel: "http://.."`
    r"|\b(?:REL|rel)(?:_[A-Za-z]\w*)?['\"]?\s*[:=]\s*[@$]?[\"'`]\w+://"
    # Rails view helpers that render an anchor: `link_to "Report an issue", "https://.."`
    r"|\blink_to(?:_if|_unless)?\b|\bmail_to\b"
)
# Prose for people given as a value: a setting's `"comment": "... https://.."`, `help_text=`,
# `description:`; a URL inside the quoted text is mentioned, not called.
_PROSE_VALUE = re.compile(
    r"(?i)\b(?:comments?|description|help|help_text|hint|notes?|summary|tooltip)['\"]?\s*[:=]\s*"
    r"[rbuf]?([\"'`])((?:(?!\1).)*)"
)
_CSP_DIRECTIVE = re.compile(
    r"\b(?:default|script|style|img|connect|font|frame|media|object|worker|child|manifest)"
    r"-src\b|\bframe-ancestors\b"
)
# Rails `redirect_to`, Laravel `redirect()->away(`, Django `HttpResponseRedirect(`, Go
# `http.Redirect(`, Express `res.redirect(`.
_REDIRECT = re.compile(
    r"\bredirect_to\b|\bredirect\(|->away\(|Redirect\(|\.redirect\(|Redirect\w*\("
)
# An entry of a table from one URL to another (`["https://a.example"] = "https://b.example"`,
# `"https://a.example": "https://b.example",`, `'https://a' => 'https://b'`): a rewrite or
# lookup table of URLs the code compares with, not a host it calls.
_URL_MAP_ENTRY = re.compile(
    r"""^\s*\[?\s*[@$]?(["'`])\w+://[^"'`\s]*\1\s*(?:\]\s*=|:|=>)\s*[@$]?["'`]\w+://"""
)


def _traits(text: str) -> LineTraits:
    return LineTraits(
        text,
        COMMENT_LINE.match(text) is not None,
        LINK_CONTEXT.search(text) is not None,
        ("-src" in text or "frame-ancestors" in text) and _CSP_DIRECTIVE.search(text) is not None,
        ("edirect" in text or "->away(" in text) and _REDIRECT.search(text) is not None,
        text.count("://") > 1 and _URL_MAP_ENTRY.match(text) is not None,
        _trailing_comment_start(text),
        tuple(m.span(2) for m in _PROSE_VALUE.finditer(text)),
    )


# A URL a value is compared with: `base_url.startswith("https://api.vendor.ai")`,
# `strings.HasPrefix(u, "https://..")`, `url == "https://.."`: the code tells which system a
# configured URL points at; the request goes to the configured URL, wherever that is.
_COMPARED = re.compile(
    r"(?:\b(?:startswith|startsWith|StartsWith|HasPrefix|starts_with\??|start_with\?|"
    r"str_starts_with|endswith|endsWith|EndsWith|HasSuffix|ends_with\??|end_with\?|str_ends_with)"
    r"\s*\(\s*(?:[$\w.\->]+\s*,\s*)?|[=!]==?\s*)[@$]?[\"'`]\w+://$"
)

# What follows a URL's host tells a link for people from an endpoint.
# A URL carrying campaign-tracking parameters (`?utm_source=`): marketing links.
_CAMPAIGN_LINK = re.compile(r"""[^\s'"`<>]*?[?&]utm_(?:source|medium|campaign|content|term)=""")
# A URL whose path holds a run of placeholder characters (`/T00000000/XXXXXXXXXXXX`): the
# sample a document or a test value shows, never a configured endpoint.
_PLACEHOLDER_PATH = re.compile(r"""[^\s'"`<>?#]*?/[A-Za-z]?(?:X{8,}|x{8,}|0{8,})(?:[/?#'"`\s]|$)""")
# A URL path that is documentation, whatever the variable holding it is called.
_DOC_PATH = re.compile(r"(?i)/(?:docs?|documentation|help|blog|guides?|learn|wiki|kb)\b")


# A User-Agent's contact link: a product comment names the agent's home page for the sites it
# visits (`"Mozilla/5.0 (compatible; ExampleBot/2.0; +https://bot.example)"`, the `+` form
# crawlers use, or a URL inside a `(compatible; ...)` comment): the agent calls other sites.
_AGENT_CONTACT = re.compile(r"(?:[(;]\s*\+\s*|\(compatible;[^()]*)$")


def _agent_contact(line: str, start: int) -> bool:
    """The URL starting at `start` is a User-Agent's contact link."""
    before = line[:start]
    return ("+" in before or "compatible;" in before) and _AGENT_CONTACT.search(before) is not None


# A JSON member (`"book": "https://store.example/v1/books",`) on a line of its own: in Java,
# Kotlin or C#, whose code has no such syntax, a line of a JSON document held in a string
# (a canned response, a default settings file), which names URLs for its reader.
_JSON_MEMBER = re.compile(r"""^\s*"[\w.-]+"\s*:\s*"\w+://[^"\s]*"\s*,?\s*$""")


def url_finding(
    hit: urls.UrlHit,
    lines: LineIndex,
    index: CatalogIndex,
    add: Add,
    long_tail_ok: bool,
    sites: CallSites,
    url_kind: str,
    seen: dict[int, LineTraits],
    json_in_strings: bool = False,
) -> None:
    """`seen`: the file's lines read so far, by number (one dict per file).
    `json_in_strings`: the file's language has no `"key": value` syntax (Java, Kotlin, C#)."""
    number = lines.line_of(hit.offset)
    line = seen.get(number)
    if line is None:
        line = seen[number] = _traits(lines.line_text(number))
    line_text = line.text
    # this URL's own host (the line may name it again elsewhere)
    at = line_text.find(hit.host, hit.offset - lines.start_of(number)) if hit.host else -1
    if line.comment or (line.link_field and not _cdn_asset(hit.host, line_text, at, index)):
        return  # links in comments and link fields document, they do not call
    if line.csp:
        return  # a Content-Security-Policy lists what browsers may load; the app calls none
    if line.url_map:
        return  # `["https://old.example"] = "https://new.example"`: a table of URLs
    if json_in_strings and _JSON_MEMBER.match(line_text):
        return  # `"book": "https://store.example/v1/books",` inside a JSON text
    if at > 0 and _COMPARED.search(line_text, 0, at) is not None:
        return  # `api_base.startswith("https://api.vendor.ai")`: a test of a setting
    if at >= 0 and any(start <= at < end for start, end in line.prose):
        return  # `"comment": "for instance 'https://libravatar.org'"`: prose mentions it
    if at > 0 and 0 <= line.comment_from < at:
        return  # `$url = idn_to_puny($url);  // https://bugs.example.net/...`
    if at >= 0 and _CAMPAIGN_LINK.match(line_text, at + len(hit.host)):
        return  # `https://vendor.com/?utm_source=us`: a link for people, never an API call
    if at >= 0 and _PLACEHOLDER_PATH.match(line_text, at + len(hit.host)):
        return  # `hooks.example/services/T00000000/B00000000/XXXXXXXX`: a documented sample
    if _agent_contact(line_text, hit.offset - lines.start_of(number)):
        return  # `(compatible; ExampleBot/2.0; +https://bot.example)`: who is calling
    if (
        at >= 0
        and hit.host.endswith(_GOOGLE_DOMAIN)
        and _SCOPE_PATH.match(line_text, at + len(hit.host))
    ):
        return  # `https://www.googleapis.com/auth/drive.file`: an OAuth scope's name, no endpoint
    provider = index.host_provider(hit.host)
    if hit.partial:
        # `api{env}.paypal.com`: the vendor's API under a templated name, or nothing we know
        provider = provider or index.domain_provider(hit.host)
        if provider is None:
            return
    if hit.host == _GOOGLE_APIS and at >= 0:
        provider = _google_api(line_text, at, index) or provider
    documentation = at >= 0 and _DOC_PATH.match(line_text, at + len(hit.host)) is not None

    # A catalog system on a site mostly linked to (`en.wikipedia.org`), or a link into a
    # vendor's documentation (`hint="See https://vendor.io/docs/..."`): only where called.
    def in_call_context() -> bool:
        if line.called is None:
            line.called = is_call_context(line_text, number, lines, sites)
        return line.called

    if (
        provider is not None
        and (documentation or (urls.is_noise_host(hit.host) and hit.host not in index.hosts))
        and not in_call_context()
    ):
        return
    if provider is not None:
        add(provider, url_kind, hit.offset)
    scheme_provider = index.scheme_provider(hit.scheme)
    if scheme_provider is not None:
        add(scheme_provider, "scheme", hit.offset)
    if provider is not None or scheme_provider is not None:
        return
    if hit.scheme not in ("http", "https", "ws", "wss") or urls.is_noise_host(hit.host):
        return
    if not long_tail_ok:
        return
    if documentation:
        return  # https://vendor.dev/docs/...: documentation, whatever the variable is called
    if not in_call_context() or line.redirect:
        return  # a redirect sends the user's browser there; the app calls nothing
    add(LONGTAIL_HOST + hit.host, url_kind, hit.offset)


# Google's shared API host names the API in its first path segment:
# `www.googleapis.com/youtube/v3/...` is the YouTube API, served also at `youtube.googleapis.com`.
_GOOGLE_APIS = "www.googleapis.com"
_GOOGLE_DOMAIN = "googleapis.com"
_SCOPE_PATH = re.compile(r"/auth/[\w.-]+(?:[\"'`\s,\]]|$)")
_FIRST_SEGMENT = re.compile(r"/([a-z][a-z0-9]{2,30})/")


def _google_api(line: str, at: int, index: CatalogIndex) -> str | None:
    segment = _FIRST_SEGMENT.match(line, at + len(_GOOGLE_APIS))
    return index.host_provider(f"{segment.group(1)}.googleapis.com") if segment else None


# A stylesheet, script or font file: `href="https://fonts.example.com/css2?family=X"` loads it.
_ASSET_PATH = re.compile(
    r"""[^\s'"`<>?#]*(?:\.(?:css|js|mjs|woff2?|ttf|otf)|/css2?)(?=[?#'"`\s>]|$)"""
)


def _cdn_asset(host: str, line: str, at: int, index: CatalogIndex) -> bool:
    """An `href` to an asset on a CDN the catalog knows: the browser loads it on every
    page, so it is used, not linked to."""
    provider = index.host_provider(host) if at >= 0 else None
    return (
        provider is not None
        and index.categories.get(provider) == "cdn"
        and _ASSET_PATH.match(line, at + len(host)) is not None
    )


# A comment marker after code, outside any string: what follows is a comment.
_TRAILING_MARKER = re.compile(r"(?<=\s)(?://|#)(?=\s)")


def _trailing_comment_start(line: str) -> int:
    """Where a comment after code starts on `line` (outside any string), or -1."""
    for marker in _TRAILING_MARKER.finditer(line):
        before = line[: marker.start()]
        if before.strip() and all(before.count(q) % 2 == 0 for q in "\"'`"):
            return marker.start()
    return -1
