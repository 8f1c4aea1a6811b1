"""Where a pattern extractor's regex really matches in a text, without running Python's
`re` over all of it (27 s on a 15,000-file tree) or confirming every hit of its literals
(`get`, `client`: tens of thousands of windows per tree).

RE2 (linear time, no backtracking) runs a superset of each regex: the regex with its
lookarounds removed and `\\s` widened to Python's ASCII whitespace. One `re2.Set` pass
over the file says which regexes can match anywhere; for those, RE2's matches mark the
regions in which Python's `re` finds the real matches, lookarounds and all. Hyperscan is
not used for this: its regex compiler misses matches (a `::` on one line and `->get(` after
16 spaces on the next), while its literal matcher, which `native` uses, does not.

A regex whose superset matches the empty string (a line defined by lookaheads alone) marks
nothing; it, and any regex RE2 cannot compile, stays with `native`'s literal confirmation.
Only ASCII text comes here (`native.suits`): byte and character offsets agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from integration_risk.scan.windows import window_end, window_start

Span = tuple[int, int]
_LOOKAROUNDS = ("(?<!", "(?<=", "(?=", "(?!")
_PY_SPACE = r"\t-\r "  # Python's ASCII `\s` holds \v, RE2's does not
_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"))


def _import_re2() -> ModuleType | None:
    try:
        import re2  # type: ignore[import-untyped]  # google-re2 ships no type information
    except ImportError:  # pragma: no cover - a wheel exists for every platform CI runs on
        return None
    module: ModuleType = re2
    return module


re2 = _import_re2()


def _group_end(source: str, start: int) -> int:
    """Index just past the group that opens at `start`, skipping escapes and classes."""
    depth = 0
    at = start
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at = _class_end(source, at)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return at + 1
        at += 1
    raise ValueError(f"unbalanced group at {start} in {source[:60]!r}")


def _class_end(source: str, start: int) -> int:
    """Index just past the character class that opens at `start` (`[]a]`, `[^]a]`)."""
    at = start + 1
    if at < len(source) and source[at] == "^":
        at += 1
    if at < len(source) and source[at] == "]":
        at += 1
    while at < len(source) and source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    return at + 1


def superset_source(source: str) -> str:
    """`source` without its lookarounds and with `\\s` as Python reads it on ASCII text:
    every match of the original ends where a match of this one can end."""
    out: list[str] = []
    at = 0
    while at < len(source):
        char = source[at]
        if char == "\\":
            escape = source[at : at + 2]
            out.append(f"[{_PY_SPACE}]" if escape == r"\s" else escape)
            at += 2
        elif char == "[":
            end = _class_end(source, at)
            out.append(source[at:end].replace(r"\s", _PY_SPACE))
            at = end
        elif source.startswith(_LOOKAROUNDS, at):
            at = _group_end(source, at)
        else:
            out.append(char)
            at += 1
    return "".join(out)


def _inline_flags(pattern: re.Pattern[str]) -> str:
    letters = "".join(letter for flag, letter in _FLAGS if pattern.flags & flag)
    return f"(?{letters})" if letters else ""


@dataclass(frozen=True)
class Confirmer:
    """RE2 supersets of the pattern extractors it can mark, by position in `patterns`."""

    patterns: tuple[re.Pattern[str], ...]
    supersets: dict[int, Any]  # position -> compiled RE2 regex (bytes)
    any_of: Any  # re2.Set over the supersets, its ids in `order`
    order: tuple[int, ...]

    @property
    def positions(self) -> frozenset[int]:
        return frozenset(self.supersets)

    def matches(self, text: str, data: bytes, lines: int) -> dict[int, list[Span]]:
        """Per position, the spans of the pattern's real matches in `text` (`data` is its
        ASCII bytes), found in regions of `lines` lines around its superset's matches."""
        found: dict[int, list[Span]] = {}
        for set_id in self.any_of.Match(data) or ():
            position = self.order[set_id]
            marks = [m.span() for m in self.supersets[position].finditer(data)]
            spans = confirmed_spans(text, self.patterns[position], marks, lines)
            if spans:
                found[position] = spans
        return found


def confirmed_spans(
    text: str, pattern: re.Pattern[str], marks: Sequence[Span], lines: int
) -> list[Span]:
    """Spans of `pattern`'s matches in the regions `lines` lines around each mark; marks
    whose regions touch are searched as one region."""
    spans: list[Span] = []
    at = 0
    while at < len(marks):
        start = window_start(text, marks[at][0], lines)
        end = window_end(text, marks[at][1], lines)
        at += 1
        while at < len(marks) and marks[at][0] <= end:
            end = window_end(text, marks[at][1], lines)
            at += 1
        spans.extend(match.span() for match in pattern.finditer(text, start, end))
    return spans


def build(patterns: tuple[re.Pattern[str], ...]) -> Confirmer | None:
    if re2 is None:
        return None
    supersets: dict[int, Any] = {}
    any_of = re2.Set.SearchSet(re2.Options())
    order: list[int] = []
    for position, pattern in enumerate(patterns):
        try:
            source = (_inline_flags(pattern) + superset_source(pattern.pattern)).encode()
            compiled = re2.compile(source)
        except (ValueError, re2.error):
            continue  # RE2 lacks a construct (a backreference): literal confirmation
        if compiled.search(b"") is not None:
            continue  # matches anywhere: marks nothing
        supersets[position] = compiled
        any_of.Add(source)
        order.append(position)
    if not supersets:
        return None
    any_of.Compile()
    return Confirmer(patterns, supersets, any_of, tuple(order))


@cache
def confirmer() -> Confirmer | None:
    from integration_risk.scan.prefilter import PATTERN_EXTRACTORS

    return build(PATTERN_EXTRACTORS)
