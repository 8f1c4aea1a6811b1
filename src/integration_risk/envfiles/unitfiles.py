"""Env assignments in Procfiles (`web: KEY=value cmd`) and systemd units (`Environment=`).

Both also read variables (`$PORT` in a command): those count as uses. A line
whose quoting cannot be split is reported by number only.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable

from integration_risk.envfiles.classify import REFERENCE
from integration_risk.envfiles.raw import Assignment, LineProblem, RawValue
from integration_risk.envfiles.rules import is_safe_key
from integration_risk.lines import split_lines

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


def _procfile_line(number: int, raw: str, out: Parsed) -> None:
    assignments, reads, problems = out
    match = _PROCFILE_LINE.fullmatch(raw)
    if match is None or raw.lstrip().startswith("#"):
        return
    _reads(match.group("cmd"), number, reads)
    for token in _split(match.group("cmd"), number, problems):
        assign = _ASSIGN.fullmatch(token)
        if assign is None:
            break  # the command starts: later KEY=value are its arguments
        if is_safe_key(assign.group("k")):
            assignments.append(Assignment(assign.group("k"), RawValue(assign.group("v")), number))


def _systemd_line(number: int, raw: str, out: Parsed) -> None:
    assignments, reads, problems = out
    match = _UNIT_ENV.fullmatch(raw)
    if match is None:
        if raw.lstrip().startswith("Exec"):
            _reads(raw, number, reads)
        return
    for token in _split(match.group("rest"), number, problems):
        assign = _ASSIGN.fullmatch(token)
        if assign is not None and is_safe_key(assign.group("k")):
            value = RawValue(assign.group("v"))
            assignments.append(Assignment(assign.group("k"), value, number, interpolate=False))


def _parse(text: str, each_line: Callable[[int, str, Parsed], None]) -> Parsed:
    out: Parsed = ([], [], [])
    # split on newlines only, as every line number we report is counted (`splitlines` also
    # splits on form feeds and other separators)
    for number, raw in enumerate(split_lines(text), start=1):
        each_line(number, raw, out)
    return out


def parse_procfile(text: str) -> Parsed:
    return _parse(text, _procfile_line)


def parse_systemd(text: str) -> Parsed:
    return _parse(text, _systemd_line)
