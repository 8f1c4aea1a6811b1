"""A hand-written retry by recursion: an error handler of a function that calls the same
function again (`rescue Errno::ECONNRESET ... deliver(raw, again: false)`)."""

from __future__ import annotations

from integration_risk.resilience import factindex
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import Workspace

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


def recursive_retry(workspace: Workspace, facts: Facts, scope: Scope, site: Site) -> str | None:
    """Why the scope's function retries the site's request by calling itself, or None."""
    again = calls_itself_on_error(facts, scope, site)
    if again is not None:
        where = f"its error handler calls it again at {scope.path}:{again}"
    elif (waited := calls_itself_after_wait(workspace, facts, scope, site)) is not None:
        where = (
            f"waits at {scope.path}:{waited[0]} and calls itself again at {scope.path}:{waited[1]}"
        )
    else:
        return None
    return f"{scope.label}: {where} (hand-written retry)"


MAX_HELPER_LINES = 4  # a sleep helper is a one-liner (`const timer = ms => new Promise(..)`)


def calls_itself_after_wait(
    workspace: Workspace, facts: Facts, scope: Scope, site: Site
) -> tuple[int, int] | None:
    """(wait line, call line) where the scope's function waits and then calls itself again
    after the site's request (`if (res.status === 429) { await timer(5000); return
    this.fetch(url, opts, tries + 1) }`, `time.sleep(2); return self.get(url, attempt + 1)`):
    a retry by recursion outside any error handler."""
    index = facts.function_at(scope.start)
    if scope.kind not in _OWN or index < 0:
        return None
    name, start, end = facts.funcs[index]
    name = name.split(".")[-1]
    after = site.line if scope.kind == "function" and scope.path == site.path else start
    for line, _, callee, _ in factindex.calls_named(facts, name):
        parts = [p for p in factindex.CALLEE_SEPARATORS.split(callee) if p]
        if not after < line <= end or (len(parts) > 1 and parts[0] not in _SELF_CALL):
            continue
        wait = _wait_between(workspace, facts, after, line)
        if wait is not None:
            return wait, line
    return None


def _wait_between(workspace: Workspace, facts: Facts, start: int, end: int) -> int | None:
    """The first line in (start, end) that sleeps, directly or through a project helper
    whose short body sleeps."""
    for kind, line, _ in facts.tokens:
        if kind == "sleep" and start < line < end:
            return line
    for line, _, callee, _ in facts.calls:
        if start < line < end and _sleeps(workspace, facts.language, factindex.last_name(callee)):
            return line
    return None


def _sleeps(workspace: Workspace, language: str, name: str) -> bool:
    """Whether the project's only definition of `name` is a short helper that sleeps."""
    found = workspace.definitions(language, name) if name else []
    if len(found) != 1:
        return False
    path, line = found[0]
    source = workspace.file(path)
    if source is None or source.facts is None:
        return False
    sleeps = [ln for kind, ln, _ in source.facts.tokens if kind == "sleep"]
    return any(line <= ln < line + MAX_HELPER_LINES for ln in sleeps)
