"""The section of a settings file a line belongs to: the window of settings read around an
evidence line stops where another top-level section begins (a YAML key at the margin, a
TOML or INI `[header]`)."""

from __future__ import annotations

import re

_YAML_TOP = re.compile(r"^[A-Za-z_\"'][^#:]*:(\s|$)")
_INI_HEADER = re.compile(r"^\s*\[[^\]]+\]\s*$")


def within_section(
    lines: list[str], line: int, window: tuple[int, int], suffix: str
) -> tuple[int, int]:
    """The window around a settings line cut at the sections around it: the lines after
    `notifier: smtp:` that open `regulation:` (`max_retries: 3` of a login lock-out) set
    nothing for the mail server."""
    suffix = suffix.lower()
    if suffix in (".yml", ".yaml"):
        starts = _YAML_TOP
    elif suffix in (".toml", ".ini", ".cfg", ".conf"):
        starts = _INI_HEADER
    else:
        return window
    start, end = window
    own = lines[line - 1] if 0 < line <= len(lines) else ""
    if starts is _YAML_TOP and starts.match(own) and own.split(":", 1)[1].split("#")[0].strip():
        return window  # a flat file's `key: value` at the margin: its neighbours are settings too
    for number in range(line, start - 1, -1):
        if starts.match(lines[number - 1]):
            start = number
            break
    for number in range(line + 1, end + 1):
        if starts.match(lines[number - 1]):
            end = number - 1
            break
    return start, end
