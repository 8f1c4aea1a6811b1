"""Call-site resilience: how well each integration is protected, proven from the code.

`analyze(root, scan_result)` parses (tree-sitter) the files that carry each integration's
evidence, finds its call sites, follows the project's own wrappers two levels across
files, and judges timeout, retry, circuit breaker, fallback, health check, logging and
idempotency per site and per integration, with `path:line` reasons. Library knowledge
(signal words, client defaults, grammars) lives in `data/*.toml`, not in code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from integration_risk.models.callsites import CallSite, IntegrationResilience
from integration_risk.models.scan import Evidence, Integration, ScanResult
from integration_risk.resilience.defaults import libraries_for, words_of
from integration_risk.resilience.evaluate import evaluate_site
from integration_risk.resilience.sites import find_sites
from integration_risk.resilience.verdict import judge
from integration_risk.resilience.workspace import Workspace
from integration_risk.resilience.wrappers import WrapperResolver

__all__ = ["Analysis", "analyze", "analyze_sites"]

Progress = Callable[[int, int], None]
_WHERE = re.compile(r"^(?P<path>.+?):(?P<line>\d+) (?P<kind>[\w-]+): ?(?P<snippet>.*)$")


@dataclass
class Analysis:
    resilience: IntegrationResilience
    sites: list[CallSite]


def analyze(
    root: str | Path,
    scan: ScanResult | Iterable[Integration],
    *,
    ids: set[str] | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> dict[str, IntegrationResilience]:
    """Per integration id: verdicts, score and worst call site."""
    results = analyze_sites(root, scan, ids=ids, use_cache=use_cache, progress=progress)
    return {key: analysis.resilience for key, analysis in results.items()}


def analyze_sites(
    root: str | Path,
    scan: ScanResult | Iterable[Integration],
    *,
    ids: set[str] | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> dict[str, Analysis]:
    """Like `analyze`, keeping every judged call site (least protected first)."""
    integrations = list(scan.integrations if isinstance(scan, ScanResult) else scan)
    if ids is not None:
        integrations = [i for i in integrations if i.id in ids]
    workspace = Workspace(Path(root), use_cache=use_cache)
    resolver = WrapperResolver(workspace)
    file_words: dict[str, set[str]] = {}
    results: dict[str, Analysis] = {}
    try:
        for done, integration in enumerate(integrations, 1):
            results[integration.id] = _one(workspace, resolver, integration, file_words)
            if progress:
                progress(done, len(integrations))
    finally:
        workspace.close()
    return results


def evidence_of(integration: Integration) -> list[Evidence]:
    """Full evidence, or the compact `where` strings parsed back."""
    if integration.evidence:
        return list(integration.evidence)
    items = []
    for where in integration.where:
        match = _WHERE.match(where)
        if match:
            items.append(
                Evidence(
                    path=match["path"],
                    line=int(match["line"]),
                    kind=match["kind"],
                    snippet=match["snippet"],
                )
            )
    return items


_IMPORT_LINE = re.compile(
    r"^\s*(?:import|from|require|use|using|include|alias|extern crate|@import)\b|require\(|import\(",
)


def _library_words(workspace: Workspace, path: str) -> set[str]:
    """Words that show which client library a file uses: its import lines and callees."""
    source = workspace.file(path)
    if source is None:
        return set()
    words: set[str] = set()
    for line in source.lines:
        if _IMPORT_LINE.search(line):
            words |= words_of(line)
    if source.facts is not None:
        for _, _, callee, _ in source.facts.calls:
            words |= words_of(callee.replace(".", " "))
    return words


def _one(
    workspace: Workspace,
    resolver: WrapperResolver,
    integration: Integration,
    file_words: dict[str, set[str]],
) -> Analysis:
    evidence = evidence_of(integration)
    found = find_sites(workspace, evidence)
    evidence_words = found.library_words | {w for e in evidence for w in words_of(e.snippet)}
    judged = []
    for site in found.sites:
        resolver.extend(site, found.library_words)
        if site.kind == "config":
            libraries = libraries_for(integration.id, "", set(), evidence_words, any_language=True)
        else:
            if site.path not in file_words:
                file_words[site.path] = _library_words(workspace, site.path)
            # The call itself names its library when it can (`requests.post`, `httpx.get`);
            # otherwise the file's imports and the integration's evidence do.
            own = words_of(f"{site.call} {site.origin}".replace(".", " "))
            libraries = libraries_for(integration.id, site.language, own, set())
            if not libraries:
                libraries = libraries_for(
                    integration.id, site.language, file_words[site.path], evidence_words
                )
        judged.append(evaluate_site(workspace, site, libraries, integration.category))
    judged.sort(key=lambda s: (s.score, s.path, s.line))
    return Analysis(judge(integration.id, judged, found.unknown_files), judged)
