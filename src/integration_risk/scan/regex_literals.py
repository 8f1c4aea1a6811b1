"""Literals a regex cannot match without: the prefilter's anchors for pattern extractors.

`required_literals(pattern)` walks the parsed pattern and returns lowercased strings such
that every match contains at least one of them (a match of `(?:\\.|::)\\s*(get|post)\\s*\\(`
holds `get` or `post`). Derived from the pattern itself, the anchors cannot drift from it;
a pattern with no such set raises, so a new extractor regex fails loudly, not silently.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]  # stdlib, no public stubs
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Literals = frozenset[str]
MIN_LENGTH = 2
_MAX_SPELLINGS = 4  # a one-character anchor (`(`) would keep nearly every line


def literal_score(found: Literals) -> tuple[int, int]:
    """Longer shortest literal first (fewer chance hits), then fewer literals."""
    return (min(len(s) for s in found), -len(found))


def _sequence(items: Any) -> Literals | None:
    best: Literals | None = None

    def consider(found: Literals | None) -> None:
        nonlocal best
        if (
            found
            and literal_score(found)[0] >= MIN_LENGTH
            and (best is None or literal_score(found) > literal_score(best))
        ):
            best = found

    runs = [""]  # the literal run so far, in each spelling an optional character allows
    for op, arg in items:
        if op is sre.LITERAL:
            runs = [r + chr(arg).lower() for r in runs]
            continue
        if _optional_char(op, arg) and runs[0] and len(runs) < _MAX_SPELLINGS:
            runs = [*runs, *(r + chr(arg[2][0][1]).lower() for r in runs)]
            continue
        if runs[0] or len(runs) > 1:
            consider(frozenset(runs))
            runs = [""]
        consider(_item(op, arg))
    if runs[0] or len(runs) > 1:
        consider(frozenset(runs))
    return best


def _optional_char(op: Any, arg: Any) -> bool:
    """`_?` in `db_?type`: the run goes on in both spellings (`dbtype`, `db_type`)."""
    return bool(
        op is sre.MAX_REPEAT
        and arg[0] == 0
        and arg[1] == 1
        and len(arg[2]) == 1
        and arg[2][0][0] is sre.LITERAL
    )


def _union(branches: Any) -> Literals | None:
    out: set[str] = set()
    for branch in branches:
        found = _sequence(branch)
        if not found or literal_score(found)[0] < MIN_LENGTH:
            return None  # one way through without a literal: no requirement
        out |= found
    return frozenset(out)


def _item(op: Any, arg: Any) -> Literals | None:
    if op is sre.SUBPATTERN:
        return _sequence(arg[-1])
    if op is sre.BRANCH:
        return _union(arg[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _sequence(arg[2]) if arg[0] >= 1 else None
    if op is sre.ASSERT:  # a lookaround that must hold: its text is next to the match
        return _sequence(arg[1])
    if op is sre.ATOMIC_GROUP:
        return _sequence(arg)
    return None  # classes, any-char, anchors, negative lookarounds: no literal


def required_literals(pattern: re.Pattern[str]) -> Literals:
    found = _sequence(_parser.parse(pattern.pattern, pattern.flags))
    if not found:
        raise ValueError(f"no literal every match of {pattern.pattern[:60]!r} must hold")
    return found
