"""Job frameworks that retry failed jobs, from `data/jobs.toml` (see its header)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from integration_risk.lines import is_comment_line, split_lines
from integration_risk.resilience.datafiles import data_rows
from integration_risk.resilience.rules import vocabulary

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    languages: frozenset[str]
    policy: re.Pattern[str]
    off: re.Pattern[str] | None
    scope: str  # function | class | global | enqueued | queue | broker
    requires: re.Pattern[str] | None
    marker: re.Pattern[str] | None
    default: str
    bases: tuple[str, ...]
    within: re.Pattern[str] | None  # class scope: the function the line may sit in


def _regex(text: str) -> re.Pattern[str] | None:
    return re.compile(text, re.MULTILINE) if text else None


@cache
def frameworks() -> tuple[Framework, ...]:
    return tuple(
        Framework(
            id=row["id"],
            name=row["name"],
            languages=frozenset(row["languages"]),
            policy=re.compile(row["policy"], re.MULTILINE),
            off=_regex(row.get("off", "")),
            scope=row["scope"],
            requires=_regex(row.get("requires", "")),
            marker=_regex(row.get("marker", "")),
            default=row.get("default", ""),
            bases=tuple(row.get("bases", [])),
            within=_regex(row.get("within", "")),
        )
        for row in data_rows("jobs.toml", "framework")
    )


@cache
def brokers() -> frozenset[str]:
    """Frameworks whose policy lines are broker settings every job gets (scope `broker`)."""
    return frozenset(f.id for f in frameworks() if f.scope == "broker")


def job_lines(text: str, language: str) -> list[tuple[str, int, str, str]]:
    """(framework id, line, kind, line text) of every policy or marker line of a file;
    kind is `on`, `off` (a policy that turns retries off) or `marker`."""
    found: list[tuple[str, int, str, str]] = []
    wanted = [f for f in frameworks() if language in f.languages]
    if not wanted:
        return found
    lines = split_lines(text)
    for framework in wanted:
        if framework.requires is not None and not framework.requires.search(text):
            continue
        marked = framework.marker is not None and framework.marker.search(text)
        if not framework.policy.search(text) and not marked:
            continue  # most files: one search over the text, no line loop
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            if is_comment_line(stripped):
                continue
            if framework.policy.search(line):
                off = framework.off is not None and framework.off.search(line)
                found.append((framework.id, number, "off" if off else "on", stripped[:120]))
            elif framework.marker is not None and framework.marker.search(line):
                found.append((framework.id, number, "marker", stripped[:120]))
    return found


def lines_of(
    jobs: list[tuple[str, int, str, str]],
    spans: dict[int, tuple[int, int]],
    texts: list[str],
    signal: str,
) -> frozenset[int]:
    """The lines of each policy's span (the call it sits in, `_spans` in jobs.py), but not a
    broker policy's line that holds a word of `signal` outside its policy calls: the broker's
    own option (`RedisBroker(url=u, socket_timeout=5, middleware=[TimeLimit(), Retries()])`)."""
    lines: set[int] = set()
    for framework, line, _, _ in jobs:
        start, end = spans.get(line, (line, line))
        own = framework in brokers() and line <= len(texts) and _beside(texts[line - 1], signal)
        lines.update(n for n in range(start, end + 1) if not (own and n == line))
    return frozenset(lines)


def _beside(line: str, signal: str) -> bool:
    rest = line
    for framework in frameworks():
        if framework.scope == "broker":
            rest = _without_calls(framework.policy, rest)
    vocab = vocabulary()
    return any(vocab.matches(signal, token) for token in _WORD.findall(rest))


def _without_calls(policy: re.Pattern[str], line: str) -> str:
    """The line with each policy call (`TimeLimit(time_limit=60_000)`) cut out, from its name
    to its closing parenthesis (the line's end when it goes on)."""
    while (match := policy.search(line)) is not None:
        depth, end = 0, len(line)
        for index in range(match.end() - 1, len(line)):
            depth += {"(": 1, ")": -1}.get(line[index], 0)
            if depth == 0:
                end = index + 1
                break
        line = line[: match.start()] + line[end:]
    return line
