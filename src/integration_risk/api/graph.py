"""Graph and change-scope operations: what reaches each integration, what a change touches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from integration_risk.paths import confine, require_dir, resolve_root

if TYPE_CHECKING:
    from integration_risk.graph.report import GraphOptions
    from integration_risk.models.change import ChangeScope
    from integration_risk.models.graph import IntegrationGraph

Progress = Callable[[int, int], None]


def integration_graph(
    root: str | Path,
    path: str = ".",
    integration_id: str | None = None,
    **options: Unpack[GraphOptions],
) -> IntegrationGraph:
    """Per integration: the entry points and modules that reach it through imports, the
    share of entry points that fail with it, one example import path, cascade candidates;
    plus layers, entry points and the imports the graph could not follow. `options`:
    cursor, limit, use_cache, progress (`graph.report.GraphOptions`)."""
    from integration_risk.graph.report import build_integration_graph

    base = resolve_root(root)
    start = require_dir(confine(base, path), path)
    return build_integration_graph(base, start, integration_id=integration_id, **options)


def integration_graph_mermaid(
    root: str | Path, path: str = ".", *, graph: IntegrationGraph | None = None
) -> str:
    """The dependency graph as a Mermaid flowchart (for reports): pass a graph already
    built with `integration_graph`, or let this build one."""
    from integration_risk.graph.mermaid import render_mermaid

    return render_mermaid(graph if graph is not None else integration_graph(root, path))


def changed_integrations(
    root: str | Path,
    base: str,
    path: str = ".",
    include_uncommitted: bool = True,
    *,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> ChangeScope:
    """Integrations a change since `base` adds, removes or touches (evidence on changed
    lines, or a changed module reaching them), and the call sites to inspect first."""
    from integration_risk.gitscope.refs import validate_ref
    from integration_risk.gitscope.scope import change_scope

    validate_ref(base)  # before anything else touches it
    start_root = resolve_root(root)
    start = require_dir(confine(start_root, path), path)
    return change_scope(
        start_root,
        start,
        base,
        include_uncommitted=include_uncommitted,
        use_cache=use_cache,
        progress=progress,
    )
