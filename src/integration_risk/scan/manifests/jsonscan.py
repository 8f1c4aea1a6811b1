"""Line numbers for JSON object keys: `json` gives values but no positions.

The text is validated by `json.loads` first, so this scanner only has to walk
strings and brackets; it records the line of every key under a chosen parent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.text import failure

_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
# A key (with its colon and, when the value is a string, the value too: one
# match per typical entry keeps the loop short), a bare string, or a bracket.
_TOKEN = re.compile(rf'"([^"\\]*(?:\\.[^"\\]*)*)"\s*:(?:\s*{_STRING})?|{_STRING}|[{{}}\[\]]')


def load_object(relpath: str, text: str) -> dict[str, Any] | ManifestResult:
    """The top-level JSON object, or a failed ManifestResult saying why."""
    if not text.strip():
        return failure(relpath, "is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return failure(relpath, f"is not valid JSON: line {exc.lineno}")
    except (ValueError, RecursionError):
        return failure(relpath, "is not valid JSON")
    if not isinstance(data, dict):
        return failure(relpath, "is not a JSON object")
    return data


def unescape(raw: str) -> str:
    """The value of a JSON (or TOML basic) string body; the raw text when it is not valid."""
    if "\\" not in raw:
        return raw
    try:
        value = json.loads(f'"{raw}"')
    except ValueError:
        return raw
    return value if isinstance(value, str) else raw


def key_lines(text: str, sections: frozenset[str]) -> dict[tuple[str, str], int]:
    """Line of each key directly inside a top-level object named in `sections`,
    as {(section, key): line}; a repeated key keeps its last line, as json does."""
    lines: dict[tuple[str, str], int] = {}
    # names of the open containers: None for the root and for unnamed ones
    stack: list[str | None] = []
    pending: str | None = None
    section: str | None = None  # set while directly inside a wanted section
    line, counted = 1, 0
    count = text.count
    for match in _TOKEN.finditer(text):
        raw = match.group(1)
        if raw is not None:
            pending = unescape(raw)
            if section is not None:
                start = match.start()
                line += count("\n", counted, start)
                counted = start
                lines[(section, pending)] = line
            continue
        first = match.group()[0]
        if first == '"':
            continue
        if first in "{[":
            stack.append(pending)
        elif stack:
            stack.pop()
        pending = None
        section = (
            stack[1]
            if len(stack) == 2 and stack[0] is None and stack[1] in sections and first != "["
            else None
        )
    return lines


def section_entries(
    data: dict[str, Any], text: str, sections: dict[str, bool]
) -> Iterator[tuple[str, object, bool, int]]:
    """(name, spec, dev, line) for every entry of the named dependency objects."""
    lines = key_lines(text, frozenset(sections))
    for section, dev in sections.items():
        table = data.get(section)
        if isinstance(table, dict):
            for name, spec in table.items():
                yield name, spec, dev, lines.get((section, name), 1)


def json_dependencies(
    relpath: str,
    text: str,
    ecosystem: str,
    sections: dict[str, bool],
    package: Callable[[str, object], str | None],
) -> ManifestResult:
    """The dependencies of a JSON manifest: `package(name, spec)` gives the package an
    entry installs, or None for an entry that is not a package."""
    data = load_object(relpath, text)
    if isinstance(data, ManifestResult):
        return data
    return ManifestResult(
        tuple(
            Dependency(ecosystem, real, line, dev)
            for name, spec, dev, line in section_entries(data, text, sections)
            if (real := package(name, spec))
        )
    )
