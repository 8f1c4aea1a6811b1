"""Signal vocabularies from `data/signals.toml`: which tokens prove which protection."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SIGNALS = ("timeout", "retry", "circuit_breaker", "sleep", "logging", "health_check", "idempotency")
# Matched against whole callee texts, not tokens: kept out of `classify`.
CALLEE_SIGNALS = ("network", "data", "http", "wire")
# Integration categories whose calls are database-style queries.
DATA_CATEGORIES = frozenset({"database", "cache", "queue", "search", "storage", ""})


class Vocabulary:
    """Compiled match/exclude regexes per signal."""

    def __init__(self, table: dict[str, dict[str, str]]) -> None:
        self._rules: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]] = []
        self._known: dict[str, tuple[str, ...]] = {}
        self._callee: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {
            name: (
                re.compile(table[name]["match"]),
                re.compile(table[name]["exclude"]) if table[name].get("exclude") else None,
            )
            for name in CALLEE_SIGNALS
            if name in table
        }
        for signal in SIGNALS:
            spec = table.get(signal, {})
            match = spec.get("match", "")
            if not match:
                continue
            exclude = spec.get("exclude", "")
            self._rules.append(
                (signal, re.compile(match), re.compile(exclude) if exclude else None)
            )

    def classify(self, token: str) -> list[str]:
        """The signals a single identifier-shaped token stands for (usually none)."""
        return list(self.signals_of(token))

    def signals_of(self, token: str) -> tuple[str, ...]:
        """`classify`, remembered per token: a parse asks about every identifier, and the
        same few thousand names recur across a project's files."""
        known = self._known.get(token)
        if known is None:
            known = tuple(
                signal
                for signal, match, exclude in self._rules
                if match.search(token) and not (exclude and exclude.search(token))
            )
            if len(self._known) < 200_000:
                self._known[token] = known
        return known

    def is_network_call(self, callee: str) -> bool:
        rule = self._callee.get("network")
        if rule is None:
            return False
        match, exclude = rule
        return bool(match.search(callee)) and not (exclude and exclude.search(callee))

    def is_data_call(self, callee: str) -> bool:
        """A database query through a session, connection or cursor (`session.execute`)."""
        rule = self._callee.get("data")
        return rule is not None and bool(rule[0].search(callee))

    def calls_out_for(self, callee: str, category: str, integration_id: str = "") -> bool:
        """A network call that stands for an integration of `category`: a database query
        calls out for data systems only, an HTTP request never for a system with a wire
        protocol of its own (MySQL, Redis, Kafka)."""
        if not self.is_network_call(callee):
            return False
        if integration_id and self._matches_callee("wire", integration_id):
            return not self._matches_callee("http", callee)
        return category in DATA_CATEGORIES or not self.is_data_call(callee)

    def _matches_callee(self, name: str, text: str) -> bool:
        rule = self._callee.get(name)
        return rule is not None and bool(rule[0].search(text))

    def matches(self, signal: str, token: str) -> bool:
        return signal in self.classify(token)


@cache
def vocabulary() -> Vocabulary:
    with open(DATA / "signals.toml", "rb") as handle:
        return Vocabulary(tomllib.load(handle))
