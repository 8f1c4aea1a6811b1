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


# What a C-family block comment must be told apart from: a string (`"src/**/*.ts"` holds
# `/*`), a line comment (`// see /* */`), and the block comment itself.
_C_TOKENS = re.compile(
    r"//[^\n]*|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|/\*.*?\*/", re.S
)


def block_comment_lines(text: str) -> frozenset[int]:
    """The (1-based) lines of `text` that a C-family `/* ... */` comment covers whole:
    commented-out code (`/*\nimport com.twilio.Twilio;\n*/`) wires nothing. A line with code
    before the comment's start or after its end is not one of them."""
    if "/*" not in text:
        return frozenset()
    covered: set[int] = set()
    for match in _C_TOKENS.finditer(text):
        if not match.group(0).startswith("/*"):
            continue
        first = text.count("\n", 0, match.start()) + 1
        last = first + match.group(0).count("\n")
        head = text.rfind("\n", 0, match.start()) + 1
        tail = text.find("\n", match.end())
        start = first if not text[head : match.start()].strip() else first + 1
        end = last if not text[match.end() : tail if tail >= 0 else len(text)].strip() else last - 1
        covered.update(range(start, end + 1))
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
