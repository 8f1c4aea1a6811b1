"""Where work enters the code: HTTP routes and handlers, CLI mains, queue consumers, jobs.

The rules are data (`entrypoints.toml`): a line regex per language and
framework, guarded by plain-substring needles so a file without any needle
never runs the regex, plus path rules for frameworks that route by file name
(Next.js, Rails, Laravel). Each declaration counts once, capped per file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from integration_risk.graph.facts import Entry
from integration_risk.lines import LineIndex
from integration_risk.scan.masking import mask_line

MAX_PER_FILE = 25
RULES_FILE = Path(__file__).with_name("entrypoints.toml")


@dataclass(frozen=True)
class Rule:
    kind: str
    framework: str
    needles: tuple[str, ...]
    regex: re.Pattern[str]
    package: str = ""  # only in files of this package (Go's `main`)


@cache
def rules() -> tuple[dict[str, list[Rule]], list[Rule]]:
    """(line rules by language, path rules), compiled once per process."""
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    by_language: dict[str, list[Rule]] = {}
    for raw in data["rule"]:
        rule = Rule(
            raw["kind"],
            raw["framework"],
            tuple(raw["needles"]),
            re.compile(raw["regex"], re.M),
            raw.get("package", ""),
        )
        by_language.setdefault(raw["language"], []).append(rule)
    paths = [
        Rule(raw["kind"], raw["framework"], (), re.compile(raw["regex"])) for raw in data["path"]
    ]
    return by_language, paths


def find_entries(
    relpath: str, text: str, language: str, lines: LineIndex, package: str
) -> list[Entry]:
    """Entry points declared in one file, in line order."""
    by_language, path_rules = rules()
    found: dict[tuple[int, str], Entry] = {}
    for rule in path_rules:
        if rule.regex.search(relpath):
            found[(1, rule.kind)] = Entry(1, rule.kind, rule.framework, relpath.rsplit("/", 1)[-1])
    for rule in by_language.get(language, ()):
        if rule.package and rule.package != package:
            continue
        if not any(needle in text for needle in rule.needles):
            continue
        for match in rule.regex.finditer(text):
            line = lines.line_of(match.start())
            if (line, rule.kind) not in found:
                snippet = mask_line(relpath, lines.line_text(line), 100)
                found[(line, rule.kind)] = Entry(line, rule.kind, rule.framework, snippet)
            if len(found) >= MAX_PER_FILE:
                break
    return sorted(found.values(), key=lambda e: (e.line, e.kind))[:MAX_PER_FILE]
