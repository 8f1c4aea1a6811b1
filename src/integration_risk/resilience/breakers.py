"""Circuit breakers written by the caller: a function that calls out inside a `try` and, in
the handler, records the failure so that later calls skip the target (`RecordFailure(id)`
on a provider status service, `disabled = True` on a channel, `mark_dead(node)`). The calls
of its `try` block are followed two levels, receiver dispatch included, as a job handler's
are (`jobs.py`); a call site reached so, whose error is not swallowed on the way, has
`circuit_breaker: yes` citing the handler. The handler lines come from the text index
(`data/hints.toml`, `breaker-action`), so no file is read for a project without them."""

from __future__ import annotations

import re

from integration_risk.resilience.cooldown import cooldown_reason
from integration_risk.resilience.jobs import MAX_DEPTH, MAX_REACHED, JobIndex
from integration_risk.resilience.sites import Site
from integration_risk.resilience.workspace import Workspace

HINT = "breaker-action"
MAX_TRY_CALLS = 20
# A swallowed error never reaches the caller's handler, so it records nothing.
_REACHES_CALLER = frozenset({"none", "rethrow", "unknown"})

Origin = tuple[str, int, str]  # handler path, handler line, its text


class BreakerIndex:
    def __init__(self, workspace: Workspace, jobs: JobIndex) -> None:
        self.workspace = workspace
        self.jobs = jobs
        self._reached: dict[tuple[str, int], tuple[Origin, str]] | None = None
        self._guarded: list[tuple[str, int, int, Origin]] = []  # try blocks themselves

    def reason(self, site: Site, handling: str) -> str | None:
        """ "a caller records failures and stops calling (...)" when one reaches the site."""
        source = self.workspace.file(site.path)
        cooled = cooldown_reason(source, site) if source is not None else None
        if cooled is not None:  # the site's function skips it while a failure is recent
            return cooled
        if handling not in _REACHES_CALLER or site.kind in ("config", "dependency"):
            return None
        reached = self.reached()
        text = source.text if source is not None else ""
        for path, start, end, origin in self._guarded:
            if path == site.path and start <= site.line <= end and _can_hold(origin, text):
                return _describe(origin, f"{site.path}:{site.line} is in its try block")
        for scope in site.scopes:
            if scope.kind not in ("function", "caller"):
                continue
            hit = reached.get((scope.path, scope.start))
            if hit is not None and _can_hold(hit[0], text):
                origin, chain = hit
                return _describe(origin, f"{site.function} runs in its try block via {chain}")
        return None

    def reached(self) -> dict[tuple[str, int], tuple[Origin, str]]:
        if self._reached is None:
            self._reached = self._reach()
        return self._reached

    def _reach(self) -> dict[tuple[str, int], tuple[Origin, str]]:
        reached: dict[tuple[str, int], tuple[Origin, str]] = {}
        frontier: list[tuple[str, str, Origin, str]] = []  # path, callee, origin, chain
        for path, line, text in self.workspace.text_index().hints(HINT):
            source = self.workspace.file(path)
            if source is None or source.facts is None or source.facts.error:
                continue
            for try_start, try_end, h_start, h_end in source.facts.handlers:
                if not h_start <= line <= h_end:
                    continue
                origin = (path, line, text)
                self._guarded.append((path, try_start, try_end, origin))
                calls = self.workspace.calls_in(path, try_start, try_end)[:MAX_TRY_CALLS]
                frontier += [(path, callee, origin, "") for _, callee in calls]
        for _ in range(MAX_DEPTH):
            next_frontier: list[tuple[str, str, Origin, str]] = []
            for path, callee, origin, chain in frontier:
                for target_path, target_start, name in self.jobs.resolve(path, callee):
                    key = (target_path, target_start)
                    if key in reached or len(reached) >= MAX_REACHED:
                        continue
                    step = f"{chain} -> {name}" if chain else name
                    reached[key] = (origin, step)
                    next_frontier += [
                        (target_path, next_callee, origin, step)
                        for next_callee in self.jobs.calls_of(target_path, target_start)
                    ]
            frontier = next_frontier
        return reached


# `disabled = True if e.permanent else disabled`: the action waits on one kind of error.
_CONDITION = re.compile(r"\bif\s+(?:not\s+)?\w+\.(\w+)")


def _can_hold(origin: Origin, site_text: str) -> bool:
    """An action conditional on an error's attribute (`e.permanent`) holds only for a
    target whose code names that attribute (raises such errors)."""
    condition = _CONDITION.search(origin[2])
    return condition is None or re.search(rf"\b{condition.group(1)}\b", site_text) is not None


def _describe(origin: Origin, route: str) -> str:
    path, line, text = origin
    return (
        f"a caller records the failure and stops calling: `{text[:80]}` at {path}:{line}; {route}"
    )
