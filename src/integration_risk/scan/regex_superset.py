"""A regex that matches wherever a Python regex matches, in the syntax Hyperscan compiles.

`superset(pattern)` rewrites the parsed pattern: lookarounds are dropped (a match without
the assertion is still a match), bounded repeats longer than `MAX_BOUND` become unbounded
(Hyperscan's compile time grows with the bound), lazy and possessive repeats become plain
ones, atomic groups plain groups. Everything else is written back as it was, so on ASCII
text every match of `pattern` ends where a match of the result ends. Backreferences and
conditionals have no superset here: the result is None and the caller anchors on the
pattern's required literals instead. The result is a Python regex too, so a caller can
check cheaply whether it selects anything at all (`is_loose`).
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]  # stdlib, no public stubs
from re import _parser  # type: ignore[attr-defined]
from typing import Any

MAX_BOUND = 16
_FLAG_LETTERS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_AT = {
    sre.AT_BEGINNING: "^",
    sre.AT_BEGINNING_STRING: r"\A",
    sre.AT_END: "$",
    sre.AT_END_STRING: r"\Z",  # Hyperscan's \Z also allows a final newline: a superset
    sre.AT_BOUNDARY: r"\b",
    sre.AT_NON_BOUNDARY: r"\B",
}
# Lines no extractor reports: a superset that matches one of them selects nothing.
NEUTRAL = "x = 1\n\nfoo(bar, baz)\n  return value\n"


class _Unsupported(Exception):
    pass


def _char(code: int, in_class: bool = False) -> str:
    char = chr(code)
    if char.isalnum() or char == "_":
        return char
    if 32 < code < 127:
        return "\\" + char
    return f"\\x{code:02x}" if code < 256 else f"\\x{{{code:x}}}"


def _class(items: Any) -> str:
    negate = ""
    parts = []
    for op, arg in items:
        if op is sre.NEGATE:
            negate = "^"
        elif op is sre.LITERAL:
            parts.append(_char(arg, True))
        elif op is sre.RANGE:
            parts.append(f"{_char(arg[0], True)}-{_char(arg[1], True)}")
        elif op is sre.CATEGORY and arg in _CATEGORIES:
            parts.append(_CATEGORIES[arg])
        else:
            raise _Unsupported(op)
    return f"[{negate}{''.join(parts)}]"


def _flags(add: int, remove: int) -> str:
    on = "".join(letter for flag, letter in _FLAG_LETTERS if add & flag)
    off = "".join(letter for flag, letter in _FLAG_LETTERS if remove & flag)
    return on + (f"-{off}" if off else "")


def _repeat(low: int, high: int, body: str) -> str:
    if high is sre.MAXREPEAT or high > MAX_BOUND:
        return f"(?:{body})" + ("*" if low == 0 else "+" if low == 1 else f"{{{low},}}")
    return f"(?:{body}){{{low},{high}}}"


def _sequence(items: Any) -> str:
    out = []
    for op, arg in items:
        if op is sre.LITERAL:
            out.append(_char(arg))
        elif op is sre.NOT_LITERAL:
            out.append(f"[^{_char(arg, True)}]")
        elif op is sre.ANY:
            out.append(".")
        elif op is sre.IN:
            out.append(_class(arg))
        elif op is sre.BRANCH:
            out.append("(?:" + "|".join(_sequence(branch) for branch in arg[1]) + ")")
        elif op is sre.SUBPATTERN:
            _group, add, remove, body = arg
            flags = _flags(add, remove)
            out.append(f"(?{flags}:{_sequence(body)})")
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, body = arg
            out.append(_repeat(low, high, _sequence(body)))
        elif op is sre.AT and arg in _AT:
            out.append(_AT[arg])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # dropping an assertion only allows more matches
        elif op is sre.ATOMIC_GROUP:
            out.append(f"(?:{_sequence(arg)})")
        elif op is sre.CATEGORY and arg in _CATEGORIES:
            out.append(_CATEGORIES[arg])
        else:
            raise _Unsupported(op)  # backreferences, conditionals
    return "".join(out)


def superset(pattern: re.Pattern[str]) -> str | None:
    """The rewritten pattern (global flags are the caller's: `pattern.flags`), or None."""
    try:
        return _sequence(_parser.parse(pattern.pattern, pattern.flags))
    except _Unsupported:
        return None


def leading_lookaheads(pattern: re.Pattern[str]) -> list[str]:
    """The bodies of the positive lookaheads a pattern starts with (after `^`): each alone
    is a superset of the pattern's lines (`^(?=.*driver)(?=.*==).*$` -> `.*driver`)."""
    bodies = []
    try:
        for op, arg in _parser.parse(pattern.pattern, pattern.flags):
            if op is sre.AT:
                continue
            if op is not sre.ASSERT or arg[0] != 1:
                break
            bodies.append(_sequence(arg[1]))
    except _Unsupported:
        return []
    return bodies


def is_loose(expression: str, flags: int) -> bool:
    """Whether `expression` matches on lines no extractor reports (or matches nothing)."""
    return re.search(expression, NEUTRAL, flags & ~re.VERBOSE) is not None
