"""Where a class method that only gives the system's address is used (`def self.endpoint`
returning the URL, `Net::HTTP.post(URI.parse(UsageReport.endpoint), ..)` in a job): the
functions of other files that name it as `Owner.method` or `Owner::method`. Their calls show
the client library the address is sent with, when the site's own file names none."""

from __future__ import annotations

import re

from integration_risk.resilience.defaults import words_of
from integration_risk.resilience.languages import grammar_of
from integration_risk.resilience.sites import Site
from integration_risk.resilience.workspace import Workspace

MAX_CONSUMERS = 3
MIN_NAME = 3  # `Api.url`: shorter owner or method names are too common to follow
# An address helper is a few lines; a consumer's calls speak for the address only in a
# function of modest size (an application's `run` calls every client it has).
MAX_HELPER_LINES = 8
MAX_CONSUMER_LINES = 40


def consumer_words(workspace: Workspace, site: Site) -> tuple[set[str], str]:
    """Callee words of up to MAX_CONSUMERS functions in other files of the site's language
    that use its function by qualified name, and where the first one uses it; nothing for a
    site whose function calls out."""
    if site.outbound or site.kind in ("config", "dependency") or "." not in site.function:
        return set(), ""
    around = workspace.function_at(site.path, site.line)
    if around is None or around[2] - around[1] + 1 > MAX_HELPER_LINES:
        return set(), ""
    owner, method = site.function.rsplit(".", 1)
    owner = re.split(r"::|\.", owner)[-1]
    if len(owner) < MIN_NAME or len(method) < MIN_NAME:
        return set(), ""
    used = re.compile(rf"\b{re.escape(owner)}(?:\.|::){re.escape(method)}\b")
    words: set[str] = set()
    first = ""
    seen = 0
    for path, _, _ in workspace.runtime_files():
        if path == site.path or getattr(grammar_of(path), "name", None) != site.language:
            continue
        text = workspace.raw_text(path)
        if method not in text or owner not in text:
            continue
        match = used.search(text)
        if match is None:
            continue
        line = text.count("\n", 0, match.start()) + 1
        function = workspace.function_at(path, line)
        if function is None or function[2] - function[1] + 1 > MAX_CONSUMER_LINES:
            continue
        first = first or f"used by {function[0]} at {path}:{line}"
        for _, callee in workspace.calls_in(path, function[1], function[2]):
            words |= words_of(callee.replace(".", " ").replace("::", " "))
        seen += 1
        if seen >= MAX_CONSUMERS:
            break
    return words, first
