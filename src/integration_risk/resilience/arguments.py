"""Which of a wrapper's parameters its caller passes: `buildClient(int $timeout, ...)`
called as `buildClient(5)` gets a timeout, positionally; `get(url, timeout=None)` called as
`get(url)` does not. Read from text: the argument list of the first call by that name."""

from __future__ import annotations

import re

from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import Workspace
from integration_risk.scan.callargs import split_top_level

_OPEN, _CLOSE = "([{", ")]}"
_KEYWORD = re.compile(r"^\s*\$?([A-Za-z_]\w*)\s*(?:=(?![=>])|:(?!:))")


def bracketed(text: str, start: int) -> str | None:
    """The text inside the parentheses opening at `start` (`text[start] == "("`)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] in _OPEN:
            depth += 1
        elif text[index] in _CLOSE:
            depth -= 1
            if depth == 0:
                return text[start + 1 : index]
    return None


def call_arguments(text: str, name: str) -> list[str] | None:
    """Arguments of the first call of `name` in `text`, or None when there is none."""
    match = re.search(rf"(?<![\w$]){re.escape(name)}\s*(?:<[^<>()]*>)?\s*\(", text)
    if match is None:
        return None
    inner = bracketed(text, match.end() - 1)
    return None if inner is None else split_top_level(inner)


_RECEIVER_PARAM = re.compile(r"^\s*&?(?:mut\s+)?(?:self|cls|this)\b")


def passed(parameters: str, arguments: list[str], words: set[str]) -> set[str]:
    """Of `words` (parameter names), those the arguments pass: by position or by name.
    A method's own receiver parameter (`self`, `&self`) takes no argument."""
    params = split_top_level(parameters)
    if params and _RECEIVER_PARAM.match(params[0]):
        params = params[1:]
    named = {m.group(1) for a in arguments if (m := _KEYWORD.match(a))}
    positional = sum(1 for a in arguments if not _KEYWORD.match(a))
    found = set()
    for word in words:
        if word in named:
            found.add(word)
            continue
        for index, param in enumerate(params):
            # the parameter's own name, not a field of its type (`init?: { timeout?: number }`)
            own = re.split(r"[:={]", param, maxsplit=1)[0]
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", own) and index < positional:
                found.add(word)
    return found


def passed_by_caller(workspace: Workspace, site: Site, scope: Scope, names: set[str]) -> set[str]:
    """Of a wrapper's caller-controlled parameters `names`, those the call reaching it
    passes (`buildClient(5)` for `buildClient(int $timeout)`): the first call by the
    wrapper's name in the site's other scopes."""
    source = workspace.file(scope.path)
    facts = source.facts if source is not None else None
    if source is None or facts is None:
        return set()
    index = facts.function_at(scope.start)
    if index < 0 or index >= len(facts.params) or facts.params[index][1] < 1:
        return set()
    name = facts.funcs[index][0].split(".")[-1]
    start, end = facts.params[index]
    declared = " ".join(source.lines[max(0, start - 1) : end])
    parameters = call_arguments(declared, name)
    if parameters is None:  # the parameter list alone (`(int $timeout)`)
        inner = declared[declared.find("(") :]
        parameters = split_top_level(bracketed(inner, 0) or "") if inner else []
    for other in site.scopes:
        if other.kind in ("window", "settings") or (other.path, other.start) == (
            scope.path,
            scope.start,
        ):
            continue
        text_source = workspace.file(other.path)
        if text_source is None:
            continue
        arguments = call_arguments(" ".join(text_source.lines[other.start - 1 : other.end]), name)
        if arguments is not None:
            return passed(",".join(parameters), arguments, names)
    return set()
