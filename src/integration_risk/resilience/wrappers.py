"""Follow calls into the project's own functions (wrappers), two levels deep, across files.

A call site that goes through `http_client.post(...)` or a `fetch` helper gets the
wrapper's protections: each wrapper function the site reaches becomes a scope of the
site labelled `via wrapper NAME (path:line)`. A name defined in too many places to tell
which one is meant is not followed (it stays out rather than guessing).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePosixPath

from integration_risk.resilience.clientvars import (
    add_client_scope,
    built_by,
    callee_parts,
    chained,
    consumers,
    handed_fetch,
    local_names,
)
from integration_risk.resilience.dispatch import alternatives, owner_of, through_type
from integration_risk.resilience.enclosing import (
    decorators,
    enclosing_callees,
    enclosing_calls,
    receivers_of,
)
from integration_risk.resilience.exported import ExportedClients
from integration_risk.resilience.factindex import RECEIVERS
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.handed import HandedClients
from integration_risk.resilience.imported import binding_module, other_module
from integration_risk.resilience.languages import family_of
from integration_risk.resilience.overrides import overrides
from integration_risk.resilience.receivers import (
    base_classes,
    declared_types,
    inherited_types,
    module_named,
    type_declaration,
)
from integration_risk.resilience.rules import vocabulary
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.statics import StaticClients
from integration_risk.resilience.swapped import elixir_targets
from integration_risk.resilience.tokenplace import zero_call
from integration_risk.resilience.workspace import Workspace

MAX_DEPTH = 2
# Languages where a method is called only through a receiver (`this.`, `self.`, `$this->`)
_METHODS_NEED_RECEIVER = frozenset({"javascript", "python", "php"})
MAX_CANDIDATES = 3
MAX_SCOPES_PER_SITE = 12
OWNED_SIGNALS = frozenset({"timeout", "retry", "circuit_breaker"})
MAX_CALLS_FOLLOWED = 30  # calls of one wrapper followed to the next level
# Names too common to mean one wrapper; followed only when the definition is unique.
GENERIC_NAMES = frozenset(
    "get post put patch delete send call run execute request fetch create update find save "
    "new init initialize constructor perform handle process main apply invoke query".split()
)


class WrapperResolver:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        # Each (language, name, file, owner) is looked up once per run.
        self._resolve = cache(self._lookup)
        self._declared: dict[tuple[str, str], bool] = {}
        self._types: dict[tuple[str, str], list[str]] = {}  # (file, receiver) -> declared types
        self._handed = HandedClients(workspace)
        self._exported = ExportedClients(workspace)
        self._statics = StaticClients(workspace)

    def extend(
        self, site: Site, library_words: set[str], paths: frozenset[str] = frozenset()
    ) -> None:
        """Add the scopes of the project functions the site's call reaches; of several
        implementations a call through a base may run, those in the integration's `paths`."""
        source = self.workspace.file(site.path)
        if source is None or source.facts is None or site.kind == "config":
            return
        facts = source.facts
        vocab = vocabulary()
        names = [
            callee
            for line, callee in self.workspace.calls_in(site.path, site.line, site.end)
            if not zero_call(
                source.lines[line - 1] if 0 < line <= len(source.lines) else "", callee, vocab
            )
        ]
        names += built_by(source.lines, facts, site) + chained(source.lines, facts, site)
        names += add_client_scope(source.lines, facts, site) + handed_fetch(source.lines, site)
        names += decorators(source.lines, facts, site.line)
        sending = consumers(source.lines, facts, site)  # `client.Do(req)` after `req = ..`
        for consumer in sending:
            names += [consumer, *add_client_scope(source.lines, facts, site, consumer)]
        # a client another module builds (imported, or a Go package variable), else one a
        # caller hands in: its construction is read from that file
        handed = self._exported.extend(site)
        for consumer in sending:  # `base.HttpClient.Do(req)`: another package's client
            handed += self._exported.extend(site, consumer)
        handed += self._handed.extend(site, sending)
        handed += self._statics.extend(site, names)  # Rust: `HTTP_CLIENT.get().unwrap()`
        self._handed.configured_by_caller(site)  # `new Client({url: settingsOf()})` nearby
        # Functions handed the site's closure or function (its runners): their loops must run it.
        runners = enclosing_callees(facts, site.line, site.end)
        own = site.function.split(".")[-1]
        if own not in GENERIC_NAMES:  # a `get` or `send` named as a value is too vague
            runners += receivers_of(facts, source.lines, facts.function_at(site.line))
        self._typed_owners(site, facts)
        visited: set[tuple[str, int]] = set()
        trail_paths: dict[str, str] = {}
        # `reqwest::Client::new`: a qualified path names the module its owner lives in; a
        # project file that only shares the last names (`api/client.rs`) is not it
        qualifiers = {
            (parts[-1], parts[-2]): parts[-3]
            for n in names
            if len(parts := callee_parts(n)) >= 3 and parts[0] not in _PATH_ROOTS
        }
        span = self.workspace.function_at(site.path, site.line)
        frontier = [(t, "", False) for t in self._called(names, site.path, span and span[1:])]
        frontier += [(target, "", True) for n in runners for target in self._targets(n)]
        for callee, caller_path, label in handed:
            trail_paths[label] = caller_path
            frontier += [(target, label, False) for target in self._targets(callee)]
        # One level more for the wrapper's own methods (`post -> request -> _request` in one
        # class): a helper split in steps is still one wrapper.
        for depth in range(MAX_DEPTH + 1):
            next_frontier: list[tuple[tuple[str, str], str, bool]] = []
            for (name, owner), trail, runner in frontier:
                if depth == MAX_DEPTH and owner != "self":
                    continue
                if not name or name == own or name in library_words:
                    continue
                if owner in library_words and not self._project_package(site.path, owner):
                    continue
                origin = trail_paths.get(trail, site.path)  # "" at depth 0: the site's file
                for scope in self._resolve(site.language, name, origin, owner):
                    if scope.alternative and scope.path not in paths:
                        continue  # another integration's implementation (`dispatch`)
                    qualifier = qualifiers.get((name, owner)) if depth == 0 else None
                    if qualifier and _squash(qualifier) not in _squash(scope.path):
                        continue
                    key = (scope.path, scope.start)
                    if key in visited or len(site.scopes) >= MAX_SCOPES_PER_SITE:
                        continue
                    visited.add(key)
                    chain = f"{trail} -> {name}" if trail else name
                    if trail_paths.get(chain, scope.path) != scope.path:  # a namesake's
                        chain = f"{chain} ({scope.path})"  # own path for its callees
                    site.scopes.append(
                        Scope(
                            scope.path,
                            scope.start,
                            scope.end,
                            f"via wrapper {chain} ({scope.path}:{scope.start})",
                            "wrapper",
                        )
                    )
                    trail_paths[chain] = scope.path
                    if runner:
                        site.runners.add(key)
                    if depth < MAX_DEPTH:
                        calls = self.workspace.calls_in(scope.path, scope.start, scope.end)
                        followed = [callee for _, callee in calls[:MAX_CALLS_FOLLOWED]]
                        span_of = (scope.start, scope.end)
                        next_frontier.extend(
                            (target, chain, runner)
                            for target in self._called(followed, scope.path, span_of)
                        )
                        kept = self._exported.in_wrapper(site, calls, scope)
                        kept += self._statics.extend(site, calls, scope.path)  # a static's client
                        for callee, path, label in kept:
                            trail_paths[label] = path
                            next_frontier += [(t, label, False) for t in self._targets(callee)]
            frontier = next_frontier

    def _project_package(self, path: str, owner: str) -> bool:
        """Does the file import `owner` from the project itself (Go's
        `example.com/app/store/db/sqlite` with `store/db/sqlite/` in the tree), though a
        library shares its name?"""
        key = (path, f"package:{owner}")
        if key not in self._declared:
            found = False
            for match in re.finditer(
                rf"[\"'`]([\w./-]*/{re.escape(owner)})[\"'`]", self.workspace.raw_text(path)
            ):
                parts = match.group(1).split("/")
                found = any(
                    (self.workspace.root / "/".join(parts[-n:])).is_dir() for n in (1, 2, 3)
                )
                if found:
                    break
            self._declared[key] = found
        return self._declared[key]

    def _typed_owners(self, site: Site, facts: Facts) -> None:
        """A call that runs the site through a protection object the file declares:
        `template.execute(ctx -> ...)` with `RetryTemplate template`, a resilience4j
        `CircuitBreaker breaker`, a Polly `AsyncRetryPolicy _policy`."""
        vocab = vocabulary()
        for callee, line in enclosing_calls(facts, site.line, site.end, same_line=True):
            parts = callee_parts(callee)
            if (
                len(parts) < 2
                or parts[-2] in RECEIVERS
                or (line, callee[:80]) == (site.line, site.call)
            ):
                continue
            receiver = parts[-2]
            for type_name in self._types_of(site.path, site.language, receiver):
                for signal in vocab.classify(type_name):
                    if signal in OWNED_SIGNALS and all(s != signal for s, _ in site.owned):
                        site.owned.append(
                            (
                                signal,
                                f"runs inside `{callee}` at {site.path}:{line}; "
                                f"`{receiver}` is a {type_name}",
                            )
                        )

    def _types_of(self, path: str, language: str, receiver: str) -> list[str]:
        if (path, receiver) not in self._types:
            source = self.workspace.file(path)
            text = source.text if source is not None else ""
            types = declared_types(text, language, receiver)
            if not types and family_of(language) in _INHERITED_FIELDS:
                types = inherited_types(text, language, receiver, self._declaring)
            self._types[(path, receiver)] = types
        return self._types[(path, receiver)]

    def _declaring(self, base: str) -> list[str]:
        """Texts of the project files named like class `base` that declare it."""
        texts = [self.workspace.raw_text(p) for p in self.workspace.files_named({base.lower()})]
        return [t for t in texts[:MAX_CANDIDATES] if type_declaration(base).search(t)]

    def _called(
        self, callees: list[str], path: str, span: tuple[int, int] | None
    ) -> list[tuple[str, str]]:
        """Targets of the callees of a function at `span` of `path`; a call on a name it binds
        (`req.SetBody(..)` on its parameter `req`) is no call of a function `req`."""
        source = self.workspace.file(path)
        bound = local_names(source.lines, *span) if source and span else frozenset()
        if source is not None and path.endswith((".ex", ".exs")):  # Elixir: swapped.py
            return elixir_targets(source.text, callees, self._targets)
        return [
            target
            for callee in callees
            for target in self._targets(callee)
            if not (target[1] == "" and target[0] in bound and len(callee_parts(callee)) > 1)
        ]

    @staticmethod
    def _targets(callee: str) -> list[tuple[str, str]]:
        """(name, owner) pairs to look up. A bare call `post_json(...)` names a function
        anywhere (owner ""); `this.send(...)` a method of the same file (owner "self");
        `httpx.PostJSON(...)` a function of the module or package called `httpx`; and a
        called name's own receiver (`send_webhook.apply_async`) is a function too."""
        parts = callee_parts(callee)
        if not parts:
            return []
        if len(parts) == 1:
            return [(parts[0], "")]
        targets = []
        receiver, method = parts[-2], parts[-1]
        if parts[0] in RECEIVERS and len(parts) == 2:
            targets.append((method, "self"))
        elif receiver not in RECEIVERS:
            targets.append((method, receiver))
        if parts[0] not in RECEIVERS:
            targets.append((parts[0], ""))
        return targets

    def _lookup(self, language: str, name: str, from_path: str, owner: str) -> list[Scope]:
        if len(name) < 2:
            return []
        definitions = self.workspace.definitions(language, name)
        inherited, several = False, set[tuple[str, int]]()
        if owner == "self":
            here = [d for d in definitions if d[0] == from_path]
            bases = base_classes(self.workspace.raw_text(from_path)) if not here else set()
            # inherited: `self.post(...)` in `class Slack(HttpTransport)` is HttpTransport's
            definitions = here or [d for d in definitions if owner_of(self.workspace, d) in bases]
            inherited = not here
        elif "/" in owner:  # a file the module's name maps to (swapped.py)
            definitions = [d for d in definitions if d[0].endswith(owner)]
        elif not owner and family_of(language) in _METHODS_NEED_RECEIVER:
            # a bare `fetch(url)` is a module function (or the runtime's), never a method
            definitions = [d for d in definitions if not self._is_method(d)]
        elif owner:
            typed, several = self._of_declared_type(definitions, language, from_path, owner)
            elsewhere = binding_module(self.workspace.raw_text(from_path), language, owner)
            definitions = typed or [
                d
                for d in definitions
                if (module_named(d[0], owner) and not other_module(elsewhere, d[0]))
                or self._owned_here(d, from_path, owner)
            ]
        # a method its own class declares abstract runs the subclasses' overrides
        dispatched = (
            overrides(self.workspace, language, from_path, name) if owner in ("", "self") else []
        )
        definitions = dispatched or definitions
        several = set() if dispatched else several
        if not definitions:
            return []
        narrowed_by_owner = bool(dispatched) or (bool(owner) and (owner != "self" or inherited))
        if not narrowed_by_owner and (len(definitions) > 1 or name in GENERIC_NAMES):
            definitions = self._narrow(definitions, from_path)
        if not definitions or len(definitions) > MAX_CANDIDATES:
            return []
        scopes = []
        for path, line in definitions:
            function = self.workspace.function_at(path, line)
            if function is None:
                continue
            qualname, start, end = function
            if qualname.split(".")[-1] != name or end - start > 400:
                continue
            alternative = (path, line) in several
            scopes.append(Scope(path, start, end, qualname, "wrapper", alternative=alternative))
        return scopes

    def _is_method(self, definition: tuple[str, int]) -> bool:
        function = self.workspace.function_at(*definition)
        return function is not None and "." in function[0]

    def _owned_here(self, definition: tuple[str, int], from_path: str, owner: str) -> bool:
        """A method of the receiver's type in the calling file (`OidcHttpClient::new`)."""
        return definition[0] == from_path and owner_of(self.workspace, definition) == owner

    def _of_declared_type(
        self, definitions: list[tuple[str, int]], language: str, from_path: str, owner: str
    ) -> tuple[list[tuple[str, int]], set[tuple[str, int]]]:
        """Methods of the type the calling file declares for the receiver (`private
        readonly SafeHttp $http` -> SafeHttp's methods, wherever the class lives), or of the
        classes implementing or extending it when it leaves the method abstract (`dispatch`),
        and which of those are one of several implementations."""
        if not definitions:
            return [], set()
        types = self._types_of(from_path, language, owner)
        found = []
        for definition in definitions:
            named = [t for t in types if module_named(definition[0], t)]
            if not named and not any(self._declares(definition[0], t) for t in types):
                continue  # cheap (read, not parsed): only a file declaring the type has its methods
            method_of = owner_of(self.workspace, definition)
            if method_of in types or (named and not method_of):
                found.append(definition)
        reached = through_type(self.workspace, from_path, types, definitions, found)
        return reached, set(alternatives(self.workspace, reached, found))

    def _declares(self, path: str, type_name: str) -> bool:
        key = (path, type_name)
        if key not in self._declared:
            self._declared[key] = (
                type_declaration(type_name).search(self.workspace.raw_text(path)) is not None
            )
        return self._declared[key]

    def _narrow(self, definitions: list[tuple[str, int]], from_path: str) -> list[tuple[str, int]]:
        """Keep definitions in the calling file or in a module the calling file names."""
        same = [d for d in definitions if d[0] == from_path]
        if same:
            return same
        source = self.workspace.file(from_path)
        if source is None:
            return []
        text = source.text
        named = []
        for path, line in definitions:
            stem = PurePosixPath(path).with_suffix("")
            tail = "/".join(stem.parts[-2:])
            own = stem.name not in ("index", "__init__", "mod") and f"/{stem.name}" in text
            if tail in text or own or self._statics.crate_named(path, text):
                named.append((path, line))
        return named


# Languages whose classes inherit typed fields a subclass calls through (`this.http` / `http`).
_INHERITED_FIELDS = frozenset({"java", "php", "javascript"})  # families


# Roots of a path that stay in the project: Rust's `crate::`, `self::`, `super::`.
_PATH_ROOTS = frozenset({"crate", "self", "super", "Self", "this"})


def _squash(text: str) -> str:
    """Compare crate and directory names alike: `svix_server` ~ `svix-server/`."""
    return re.sub(r"[^a-z0-9/]", "", text.lower())
