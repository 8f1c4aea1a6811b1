"""Call sites of one integration, found from the scanner's evidence. An import line binds
names (`requests`, `S3Client`); the calls on them in that file, and on client variables built
from them, are call sites. Any other evidence line (a URL, an env read, a client class) gives
the innermost call around it, or the line itself inside its function (an address helper: the
requests of its callers, `urlhelpers`). Settings files give config sites; manifest lines are
not sites but tell which client library is in use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal

from integration_risk.models.scan import Evidence
from integration_risk.resilience import factindex
from integration_risk.resilience.classvalues import factory_calls
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.importreach import layered_names, namespace_root, vendor_type
from integration_risk.resilience.sections import within_section
from integration_risk.resilience.settingkeys import reading_sites
from integration_risk.resilience.urlhelpers import helper_requests
from integration_risk.resilience.workspace import SourceFile, Workspace
from integration_risk.scan.manifests import manifest_ecosystem
from integration_risk.scan.testcode import is_runtime_code
from integration_risk.sensitive import is_env_file

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STOP = frozenset(
    "import from require const let var use using as package static alias include extern crate "
    "mod pub type typeof default export func the of in new await async self this it "
    "com org net io www http https github v1 v2 v3 v4 v5 go lib src api client".split()
)
_CONFIG_SUFFIXES = frozenset(
    ".yml .yaml .properties .ini .toml .conf .cfg .env .xml .json .config .neon .hcl".split()
)
_NOT_SITES = frozenset({"dependency", "image", "terraform"})
# `NAME = "https://..."`, `const NAME`, `@name "..."`, `public const string Name = ...`
# (an upper-case name may be short: `SM = f"https://api.telegram.org/bot{TOKEN}/"`)
_CONSTANT = re.compile(
    r"^\s*(?:@(\w+)\s|.*?\b([A-Za-z_]\w{3,}|[A-Z][A-Z0-9_]+)\s*(?::[^=]*)?=(?![=>]))"
)
# A Go import path's package name: its last segment, or the one before a major version.
_GO_IMPORT = re.compile(r'"(?:[\w.-]+/)*([A-Za-z_]\w*)(?:/v\d+)?"')
_CONSTRUCTOR = re.compile(r"^(New|new|create|Create|connect|Connect|open|Open)|^[A-Z]")
MAX_SITES_PER_FILE = 40
WINDOW_BEFORE, WINDOW_AFTER = 6, 8
_MODULE_WINDOW = 8


# What a scope is, for the code that treats scopes differently (labels are for people):
# the call itself, its function, a caller of it, the lines around a module-level call,
# a settings file's lines, where its client was built, a wrapper it reaches, a client
# module named after the system, client configuration (a registered .NET HttpClient, a
# requests Session subclass or mounted adapter), a health probe's code.
ScopeKind = Literal[
    "call",
    "function",
    "caller",
    "window",
    "settings",
    "client",
    "wrapper",
    "module",
    "client_config",
    "health",
]


@dataclass(frozen=True)
class Scope:
    """A stretch of code whose protections apply to a site (shared by sites: frozen)."""

    path: str
    start: int
    end: int
    label: str
    kind: ScopeKind
    call: int = 0  # a caller's line that calls the site's function
    alternative: bool = False  # one of several implementations a call through a base may run


@dataclass
class Site:
    path: str
    line: int
    end: int
    kind: str  # call | construction | config | reference
    call: str
    function: str
    language: str
    scopes: list[Scope] = field(default_factory=list)
    unknown: str | None = None
    origin: str = ""  # callee that built the client this call uses, when known
    outbound: bool = False  # its function (or a wrapper it reaches) makes an outbound request
    owned: list[tuple[str, str]] = field(default_factory=list)  # signal, reason: runs inside
    runners: set[tuple[str, int]] = field(default_factory=set)  # wrapper scopes given its closure
    read_key: bool = False  # reads a setting the evidence defines (settingkeys.reading_sites)


@dataclass
class SiteSet:
    sites: list[Site] = field(default_factory=list)
    unknown_files: dict[str, str] = field(default_factory=dict)  # path -> reason
    library_words: set[str] = field(default_factory=set)  # from manifests and imports
    manifests: list[tuple[str, int]] = field(default_factory=list)  # dependency lines


def find_sites(workspace: Workspace, evidence: list[Evidence]) -> SiteSet:
    found = SiteSet()
    by_file: dict[str, list[Evidence]] = {}
    for item in evidence:
        by_file.setdefault(item.path, []).append(item)
    seen: set[tuple[str, int]] = set()
    for path, items in by_file.items():
        name = PurePosixPath(path).name.lower()
        if manifest_ecosystem(path) is not None:  # the scan's own manifest registry
            found.library_words.update(w for e in items for w in _WORD.findall(e.snippet))
            found.manifests.extend((path, e.line) for e in items)
            continue
        items = [e for e in items if e.kind not in _NOT_SITES]
        if not items or not is_runtime_code(path):
            continue
        source = workspace.file(path)
        if source is None:
            found.unknown_files[path] = "file could not be read"
            continue
        if source.facts is None:
            if PurePosixPath(path).suffix.lower() in _CONFIG_SUFFIXES or is_env_file(name):
                for item in items:
                    _add(found, seen, _config_site(source, item.line))
            continue  # docs, Dockerfiles, scripts without a grammar: not call sites
        if source.facts.error:
            found.unknown_files[path] = source.facts.error
            continue
        code = _code_sites(source, source.facts, items, found.library_words)[:MAX_SITES_PER_FILE]
        for site in code + reading_sites(workspace, source, items, _site_at):  # `config('a.b')`
            _add(found, seen, site)
    return found


def _add(found: SiteSet, seen: set[tuple[str, int]], site: Site) -> None:
    key = (site.path, site.line)
    if key not in seen:
        seen.add(key)
        found.sites.append(site)


def _config_site(source: SourceFile, line: int) -> Site:
    start, end = max(1, line - WINDOW_BEFORE), min(len(source.lines), line + WINDOW_AFTER)
    start, end = within_section(source.lines, line, (start, end), PurePosixPath(source.path).suffix)
    text = source.lines[line - 1].strip() if 0 < line <= len(source.lines) else ""
    suffix = PurePosixPath(source.path).suffix.lstrip(".") or "config"
    return Site(
        path=source.path,
        line=line,
        end=line,
        kind="config",
        call=text[:60],
        function="<settings>",
        language=suffix,
        scopes=[Scope(source.path, start, end, "settings nearby", "settings")],
    )


def _code_sites(
    source: SourceFile, facts: Facts, items: list[Evidence], words: set[str]
) -> list[Site]:
    sites: list[Site] = []
    bound: set[str] = set()
    roots: set[str] = set()
    for item in items:
        if item.kind == "import":
            line_text = source.lines[item.line - 1] if 0 < item.line <= len(source.lines) else ""
            names = {w for w in _WORD.findall(line_text) if w.lower() not in _STOP and len(w) > 1}
            go_package = _GO_IMPORT.search(line_text) if facts.language == "go" else None
            if go_package:  # `"github.com/google/go-github/github"` binds `github`
                names.add(go_package.group(1))
            bound.update(names)
            words.update(names)
            roots.update(namespace_root(line_text, facts.language))
            continue
        uses = _constant_uses(source, facts, item.line)
        uses = uses or helper_requests(source, facts, item.line, _make)
        sites.extend(uses or [_site_at(source, facts, item.line)])
    if bound:
        bound |= layered_names(source.text, facts.language, bound)
        sites.extend(_make(source, facts, *call) for call in factory_calls(source, facts, bound))
        sites.extend(_bound_sites(source, facts, bound, roots))
        sites.extend(_guarded_sites(source, facts, bound))
    return sites


def _site_at(source: SourceFile, facts: Facts, line: int) -> Site:
    """The innermost call around an evidence line, or the line itself."""
    best = factindex.innermost_call(facts, line)
    if best is None:
        text = source.lines[line - 1].strip() if 0 < line <= len(source.lines) else ""
        return _make(source, facts, line, line, "reference", text[:60])
    kind = "construction" if _CONSTRUCTOR.search(best[2].split(".")[-1]) else "call"
    return _make(source, facts, best[0], best[1], kind, best[2])


def _constant_uses(source: SourceFile, facts: Facts, line: int) -> list[Site]:
    """A top-level constant (a URL, a host) is called where functions of the file use it."""
    if facts.function_at(line) >= 0 or not 0 < line <= len(source.lines):
        return []
    match = _CONSTANT.match(source.lines[line - 1])
    name = (match.group(1) or match.group(2)) if match else None
    if not name or any(start < line <= end for start, end, _, _ in facts.calls):
        return []  # `defaultValue = "postgresql://.."` inside a call: an argument, no constant
    word = re.compile(rf"(?<![\w$]){re.escape(name)}(?!\w)")
    uses = []
    for number, text in enumerate(source.lines, 1):
        if number != line and word.search(text) and facts.function_at(number) >= 0:
            uses.append(_site_at(source, facts, number))
            if len(uses) >= 12:
                break
    return uses


def _bound_sites(
    source: SourceFile, facts: Facts, bound: set[str], roots: set[str] | None = None
) -> list[Site]:
    """Calls on names an import bound, and on client variables built from them; in C#, also
    constructions of a type named after an imported namespace's vendor root."""
    sites: list[Site] = []
    clients: dict[str, tuple[int, int, str]] = {}
    for line, end, callee, _ in facts.calls:
        parts = [p for p in factindex.CALLEE_SEPARATORS.split(callee) if p]
        if not parts:
            continue
        if not (parts[0] in bound or parts[-1] in bound or vendor_type(callee, roots or set())):
            continue
        kind = "construction" if _CONSTRUCTOR.search(parts[-1]) else "call"
        if kind == "construction":
            target = _assigned_name(source, line, parts[0])
            if target:
                clients[target] = (line, end, callee)
        sites.append(_make(source, facts, line, end, kind, callee))
    if clients:
        for line, end, callee, _ in facts.calls:
            parts = [p for p in factindex.CALLEE_SEPARATORS.split(callee) if p]
            holder = next((p for p in parts[:-1] if p in clients), None)
            if holder is None:
                continue
            site = _make(source, facts, line, end, "call", callee)
            built = clients[holder]
            label = f"client `{holder}` built"
            site.scopes.append(Scope(source.path, built[0], built[1], label, "client"))
            site.origin = built[2]
            sites.append(site)
    return sites


