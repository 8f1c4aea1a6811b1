"""Health checks that exercise an integration, beyond functions named like one: routes
registered on `/health`, `/healthz`, `/ready`, `/live` (their handler and what it calls),
ASP.NET `AddHealthChecks().AddNpgSql(...)` registrations, and Spring `HealthIndicator`
classes. A probe covers an integration when one of its call sites runs inside the probe,
when the probe pings a dependency of the integration's category (`db.PingContext`,
`SELECT 1`), or when a registered check names it (`data/health.toml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from integration_risk.models.scan import Integration
from integration_risk.resilience.datafiles import data_file, data_rows
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import Workspace
from integration_risk.resilience.wrappers import WrapperResolver

MAX_CANDIDATES = 3
_WORD = re.compile(r"[A-Za-z_][\w]*")
_ROUTE = re.compile(r"[\"'`](/?[\w/-]*)[\"'`]")
_CLASS = re.compile(r"\bclass\s+(\w+)")
_COMMON = frozenset(
    "get post put head route handle handlefunc mapget map app router mux server http "
    "r e g c to as do end def fn func function return new class self this check status "
    "async await public static void".split()
)


@dataclass
class Probe:
    kind: str
    path: str
    line: int
    label: str
    scopes: list[Scope] = field(default_factory=list)
    integrations: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()


@cache
def _probe_rules() -> dict[str, re.Pattern[str]]:
    probe: dict[str, Any] = data_file("health.toml").get("probe", {})
    return {category: re.compile(text) for category, text in probe.items()}


def _checks() -> list[dict[str, Any]]:
    return data_rows("health.toml", "check")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


class HealthIndex:
    def __init__(self, workspace: Workspace, resolver: WrapperResolver) -> None:
        self.workspace = workspace
        self.resolver = resolver
        self._probes: list[Probe] | None = None

    def covers(
        self, integration: Integration, sites: list[Site], files: set[str], sole: bool
    ) -> str | None:
        """Why a health check exercises the integration, or None. `files` carry its
        evidence; `sole`: it is the only integration of its category in the project."""
        ping = _probe_rules().get(integration.category)
        for probe in self.probes():
            if integration.id in probe.integrations or integration.category in probe.categories:
                return f"{probe.label} checks it"
            for site in sites:
                scope = next((s for s in probe.scopes if _inside(site, s)), None)
                if scope is not None:
                    return f"{probe.label} calls it at {site.path}:{site.line}"
            if ping is not None:
                hit = self._ping(probe, ping, None if sole else files)
                if hit is not None:
                    return f"{probe.label} pings the {integration.category} ({hit})"
        return None

    def probes(self) -> list[Probe]:
        if self._probes is None:
            index = self.workspace.text_index()
            probes = [self._route(p, n, t) for p, n, t in index.hints("health-route")]
            probes += [self._registered(p, n) for p, n, _ in index.hints("dotnet-health")]
            probes += [self._indicator(p, n, t) for p, n, t in index.hints("health-indicator")]
            self._probes = [p for p in probes if p is not None]
        return self._probes

    def _route(self, path: str, line: int, text: str) -> Probe | None:
        source = self.workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            return None
        facts = source.facts
        route = _ROUTE.search(text)
        label = f"health route `{route.group(1) if route else text[:40]}` ({path}:{line})"
        probe = Probe("route", path, line, label)
        index = facts.function_at(line)
        if index >= 0 and facts.funcs[index][1] <= line <= facts.funcs[index][1] + 2:
            _, start, end = facts.funcs[index]  # an annotated or decorated handler
            probe.scopes.append(Scope(path, start, end, label, "health"))
        around = [(e - s, s, e) for s, e, _, _ in facts.calls if s <= line <= e and e > s]
        if around and not probe.scopes:
            _, start, end = min(around)  # a handler written inline in the registration
            probe.scopes.append(Scope(path, start, end, label, "health"))
        words = [w for w in _WORD.findall(text[route.end() :] if route else text)]
        for word in words:
            if len(word) < 3 or word.lower() in _COMMON:
                continue
            for found in self._definitions(facts.language, word, words, path):
                probe.scopes.append(Scope(found[0], found[1], found[2], label, "health"))
        self._follow(probe, facts.language)
        return probe if probe.scopes else None

    def _definitions(
        self, language: str, name: str, words: list[str], from_path: str
    ) -> list[tuple[str, int, int]]:
        """Functions a handler name on the route line may mean: in this file, else in a
        file named by another word of the line (`HealthController`, `health#show`)."""
        candidates = self.workspace.definitions(language, name)
        same = [d for d in candidates if d[0] == from_path]
        others = {_norm(w) for w in words if w != name and len(w) >= 4}
        named = [
            d for d in candidates if any(o and o in _norm(PurePosixPath(d[0]).stem) for o in others)
        ]
        chosen = same or named or (candidates if len(candidates) <= 1 else [])
        found = []
        for path, line in chosen[:MAX_CANDIDATES]:
            source = self.workspace.file(path)
            if source is None or source.facts is None:
                continue
            index = source.facts.function_at(line)
            if index >= 0:
                _, start, end = source.facts.funcs[index]
                found.append((path, start, end))
        return found

    def _follow(self, probe: Probe, language: str) -> None:
        """Add the functions the handler calls (two levels, as wrappers are followed)."""
        for scope in list(probe.scopes):
            pseudo = Site(scope.path, scope.start, scope.end, "call", "", "", language, [])
            self.resolver.extend(pseudo, set())
            probe.scopes.extend(pseudo.scopes)

    def _registered(self, path: str, line: int) -> Probe | None:
        source = self.workspace.file(path)
        if source is None:
            return None
        _, text = source.statement(line)
        ids: set[str] = set()
        categories: set[str] = set()
        for check in _checks():
            if re.search(rf"\b\w*{re.escape(check['call'])}\w*\b", text):
                ids.update(check.get("integrations", []))
                categories.update(check.get("categories", []))
        if not ids and not categories:
            return None
        label = f"registered health check (AddHealthChecks at {path}:{line})"
        return Probe("registered", path, line, label, [], frozenset(ids), frozenset(categories))

    def _indicator(self, path: str, line: int, text: str) -> Probe | None:
        source = self.workspace.file(path)
        match = _CLASS.search(text)
        if source is None or source.facts is None or match is None:
            return None
        name = match.group(1)
        label = f"HealthIndicator {name} ({path}:{line})"
        probe = Probe("indicator", path, line, label)
        for qualname, start, end in source.facts.funcs:
            if qualname.split(".")[0] == name:
                probe.scopes.append(Scope(path, start, end, label, "health"))
        self._follow(probe, source.facts.language)
        return probe if probe.scopes else None

    def _ping(self, probe: Probe, ping: re.Pattern[str], files: set[str] | None) -> str | None:
        """A ping inside the probe (in one of `files` unless None)."""
        for scope in probe.scopes:
            if files is not None and scope.path not in files:
                continue
            source = self.workspace.file(scope.path)
            if source is None or source.facts is None:
                continue
            for line, callee in self.workspace.calls_in(scope.path, scope.start, scope.end):
                if ping.search(callee):
                    return f"`{callee}` at {scope.path}:{line}"
            text = "\n".join(source.lines[scope.start - 1 : scope.end])
            if ping.search(".execute") and re.search(r"(?i)\bSELECT\s+1\b", text):
                return f"`SELECT 1` in {scope.path}:{scope.start}"
        return None


def _inside(site: Site, scope: Scope) -> bool:
    return site.path == scope.path and scope.start <= site.line <= scope.end
