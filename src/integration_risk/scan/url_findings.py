"""What a URL found in a file says: a call to a catalog system's host, a long-tail host the
code calls, or nothing (a link in a comment, a documentation page, a Content-Security-Policy
entry, a redirect of the user's browser). One URL hit at a time, for `extract_file`."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from integration_risk.catalog.index import CatalogIndex
from integration_risk.lines import LineIndex
from integration_risk.scan import urls
from integration_risk.scan.endpoints import LINK_CONTEXT, CallSites, is_call_context
from integration_risk.scan.findings import LONGTAIL_HOST

COMMENT_LINE = re.compile(r"^\s*(?:#(?![\[!])|//|/\*|\*|<!--|;)")
# A URL path that is documentation, whatever the variable holding it is called.
# A URL carrying campaign-tracking parameters (`?utm_source=`): marketing links.
_CAMPAIGN_LINK = re.compile(r"""[^\s'"`<>]*?[?&]utm_(?:source|medium|campaign|content|term)=""")
_DOC_PATH = re.compile(r"(?i)/(?:docs?|documentation|help|blog|guides?|learn|wiki|kb)\b")
_CSP_DIRECTIVE = re.compile(
    r"\b(?:default|script|style|img|connect|font|frame|media|object|worker|child|manifest)"
    r"-src\b|\bframe-ancestors\b"
)
# Rails `redirect_to`, Laravel `redirect()->away(`, Django `HttpResponseRedirect(`, Go
# `http.Redirect(`, Express `res.redirect(`.
_REDIRECT = re.compile(
    r"\bredirect_to\b|\bredirect\(|->away\(|Redirect\(|\.redirect\(|Redirect\w*\("
)


class Add(Protocol):  # the shape of the `add` closure in extract_file
    def __call__(
        self, provider: str, kind: str, offset: int, dev_dependency: bool = ..., line: int = ...
    ) -> None: ...


@lru_cache(maxsize=256)
def _line_traits(line_text: str) -> tuple[bool, bool, bool, bool]:
    """(comment, link field, CSP, redirect) of a line, read once per line: a line holding
    thousands of URLs (an inline asset list) was searched again for each of them."""
    return (
        COMMENT_LINE.match(line_text) is not None,
        LINK_CONTEXT.search(line_text) is not None,
        ("-src" in line_text or "frame-ancestors" in line_text)
        and _CSP_DIRECTIVE.search(line_text) is not None,
        ("edirect" in line_text or "->away(" in line_text)
        and _REDIRECT.search(line_text) is not None,
    )


def url_finding(
    hit: urls.UrlHit,
    lines: LineIndex,
    index: CatalogIndex,
    add: Add,
    long_tail_ok: bool,
    sites: CallSites,
    url_kind: str = "url",
    called: dict[int, bool] | None = None,
) -> None:
    """`called`: the file's `is_call_context` answers by line, filled as lines are asked."""
    number = lines.line_of(hit.offset)
    line_text = lines.line_text(number)
    at = line_text.find(hit.host) if hit.host else -1
    comment, link_field, csp, redirect = _line_traits(line_text)
    if comment or (link_field and not _cdn_asset(hit.host, line_text, at, index)):
        return  # links in comments and link fields document, they do not call
    if csp:
        return  # a Content-Security-Policy lists what browsers may load; the app calls none
    if at > 0 and _in_trailing_comment(line_text, at):
        return  # `$url = idn_to_puny($url);  // https://bugs.example.net/...`
    if at >= 0 and _CAMPAIGN_LINK.match(line_text, at + len(hit.host)):
        return  # `https://vendor.com/?utm_source=us`: a link for people, never an API call
    provider = index.host_provider(hit.host)
    documentation = at >= 0 and _DOC_PATH.match(line_text, at + len(hit.host)) is not None
    # A catalog system on a site mostly linked to (`en.wikipedia.org`), or a link into a
    # vendor's documentation (`hint="See https://vendor.io/docs/..."`): only where called.
    called = {} if called is None else called

    def in_call_context() -> bool:
        if number not in called:
            called[number] = is_call_context(line_text, number, lines, sites)
        return called[number]

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
    if not in_call_context() or redirect:
        return  # a redirect sends the user's browser there; the app calls nothing
    add(LONGTAIL_HOST + hit.host, url_kind, hit.offset)


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


def _in_trailing_comment(line: str, column: int) -> bool:
    start = _trailing_comment_start(line)
    return 0 <= start < column


@lru_cache(maxsize=256)
def _trailing_comment_start(line: str) -> int:
    """Where a comment after code starts on `line` (outside any string), or -1; once per
    line, not once per URL on it."""
    for marker in _TRAILING_MARKER.finditer(line):
        before = line[: marker.start()]
        if before.strip() and all(before.count(q) % 2 == 0 for q in "\"'`"):
            return marker.start()
    return -1
