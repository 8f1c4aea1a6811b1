"""Env assignments in Procfiles (`web: KEY=value cmd`) and systemd units (`Environment=`).

Both also read variables (`$PORT` in a command): those count as uses. A line
whose quoting cannot be split is reported by number only.
"""

from __future__ import annotations

import re
import shlex

from integration_risk.envfiles.classify import REFERENCE
from integration_risk.envfiles.dotenv import LineProblem, is_safe_key
from integration_risk.envfiles.raw import Assignment, RawValue

_PROCFILE_LINE = re.compile(r"\s*[A-Za-z0-9_-]+\s*:(?P<cmd>.*)")
_UNIT_ENV = re.compile(r"\s*Environment\s*=(?P<rest>.*)")
_ASSIGN = re.compile(r"(?P<k>[A-Za-z_][A-Za-z0-9_]*)=(?P<v>.*)", re.DOTALL)

Parsed = tuple[list[Assignment], list[tuple[str, int]], list[LineProblem]]


def _split(text: str, line: int, problems: list[LineProblem]) -> list[str]:
    try:
        return shlex.split(text, comments=False, posix=True)
    except ValueError:
        problems.append(LineProblem(line, "unbalanced quotes (text not shown)"))
        return []


def _reads(text: str, line: int, reads: list[tuple[str, int]]) -> None:
    for match in REFERENCE.finditer(text):
        reads.append((match.group("braced") or match.group("bare"), line))


def parse_procfile(text: str) -> Parsed:
    assignments: list[Assignment] = []
    reads: list[tuple[str, int]] = []
    problems: list[LineProblem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _PROCFILE_LINE.fullmatch(raw)
        if match is None or raw.lstrip().startswith("#"):
            continue
        _reads(match.group("cmd"), number, reads)
        for token in _split(match.group("cmd"), number, problems):
            assign = _ASSIGN.fullmatch(token)
            if assign is None:
                break  # the command starts: later KEY=value are its arguments
            if is_safe_key(assign.group("k")):
                assignments.append(
                    Assignment(assign.group("k"), RawValue(assign.group("v")), number)
                )
    return assignments, reads, problems


def parse_systemd(text: str) -> Parsed:
    assignments: list[Assignment] = []
    reads: list[tuple[str, int]] = []
    problems: list[LineProblem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _UNIT_ENV.fullmatch(raw)
        if match is None:
            if raw.lstrip().startswith("Exec"):
                _reads(raw, number, reads)
            continue
        for token in _split(match.group("rest"), number, problems):
            assign = _ASSIGN.fullmatch(token)
            if assign is not None and is_safe_key(assign.group("k")):
                assignments.append(
                    Assignment(
                        assign.group("k"), RawValue(assign.group("v")), number, interpolate=False
                    )
                )
    return assignments, reads, problems
