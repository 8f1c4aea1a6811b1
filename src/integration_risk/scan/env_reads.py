"""Env variable reads in code, per language: (NAME, 1-based line)."""

from __future__ import annotations

import re

from integration_risk.scan.findings import LineIndex

_NAME = r"([A-Z][A-Z0-9_]{1,})"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "python": re.compile(
        r"(?:environ(?:\.get)?\s*[\[(]\s*|getenv\s*\(\s*|\benv(?:\.\w+)?\s*\(\s*|\bconfig\s*\(\s*"
        r"|_env\w*\s*\(\s*)['\"]" + _NAME + "['\"]"
    ),
    "js": re.compile(r"(?:process\.env|import\.meta\.env)(?:\.|\[\s*['\"`])" + _NAME),
    "go": re.compile(r"os\.(?:Getenv|LookupEnv)\(\s*\"" + _NAME + '"'),
    "ruby": re.compile(r"ENV(?:\.fetch\(\s*|\[\s*)['\"]" + _NAME + "['\"]"),
    "java": re.compile(r"(?:getenv|getProperty)\(\s*\"" + _NAME + '"'),
    "csharp": re.compile(r"GetEnvironmentVariable\(\s*\"" + _NAME + '"'),
    "php": re.compile(
        r"(?:getenv\(\s*|\$_ENV\[\s*|\$_SERVER\[\s*|\benv\(\s*)['\"]" + _NAME + "['\"]"
    ),
    "rust": re.compile(r"(?:env::var(?:_os)?\(\s*|env!\(\s*|option_env!\(\s*)\"" + _NAME + '"'),
    "elixir": re.compile(r"System\.(?:get_env|fetch_env!?)\(\s*\"" + _NAME + '"'),
    "dart": re.compile(r"(?:environment\[\s*|fromEnvironment\(\s*)['\"]" + _NAME + "['\"]"),
}


def env_reads(text: str, language: str) -> list[tuple[str, int]]:
    pattern = _PATTERNS.get(language)
    if pattern is None:
        return []
    lines = LineIndex(text)
    return [(m.group(1), lines.line_of(m.start())) for m in pattern.finditer(text)]
