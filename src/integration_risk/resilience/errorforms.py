"""Error handling written as expressions (Rust `?`, `.unwrap_or(..)`, `match` arms; Elixir
`case`/`with ... else`/`rescue` arms), read from the source text around a call with the
regexes of `data/errors.toml`: fallback, rethrow, crash, swallow, logged or none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from integration_risk.resilience.datafiles import data_file
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.languages import specs

MAX_BLOCK = 60
MAX_STATEMENT = 5
_COMMENT = re.compile(r"\s+(#|//)\s.*$")  # a trailing comment (not `#{`, not `https://`)
_KEYS = (
    "rethrow fallback crash swallow open error_arm arm_rethrow arm_crash arm_nothing "
    "logging arm_end error_open"
).split()


@dataclass(frozen=True)
class Forms:
    rules: dict[str, re.Pattern[str] | None]

    def search(self, key: str, text: str) -> bool:
        rule = self.rules.get(key)
        return rule is not None and rule.search(text) is not None


@cache
def forms() -> dict[str, Forms]:
    return {
        language: Forms({k: re.compile(t[k]) if t.get(k) else None for k in _KEYS})
        for language, t in data_file("errors.toml").items()
    }


def modelled(language: str) -> bool:
    return language in forms()


def handling_at(
    facts: Facts, lines: list[str], line: int, end: int
) -> tuple[str, int | None, bool]:
    """fallback | rethrow | crash | swallow | logged | none | unknown of the call at
    `line`..`end`; the handler line; logged. Rust and Elixir handle errors in expressions."""
    if modelled(facts.language):
        return classify(facts.language, lines, line, end)
    spec = specs().get(facts.language)
    if spec is None or not spec.models_errors:
        return "unknown", None, False
    around = [h for h in facts.handlers if h[0] <= line <= h[1]]
    if not around:
        return "none", None, False
    _start, _, h_start, h_end = max(around, key=lambda h: h[0])
    logged = any(k == "logging" and h_start <= ln <= h_end for k, ln, _ in facts.tokens)
    if any(h_start <= ln <= h_end for ln in facts.throws):
        return "rethrow", h_start, logged
    if any(k == "exit" and h_start <= ln <= h_end for k, ln, _ in facts.tokens):
        return "crash", h_start, logged  # `log.Fatal(err)`, `sys.exit(1)`: loud, not swallowed
    if any(h_start <= ln <= h_end for ln in facts.value_returns):
        return "fallback", h_start, logged
    return ("logged" if logged else "swallow"), h_start, logged


def classify(language: str, lines: list[str], line: int, end: int) -> tuple[str, int | None, bool]:
    """(handling, handler line, logged) of the call at `line`..`end` (1-based)."""
    rules = forms()[language]
    lines = [_COMMENT.sub("", text) for text in lines[max(0, line - 12) : end + MAX_BLOCK]]
    offset = max(0, line - 12)
    line, end = line - offset, end - offset
    block = _block(rules, lines, line, end)
    if block is not None:
        opens_error = rules.search("error_open", lines[block[0] - 1])
        body = (block[0] + 1, block[1])
        arm = body if opens_error else _error_arm(rules, lines, end, *block)
        if arm is not None:
            kind, first, logged = _arm_kind(rules, lines, *arm)
            return kind, first + offset, logged
    statement = _statement(lines, line, end)
    for kind in ("rethrow", "fallback", "crash", "swallow"):
        if rules.search(kind, statement):
            return kind, line + offset, False
    return "none", None, False


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _statement(lines: list[str], line: int, end: int) -> str:
    """The call's lines and their continuation to the end of the statement."""
    parts = []
    for number in range(line, min(len(lines), end + MAX_STATEMENT) + 1):
        text = lines[number - 1]
        parts.append(text)
        if number >= end and text.rstrip().endswith((";", "{", "}", ",")):
            break
    return "\n".join(parts)


def _block(rules: Forms, lines: list[str], line: int, end: int) -> tuple[int, int] | None:
    """(first, last) line of the block that handles the call's result."""
    for number in range(max(1, line - 2), min(len(lines), end + 1) + 1):
        text = lines[number - 1]
        if not rules.search("open", text):
            continue
        if number > end and not text.lstrip().startswith("|>"):
            continue  # a block after the call handles its result only when piped into
        if rules.rules.get("arm_end") is not None:
            return number, _end_by_indent(rules, lines, number)
        return number, _end_by_braces(lines, number)
    own = _indent(lines[line - 1]) if 0 < line <= len(lines) else 0
    for number in range(line - 1, max(0, line - 10), -1):  # `with` clauses, a `try` above
        text = lines[number - 1]
        if rules.rules.get("arm_end") is None or not rules.search("open", text):
            continue
        if re.match(r"^\s*with\b", text) and "<-" in lines[line - 1]:
            return number, _end_by_indent(rules, lines, number)
        if re.match(r"^\s*try\s+do\b", text) and _indent(text) < own:
            return number, _end_by_indent(rules, lines, number)
    return None


def _end_by_braces(lines: list[str], start: int) -> int:
    depth, opened = 0, False
    for number in range(start, min(len(lines), start + MAX_BLOCK) + 1):
        text = re.sub(r'"(?:\\.|[^"\\])*"', '""', lines[number - 1])
        depth += text.count("{") - text.count("}")
        opened = opened or "{" in text
        if opened and depth <= 0:
            return number
    return min(len(lines), start + MAX_BLOCK)


def _end_by_indent(rules: Forms, lines: list[str], start: int) -> int:
    base = _indent(lines[start - 1])
    for number in range(start + 1, min(len(lines), start + MAX_BLOCK) + 1):
        text = lines[number - 1]
        if rules.search("arm_end", text) and _indent(text) <= base:
            return number
    return min(len(lines), start + MAX_BLOCK)


def _error_arm(
    rules: Forms, lines: list[str], after: int, first: int, last: int
) -> tuple[int, int] | None:
    """(first, last) line of the arm that handles the error, after the call."""
    for number in range(max(first, after), last + 1):
        text = lines[number - 1]
        if number == after and not re.search(r"=>|->|\belse\b", text):
            continue
        if not rules.search("error_arm", text):
            continue
        arm_indent = _indent(text)
        stop = number
        for following in range(number + 1, last):
            body = lines[following - 1]
            if body.strip() and _indent(body) <= arm_indent:
                break
            stop = following
        return number, stop
    return None


def _arm_kind(rules: Forms, lines: list[str], first: int, last: int) -> tuple[str, int, bool]:
    text = "\n".join(lines[first - 1 : last])
    logged = rules.search("logging", text)
    if rules.search("arm_rethrow", text):
        return "rethrow", first, logged
    if rules.search("arm_crash", text):
        return "crash", first, logged
    body = re.split(r"=>|->|\belse\b", text, maxsplit=1)[-1]
    kept = [
        part.strip().rstrip(",;").strip()
        for part in re.split(r"[\n;]", body)
        if part.strip() and not rules.search("logging", part)
    ]
    rest = "".join(p for p in kept if p not in ("{", "}", "do", "end")).strip("{} ")
    nothing = rules.rules.get("arm_nothing")
    if nothing is not None and nothing.match(rest):
        return ("logged" if logged else "swallow"), first, logged
    return "fallback", first, logged
