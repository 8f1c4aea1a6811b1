"""Calls that enclose a call site: the site sits in a closure, lambda, block or function
value passed to them (`withRetry(() => fetch(url))`, `retry(|| conn.execute(..), 10)`,
`with_retries { Net::HTTP.get(uri) }`).

Such a call owns the site's execution: a project function that retries, times out or
breaks the closure it is given protects the call inside it, so the wrapper resolver
follows it like a callee of the site's own line.
"""

from __future__ import annotations

from integration_risk.resilience.facts import Facts

# The innermost few: a retrying wrapper is often one level out from a transaction or a
# pool checkout (`withRetry(() => db.transaction(tx => tx.insert(..)))`).
MAX_ENCLOSING = 3
# A call whose arguments span more than this many lines is a router, a test suite or a
# module body (`describe(...)`, `router(...)`), not a wrapper around one operation.
MAX_SPAN = 120


def enclosing_callees(facts: Facts, line: int, end: int) -> list[str]:
    """Callees of the calls in the site's own function that contain the site's lines and
    start on an earlier line (the calls starting on the site's lines are followed
    already), innermost first."""
    func = facts.function_at(line)
    bounds = facts.funcs[func][1:] if func >= 0 else None
    found: list[tuple[int, str]] = []
    for c_line, c_end, callee, c_func in facts.calls:
        if c_func != func or not c_line < line <= end <= c_end or c_end - c_line > MAX_SPAN:
            continue
        if bounds is not None and (c_line, c_end) == tuple(bounds):
            continue  # Elixir's `def` is a call spanning its own function
        found.append((c_end - c_line, callee))
    found.sort(key=lambda item: item[0])
    return [callee for _, callee in found[:MAX_ENCLOSING]]
