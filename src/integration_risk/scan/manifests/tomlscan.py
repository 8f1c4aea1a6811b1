"""Line numbers for TOML: `tomllib` gives values but no positions.

The text is validated by `tomllib` first; this line scanner then records the
line of every table header and key (by full dotted path) and of every string
element of arrays, so parsers can look up where each entry was declared.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from integration_risk.scan.manifests.jsonscan import unescape
from integration_risk.scan.manifests.model import ManifestResult
from integration_risk.scan.manifests.text import failure

Path = tuple[str, ...]

_KEY_PART = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*""")
_ARRAY_TOKEN = re.compile(r""""(?:[^"\\]|\\.)*"|'[^']*'|[\[\]{}#]""")
_LINE_ERROR = re.compile(r"line (\d+)")


def load_toml(relpath: str, text: str) -> dict[str, Any] | ManifestResult:
    """The parsed document, or a failed ManifestResult naming the line."""
    if not text.strip():
        return failure(relpath, "is empty")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _LINE_ERROR.search(str(exc))
        where = f": line {found.group(1)}" if found else ""
        return failure(relpath, f"is not valid TOML{where}")
    except (ValueError, RecursionError):
        return failure(relpath, "is not valid TOML")


def _dotted_key(line: str, pos: int, end_char: str) -> tuple[Path, int] | None:
    """Parse `a."b".c` starting at pos up to `end_char`; (path, index after end_char)."""
    parts: list[str] = []
    while True:
        match = _KEY_PART.match(line, pos)
        if match is None:
            return None
        basic, literal, bare = match.groups()
        parts.append(
            unescape(basic) if basic is not None else literal if literal is not None else bare
        )
        pos = match.end()
        if pos < len(line) and line[pos] == ".":
            pos += 1
            continue
        if line.startswith(end_char, pos):
            return tuple(parts), pos + len(end_char)
        return None


class TomlLines:
    """Where each header, key and array string of a TOML text was declared."""

    def __init__(self, text: str) -> None:
        self.keys: dict[Path, int] = {}
        self._strings: dict[Path, list[tuple[str, int]]] = {}
        self._scan(text.split("\n"))

    def line(self, path: Path, default: int = 1) -> int:
        """Line of a key or header path (first occurrence), else `default`."""
        return self.keys.get(path, default)

    def take_string(self, path: Path, value: str, default: int) -> int:
        """Line of the next unclaimed array element equal to `value` under `path`."""
        entries = self._strings.get(path)
        if entries:
            for i, (text, line) in enumerate(entries):
                if text == value:
                    del entries[i]
                    return line
        return default

    def _scan(self, lines: list[str]) -> None:
        table: Path = ()
        array_path: Path | None = None
        depth = 0  # bracket depth of the open multi-line array
        closing: str | None = None  # delimiter of an open multi-line string
        for number, line in enumerate(lines, start=1):
            if closing is not None:
                if closing in line:
                    closing = None
                continue
            if array_path is not None:
                depth = self._array_strings(line, 0, array_path, number, depth)
                if depth <= 0:
                    array_path = None
                continue
            stripped = line.lstrip()
            if not stripped or stripped[0] == "#":
                continue
            start = len(line) - len(stripped)
            if stripped[0] == "[":
                double = stripped.startswith("[[")
                parsed = _dotted_key(line, start + (2 if double else 1), "]]" if double else "]")
                if parsed is not None:
                    table = parsed[0]
                    self.keys.setdefault(table, number)
                continue
            parsed = _dotted_key(line, start, "=")
            if parsed is None:
                continue
            path = table + parsed[0]
            for end in range(len(table) + 1, len(path) + 1):  # `a.b = 1` also defines `a`
                self.keys.setdefault(path[:end], number)
            value = line[parsed[1] :].lstrip()
            if value.startswith(('"""', "'''")):
                if value[:3] not in value[3:]:
                    closing = value[:3]
            elif value.startswith("["):
                depth = self._array_strings(value, 0, path, number, 0)
                if depth > 0:
                    array_path = path

    def _array_strings(self, line: str, pos: int, path: Path, number: int, depth: int) -> int:
        """Record string elements of an array (not those in inline tables) on one
        line; returns the bracket depth after the line."""
        braces = 0
        for match in _ARRAY_TOKEN.finditer(line, pos):
            token = match.group()
            first = token[0]
            if first == "#":
                break
            if first == "[":
                depth += 1
            elif first == "]":
                depth -= 1
                if depth <= 0:
                    return 0
            elif first == "{":
                braces += 1
            elif first == "}":
                braces -= 1
            elif braces <= 0 and depth > 0:
                value = unescape(token[1:-1]) if first == '"' else token[1:-1]
                self._strings.setdefault(path, []).append((value, number))
        return depth
