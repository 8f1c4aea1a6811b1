"""Recover what can be recovered from a damaged glossary file (`glossary repair`).

A truncated or hand-broken JSON file is read member by member: the top-level
object and each of its object-valued sections are walked key by key and every
value that parses on its own is kept. Inside a section, a damaged member is
skipped by resyncing to the next line that starts a member at the same
indentation as the section's first member, so one broken entry does not cost
the entries after it. Entries (and other values) are all-or-nothing: a value
that does not parse completely is dropped, never half-kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_decoder = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")


@dataclass
class Salvage:
    document: dict[str, Any] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line} column {column}"


def _skip(text: str, pos: int) -> int:
    match = _WS.match(text, pos)
    return match.end() if match else pos


def _indent_at(text: str, pos: int) -> str | None:
    """The whitespace before `pos` when it is the first thing on its line."""
    start = text.rfind("\n", 0, pos) + 1
    prefix = text[start:pos]
    return prefix if prefix.strip() == "" else None


def _resync(text: str, pos: int, indent: str | None) -> int | None:
    """Start of the next line that opens a member at `indent`, or None."""
    if indent is None:
        return None
    pattern = re.compile(r"^" + re.escape(indent) + r'"(?:[^"\\\n]|\\.)*"\s*:', re.M)
    match = pattern.search(text, pos)
    return match.start() + len(indent) if match else None


def _members(
    text: str, pos: int, depth: int, label: str, out: Salvage
) -> tuple[dict[str, Any], int]:
    """Walk the object starting at `text[pos] == '{'`; returns it and the end position."""
    result: dict[str, Any] = {}
    pos = _skip(text, pos + 1)
    indent = _indent_at(text, pos)
    while pos < len(text):
        if text[pos] == "}":
            return result, pos + 1
        start = pos
        try:
            key, pos = _decoder.raw_decode(text, pos)
            if not isinstance(key, str):
                raise ValueError("expected a quoted member name")
            pos = _skip(text, pos)
            if text[pos : pos + 1] != ":":
                raise ValueError("expected ':' after the member name")
            pos = _skip(text, pos + 1)
            try:
                value, pos = _decoder.raw_decode(text, pos)
            except ValueError:
                if depth == 0 and text[pos : pos + 1] == "{":
                    value, pos = _members(text, pos, depth + 1, key, out)
                else:
                    raise
            result[key] = value
            pos = _skip(text, pos)
            if pos >= len(text):
                break
            if text[pos : pos + 1] == ",":
                pos = _skip(text, pos + 1)
            elif text[pos : pos + 1] != "}":
                raise ValueError("expected ',' or '}'")
        except ValueError as exc:
            reason = getattr(exc, "msg", str(exc))
            place = f"{label}: " if label else ""
            next_pos = _resync(text, max(pos, start) + 1, indent)
            end = _where(text, next_pos) if next_pos is not None else "the end of the file"
            out.dropped.append(
                f"{place}damaged text from {_where(text, start)} to {end} ({reason})"
            )
            if next_pos is None:
                return result, len(text)
            pos = next_pos
    out.dropped.append(f"{label or 'top level'}: object not closed (file truncated?)")
    return result, len(text)


def salvage(text: str) -> Salvage:
    """The parts of `text` that are complete JSON values, in a glossary-shaped object."""
    out = Salvage()
    text = text.lstrip("\ufeff")
    pos = _skip(text, 0)
    try:
        document, end = _decoder.raw_decode(text, pos)
    except ValueError:
        document = None
        end = len(text)
    if isinstance(document, dict):
        if _skip(text, end) < len(text):
            out.dropped.append(f"text after the JSON object at {_where(text, _skip(text, end))}")
        out.document = document
        return out
    if text[pos : pos + 1] != "{":
        out.dropped.append("the file does not hold a JSON object; nothing recoverable")
        return out
    out.document, _ = _members(text, pos, 0, "", out)
    return out
