"""Call-site resilience: how well each integration is protected, proven from the code.

`analyze(root, scan_result)` parses (tree-sitter) the files that carry each integration's
evidence, finds its call sites, follows the project's own wrappers two levels across
files, and judges timeout, retry, circuit breaker, fallback, health check, logging and
idempotency per site and per integration, with `path:line` reasons. Library knowledge
(signal words, client defaults, grammars) lives in `data/*.toml`, not in code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TypedDict, Unpack

from integration_risk.models.callsites import CallSite, IntegrationResilience, Signal
from integration_risk.models.scan import Integration, ScanResult
from integration_risk.resilience.breakers import BreakerIndex
from integration_risk.resilience.clientconfig import ClientConfig
from integration_risk.resilience.clientvars import receiver_of
from integration_risk.resilience.consumers import consumer_words
from integration_risk.resilience.defaults import LibraryDefault, libraries_for, words_of
from integration_risk.resilience.evaluate import evaluate_site
from integration_risk.resilience.health import HealthIndex
from integration_risk.resilience.imported import with_imports
from integration_risk.resilience.jobs import JobIndex
from integration_risk.resilience.languages import languages_of_manifest
from integration_risk.resilience.modules import client_module_sites
from integration_risk.resilience.pkgcallers import package_callers
from integration_risk.resilience.projectclients import ProjectClients
from integration_risk.resilience.receivers import declared_types
from integration_risk.resilience.rules import vocabulary
from integration_risk.resilience.settingkeys import requests_with
from integration_risk.resilience.sites import Scope, Site, SiteSet, find_sites, outbound_sites
from integration_risk.resilience.verdict import judge
from integration_risk.resilience.workspace import Workspace
from integration_risk.resilience.wrappers import WrapperResolver
from integration_risk.scan.imports import is_import_line

__all__ = ["Analysis", "analyze", "analyze_sites"]

Progress = Callable[[int, int], None]
MAX_OUTBOUND_SCOPE = 80


@dataclass
class Analysis:
    resilience: IntegrationResilience
    sites: list[CallSite]


class AnalyzeOptions(TypedDict, total=False):
    """`analyze_sites`'s keyword options, which `analyze` passes on."""

    ids: set[str] | None
    use_cache: bool
    progress: Progress | None


def analyze(
    root: str | Path, scan: ScanResult | Iterable[Integration], **options: Unpack[AnalyzeOptions]
) -> dict[str, IntegrationResilience]:
    """Per integration id: verdicts, score and worst call site. `options`: ids (only
    these integrations), use_cache=True, progress."""
    results = analyze_sites(root, scan, **options)
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
    everyone = list(scan.integrations if isinstance(scan, ScanResult) else scan)
    per_category = Counter(i.category for i in everyone)  # a sole database owns its DB pings
    integrations = everyone
    if ids is not None:
        integrations = [i for i in integrations if i.id in ids]
    workspace = Workspace(Path(root), use_cache=use_cache)
    resolver = WrapperResolver(workspace)
    jobs = JobIndex(workspace)
    clients = ClientConfig(workspace)
    health = HealthIndex(workspace, resolver)
    breakers = BreakerIndex(workspace, jobs)
    projects = ProjectClients(workspace)
    file_words: dict[str, set[str]] = {}
    results: dict[str, Analysis] = {}
    try:
        for done, integration in enumerate(integrations, 1):
            results[integration.id] = _one(
                workspace,
                (resolver, clients),
                (jobs, health, breakers, projects),
                integration,
                file_words,
                per_category,
            )
            if progress:
                progress(done, len(integrations))
    finally:
        workspace.close()
    return results


def _library_words(workspace: Workspace, path: str) -> set[str]:
    """Words that show which client library a file uses: its import lines and callees."""
    source = workspace.file(path)
    if source is None:
        return set()
    words: set[str] = set()
    for line in source.lines:
        if is_import_line(line):
            words |= words_of(line)
    if source.facts is not None:
        for _, _, callee, _ in source.facts.calls:
            words |= words_of(callee.replace(".", " "))
    return words


