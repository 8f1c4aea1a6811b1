"""Client modules built on a client library's own module (Elixir `use Tesla`,
`use HTTPoison.Base`; Ruby `include HTTParty`): `HostMetaClient.get(url)` runs a function the
library put into the module, so no definition of `get` is there to follow as a wrapper, and
the module's own body (`plug Tesla.Middleware.Timeout, timeout: 10_000`, `adapter(..,
recv_timeout: 20_000)`, `default_timeout 5`) is the configuration of every such call."""

from __future__ import annotations

import re

from integration_risk.resilience.rules import vocabulary
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import Workspace

# What a module takes its functions from, per language.
_TAKES = {
    "elixir": re.compile(r"^\s*use\s+([A-Z][\w.]*)", re.MULTILINE),
    "ruby": re.compile(r"^\s*(?:include|extend)\s+([A-Z][\w:]*)", re.MULTILINE),
}
# `Owner.fun` / `Owner::fun` on a capitalised module name.
_ON_MODULE = re.compile(r"^((?:[A-Z]\w*(?:\.|::))*[A-Z]\w*)(?:\.|::)([a-z_]\w*[!?]?)$")


class UsedClients:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._modules: dict[tuple[str, str, str], Scope | None] = {}

    def scopes(self, site: Site) -> list[Scope]:
        """The bodies of the client modules whose library-made functions the site calls."""
        if site.language not in _TAKES:
            return []
        found: list[Scope] = []
        for _, callee in self.workspace.calls_in(site.path, site.line, site.end):
            match = _ON_MODULE.match(callee)
            if match is None:
                continue
            owner = re.split(r"\.|::", match.group(1))[-1]
            scope = self._module(site.language, owner, match.group(2))
            if scope is not None and scope not in site.scopes and scope not in found:
                found.append(scope)
        return found

    def _module(self, language: str, owner: str, name: str) -> Scope | None:
        key = (language, owner, name)
        if key not in self._modules:
            self._modules[key] = self._find(language, owner, name)
        return self._modules[key]

    def _find(self, language: str, owner: str, name: str) -> Scope | None:
        stem = re.sub(r"[^a-z0-9]", "", owner.lower())
        defined = {path for path, _ in self.workspace.definitions(language, name)}
        for path in self.workspace.files_named({stem}):
            source = self.workspace.file(path)
            if source is None or source.facts is None or source.facts.language != language:
                continue
            if path in defined:  # the module writes the function: a wrapper, followed as one
                continue
            used = [m for m in _TAKES[language].findall(source.text) if _client_library(m)]
            if used:
                label = f"via client module {owner} ({path}:1), built on {used[0]}"
                return Scope(path, 1, max(1, len(source.lines)), label, "client_config")
        return None


def _client_library(module: str) -> bool:
    """A module of an HTTP client library (`Tesla`, `HTTPoison.Base`, `HTTParty`), not
    `GenServer` or `ActiveModel::Model`."""
    return vocabulary().is_network_call(module)
