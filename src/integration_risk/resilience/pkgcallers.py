"""Go: a package is its directory, not its file. A function that makes a request with the
`ctx` it is handed (`downloadDatabase(ctx, client, url)` in download.go) is bounded by the
`context.WithTimeout` a caller in another file of its package (refresh.go) sets before calling
it. Only that deadline line is read, not the caller's other settings (an `http.Server`'s
`ReadTimeout` in the function that also starts a certificate manager bounds no request)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from integration_risk.resilience import factindex
from integration_risk.resilience.sites import MAX_CALLERS, Scope, Site
from integration_risk.resilience.workspace import Workspace

_DEADLINE = re.compile(r"\bcontext\.With(?:Timeout|Deadline)\s*\(")


def package_callers(workspace: Workspace, site: Site) -> list[Scope]:
    """The context deadlines that callers in the other files of the site's Go package set
    before they call the site's function."""
    if site.language != "go" or site.function.startswith("<") or site.kind == "config":
        return []
    name = site.function.split(".")[-1]
    folder = PurePosixPath(site.path).parent
    scopes: list[Scope] = []
    for path, _, _ in workspace.runtime_files():
        pure = PurePosixPath(path)
        if path == site.path or pure.parent != folder or pure.suffix != ".go":
            continue
        source = workspace.file(path)
        if source is None or source.facts is None:
            continue
        seen: set[int] = set()
        for line, _, _, func in factindex.calls_named(source.facts, name):
            if func < 0 or func in seen:
                continue
            seen.add(func)
            caller, start, _ = source.facts.funcs[func]
            lines = source.lines
            deadline = next((n for n in range(start, line) if _DEADLINE.search(lines[n - 1])), 0)
            if deadline:
                label = f"called from {caller} ({path}:{line}) under its context deadline"
                scopes.append(Scope(path, deadline, deadline, label, "caller", line))
            if len(scopes) >= MAX_CALLERS:
                return scopes
    return scopes
