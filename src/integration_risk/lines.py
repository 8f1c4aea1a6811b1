"""Text by lines: offsets to 1-based line numbers, a line's text, clipping for display."""

from __future__ import annotations

import re
from bisect import bisect_right

ELLIPSIS = "…"


class LineIndex:
    """Offset -> 1-based line number by bisecting line starts, built on first use.

    Line numbers count `\\n` only (like git), so CRLF text reads the same as LF.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            find = self._text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._starts = starts
        return self._starts

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts(), offset) if offset > 0 else 1

    def start_of(self, line: int) -> int:
        """Offset of the first character of `line` (1-based)."""
        return self._line_starts()[line - 1]

    def line_text(self, line: int) -> str:
        """The text of `line` (1-based) without its newline."""
        starts = self._line_starts()
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self._text)
        return self._text[start:end]


def split_lines(text: str) -> list[str]:
    """The lines of `text` numbered as `LineIndex` and tree-sitter number them: cut at
    `\\n` only (`str.splitlines` also cuts at `\\r`, form feeds, `\\x0b`, `\\x1c`-`\\x1e`...,
    which shifts every later line number), without CRLF's `\\r` or an empty last line."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if "\r" in text:
        lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    return lines


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


# A whole-line comment in the languages and config formats we read: `#` (not a Rust or PHP
# attribute `#[`, not a shebang), `//`, a block comment's first or inner line (`/*`, `*`),
# `<!--`, and INI's `;` (not JavaScript's `;(async () => ..)()` of the semicolon-free style).
COMMENT_LINE = re.compile(r"^\s*(?:#(?![\[!])|//|/\*|\*|<!--|;(?![(\[]))")


def is_comment_line(text: str) -> bool:
    """Whether the line is a comment as a whole (one answer for the scan, the graph and the
    call-site analysis)."""
    return COMMENT_LINE.match(text) is not None


# A block comment that opens its line: commented-out code is written so, and a `/*` after
# code on a line is too often something else to trust (a regex literal `/\/*$/`, a PHP `#`
# comment, a string such as `"src/**/*.ts"` or a C# verbatim `@"C:\temp\"` before it).
_BLOCK_OPENING = re.compile(r"^[ \t]*/\*", re.M)


def block_comment_lines(text: str) -> frozenset[int]:
    """The (1-based) lines of `text` that a C-family `/* ... */` comment opening its line
    covers whole: commented-out code (`/*\nimport com.twilio.Twilio;\n*/`) wires nothing.
    The closing line is covered only when nothing but blanks follows the `*/`."""
    covered: set[int] = set()
    position, line, counted = 0, 1, 0
    while (opening := _BLOCK_OPENING.search(text, position)) is not None:
        close = text.find("*/", opening.end())
        if close < 0:
            break  # nothing after it can close a comment either
        line += text.count("\n", counted, opening.start())
        last = line + text.count("\n", opening.start(), close)
        tail = text.find("\n", close)
        if text[close + 2 : tail if tail >= 0 else len(text)].strip():
            last -= 1  # code after the `*/` keeps its line
        covered.update(range(line, last + 1))
        position = counted = close + 2
        line += text.count("\n", opening.start(), close)
    return frozenset(covered)


class BlockComments:
    """`block_comment_lines` of a text, found when first asked."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: frozenset[int] | None = None

    def covers(self, line: int) -> bool:
        if self._lines is None:
            self._lines = block_comment_lines(self._text)
        return line in self._lines
