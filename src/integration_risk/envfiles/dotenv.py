"""Dotenv dialect parsing on top of python-dotenv's parser.

python-dotenv handles `export`, quoting, escapes, multi-line quoted values and
inline comments. Around it we normalise BOM and CRLF (its line counting drifts
on CRLF after an error), compute each key's line ourselves, and turn anything
that is not a clean `KEY=value` into a problem that names the line only: a
stray PEM line or a pasted token is never echoed back as a "key".
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from dotenv.parser import parse_stream

from integration_risk.envfiles.raw import Assignment, RawValue

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,127}")
_CASE_SWITCH = re.compile(r"[a-z][A-Z]")


@dataclass(frozen=True)
class LineProblem:
    line: int
    message: str


def is_safe_key(key: str) -> bool:
    """A variable name we may print: identifier-like, short segments, few digits and case
    switches per segment. Pasted tokens and base64 lines fail this and are not shown."""
    if not _KEY.fullmatch(key):
        return False
    for segment in re.split(r"[_.-]", key):
        digits = sum(c.isdigit() for c in segment)
        if len(segment) > 24 or digits > 3 or len(_CASE_SWITCH.findall(segment)) > 2:
            return False
    return True


def _single_quoted(original: str, key: str) -> bool:
    after = original.split("=", 1)[1] if "=" in original else ""
    return after.lstrip().startswith("'")


def parse_dotenv(text: str) -> tuple[list[Assignment], list[LineProblem]]:
    """Assignments in file order (duplicates kept: the caller reports them) and problems."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assignments: list[Assignment] = []
    problems: list[LineProblem] = []
    consumed = 0
    for binding in parse_stream(io.StringIO(text)):
        original = binding.original.string
        lead = len(original) - len(original.lstrip())
        line = text.count("\n", 0, consumed + lead) + 1
        consumed += len(original)
        if binding.error:
            problems.append(LineProblem(line, "cannot parse this line (text not shown)"))
            continue
        key = binding.key
        if key is None:
            continue  # blank line or comment
        if binding.value is None or not is_safe_key(key):
            problems.append(LineProblem(line, "not a KEY=value assignment (text not shown)"))
            continue
        assignments.append(
            Assignment(key, RawValue(binding.value), line, not _single_quoted(original, key))
        )
    return assignments, problems
