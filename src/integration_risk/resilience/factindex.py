"""Line lookups over one file's facts, each built once per file: the innermost function
at a line, the innermost short call around a line, and the calls of a function by name.

Each used to be a pass over every function or call per question; on a generated API
client of 22,000 lines (2,500 methods) the call-site analysis took 45 s. The tables are
kept on the `Facts` object beside the lists they were built from and rebuilt when one of
those lists is replaced or grows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from integration_risk.resilience.facts import Facts

Call = tuple[int, int, str, int]  # line, end, callee, function index
MAX_CALL_SPAN = 40  # lines: a longer "call" is a block (a builder chain, a DSL), not a site
# What joins the names of a callee as written: `a.b`, `A::b`, `$a->b`, `a-b`.
CALLEE_SEPARATORS = re.compile(r"[.:>\-]+")
# What names the object or class itself in a callee (`self.send`, `$this->send`, `super.get`).
RECEIVERS = frozenset("this self cls super Self static parent $this @".split())
T = TypeVar("T")


def last_name(callee: str) -> str:
    """`client.api.send` -> `send`; the empty string when the callee ends in a separator."""
    return CALLEE_SEPARATORS.split(callee)[-1]


def function_at(facts: Facts, line: int) -> int:
    """Index of the innermost function containing `line` (the shortest; the first listed
    of equal ones), or -1."""
    table = _cached(facts, "_functions_by_line", (facts.funcs,), lambda: _functions(facts))
    return table[line] if 0 <= line < len(table) else -1


def innermost_call(facts: Facts, line: int) -> Call | None:
    """The shortest call of at most `MAX_CALL_SPAN` lines around `line` (the first listed
    of equal ones), or None."""
    table = _cached(facts, "_calls_by_line", (facts.calls,), lambda: _short_calls(facts))
    return table.get(line)


def calls_named(facts: Facts, name: str) -> list[Call]:
    """The calls whose callee's last name is `name`, in file order."""
    table = _cached(facts, "_calls_by_name", (facts.calls,), lambda: _by_name(facts))
    return table.get(name, [])


def matching_lines(facts: Facts, lines: list[str], pattern: re.Pattern[str]) -> list[int]:
    """The 1-based numbers of the file's `lines` that `pattern` matches, in order: every
    call made on a client asks where the client was assigned."""
    key = f"_lines_matching {pattern.pattern}"
    return _cached(
        facts, key, (lines,), lambda: [n for n, text in enumerate(lines, 1) if pattern.search(text)]
    )


def _cached(facts: Facts, key: str, sources: tuple[list[Any], ...], build: Callable[[], T]) -> T:
    # The entry holds the source lists themselves: `is` and their length tell whether it
    # still describes them (a list it holds cannot be freed, so its identity cannot recur).
    entry = facts.__dict__.get(key)
    if entry is not None:
        held, sizes, value = entry
        same = all(a is b for a, b in zip(held, sources, strict=True))
        if same and sizes == [len(s) for s in sources]:
            return value  # type: ignore[no-any-return]
    value = build()
    facts.__dict__[key] = (sources, [len(s) for s in sources], value)
    return value


def _functions(facts: Facts) -> list[int]:
    size = max((end for _, _, end in facts.funcs), default=0) + 1
    table = [-1] * size
    # Longest first so that inner functions overwrite outer ones; among equal spans the
    # first listed is written last, as the linear search preferred it.
    order = sorted(
        range(len(facts.funcs)), key=lambda i: (facts.funcs[i][1] - facts.funcs[i][2], -i)
    )
    for index in order:
        _, start, end = facts.funcs[index]
        for line in range(max(start, 0), end + 1):
            table[line] = index
    return table


def _short_calls(facts: Facts) -> dict[int, Call]:
    table: dict[int, Call] = {}
    for call in facts.calls:
        start, end = call[0], call[1]
        span = end - start
        if span > MAX_CALL_SPAN:
            continue
        for line in range(start, end + 1):
            best = table.get(line)
            if best is None or span < best[1] - best[0]:
                table[line] = call
    return table


def _by_name(facts: Facts) -> dict[str, list[Call]]:
    table: dict[str, list[Call]] = {}
    for call in facts.calls:
        table.setdefault(last_name(call[2]), []).append(call)
    return table
