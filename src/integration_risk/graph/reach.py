"""Walk the module graph backwards from each integration's evidence: its blast radius.

Reachability for every integration at once: condense the graph into strongly
connected components and, in reverse topological order, give each component the
union (a bitmask) of the integrations it reaches. One example import path per
integration comes from a breadth-first search restricted to modules that reach it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from integration_risk.graph.build import ModuleGraph
from integration_risk.graph.scc import components

# Entry kinds in the order an example path prefers them: user traffic first.
KIND_PREFERENCE = {"http": 0, "worker": 1, "scheduled": 2, "cli": 3}


@dataclass
class Reach:
    """What reaches one integration."""

    evidence: list[str]  # files holding its code evidence
    reaching: set[str] = field(default_factory=set)  # files reaching it (evidence included)
    entry_files: list[str] = field(default_factory=list)  # ordered: preferred kind, nearest first
    example_path: list[str] = field(default_factory=list)
    cascade: list[str] = field(default_factory=list)


def reach_masks(
    graph: ModuleGraph, evidence: dict[str, list[str]]
) -> tuple[list[str], dict[str, int]]:
    """(integration ids by bit, node -> bitmask of the integrations it reaches)."""
    ids = sorted(evidence)
    own: dict[str, int] = {}
    for bit, ident in enumerate(ids):
        for path in evidence[ident]:
            own[path] = own.get(path, 0) | (1 << bit)
    adjacency = {node: sorted(targets) for node, targets in graph.edges.items()}
    masks: dict[str, int] = {}
    for component in components(adjacency):  # successors come first
        members = set(component)
        mask = 0
        for node in component:
            mask |= own.get(node, 0)
            for target in adjacency.get(node, ()):
                if target not in members:
                    mask |= masks.get(target, 0)
        for node in component:
            masks[node] = mask
    return ids, masks


def compute_reach(graph: ModuleGraph, evidence: dict[str, list[str]]) -> dict[str, Reach]:
    """`evidence`: integration id -> files of the graph holding its evidence."""
    ids, masks = reach_masks(graph, evidence)
    reaching: dict[str, set[str]] = {ident: set() for ident in ids}
    for node, mask in masks.items():
        if not mask or node not in graph.files:
            continue
        bit = 0
        while mask:
            if mask & 1:
                reaching[ids[bit]].add(node)
            mask >>= 1
            bit += 1
    result: dict[str, Reach] = {}
    for bit, ident in enumerate(ids):
        files = reaching[ident]
        entries = _ordered_entries(graph, files, evidence[ident])
        reach = Reach(sorted(evidence[ident]), files, entries)
        if entries:
            reach.example_path = _path(graph, entries[0], set(evidence[ident]), masks, 1 << bit)
        result[ident] = reach
    _cascades(result)
    return result


def _ordered_entries(graph: ModuleGraph, files: set[str], evidence: list[str]) -> list[str]:
    entry_files = [f for f in files if f in graph.entries]
    held = set(evidence)

    def key(path: str) -> tuple[int, int, str]:
        best = min(KIND_PREFERENCE.get(e.kind, 9) for e in graph.entries[path])
        return (0 if path in held else 1, best, path)

    return sorted(entry_files, key=key)


def _path(
    graph: ModuleGraph, start: str, targets: set[str], masks: dict[str, int], bit: int
) -> list[str]:
    """Shortest import chain from `start` to a file holding the evidence."""
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node in targets:
            chain: list[str] = []
            step: str | None = node
            while step is not None:
                chain.append(step)
                step = parent[step]
            return chain[::-1]
        for target in sorted(graph.edges.get(node, ())):
            if target not in parent and masks.get(target, 0) & bit:
                parent[target] = node
                queue.append(target)
    return [start]


MAX_CASCADE = 8


def _cascades(result: dict[str, Reach]) -> None:
    """B shares a path with A when a file holding A's evidence reaches B, or the reverse."""
    holders = {ident: set(reach.evidence) for ident, reach in result.items()}
    for ident, reach in result.items():
        scores: list[tuple[int, str]] = []
        for other, other_reach in result.items():
            if other == ident:
                continue
            shared = len(holders[ident] & other_reach.reaching) + len(
                holders[other] & reach.reaching
            )
            if shared:
                scores.append((-shared, other))
        reach.cascade = [other for _, other in sorted(scores)[:MAX_CASCADE]]