MAX_GUARDED = 4


def _guarded_sites(source: SourceFile, facts: Facts, bound: set[str]) -> list[Site]:
    """Calls in a `try` whose handler catches an error type the import bound
    (`except SMTPServerDisconnected:` around `message.send()`): the library is called there
    even when no call names it."""
    errors = {name for name in bound if re.search(r"(Error|Exception|Disconnected|Timeout)$", name)}
    if not errors:
        return []
    sites: list[Site] = []
    for try_start, try_end, h_start, _ in facts.handlers:
        text = source.lines[h_start - 1] if 0 < h_start <= len(source.lines) else ""
        if not errors & set(_WORD.findall(text)):
            continue
        for line, end, callee, _ in facts.calls:
            if try_start <= line <= try_end:
                sites.append(_make(source, facts, line, end, "call", callee))
                break  # the first call of the block is the guarded operation
        if len(sites) >= MAX_GUARDED:
            break
    return sites


def _assigned_name(source: SourceFile, line: int, first: str) -> str | None:
    text = source.lines[line - 1] if 0 < line <= len(source.lines) else ""
    match = re.search(
        r"([A-Za-z_$@][\w$@.]*)\s*(?::=|=|\?\?=)\s*(?:await\s+)?(?:new\s+)?&?" + re.escape(first),
        text,
    )
    if match is None:
        return None
    name = match.group(1).split(".")[-1].lstrip("@$")
    return name if len(name) > 1 else None


