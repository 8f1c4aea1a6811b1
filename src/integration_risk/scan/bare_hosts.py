"""A catalog host written without a scheme: a string whose whole value is the host.

SMTP and SDK settings name a vendor's host bare (`host: "smtp.mailgun.org"`,
`Map.put_new(config, :domain, "api.axiom.co")`, `SMTP_HOST = "smtp.sendgrid.net"`); the client
adds the scheme. Only hosts of three labels or more count, and only when the catalog lists
that host (or a parent of three labels or more) itself: a two-label name (`github.com`) in a
string is as often a link, an e-mail domain or an allow-list entry as a host that is called.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from integration_risk.scan.urls import UrlHit

_MIN_LABELS = 3
# A quoted string that is a host name and nothing else.
_BARE_HOST = re.compile(
    r"""(?<![\w$])(["'`])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.){2,}[a-z]{2,24})\1""", re.I
)
# What stands before a host the code only compares with: `host == "api.vendor.com"`,
# `strings.HasSuffix(h, "api.vendor.com")`, `allowed.include?("api.vendor.com")`.
_COMPARED = re.compile(
    r"(?:[=!]==?|\b(?:startswith|startsWith|StartsWith|HasPrefix|starts_with\??|start_with\?"
    r"|endswith|endsWith|EndsWith|HasSuffix|ends_with\??|end_with\?|Contains|contains|includes"
    r"|include\?|Equals|equals)\s*\(\s*(?:[$\w.\->]+\s*,\s*)?)\s*$"
)
# A line listing several hosts is a list the code checks against (allowed hosts, a CSP).
_MAX_ON_LINE = 2
# A host that is a key (`"id.twitch.tv": {`, `'api.vendor.com' =>`, `["api.vendor.com"] =`):
# a table of known systems the code looks a configured address up in.
_KEY_AFTER = re.compile(r"\s*(?:\]\s*)?(?::(?!:)|=>|=(?!=))")
# A line that is one element of a list written one per line (`    "api.vendor.com",`), or
# that fills a browser content policy (`scriptSrc.push("cdn.vendor.com")`, `connect_src=[..]`).
_LIST_ELEMENT = re.compile(r"""^\s*(["'`])[^"'`]*\1\s*,?\s*$""")
_POLICY = re.compile(
    r"(?i)\b\w*(?:default|script|style|img|connect|font|frame|media|worker)[-_]?src\b"
)


def catalog_host_of(host: str, hosts: Mapping[str, str]) -> str | None:
    """The catalog host `host` is, or lies under, when that catalog host has three labels
    or more; None otherwise."""
    parts = host.lower().split(".")
    for start in range(len(parts) - _MIN_LABELS + 1):
        candidate = ".".join(parts[start:])
        if candidate in hosts:
            return candidate
    return None


def anchor_hosts(hosts: Iterable[str]) -> Iterator[str]:
    """The catalog hosts a bare literal can name (the prefilter keeps their lines)."""
    return (h for h in hosts if h.count(".") >= _MIN_LABELS - 1 and not h.startswith("www."))


def bare_host_hits(text: str, hosts: Mapping[str, str]) -> Iterator[UrlHit]:
    """A `UrlHit` without a scheme for each string that is a catalog host of three labels
    or more, unless the code compares a value with it or lists it among other hosts."""
    if not any(q in text for q in "\"'`"):
        return
    per_line: dict[int, list[re.Match[str]]] = {}
    for match in _BARE_HOST.finditer(text):
        host = match.group(2).lower()
        if host.startswith("www.") or catalog_host_of(host, hosts) is None:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        per_line.setdefault(line_start, []).append(match)
    for line_start, matches in per_line.items():
        line_end = text.find("\n", line_start)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if (
            len(_BARE_HOST.findall(line)) > _MAX_ON_LINE
            or _LIST_ELEMENT.match(line)
            or _POLICY.search(line)
        ):
            continue
        for match in matches:
            if _COMPARED.search(text, line_start, match.start()) is None and not (
                _KEY_AFTER.match(text, match.end())
            ):
                yield UrlHit("", match.group(2).lower(), match.start(2))
