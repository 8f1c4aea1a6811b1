"""Client modules: a source file named after the integration (`gcs.ex`, `typesense.ts`,
`MusicBrainzConnector.php`), else the request or client files of a directory named after
it (`Services/EnableBanking/Request/Request.php`) or the one or two code files of such a
plugin directory (`search/elasticsearch/engine.js`), else a class named for it and a sending
role (`WebhookPublisher`), is that integration's client as a whole. Used when the
evidence shows no call inside a function, so a URL constant or a settings read still
leads to the code that makes the calls."""

from __future__ import annotations

import re

from integration_risk.models.scan import Integration
from integration_risk.resilience.receivers import base_classes
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import Workspace
from integration_risk.scan.urls import registrable_name

_SUFFIXES = ("", "client", "service", "api", "connector", "provider", "adapter", "store", "sender")
_GENERIC = frozenset(
    "http https api web client server app mail email smtp webhook webhooks".split()
)
MAX_MODULES = 4
MAX_PLUGIN_FILES = 2  # code files of a directory named after the system, read as its client
MAX_PARENTS = 2


def _names(integration: Integration) -> set[str]:
    names = set()
    for raw in [integration.id, integration.name, *integration.aliases]:
        text = raw.lower()
        if "." in text:  # a host: its registrable label (www.theaudiodb.com -> theaudiodb)
            text = registrable_name(text)
        name = re.sub(r"[^a-z0-9]", "", text)
        if len(name) >= 3 and name not in _GENERIC:
            names.add(name)
    return names


# Settings of a system (Laravel's config/enablebanking.php) are no client of it.
_SETTINGS_DIR = re.compile(r"(^|/)(config|configs|settings|conf)/")
# In a directory named after the system, the files that make the requests.
_CLIENT_FILE = re.compile(r"(?i)(request|client|api|service|connector|gateway|http)[^/]*$")


def client_module_sites(workspace: Workspace, integration: Integration) -> list[Site]:
    names = _names(integration)
    stems = {name + suffix for name in names for suffix in _SUFFIXES}
    paths = [p for p in workspace.files_named(stems) if not _SETTINGS_DIR.search(p)]
    if not paths:  # a package named after the system: its request or client files
        under = [p for p in workspace.files_under(names) if not _SETTINGS_DIR.search(p)]
        paths = [p for p in under if _CLIENT_FILE.search(p)]
        # a plugin directory (`search/elasticsearch/engine.js`): its code, every file the
        # analysis has a grammar for (`languages.toml`), as `files_under` lists them
        if not paths and len(under) <= MAX_PLUGIN_FILES:
            paths = under
    if not paths:  # a class that sends to the system (`WebhookPublisher`), wherever it lives
        return _sender_class_sites(workspace, integration)
    sites = []
    for path in paths[:MAX_MODULES]:
        source = workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            continue
        end = max(1, len(source.lines))
        scopes = [Scope(path, 1, end, f"in client module {path}", "module")]
        scopes += _parent_modules(workspace, path, source.text)
        sites.append(
            Site(
                path=path,
                line=1,
                end=1,
                kind="reference",
                call="<client module>",
                function=f"<module {path.rsplit('/', 1)[-1]}>",
                language=source.facts.language,
                scopes=scopes,
            )
        )
    return sites


def _parent_modules(workspace: Workspace, path: str, text: str) -> list[Scope]:
    """The project files declaring the module's base classes: a request class that extends
    the system's base `Request` builds its client there (`new Client(['timeout' => ..])`)."""
    bases = base_classes(text)
    if not bases:
        return []
    candidates = [
        (-_shared(path, other), other, next(name for name, _, _ in entry.classes if name in bases))
        for other, entry in workspace.text_index().entries().items()
        if other != path and any(name in bases for name, _, _ in entry.classes)
    ]
    candidates.sort()
    scopes = []
    for shared, other, base in candidates[:MAX_PARENTS]:
        if shared != candidates[0][0]:
            break  # the nearest declaration only: `Request` may be declared in many packages
        source = workspace.file(other)
        if source is None or source.facts is None or source.facts.error:
            continue
        label = f"in base class {base} ({other})"
        scopes.append(Scope(other, 1, max(1, len(source.lines)), label, "module"))
    return scopes


def _shared(one: str, other: str) -> int:
    """How many leading directories two paths share."""
    count = 0
    for a, b in zip(one.split("/")[:-1], other.split("/")[:-1], strict=False):
        if a != b:
            break
        count += 1
    return count


# A class named for the system and an outbound role sends to it (`WebhookPublisher`,
# `SlackNotifier`), even where the system's name is too generic for a module of its own.
_SENDER_ROLES = ("publisher", "sender", "dispatcher", "deliverer", "notifier", "client", "poster")


def _sender_class_sites(workspace: Workspace, integration: Integration) -> list[Site]:
    raw = {re.sub(r"[^a-z0-9]", "", integration.id.lower())}
    raw |= {name[:-1] for name in raw if name.endswith("s") and len(name) > 4}
    wanted = {name + role for name in raw if len(name) >= 3 for role in _SENDER_ROLES}
    runtime = {path for path, _, _ in workspace.runtime_files()}
    sites: list[Site] = []
    for path, entry in workspace.text_index().entries().items():
        if path not in runtime:
            continue
        starts = sorted(line for _, _, line in entry.classes)
        for name, _, line in entry.classes:
            if re.sub(r"[^a-z0-9]", "", name.lower()) not in wanted:
                continue
            source = workspace.file(path)
            if source is None or source.facts is None or source.facts.error:
                continue
            end = next((s - 1 for s in starts if s > line), len(source.lines))
            scope = Scope(path, line, end, f"in class {name} ({path}:{line})", "module")
            sites.append(
                Site(
                    path=path,
                    line=line,
                    end=line,
                    kind="reference",
                    call="<client class>",
                    function=f"<class {name}>",
                    language=source.facts.language,
                    scopes=[scope],
                )
            )
            if len(sites) >= MAX_MODULES:
                return sites
    return sites
