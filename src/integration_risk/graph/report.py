"""Shape the graph for its reader: blast radius per integration, paged, compact."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from integration_risk.catalog.constants import DEFAULT_MIN_CONFIDENCE
from integration_risk.errors import InvalidInput
from integration_risk.graph.build import ModuleGraph, build_module_graph
from integration_risk.graph.layers import integration_layer, summarise
from integration_risk.graph.reach import Reach, compute_reach
from integration_risk.models.graph import (
    EntryPoint,
    GraphSummary,
    IntegrationGraph,
    IntegrationReach,
    UnknownEdge,
)
from integration_risk.models.scan import Integration
from integration_risk.paging import decode_cursor, encode_cursor
from integration_risk.scan.engine import scan_tree
from integration_risk.scan.report import merge_tree
from integration_risk.scan.walk import WalkResult, walk_tree

Progress = Callable[[int, int], None]


class GraphOptions(TypedDict, total=False):
    """`build_integration_graph`'s keyword options besides the integration id, which `api.integration_graph` passes on."""

    cursor: str | None
    limit: int | None
    use_cache: bool
    progress: Progress | None


TOP_ENTRY_POINTS = 5
MAX_UNKNOWN_LISTED = 10


def phase(progress: Progress | None, index: int, phases: int) -> Progress | None:
    """Progress of one phase of several as a percentage of the whole, so it only grows."""
    if progress is None:
        return None
    report = progress

    def scaled(done: int, total: int) -> None:
        share = done / total if total else 1.0
        report(round(100 * (index + share) / phases), 100)

    return scaled


def scanned_integrations(
    root: Path, start: Path, walked: WalkResult, use_cache: bool, progress: Progress | None
) -> list[Integration]:
    """Every integration above the default confidence, with all its evidence."""
    raw = scan_tree(root, start, use_cache=use_cache, progress=progress, walked=walked)
    merged = merge_tree(root, raw.findings)
    return [i for i in merged if i.confidence >= DEFAULT_MIN_CONFIDENCE]


def code_evidence(graph: ModuleGraph, integrations: list[Integration]) -> dict[str, list[str]]:
    """Integration id -> files of the graph holding its evidence."""
    return {
        i.id: sorted({e.path for e in i.evidence if e.path in graph.files}) for i in integrations
    }


def build_integration_graph(
    root: Path,
    start: Path,
    *,
    integration_id: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> IntegrationGraph:
    if limit is not None and limit < 1:
        raise InvalidInput("limit must be at least 1", "omit it to get every integration")
    offset = decode_cursor(cursor)
    began = time.perf_counter()
    walked = walk_tree(root, start)  # one walk for the scan and the graph
    integrations = scanned_integrations(root, start, walked, use_cache, phase(progress, 0, 2))
    graph = build_module_graph(
        root, start, use_cache=use_cache, progress=phase(progress, 1, 2), walked=walked
    )
    return shape(graph, integrations, began, integration_id, offset, limit)


def shape(
    graph: ModuleGraph,
    integrations: list[Integration],
    began: float,
    integration_id: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> IntegrationGraph:
    evidence = code_evidence(graph, integrations)
    reach = compute_reach(graph, evidence)
    total_entry_files = len(graph.entries)
    rows = [_row(i, reach[i.id], graph, total_entry_files) for i in integrations]
    rows.sort(key=lambda r: (-r.entry_share, -r.modules_reaching, r.id))
    if integration_id is not None:
        known = [r for r in rows if r.id == integration_id]
        if not known:
            sample = ", ".join(r.id for r in rows[:8]) or "none found"
            raise InvalidInput(
                f"no integration {integration_id!r} in this tree",
                f"use an id from scan_integrations (here: {sample})",
            )
        rows = known
    page = rows[offset : offset + limit] if limit is not None else rows[offset:]
    end = offset + len(page)
    categories = {i.id: i.category for i in integrations}
    declarations = [e for entries in graph.entries.values() for e in entries]
    first_page = offset == 0
    summary = GraphSummary(
        modules=len(graph.files),
        edges=graph.edge_count(),
        languages=graph.languages(),
        entry_points=len(declarations),
        entry_files=total_entry_files,
        entry_kinds=dict(sorted(Counter(e.kind for e in declarations).items())),
        unknown_edges=len(graph.unknown),
        unknown_by_reason=dict(sorted(Counter(u.reason for u in graph.unknown).items())),
        cycles=len(graph.cycles),
        integrations=len(rows),
        cache_hits=graph.cache_hits,
        seconds=round(time.perf_counter() - began, 3),
    )
    entry_limit = limit if limit is not None else len(declarations)
    return IntegrationGraph(
        integrations=page,
        layers=summarise(graph, evidence, categories) if first_page else [],
        entry_points=_entry_points(graph, entry_limit) if first_page else [],
        unknown_edges=_unknown(graph, limit) if first_page else [],
        summary=summary,
        next_cursor=encode_cursor(end) if end < len(rows) else None,
    )


def _row(
    integration: Integration, reach: Reach, graph: ModuleGraph, total: int
) -> IntegrationReach:
    kinds: Counter[str] = Counter()
    for path in reach.entry_files:
        for kind in {e.kind for e in graph.entries[path]}:
            kinds[kind] += 1
    top = []
    for path in reach.entry_files[:TOP_ENTRY_POINTS]:
        entry = graph.entries[path][0]
        top.append(f"{path}:{entry.line} {entry.kind} {entry.framework}")
    return IntegrationReach(
        id=integration.id,
        name=integration.name,
        category=integration.category,
        layer=integration_layer(integration.category),
        evidence_modules=len(reach.evidence),
        modules_reaching=len(reach.reaching),
        entry_points=len(reach.entry_files),
        entry_share=round(len(reach.entry_files) / total, 3) if total else 0.0,
        entry_kinds=dict(sorted(kinds.items())),
        top_entry_points=top,
        example_path=reach.example_path,
        cascade=reach.cascade,
        manifest_only=not reach.evidence,
    )


def _entry_points(graph: ModuleGraph, limit: int) -> list[EntryPoint]:
    found = [
        EntryPoint(path=path, line=e.line, kind=e.kind, framework=e.framework, snippet=e.snippet)  # type: ignore[arg-type]
        for path in sorted(graph.entries)
        for e in graph.entries[path]
    ]
    return found[:limit]


def _unknown(graph: ModuleGraph, limit: int | None) -> list[UnknownEdge]:
    shown = graph.unknown[: min(limit or MAX_UNKNOWN_LISTED, MAX_UNKNOWN_LISTED)]
    return [
        UnknownEdge(path=u.path, line=u.line, reason=u.reason, detail=u.detail)  # type: ignore[arg-type]
        for u in shown
    ]
