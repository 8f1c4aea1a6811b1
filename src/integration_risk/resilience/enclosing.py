"""Calls that own a call site's execution: the site sits in a closure, lambda or block
passed to them (`withRetry(() => fetch(url))`, `retry(|| conn.execute(..), 10)`,
`with_retries { Net::HTTP.get(uri) }`), or its function is passed to them as a value in
the same file (`with_patience(push)`, `retry_db(DbPool::from_config, n)`).

A project function that retries, times out or breaks the closure it is given protects
the call inside it, so the wrapper resolver follows it like a callee of the site's line.
"""

from __future__ import annotations

import re

from integration_risk.resilience.factindex import last_name
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.rules import vocabulary

# The innermost few: a retrying wrapper is often one level out from a transaction or a
# pool checkout (`withRetry(() => db.transaction(tx => tx.insert(..)))`).
MAX_ENCLOSING = 3
# A call whose arguments span more than this many lines is a router, a test suite or a
# module body (`describe(...)`, `router(...)`), not a wrapper around one operation.
MAX_SPAN = 120
# A call that takes a function as a value names it in its first few lines.
MAX_VALUE_SPAN = 6


def enclosing_calls(
    facts: Facts, line: int, end: int, same_line: bool = False
) -> list[tuple[str, int]]:
    """(callee, line) of the calls in the site's own function that contain the site's
    lines, innermost first. Calls starting on the site's first line are included only with
    `same_line` (their callees are followed already; one of them is the site itself)."""
    func = facts.function_at(line)
    bounds = facts.funcs[func][1:] if func >= 0 else None
    found: list[tuple[int, str, int]] = []
    for c_line, c_end, callee, c_func in facts.calls:
        starts_before = c_line < line or (same_line and c_line == line)
        if c_func != func or not starts_before or not end <= c_end or c_end - c_line > MAX_SPAN:
            continue
        if bounds is not None and (c_line, c_end) == tuple(bounds):
            continue  # Elixir's `def` is a call spanning its own function
        found.append((c_end - c_line, callee, c_line))
    found.sort(key=lambda item: item[0])
    return [(callee, c_line) for _, callee, c_line in found[:MAX_ENCLOSING]]


def enclosing_callees(facts: Facts, line: int, end: int) -> list[str]:
    """Callees of the calls that hold the site in a closure, lambda or block and start on
    an earlier line, innermost first."""
    return [callee for callee, _ in enclosing_calls(facts, line, end)]


def receivers_of(facts: Facts, lines: list[str], func: int) -> list[str]:
    """Callees of the calls in the same file that take the site's function itself as an
    argument (`with_patience(push)`, `retry_db(DbPool::from_config, n)`, `withRetry(op)`):
    the function runs as often as they call it."""
    if func < 0:
        return []
    qualname, start, stop = facts.funcs[func]
    name = qualname.split(".")[-1]
    if len(name) < 3:
        return []
    # The bare name, not called, not a receiver (`push`, `self._push`, `Pool::open`).
    value = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$]|\s*[(.!?<:])")
    found: list[tuple[int, str]] = []
    for c_line, c_end, callee, _ in facts.calls:
        if start <= c_line <= stop or c_end - c_line > MAX_VALUE_SPAN:
            continue
        if last_name(callee) == name:
            continue  # a call of the function, not a use of it as a value
        text = " ".join(lines[c_line - 1 : c_end])
        args = text[text.find(callee) + len(callee) :] if callee in text else text
        if value.search(args):
            found.append((c_end - c_line, callee))
    found.sort(key=lambda item: item[0])
    return [callee for _, callee in found[:MAX_ENCLOSING]]


_INVOKE = frozenset({"call", "invoke", "Invoke", "apply", ""})
# A retry loop goes round again on a failure, so it looks at one.
_FAILURE = re.compile(r"\b(?:err|Err|error|Error|rescue|except|catch|failed|failure)\b|:error\b")


def retries_argument(facts: Facts, lines: list[str], start: int, loop: tuple[int, int]) -> bool:
    """Does the loop run again what its function was handed when it fails: call one of its
    parameters (`op()`, `operation.Invoke()`, `fun.(x)`, `block.call`) or the block
    (`yield`), and look at an error (`catch`, `rescue`, `Err(`, `err`)? A lock that waits
    before running it once, or an iterator that yields page after page, does not."""
    index = facts.function_at(start)
    if index < 0 or index >= len(facts.params):
        return False
    first, last = loop
    body = lines[first - 1 : last]
    if not any(_FAILURE.search(text) for text in body):
        return False
    p_start, p_end = facts.params[index]
    params = set(re.findall(r"[A-Za-z_]\w*", " ".join(lines[max(0, p_start - 1) : p_end])))
    for line, _, callee, _ in facts.calls:
        if not first <= line <= last:
            continue
        parts = callee.lstrip("&*").split(".")
        if parts[0] in params and (len(parts) == 1 or (len(parts) == 2 and parts[1] in _INVOKE)):
            return True
    return any(re.search(r"\byield\b", text) for text in body)


MAX_DECORATORS = 6


def decorators(lines: list[str], facts: Facts, line: int) -> list[str]:
    """The decorators of the function around `line` (`@resilient()`, `@with_backoff`): each
    runs the function, so a project decorator (or the factory returning it) is a wrapper."""
    index = facts.function_at(line)
    if index < 0:
        return []
    start = facts.funcs[index][1]
    found: list[str] = []
    for number in range(start, min(len(lines), start + MAX_DECORATORS) + 1):
        text = lines[number - 1].strip()
        if not text.startswith("@"):
            break
        calls = [callee for at, _, callee, _ in facts.calls if at == number]
        found += calls or [re.split(r"[(\s]", text[1:], maxsplit=1)[0]]
    return found


def sends_in(facts: Facts, span: tuple[int, int]) -> bool:
    """Does the loop (a wrapper's) call out, or call a function of its own file (`self._send(..)`, the
    next hop of the request)?"""
    vocab = vocabulary()
    own = {name.split(".")[-1] for name, _, _ in facts.funcs}
    for line, _, callee, _ in facts.calls:
        if not span[0] <= line <= span[1]:
            continue
        parts = [p for p in re.split(r"::|\.|->", callee) if p]
        handed = len(parts) == 1 and parts[0] not in _PLAIN_CALLS  # `fn(*args)` in a decorator
        local = len(parts) == 2 and parts[0] in _SELF_WORDS and parts[-1] in own
        if vocab.is_network_call(callee) or handed or local:
            return True
    return False


_SELF_WORDS = frozenset({"self", "this", "$this", "Self", "base", "super", "cls"})
# Bare calls that convert, count or wait: no next hop of a request.
_PLAIN_CALLS = frozenset(
    "print len int str float bool range list dict set tuple min max sorted isinstance format "
    "enumerate zip abs round repr parseInt parseFloat Number String Boolean sleep usleep "
    "setTimeout".split()
)
