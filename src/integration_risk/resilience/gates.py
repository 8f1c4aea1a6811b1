"""Protections a wrapper applies only on its caller's terms: a parameter without a default
(`timeout?: number`) applies where a caller passes it, and a block behind one flag of a
parameter (`if (request.Retry) { ...WaitAndRetryAsync... }`) where the code on the way sets
that flag (`request.Retry = true`, `{ Retry = true }`, `retry: true`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from integration_risk.resilience.envgate import ENV_GATE
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.rules import vocabulary
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import Workspace


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)


def gated(
    facts: Facts, scope: Scope, lines: list[str], flag_set: Callable[[str], bool] | None
) -> list[tuple[int, int]]:
    """Blocks of a wrapper that run only when a flag on one of its parameters is set
    (`if (request.Retry)` in `ExecuteRequest(Request request)`), and that the code reaching
    it never sets (`request.Retry = true`, `Retry = true` in an initializer)."""
    index = facts.function_at(scope.start)
    if not facts.guards or index < 0 or index >= len(facts.params):
        return []
    start, end = facts.params[index]
    params = set(words(" ".join(lines[max(0, start - 1) : end])))
    return [
        (g_start, g_end)
        for g_start, g_end, owner, flag in facts.guards
        if scope.start <= g_start <= scope.end
        and owner in params
        and not (flag_set is not None and flag_set(flag))
    ]


_DEFAULTED = r"\s*(?::[^=,)]*)?=\s*(?!None\b|null\b|nil\b|undefined\b|0\b|false\b|False\b)[\w'\"]"


def caller_controlled(facts: Facts, scope: Scope, lines: list[str]) -> set[str]:
    """Names a wrapper takes as parameters without a default (`timeout?: number`): the
    wrapper applies them only when its caller passes one, which the caller's own call shows."""
    index = facts.function_at(scope.start)
    if index < 0 or index >= len(facts.params):
        return set()
    start, end = facts.params[index]
    vocab = vocabulary()
    names = set()
    for number in range(start, end + 1):
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        for word in words(text):
            if vocab.classify(word) and not re.search(re.escape(word) + _DEFAULTED, text):
                names.add(word)  # `timeout=10` in a signature applies; `timeout?: number` waits
    return names


def sets_flag(workspace: Workspace, site: Site, guarded: Scope, flag: str) -> bool:
    """Does code on the way to the gated wrapper turn the flag on (`request.Retry = true`,
    `{ Retry = true }`, `retry: true`)? Searched in every other scope of the site."""
    setter = re.compile(
        rf"(?<![\w$]){re.escape(flag)}\s*(?:=(?![=>])|:(?!:)|=>)\s*"
        r"(?!false\b|False\b|0\b|nil\b|null\b|None\b|undefined\b)"
    )
    for scope in site.scopes:
        if (scope.path, scope.start) == (guarded.path, guarded.start):
            continue
        source = workspace.file(scope.path)
        if source is not None and setter.search(
            "\n".join(source.lines[max(0, scope.start - 1) : scope.end])
        ):
            return True
    return False


def env_gated(facts: Facts, signal: str) -> list[tuple[int, int]]:
    """Blocks that run only when the operator sets an environment variable named for the
    `signal` (`if os.getenv("EMAIL_TIMEOUT"): EMAIL_TIMEOUT = ...`): unset, the code sets
    none, so the protection is not the code's default."""
    vocab = vocabulary()
    return [
        (start, end)
        for start, end, owner, flag in facts.guards
        if owner == ENV_GATE and signal in vocab.classify(flag)
    ]