def _one(
    workspace: Workspace,
    resolver: tuple[WrapperResolver, ClientConfig],
    checks: tuple[JobIndex, HealthIndex, BreakerIndex, ProjectClients],
    integration: Integration,
    file_words: dict[str, set[str]],
    per_category: Counter[str],
) -> Analysis:
    jobs, health, breakers, projects = checks
    evidence = list(integration.evidence)  # a full scan: compact answers carry `where` only
    found = find_sites(workspace, evidence)
    for site in found.sites:
        _prepare(workspace, resolver, site, found, (integration.category, integration.id))
    # a setting's reader is a site where its own function makes the request with what it
    # reads, not where a function only checks the key (`enabled()`, `.startswith("sqlite")`)
    found.sites = [
        s
        for s in found.sites
        if not s.read_key or requests_with(workspace, s, integration.category, integration.id)
    ]
    if not any(s.outbound and s.function != "<module>" for s in found.sites):
        # No evidence line sits in a function that calls out: the outbound calls of the
        # evidence files, else a module named after the system, are where it is called.
        extra = outbound_sites(
            workspace, found, integration.category, integration.id
        ) or client_module_sites(workspace, integration)
        for site in extra:
            _prepare(workspace, resolver, site, found, (integration.category, integration.id))
        found.sites.extend(extra)
    if not found.sites and found.manifests:
        path, line = found.manifests[0]
        found.sites.append(Site(path, line, line, "dependency", "", "<manifest>", "manifest"))
    evidence_words = found.library_words | {w for e in evidence for w in words_of(e.snippet)}
    languages = _project_languages(workspace, found)
    judged = []
    for site in found.sites:
        if site.kind in ("config", "dependency"):
            words = evidence_words | _window_words(workspace, site)
            # a manifest line speaks for its own ecosystem (pyproject.toml: stripe-python,
            # not the stripe-node of a package.json beside it)
            own = languages_of_manifest(site.path) if site.kind == "dependency" else set()
            libraries = _unique(
                lib
                for language in sorted(own or languages)
                for lib in libraries_for(integration.id, language, set(), words)
                # a settings file imports nothing: a library that needs an import holds
                # where a code site of the integration imports it
                if not lib.requires_import or _imported_by_code(workspace, found, lib)
            )
        else:
            libraries = _site_libraries(workspace, site, integration.id, evidence_words, file_words)
        # a library default that holds only under a project-wide setting (Tesla's adapter),
        # cited where the project sets it
        libraries = [
            _hinted(lib, workspace)
            for lib in libraries
            if all(workspace.has_hint(hint) for hint in lib.requires_hint)
            if not lib.since[1] or workspace.version_at_least(*lib.since)
            if not lib.requires_package or workspace.names_package(lib.requires_package)
        ]
        judged.append(
            evaluate_site(
                workspace, site, libraries, integration.category, jobs, breakers, projects
            )
        )
    files = {e.path for e in evidence} | {s.path for s in found.sites}
    sole = per_category[integration.category] == 1
    probe = health.covers(integration, found.sites, files, sole)
    if probe is not None:  # a health check exercises the integration: true at every site
        for site_result in judged:
            site_result.signals = [
                Signal(pattern="health_check", verdict="yes", reason=probe)
                if sig.pattern == "health_check" and sig.verdict != "yes"
                else sig
                for sig in site_result.signals
            ]
    judged.sort(key=lambda s: (s.score, s.path, s.line))
    return Analysis(judge(integration.id, judged, found.unknown_files), judged)


def _imported_by_code(workspace: Workspace, found: SiteSet, library: LibraryDefault) -> bool:
    return any(
        workspace.imports(site.path, library.requires_import)
        for site in found.sites
        if site.kind not in ("config", "dependency")
    )


