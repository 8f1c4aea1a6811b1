"""Jobs defined where they are enqueued (Hangfire): `BackgroundJob.Enqueue(() =>
_emailService.SendInviteEmail(dto))` runs `SendInviteEmail` as a job, and
`Enqueue<IEmailService>(x => x.Send(..))` runs `Send` of the service the type names. The
job's method is the first call of the enqueued expression; a retry policy written on that
method (`[AutomaticRetry(Attempts = 0)]`) speaks instead of the framework's default."""

from __future__ import annotations

import re

from integration_risk.resilience.clientvars import callee_parts
from integration_risk.resilience.factindex import last_name
from integration_risk.resilience.jobdata import frameworks
from integration_risk.resilience.workspace import Workspace

_ENQUEUE = frozenset({"Enqueue", "Schedule", "AddOrUpdate"})
_GENERIC = re.compile(r"\b(?:Enqueue|Schedule|AddOrUpdate)\s*<\s*(\w+)\s*>")
_PARAMETER = re.compile(r"\(?\s*(\w+)\s*\)?\s*=>")


def enqueued_calls(workspace: Workspace, path: str, line: int) -> list[str]:
    """The callee the job enqueued on `line` runs (its receiver named by the generic type
    argument when the expression calls a lambda parameter); empty when there is none."""
    source = workspace.file(path)
    if source is None or source.facts is None or source.facts.error:
        return []
    calls = source.facts.calls
    enqueue = next((c for c in calls if c[0] == line and last_name(c[2]) in _ENQUEUE), None)
    if enqueue is None:
        return []
    start, end, callee, _ = enqueue
    text = " ".join(source.lines[start - 1 : end])
    generic = _GENERIC.search(text)
    parameter = _PARAMETER.search(text)
    for at, _, inner, _ in calls:
        if not start <= at <= end or inner == callee or last_name(inner) in _ENQUEUE:
            continue
        parts = callee_parts(inner)
        if generic and parameter and len(parts) == 2 and parts[0] == parameter.group(1):
            owner = generic.group(1)
            if re.match(r"^I[A-Z]", owner):  # the interface's implementation: `IEmailService`
                owner = owner[1:]
            return [f"{owner}.{parts[1]}"]
        return [inner]
    return []


def has_own_policy(workspace: Workspace, path: str, start: int) -> bool:
    """Does the function starting at `start` carry its own retry policy (a policy line of a
    function-scope framework inside its attribute-inclusive range: `[AutomaticRetry(Attempts
    = 0)]` turns retries off, `Attempts = 3` is a policy of its own, judged as such)?"""
    function = workspace.function_at(path, start)
    entry = workspace.text_index().entries().get(path)
    if function is None or entry is None:
        return False
    _, first, last = function
    own = {f.id for f in frameworks() if f.scope == "function"}
    return any(
        framework in own and kind in ("on", "off") and first <= line <= last
        for framework, line, kind, _ in entry.jobs
    )
