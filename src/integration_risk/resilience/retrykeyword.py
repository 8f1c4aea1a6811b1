"""Retry keywords that are statements (Ruby's `retry` in a `rescue` clause): such a
`retry` re-runs its `begin` block only, so it protects a call only when that block runs
the call: holds the site, makes a request, or calls a function that leads to the site
(`begin post_event(uri) rescue Net::ReadTimeout ... retry end` around `post_event`)."""

from __future__ import annotations

from integration_risk.resilience import factindex
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.rules import vocabulary
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import Workspace


def leading_functions(workspace: Workspace, site: Site) -> frozenset[str]:
    """Short names of the functions that lead to the site: its own, and the wrappers
    it runs in (a block calling one of them runs the site)."""
    names = {site.function.split(".")[-1]}
    for scope in site.scopes:
        if scope.kind == "wrapper":
            function = workspace.function_at(scope.path, scope.start)
            if function is not None:
                names.add(function[0].split(".")[-1])
    names.discard("<module>")
    return frozenset(names)


def idle_retry_words(
    facts: Facts, signal: str, scope: Scope, site_at: tuple[int | None, frozenset[str]]
) -> frozenset[str]:
    """Retry words of the scope that belong to a `retry` statement re-running a block that
    calls nothing out: the keyword and the flags its rescue clause keeps (`retried`)."""
    keywords = _KEYWORD_SIGNALS.get(facts.language, ())
    if signal != "retry" or not keywords:
        return frozenset()
    idle: set[str] = set()
    for kind, line, token in facts.tokens:
        if kind != signal or token not in keywords or not scope.start <= line <= scope.end:
            continue
        handler = _retried_block_calls_out(facts, line, site_at)
        if handler is None:
            continue
        h_start, h_end = handler
        idle.add(token)
        idle.update(t for k, ln, t in facts.tokens if k == signal and h_start <= ln <= h_end)
    return frozenset(idle)


# Signal words that are statements of the language: Ruby's `retry` in a `rescue` clause.
_KEYWORD_SIGNALS = {"ruby": ("retry",)}


def _retried_block_calls_out(
    facts: Facts, line: int, site_at: tuple[int | None, frozenset[str]]
) -> tuple[int, int] | None:
    """The rescue clause (start, end) of a `retry` on `line` whose `begin` block holds
    neither the site, nor a request, nor a call of a function that leads to the site (the
    site's own function or a wrapper it runs in: `begin post_event(uri) rescue ... retry`);
    None when the retry does re-run a call."""
    site_line, leads_to_site = site_at
    vocab = vocabulary()
    around = [h for h in facts.handlers if h[2] <= line <= h[3]]
    if not around:
        return None  # a `retry` outside a rescue clause: nothing to narrow
    start, end, h_start, h_end = min(around, key=lambda h: h[3] - h[2])
    if site_line is not None and start <= site_line <= end:
        return None
    calls_out = any(
        start <= c_line <= end
        and (vocab.is_network_call(callee) or factindex.last_name(callee) in leads_to_site)
        for c_line, _, callee, _ in facts.calls
    )
    return None if calls_out else (h_start, h_end)
