"""Clients built in another module: a call on a name the file imports from the project
(`import { payments } from '../lib/payments'`, `from app.clients.store import cache`) or, in
Go, on a package-level variable of another file of the same package (`var feedClient =
&http.Client{Timeout: ..}`) uses the client built where that module assigns the name. That
statement becomes a `client` scope of the site, and its calls are followed as wrappers
from the module's file."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath

from integration_risk.graph.resolve_files import ImportResolver
from integration_risk.resilience.clientvars import callee_parts, construction_extent
from integration_risk.resilience.factindex import RECEIVERS
from integration_risk.resilience.languages import family_of
from integration_risk.resilience.sites import Scope, Site
from integration_risk.resilience.workspace import SourceFile, Workspace
from integration_risk.scan.imports import imported_from

MAX_IMPORT_LINES = 400

Found = tuple[str, int, int]  # path, first and last line of the assignment


class ExportedClients:
    """Per run: the project's files by path and the answers per (file, name)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._paths: set[str] | None = None
        self._resolver: ImportResolver | None = None
        self._memo: dict[tuple[str, str], Found | None] = {}

    def extend(
        self, site: Site, callee: str | None = None, origin: str | None = None
    ) -> list[tuple[str, str, str]]:
        """Add the `client` scope of the module-level client the site's call (or `callee`,
        a call in `origin` that sends for it: `base.HttpClient.Do(req)` after the site's
        `http.NewRequest`, a wrapper's `base.RestyClient.R()`) is made on when another
        module builds it; return (callee, its path, label) to follow."""
        if site.kind == "config" or any(s.kind == "client" for s in site.scopes):
            return []
        path_of_call = origin or site.path
        parts = callee_parts(callee or site.call)
        if len(parts) < 2 or parts[0] in RECEIVERS or not re.match(r"^[A-Za-z_]\w*$", parts[0]):
            return []
        name = parts[0]
        if site.language == "go" and len(parts) >= 3 and parts[1][:1].isupper():
            name = f"{parts[0]}.{parts[1]}"  # `base.RestyClient.R()`: another package's var
        found = self.assignment(path_of_call, site.language, name)
        if found is None:
            return []
        path, start, end = found
        label = f"client `{name}` built at {path}:{start}"
        site.scopes.append(Scope(path, start, end, label, "client"))
        return [(call, path, label) for _, call in self.workspace.calls_in(path, start, end)]

    def assignment(self, path: str, language: str, name: str) -> Found | None:
        """Where another module assigns the name `path` imports (path, first and last line)."""
        key = (path, name)
        if key not in self._memo:
            self._memo[key] = self._find(path, language, name)
        return self._memo[key]

    def in_wrapper(
        self, site: Site, calls: tuple[tuple[int, str], ...], scope: Scope
    ) -> list[tuple[str, str, str]]:
        """Go: a wrapper that sends through another package's client variable
        (`req := base.RestyClient.R()`) uses the client built where that package assigns it."""
        if site.language != "go":
            return []
        for _, callee in calls:
            parts = callee_parts(callee)
            if len(parts) >= 3 and parts[1][:1].isupper():
                found = self.extend(site, callee, scope.path)
                if found:
                    return found
        return []

    def _find(self, path: str, language: str, name: str) -> Found | None:
        source = self.workspace.file(path)
        if source is None or source.facts is None or source.facts.error:
            return None
        if "." in name:
            package, variable = name.split(".", 1)
            return self._package_variable(path, source.text, package, variable)
        if _assignment(name).search(source.text):
            return None  # assigned in the file itself: not another module's client
        if language == "go":
            targets = self._go_siblings(path)
        else:
            module = imported_from(source.text, family_of(language), name, MAX_IMPORT_LINES)
            targets = self._module_files(path, module) if module else []
        return self._assigned_in(targets, name)

    def _assigned_in(
        self, targets: list[str], name: str, once_inside: bool = False
    ) -> Found | None:
        """The first of `targets` that assigns `name` a construction at top level; with
        `once_inside`, else the one assignment inside a function among them."""
        inside: list[Found] = []
        for target in targets:
            other = self.workspace.file(target)
            if other is None or other.facts is None or other.facts.error:
                continue
            found = _module_assignment(other, name)
            if found is not None:
                return (target, *found)
            if once_inside:
                inside += [(target, *extent) for extent in _assignments(other, name)]
        return inside[0] if len(inside) == 1 else None

    def _package_variable(self, path: str, text: str, package: str, variable: str) -> Found | None:
        """Go: where a project package the file imports (`.../drivers/base` as `base`)
        assigns its exported variable a construction, at top level or, when that is the
        package's only assignment of it, inside a function (`RestyClient =
        NewRestyClient()` in an init function)."""
        module = imported_from(text, "go", package, MAX_IMPORT_LINES)
        files = self._module_files(path, module) if module else []
        targets = [rel for rel in files if not rel.endswith("_test.go")]
        return self._assigned_in(targets, variable, once_inside=True)

    def _project_paths(self) -> set[str]:
        if self._paths is None:
            self._paths = {rel for rel, _, _ in self.workspace.runtime_files()}
        return self._paths

    def _go_siblings(self, path: str) -> list[str]:
        folder = str(PurePosixPath(path).parent)
        return sorted(
            rel
            for rel in self._project_paths()
            if rel != path
            and rel.endswith(".go")
            and not rel.endswith("_test.go")
            and str(PurePosixPath(rel).parent) == folder
        )

    def _module_files(self, path: str, module: str) -> list[str]:
        """The project files a Python, JS/TS or Go module name points to, as the module
        graph resolves it (`graph.resolve_files`): relative, index files, `./client.js` for
        client.ts, tsconfig `paths` (`@app/lib/payments` -> `src/lib/payments.ts`), a Go
        package's files under its go.mod module path."""
        if self._resolver is None:
            self._resolver = ImportResolver(self._project_paths(), self.workspace.configs())
        return self._resolver.resolve(path, module)


@lru_cache(maxsize=1024)
def _assignment(name: str) -> re.Pattern[str]:
    # `name = ..`, `export const name = ..`, `var name = ..`, `name := ..`, `name: T = ..`
    return re.compile(
        rf"(?m)^[ \t]*(?:export[ \t]+)?(?:(?:const|let|var)[ \t]+)?\$?{re.escape(name)}"
        r"[ \t]*(?::[^=\n]*)?:?=(?![=>])"
    )


def _assignments(source: SourceFile, name: str) -> list[tuple[int, int]]:
    """Extents of the statements inside functions that assign `name` a construction."""
    assert source.facts is not None
    found = []
    for match in _assignment(name).finditer(source.text):
        line = source.text.count("\n", 0, match.start()) + 1
        if source.facts.function_at(line) < 0:
            continue
        value = source.lines[line - 1][match.end() - match.start() :]
        extent = construction_extent(source.lines, source.facts, line, value)
        if extent is not None:
            found.append(extent)
    return found


def _module_assignment(source: SourceFile, name: str) -> tuple[int, int] | None:
    """(first, last) line of a module-level statement assigning `name` a construction: a
    call (`new Stripe(..)`, `redis.Redis(..)`) or a composite literal (`&http.Client{..}`)."""
    assert source.facts is not None
    for match in _assignment(name).finditer(source.text):
        line = source.text.count("\n", 0, match.start()) + 1
        if source.facts.function_at(line) >= 0:
            continue
        value = source.lines[line - 1][match.end() - match.start() :]
        extent = construction_extent(source.lines, source.facts, line, value)
        if extent is not None:
            return extent
    return None
