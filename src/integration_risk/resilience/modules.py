"""Client modules: a source file named after the integration (`gcs.ex`, `typesense.ts`,
`MusicBrainzConnector.php`), else the request or client files of a directory named after
it (`Services/EnableBanking/Request/Request.php`), is that integration's client as a whole. Used when the
evidence shows no call inside a function, so a URL constant or a settings read still
leads to the code that makes the calls."""

from __future__ import annotations

import re

from integration_risk.models.scan import Integration
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import Workspace

_SUFFIXES = ("", "client", "service", "api", "connector", "provider", "adapter", "store", "sender")
_GENERIC = frozenset(
    "http https api web client server app mail email smtp webhook webhooks".split()
)
MAX_MODULES = 4


def _names(integration: Integration) -> set[str]:
    names = set()
    for raw in [integration.id, integration.name, *integration.aliases]:
        text = raw.lower()
        if "." in text:  # a host: its registrable label (www.theaudiodb.com -> theaudiodb)
            labels = [p for p in text.split(".") if p not in ("www", "api")]
            text = labels[-2] if len(labels) >= 2 else labels[0] if labels else ""
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
        paths = [p for p in workspace.files_under(names) if _CLIENT_FILE.search(p)]
    sites = []
    for path in paths[:MAX_MODULES]:
        source = workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            continue
        end = max(1, len(source.lines))
        sites.append(
            Site(
                path=path,
                line=1,
                end=1,
                kind="reference",
                call="<client module>",
                function=f"<module {path.rsplit('/', 1)[-1]}>",
                language=source.facts.language,
                scopes=[Scope(path, 1, end, f"in client module {path}", "module")],
            )
        )
    return sites