def _prepare(
    workspace: Workspace,
    resolver: tuple[WrapperResolver, ClientConfig],
    site: Site,
    found: SiteSet,
    integration: tuple[str, str],
) -> None:
    """Scopes beyond the call's file: wrappers it reaches, client configuration it uses.
    `integration`: its category and id."""
    wrappers, clients = resolver
    clients.extend(site)  # a registered or mounted client's configuration speaks first
    site.scopes.extend(package_callers(workspace, site))  # Go: callers in the package's files
    wrappers.extend(site, found.library_words, frozenset(s.path for s in found.sites))
    site.outbound = _is_outbound(workspace, site, *integration)


def _site_libraries(
    workspace: Workspace,
    site: Site,
    integration_id: str,
    evidence_words: set[str],
    file_words: dict[str, set[str]],
) -> list[LibraryDefault]:
    """The client library a code site uses, nearest word first: the call itself
    (`requests.post`), the calls of its function (`CreateClient` before `GetAsync`), the
    integration's own evidence (its imports, manifests, client classes), the words of the
    site's own lines (a chained rule, `Password::min(8)->uncompromised()`), and, for a site
    that is no call of its own, every import of its file."""
    own = words_of(f"{site.call} {site.origin}".replace(".", " "))
    if site.function == "<module>":  # settings code: what is configured next to it
        own |= _window_words(workspace, site)
    scoped = _function_words(workspace, site)
    source = workspace.file(site.path)
    written = words_of(" ".join(source.lines[site.line - 1 : site.end])) if source else set()
    if source is not None:  # `AsyncClient` imported from httpx is httpx
        own = with_imports(own, source.text, site.language)
        scoped = {  # the site's own function only: a caller calls many other things
            scope: with_imports(words, source.text, site.language)
            if scope.kind in ("function", "client") and scope.path == site.path
            else words
            for scope, words in scoped.items()
        }
    levels = [own, set().union(*scoped.values()), evidence_words, written]
    # a function such as file_get_contents shows only in the site's own function or the
    # wrappers it reaches, not in a caller that hands it the URL and calls it besides
    reached = set().union(*(words for scope, words in scoped.items() if scope.kind != "caller"))
    # a site that only mentions the system: every import of its file; one that builds a
    # client (a pool's settings object): the file's imports of a library made for the
    # system (Exposed beside HikariConfig), not another system's client the file also uses
    built = site.kind == "construction" and not site.function.startswith("<module")
    if site.kind in ("reference", "construction") or site.function.startswith("<module"):
        if site.path not in file_words:
            file_words[site.path] = _library_words(workspace, site.path)
        levels.append(file_words[site.path])
    for level, words in enumerate(levels):
        libraries = [
            lib
            for lib in libraries_for(integration_id, site.language, words, set())
            if not lib.requires_import or workspace.imports(site.path, lib.requires_import)
            if level < 4 or not built or integration_id in lib.integrations
            if not lib.call_only or level == 0 or (level == 1 and lib.tokens & reached)
        ]
        if libraries and level == 1:  # cite the wrapper whose calls show the library
            libraries = [_via(lib, scoped) for lib in libraries]
        if libraries:
            # the framework around the driver (Laravel's reconnect over pdo_mysql), named
            # by the integration's own evidence, adds what the driver's row does not say;
            # a call through a general HTTP client (`requests.request`) is made without
            # the system's SDK the evidence names (a JIRA client's retries)
            framework = [
                lib
                for lib in libraries_for(integration_id, site.language, evidence_words, set())
                if lib.integrations and lib.id not in {chosen.id for chosen in libraries}
                if not lib.requires_import or workspace.imports(site.path, lib.requires_import)
            ]
            if built and level < 4:  # the pool it builds (HikariCP) runs under the file's
                # library made for the system (Exposed's transaction retries)
                chosen = {lib.id for lib in libraries + framework}
                framework += [
                    lib
                    for lib in libraries_for(integration_id, site.language, levels[4], set())
                    if integration_id in lib.integrations and lib.id not in chosen
                    if not lib.requires_import or workspace.imports(site.path, lib.requires_import)
                ]
            if any(lib.generic for lib in libraries):
                framework = []
            return libraries + framework if level < 2 else libraries
    consumed, where = consumer_words(workspace, site)  # an address helper: its users' client
    found = libraries_for(integration_id, site.language, consumed, set()) if consumed else []
    return [replace(lib, via=where) for lib in found if not lib.requires_import]


