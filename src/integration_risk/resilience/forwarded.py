"""A client built from a setting its constructor only forwards from a parameter that
defaults to nothing (`def __init__(self, token, timeout=None): self.api = Api(timeout=
timeout)`): the setting holds only where some call of that constructor passes it
(`Notifier(token, timeout=5)`); where none does, the line sets nothing."""

from __future__ import annotations

import re
from functools import lru_cache

from integration_risk.resilience.facts import Facts
from integration_risk.resilience.sites import Scope
from integration_risk.resilience.workspace import Workspace

# a parameter's default that sets nothing: `timeout=None`, `timeout: int = 0`, `$t = null`
_OFF_DEFAULT = r"\s*(?::[^=,)]*)?=\s*(?:None|null|nil|undefined|0|false|False)(?![\w.])"
# the names a class's constructor is declared under in the languages we parse
_CONSTRUCTORS = frozenset("__init__ constructor initialize __construct init new".split())


@lru_cache(maxsize=1024)
def _forwarded(token: str) -> re.Pattern[str]:
    """`token=name`, `token: name`, `'token': name`, `'token' => $name`: the value a bare name."""
    return re.compile(
        rf"(?<![\w$]){re.escape(token)}['\"]?\s*(?:=(?![=>])|:(?!:)|=>)\s*\$?([A-Za-z_]\w*)\s*(?:[,)}}\]]|$)"
    )


def _callable_name(qualname: str) -> str:
    """What callers write to call the function: a constructor by its class's name."""
    parts = qualname.split(".")
    if parts[-1] in _CONSTRUCTORS and len(parts) > 1:
        return parts[-2]
    return parts[-1]


def _passed_anywhere(workspace: Workspace, name: str, param: str) -> bool:
    """Does any call of `name` in the project's runtime code pass `param` by its name?"""
    memo: dict[tuple[str, str], bool] = vars(workspace).setdefault("_forwarded_passed", {})
    key = (name, param)
    if key not in memo:
        call = re.compile(
            rf"(?<![\w$.]){re.escape(name)}(?:\.new|::new)?\s*\((?:[^()]|\([^()]*\))*?"
            rf"(?<![\w$]){re.escape(param)}\s*(?:=(?![=>])|:(?!:))"
        )
        memo[key] = any(
            name in text and call.search(text) is not None
            for text in (workspace.raw_text(path) for path, _, _ in workspace.runtime_files())
        )
    return memo[key]


def unset_forwards(
    workspace: Workspace, facts: Facts, lines: list[str], scope: Scope, signal: str
) -> frozenset[int]:
    """Lines of a client's construction whose `signal` setting only forwards a parameter
    that defaults to nothing, which no call of the constructor passes."""
    found = set()
    for kind, line, token in facts.tokens:
        if kind != signal or not scope.start <= line <= scope.end:
            continue
        value = _forwarded(token).search(lines[line - 1])
        index = facts.function_at(line)
        if value is None or index < 0 or index >= len(facts.params):
            continue
        start, end = facts.params[index]
        if start < 1:
            continue
        declared = " ".join(lines[start - 1 : end])
        param = value.group(1)
        if re.search(rf"(?<![\w$])\$?{re.escape(param)}{_OFF_DEFAULT}", declared) is None:
            continue
        if not _passed_anywhere(workspace, _callable_name(facts.funcs[index][0]), param):
            found.add(line)
    return frozenset(found)
