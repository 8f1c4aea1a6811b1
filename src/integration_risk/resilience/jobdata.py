"""Job frameworks that retry failed jobs, from `data/jobs.toml` (see its header)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from integration_risk.lines import is_comment_line, split_lines
from integration_risk.resilience.datafiles import data_rows


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
