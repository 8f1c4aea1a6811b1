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
MIN_LENGTH = 2  # a one-character anchor (`(`) would keep nearly every line


def _score(found: Literals) -> tuple[int, int]:
    """Longer shortest literal first (fewer chance hits), then fewer literals."""
    return (min(len(s) for s in found), -len(found))


def _sequence(items: Any) -> Literals | None:
    best: Literals | None = None
    run = ""

    def consider(found: Literals | None) -> None:
        nonlocal best
        if (
            found
            and _score(found)[0] >= MIN_LENGTH
            and (best is None or _score(found) > _score(best))
        ):
            best = found

    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg).lower()
            continue
        if run:
            consider(frozenset({run}))
            run = ""
        consider(_item(op, arg))
    if run:
        consider(frozenset({run}))
    return best


def _union(branches: Any) -> Literals | None:
    out: set[str] = set()
    for branch in branches:
        found = _sequence(branch)
        if not found or _score(found)[0] < MIN_LENGTH:
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
