"""The dotenv dialect: our own small parser, compatible with python-dotenv's.

It handles `export`, single- and double-quoted values with their escapes,
multi-line quoted values, inline comments and blank/comment lines, the way
python-dotenv reads them (a property test checks the two agree; one difference: a
bare `KEY` line is a problem here and does not unset an earlier `KEY=value`). Around it
we normalise BOM and CRLF, compute each key's line, and turn anything that is
not a clean `KEY=value` into a problem that names the line only: a stray PEM
line or a pasted token is never echoed back as a "key".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from integration_risk.envfiles.raw import Assignment, LineProblem, RawValue
from integration_risk.envfiles.rules import is_safe_key
from integration_risk.lines import LineIndex

# The dialect's tokens (python-dotenv's grammar on LF-only text), matched at a position.
# In quoted values a backslash always escapes the next character, so `\\` never starts
# an escaped quote.
_TOKEN: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in (
        ("blank", r"\s*"),
        ("space", r"[^\S\n]*"),
        ("export", r"(?:export[^\S\n]+)?"),
        ("'key", r"'([^']+)'"),
        ("key", r"[^=#\s]+"),
        ("=", r"=[^\S\n]*"),
        ("'value", r"(?s)'((?:\\.|[^'\\])*)'"),
        ('"value', r'(?s)"((?:\\.|[^"\\])*)"'),
        ("'escape", r"\\[\\']"),
        ('"escape', r"\\[\\'\"abfnrtv]"),
        ("value", r"[^\n]*"),
        ("inline comment", r"\s+#.*"),
        ("comment", r"(?:[^\S\n]*#[^\n]*)?"),
        ("end of line", r"[^\S\n]*(?:\n|$)"),
        ("rest of line", r"[^\n]*\n?"),
    )
}
_ESCAPED = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


class _Unparsable(Exception):
    pass


@dataclass(frozen=True, slots=True)
class _Binding:
    offset: int  # of the first character that is not whitespace
    key: str | None  # None: blank line, comment or unparsable
    value: str | None  # None: no `=`
    quote: str  # the value's quote character, "" when bare
    error: bool = False


def _match(token: str, text: str, pos: int) -> re.Match[str]:
    found = _TOKEN[token].match(text, pos)
    if found is None:
        raise _Unparsable
    return found


def _value(text: str, pos: int) -> tuple[str, int, str]:
    """The value starting at `pos`, where it ends, and its quote character."""
    quote = text[pos : pos + 1]
    if quote in ("'", '"'):
        found = _match(quote + "value", text, pos)
        escape = _TOKEN[quote + "escape"]
        value = escape.sub(lambda m: _ESCAPED.get(m[0][1], m[0][1]), found[1])
        return value, found.end(), quote
    if quote in ("", "\n"):
        return "", pos, ""
    found = _match("value", text, pos)
    return _TOKEN["inline comment"].sub("", found[0]).rstrip(), found.end(), ""


def _binding(text: str, pos: int) -> tuple[_Binding, int]:
    start = pos = _match("blank", text, pos).end()
    try:
        if pos >= len(text):
            return _Binding(start, None, None, ""), pos
        pos = _match("export", text, pos).end()
        key: str | None = None
        if text.startswith("'", pos):
            found = _match("'key", text, pos)
            key, pos = found[1], found.end()
        elif not text.startswith("#", pos):
            found = _match("key", text, pos)
            key, pos = found[0], found.end()
        pos = _match("space", text, pos).end()
        value: str | None = None
        quote = ""
        if text.startswith("=", pos):
            equals = _match("=", text, pos)
            pos = equals.end()
            # `KEY= # note` is empty with a comment; `KEY=#x` is the value `#x`.
            if len(equals[0]) > 1 and text.startswith("#", pos):
                value = ""
            else:
                value, pos, quote = _value(text, pos)
        pos = _match("comment", text, pos).end()
        pos = _match("end of line", text, pos).end()
        return _Binding(start, key, value, quote), pos
    except _Unparsable:
        return _Binding(start, None, None, "", error=True), _match("rest of line", text, pos).end()


def _bindings(text: str) -> Iterator[_Binding]:
    pos = 0
    while pos < len(text):
        binding, pos = _binding(text, pos)
        yield binding


def parse_dotenv(text: str) -> tuple[list[Assignment], list[LineProblem]]:
    """Assignments in file order (duplicates kept: the caller reports them) and problems."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assignments: list[Assignment] = []
    problems: list[LineProblem] = []
    index = LineIndex(text)  # counting newlines from the start per binding is quadratic
    for binding in _bindings(text):
        line = index.line_of(binding.offset)
        if binding.error:
            problems.append(LineProblem(line, "cannot parse this line (text not shown)"))
            continue
        key = binding.key
        if key is None:
            continue  # blank line or comment
        if binding.value is None or not is_safe_key(key):
            problems.append(LineProblem(line, "not a KEY=value assignment (text not shown)"))
            continue
        assignments.append(Assignment(key, RawValue(binding.value), line, binding.quote != "'"))
    return assignments, problems
