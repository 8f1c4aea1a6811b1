"""A hand-written retry by recursion: an error handler of a function that calls the same
function again (`rescue Errno::ECONNRESET ... deliver(raw, again: false)`)."""

from __future__ import annotations

from integration_risk.resilience import factindex
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.sites import Scope, Site

_OWN = ("function", "wrapper")
_SELF_CALL = frozenset("this self $this @ static".split())


def calls_itself_on_error(facts: Facts, scope: Scope, site: Site) -> int | None:
    """The line where an error handler of the scope's function calls that function again
    (`rescue Errno::ECONNRESET ... send_message(msg, retry: false)`, `except ConnectionError:
    return fetch(url, attempt + 1)`), around the site when the scope is the site's own."""
    index = facts.function_at(scope.start)
    if scope.kind not in _OWN or index < 0:
        return None
    name = facts.funcs[index][0].split(".")[-1]
    own = scope.kind == "function" and scope.path == site.path
    for t_start, t_end, h_start, h_end in facts.handlers:
        if not scope.start <= h_start <= scope.end or (own and not t_start <= site.line <= t_end):
            continue
        for line, _, callee, _ in factindex.calls_named(facts, name):
            parts = [p for p in factindex.CALLEE_SEPARATORS.split(callee) if p]
            if h_start <= line <= h_end and (len(parts) == 1 or parts[0] in _SELF_CALL):
                return line
    return None
