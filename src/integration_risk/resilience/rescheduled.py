"""A retry scheduled for later by the caller: a function of the site's file runs the site's
function and then one that records the attempt and sets when to try again (a webhook
delivery that counts `attempts += 1` and takes its `retry_after` from a `RETRIES`
schedule). The failed call is made again by a later run; that is a retry kept in the data."""

from __future__ import annotations

import re

from integration_risk.resilience.factindex import CALLEE_SEPARATORS, last_name
from integration_risk.resilience.sites import Site
from integration_risk.resilience.workspace import Workspace

_SELF = frozenset("this self $this @ static".split())
_COUNTER = re.compile(r"(?i)attempt|tries")


def rescheduled_by_caller(workspace: Workspace, site: Site) -> str | None:
    """Reason when a caller of the site's function then runs a function of the same file
    that both counts the attempt and schedules the next (retry words of both kinds)."""
    source = workspace.file(site.path)
    if source is None or source.facts is None:
        return None
    facts = source.facts
    own = site.function.split(".")[-1]
    for scope in site.scopes:
        if scope.kind != "caller" or scope.path != site.path:
            continue
        calls = workspace.calls_in(scope.path, scope.start, scope.end)
        after = next((line for line, callee in calls if last_name(callee) == own), None)
        if after is None:
            continue
        for line, callee in calls:
            parts = [p for p in CALLEE_SEPARATORS.split(callee) if p]
            if line <= after or not parts or (len(parts) > 1 and parts[0] not in _SELF):
                continue
            for name, start, end in facts.funcs:
                if name.split(".")[-1] != parts[-1] or start <= site.line <= end:
                    continue
                words = [t for k, ln, t in facts.tokens if k == "retry" and start <= ln <= end]
                counted = [t for t in words if _COUNTER.search(t)]
                scheduled = [t for t in words if not _COUNTER.search(t)]
                if counted and scheduled:
                    return (
                        f"{scope.label}: then {parts[-1]} ({site.path}:{start}) counts the "
                        f"attempt (`{counted[0]}`) and schedules the next (`{scheduled[0]}`)"
                    )
    return None