def _function_words(workspace: Workspace, site: Site) -> dict[Scope, set[str]]:
    """Callee words of the site's function and of the wrappers it reaches, per scope."""
    words: dict[Scope, set[str]] = {}
    for scope in site.scopes:
        if scope.kind in ("window", "module"):
            continue
        key = (scope, site.language)
        found = workspace.scope_words.get(key)
        if found is None:
            source = workspace.file(scope.path)
            if source is None or source.facts is None:
                continue
            found = workspace.scope_words[key] = _scope_words(workspace, scope, site.language)
        words[scope] = found
    return words


def _scope_words(workspace: Workspace, scope: Scope, language: str) -> set[str]:
    found: set[str] = set()
    vocab = vocabulary()
    for _, callee in workspace.calls_in(scope.path, scope.start, scope.end):
        found |= words_of(callee.replace(".", " "))
        receiver = receiver_of(callee)
        if receiver and vocab.is_network_call(callee):
            # `_client.SendAsync` with `private readonly HttpClient _client`: the type
            # names the library
            found.update(_declared_types(workspace, scope.path, language, receiver))
    return found


def _declared_types(workspace: Workspace, path: str, language: str, receiver: str) -> list[str]:
    source = workspace.file(path)
    return _types_in(source.text, language, receiver) if source is not None else []


@lru_cache(maxsize=4096)
def _types_in(text: str, language: str, receiver: str) -> list[str]:
    return declared_types(text, language, receiver)


def _via(library: LibraryDefault, scoped: dict[Scope, set[str]]) -> LibraryDefault:
    """The library as reached through a wrapper, when no code of the site's own shows it."""
    showing = [scope for scope, words in scoped.items() if library.tokens & words]
    if not showing or not all(scope.kind == "wrapper" for scope in showing):
        return library
    return replace(library, via=showing[0].label)


def _hinted(library: LibraryDefault, workspace: Workspace) -> LibraryDefault:
    """A default the project sets for itself (`axios.defaults.timeout = ..`) names where."""
    where = workspace.hint_at(library.requires_hint[0]) if library.requires_hint else None
    return replace(library, via=f"set at {where}") if where and not library.via else library


def _unique(libraries: Iterable[LibraryDefault]) -> list[LibraryDefault]:
    return list({lib.id: lib for lib in libraries}.values())


def _project_languages(workspace: Workspace, found: SiteSet) -> set[str]:
    """Languages the integration is used from: its code sites, else its manifests, else
    the project's main languages (settings files have no language of their own)."""
    code = {s.language for s in found.sites if s.kind not in ("config", "dependency")}
    if code:
        return code
    manifests = set().union(*(languages_of_manifest(p) for p, _ in found.manifests))
    return manifests or workspace.languages()


def _window_words(workspace: Workspace, site: Site) -> set[str]:
    words: set[str] = set()
    for scope in site.scopes:
        source = workspace.file(scope.path)
        if source is not None:
            words |= words_of(" ".join(source.lines[max(0, scope.start - 1) : scope.end]))
    return words


def _is_outbound(workspace: Workspace, site: Site, category: str = "", ident: str = "") -> bool:
    """Does the site's function, or a wrapper it reaches, make an outbound request (for
    an HTTP-side integration, a database query is none: `session.execute`)?"""
    vocab = vocabulary()
    for scope in site.scopes:
        if scope.kind == "window":
            continue
        if scope.kind != "wrapper" and scope.end - scope.start > MAX_OUTBOUND_SCOPE:
            continue  # a long function (a router, a main) calls out for many reasons; a
            # wrapper the call runs (a 90-line `httpGet`) calls out for this call
        if scope.kind == "client_config":
            continue  # client configuration says how it calls, not whether this site does
        calls = workspace.calls_in(scope.path, scope.start, scope.end)
        if any(vocab.calls_out_for(callee, category, ident) for _, callee in calls):
            return True
    return False