MAX_CALLERS = 5


def _callers(facts: Facts, path: str, qualname: str, start: int, stop: int) -> list[Scope]:
    """Functions of the same file that call this one (a URL or request helper is protected
    by what its callers wrap around it)."""
    name = qualname.split(".")[-1]
    scopes: list[Scope] = []
    seen: set[int] = set()
    for line, _, _, func in factindex.calls_named(facts, name):
        if func < 0 or func in seen or start <= line <= stop:
            continue
        seen.add(func)
        caller, c_start, c_stop = facts.funcs[func]
        scopes.append(Scope(path, c_start, c_stop, f"called from {caller}", "caller", line))
        if len(scopes) >= MAX_CALLERS:
            break
    return scopes


def _make(source: SourceFile, facts: Facts, line: int, end: int, kind: str, call: str) -> Site:
    assert source.facts is not None
    index = facts.function_at(line)
    scopes = [Scope(source.path, line, end, "at the call", "call")]
    if index >= 0:
        name, start, stop = facts.funcs[index]
        scopes.append(Scope(source.path, start, stop, f"in {name}", "function"))
        scopes.extend(_callers(facts, source.path, name, start, stop))
    else:
        name = "<module>"
        scopes.append(
            Scope(
                source.path,
                max(1, line - _MODULE_WINDOW),
                end + _MODULE_WINDOW,
                "next to it",
                "window",
            )
        )
    unknown = None
    if any(start <= line <= stop for start, stop in facts.broken):
        unknown = f"{source.path}:{line} sits in code the {facts.language} parser could not read"
    return Site(
        path=source.path,
        line=line,
        end=end,
        kind=kind,
        call=call[:80],
        function=name,
        language=facts.language,
        scopes=scopes,
        unknown=unknown,
    )


MAX_OUTBOUND_PER_FILE = 10


def outbound_sites(
    workspace: Workspace, found: SiteSet, category: str = "", ident: str = ""
) -> list[Site]:
    """Outbound calls (fetch, http.Get, HttpClient...) inside functions of the code files
    that carry the integration's evidence."""
    from integration_risk.resilience.rules import vocabulary

    vocab = vocabulary()
    sites: list[Site] = []
    seen = {(s.path, s.line) for s in found.sites}
    for path in dict.fromkeys(s.path for s in found.sites if s.kind not in ("config",)):
        source = workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            continue
        count = 0
        for line, end, callee, func in source.facts.calls:
            if func < 0 or (path, line) in seen or not vocab.calls_out_for(callee, category, ident):
                continue
            seen.add((path, line))
            sites.append(_make(source, source.facts, line, end, "call", callee))
            count += 1
            if count >= MAX_OUTBOUND_PER_FILE:
                break
    return sites
