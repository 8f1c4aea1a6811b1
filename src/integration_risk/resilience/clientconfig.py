"""Client configuration written away from the call: .NET `AddHttpClient` registrations
(typed `AddHttpClient<T>` and named `AddHttpClient("name")` clients with their policy and
resilience handlers and `client.Timeout`), Python `requests` sessions that mount an
`HTTPAdapter(max_retries=...)` or set a default timeout in a `Session` subclass, and Java
object-pool factories (commons-pool2 `BasePooledObjectFactory<Ftp>`), whose `create()`
builds the clients `pool.borrowObject()` hands out, and Elixir/Ruby client modules built on a
library (`use Tesla`, `include HTTParty`: `usedclients.py`). Each becomes a scope of the call
sites that use that client, so their tokens count there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from integration_risk.resilience.clientvars import receiver_of
from integration_risk.resilience.receivers import declared_types
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.usedclients import UsedClients
from integration_risk.resilience.workspace import Workspace

# .NET: typed and named HttpClient registrations, and the factory call that picks one.
_TYPED = re.compile(r"AddHttpClient\s*<\s*([\w.]+)(?:\s*,\s*([\w.]+))?\s*>")
_NAMED = re.compile(r"AddHttpClient\s*\(\s*([^,()]+?)\s*[,)]")
_CREATE = re.compile(r"CreateClient\s*\(\s*([^()]*?)\s*\)")


@dataclass(frozen=True)
class Registration:
    path: str
    start: int
    end: int
    types: frozenset[str]  # typed client classes (short names)
    name: str  # named client key, normalised ("" for typed clients)


def _short(name: str) -> str:
    return name.split(".")[-1]


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text.strip().strip("\"'@$"))


# Python: a `requests.Session` subclass, a session assigned to a name, an adapter mounted on it.
_SUBCLASS = re.compile(r"^\s*class\s+(\w+)\s*\(")
_ASSIGNED = re.compile(r"([\w.]+)\s*=\s*(?:[\w.]+\.)?(\w+)\s*\(")
_MOUNT = re.compile(r"([\w.]+)\.mount\(")
# The adapter a mount names (`session.mount("https://", adapter)`), built a few lines above.
_MOUNTED_NAME = re.compile(r"\.mount\(\s*[^,()]+,\s*(\w+)\s*\)")
_ADAPTER_LOOKBACK = 8

# Java/Kotlin: a pool factory class and the type of the objects it makes.
_POOL_FACTORY = re.compile(
    r"\bclass\s+(\w+)[^{]*?\b(?:Base)?(?:Keyed)?PooledObjectFactory\s*<\s*(?:[\w.]+\s*,\s*)?([\w.]+)\s*>"
)


class ClientConfig:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._registrations: list[Registration] | None = None
        self._sessions: dict[str, tuple[str, int, int]] | None = None  # class -> scope
        # (file, receiver) -> its session scopes: a file's call sites share them, and
        # finding them reads the whole file and every mount line of the project
        self._session_scopes: dict[tuple[str, str], list[Scope]] = {}
        self._factories: dict[str, list[tuple[str, str, int, int]]] | None = None
        self._used = UsedClients(workspace)

    def extend(self, site: Site) -> None:
        """Add the scopes of the client configuration the site's call uses."""
        if site.kind in ("config", "dependency"):
            return
        if site.language == "csharp":
            self._dotnet(site)
        elif site.language == "python":
            self._python(site)
        elif site.language in ("java", "kotlin"):
            self._pooled(site)
        else:  # `HostMetaClient.get(url)` on a `use Tesla` module
            site.scopes.extend(self._used.scopes(site))

    # .NET ------------------------------------------------------------------------------

    def registrations(self) -> list[Registration]:
        if self._registrations is None:
            found = []
            for path, line, _ in self.workspace.text_index().hints("dotnet-httpclient"):
                registration = self._registration(path, line)
                if registration is not None:
                    found.append(registration)
            self._registrations = found
        return self._registrations

    def _registration(self, path: str, line: int) -> Registration | None:
        source = self.workspace.file(path)
        if source is None:
            return None
        end, text = source.statement(line)
        typed = _TYPED.search(text)
        if typed:
            names = {_short(n) for n in typed.groups() if n}
            return Registration(path, line, end, frozenset(names), "")
        named = _NAMED.search(text)
        if named is None or "=>" in named.group(1):
            return None  # the default client, configured by a lambda alone
        return Registration(path, line, end, frozenset(), _key(named.group(1)))

    def _dotnet(self, site: Site) -> None:
        registrations = self.registrations()
        if not registrations:
            return
        owner = site.function.rsplit(".", 1)[0] if "." in site.function else ""
        created = self._created_names(site)
        for reg in registrations:
            typed = bool(owner) and _short(owner) in reg.types
            if typed or (reg.name and reg.name in created):
                what = f"typed HttpClient {_short(owner)}" if typed else f"HttpClient {reg.name}"
                label = f"{what} registered at {reg.path}:{reg.start}"
                site.scopes.append(Scope(reg.path, reg.start, reg.end, label, "client_config"))

    def _created_names(self, site: Site) -> set[str]:
        """Names passed to `CreateClient(...)` at the call or in its function."""
        source = self.workspace.file(site.path)
        if source is None:
            return set()
        spans = [(s.start, s.end) for s in site.scopes if s.path == site.path][:2]
        names: set[str] = set()
        for start, end in spans:
            for text in source.lines[max(0, start - 1) : end]:
                names.update(_key(m) for m in _CREATE.findall(text) if m.strip())
        return names

    # Java: pooled clients -----------------------------------------------------------------

    def factories(self) -> dict[str, list[tuple[str, str, int, int]]]:
        """Pooled type (short name) -> (factory class, path, start, end) of the project's
        pool factories."""
        if self._factories is None:
            self._factories = {}
            for match, path, start, end in self._classes("pool-factory", _POOL_FACTORY):
                entry = (match.group(1), path, start, end)
                self._factories.setdefault(_short(match.group(2)), []).append(entry)
        return self._factories

    def _pooled(self, site: Site) -> None:
        """A call on a variable of a type a pool factory makes (`Ftp ftp = pool.borrowObject()`)
        uses a client that factory built."""
        receiver = receiver_of(site.call)
        source = self.workspace.file(site.path)
        if receiver is None or source is None or not self.factories():
            return
        for made in declared_types(source.text, site.language, receiver):
            for name, path, start, end in self.factories().get(made, []):
                label = f"pooled {made} made by {name} ({path}:{start})"
                site.scopes.append(Scope(path, start, end, label, "client_config"))

    # Python ----------------------------------------------------------------------------

    def sessions(self) -> dict[str, tuple[str, int, int]]:
        """`requests.Session` subclasses: class name -> (path, start, end) of its body."""
        if self._sessions is None:
            found = self._classes("python-session-class", _SUBCLASS)
            self._sessions = {
                match.group(1): (path, start, end) for match, path, start, end in found
            }
        return self._sessions

    def _classes(
        self, hint: str, pattern: re.Pattern[str]
    ) -> list[tuple[re.Match[str], str, int, int]]:
        """Classes that lines of `hint` declare (`pattern`'s first group names the class):
        the match, path, declaring line and last line of the class's methods."""
        found = []
        for path, line, text in self.workspace.text_index().hints(hint):
            match = pattern.search(text)
            source = self.workspace.file(path)
            if match is None or source is None or source.facts is None:
                continue
            name = match.group(1)
            ends = [end for q, _, end in source.facts.funcs if q.startswith(name + ".")]
            found.append((match, path, line, max(ends, default=line)))
        return found

    def _python(self, site: Site) -> None:
        parts = [p for p in re.split(r"[.]", site.call) if p]
        if len(parts) < 2:
            return
        receiver = ".".join(parts[:-1])  # `self.session`, `session`: the same text assigned
        key = (site.path, receiver)
        if key not in self._session_scopes:
            self._session_scopes[key] = self._session_config(site.path, receiver)
        site.scopes.extend(self._session_scopes[key])

    def _session_config(self, file: str, receiver: str) -> list[Scope]:
        """Scopes of the session `receiver` names in `file`: the `Session` subclass it is
        built from, and the adapters mounted on it."""
        source = self.workspace.file(file)
        if source is None:
            return []
        scopes = []
        sessions = self.sessions()
        for text in source.lines:
            for target, callee in _ASSIGNED.findall(text):
                if target == receiver and callee in sessions:
                    path, start, end = sessions[callee]
                    label = f"requests.Session subclass {callee} ({path}:{start})"
                    scopes.append(Scope(path, start, end, label, "client_config"))
        for path, line, hint in self._mounts(file, receiver, source.text):
            end = self._statement_end(path, line)
            start = self._adapter_start(path, line, hint)
            label = f"session `{receiver}` mounts an adapter ({path}:{start})"
            scopes.append(Scope(path, start, end, label, "client_config"))
        return scopes

    def _mounts(self, path: str, receiver: str, text: str) -> list[tuple[str, int, str]]:
        """`receiver.mount(...)` lines in the same file, or in the module the file imports
        the receiver from."""
        found = []
        for hint_path, line, hint in self.workspace.text_index().hints("python-session-mount"):
            mount = _MOUNT.search(hint)
            if mount is None or mount.group(1) != receiver:
                continue
            module = PurePosixPath(hint_path).stem
            imported = re.search(
                rf"\bfrom\s+[\w.]*{re.escape(module)}\s+import\b[^\n]*\b{receiver}\b", text
            )
            if hint_path == path or imported:
                found.append((hint_path, line, hint))
        return found

    def _adapter_start(self, path: str, line: int, hint: str) -> int:
        """The line that builds the adapter a mount names (`adapter = HTTPAdapter(...)` a few
        lines above `session.mount("https://", adapter)`), so its retry policy counts; the
        mount's own line when the adapter is built inside the call or is not found."""
        named = _MOUNTED_NAME.search(hint)
        source = self.workspace.file(path)
        if named is None or source is None:
            return line
        assigned = re.compile(rf"^\s*{re.escape(named.group(1))}\s*=\s*(?![=\s])")
        for number in range(line - 1, max(0, line - 1 - _ADAPTER_LOOKBACK), -1):
            if assigned.match(source.lines[number - 1]):
                return number
        return line

    def _statement_end(self, path: str, line: int) -> int:
        source = self.workspace.file(path)
        if source is None or source.facts is None:
            return line
        ends = [end for start, end, _, _ in source.facts.calls if start == line]
        return max(ends, default=line)
