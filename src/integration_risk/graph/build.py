"""Build the module graph: files as nodes, resolved imports as edges, unknown edges kept.

Go packages are nodes too (a directory written `dir/`): a file importing a Go
package depends on every file of it, and files of one package see each other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Unpack

from integration_risk.graph.collect import Collected, CollectOptions, collect
from integration_risk.graph.facts import Entry
from integration_risk.graph.resolve_files import (
    GoResolver,
    JsResolver,
    PythonResolver,
    declared_distributions,
    package_node,
)
from integration_risk.graph.resolve_types import NominalResolver, RubyResolver
from integration_risk.graph.scc import cycles

Progress = Callable[[int, int], None]
MAX_CYCLES_LISTED = 20


@dataclass
class Unknown:
    path: str
    line: int
    reason: str  # dynamic, unresolved, cycle
    detail: str


@dataclass
class ModuleGraph:
    files: dict[str, str] = field(default_factory=dict)  # file -> language
    edges: dict[str, set[str]] = field(default_factory=dict)  # node -> imported nodes
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # file -> its entry points
    unknown: list[Unknown] = field(default_factory=list)
    cycles: list[list[str]] = field(default_factory=list)
    cache_hits: int = 0

    def is_file(self, node: str) -> bool:
        return node in self.files

    def edge_count(self) -> int:
        return sum(len(t) for n, t in self.edges.items() if n in self.files)

    def languages(self) -> dict[str, int]:
        return dict(sorted(Counter(self.files.values()).items()))

    def reverse(self) -> dict[str, list[str]]:
        back: dict[str, list[str]] = {}
        for source, targets in self.edges.items():
            for target in targets:
                back.setdefault(target, []).append(source)
        for sources in back.values():
            sources.sort()
        return back


def build_module_graph(root: Path, start: Path, **options: Unpack[CollectOptions]) -> ModuleGraph:
    collected = collect(root, start, **options)
    graph = graph_from_facts(collected)
    graph.cache_hits = collected.cache_hits
    return graph


def graph_from_facts(collected: Collected) -> ModuleGraph:
    graph = ModuleGraph()
    by_language: dict[str, list[str]] = {}
    for rel, facts in collected.facts.items():
        by_language.setdefault(facts.language, []).append(rel)
    scripts = {
        rel
        for rel in by_language.get("python", [])
        if any(e.kind == "cli" and e.framework == "python" for e in collected.facts[rel].entries)
    }
    python = PythonResolver(
        set(by_language.get("python", [])),
        collected.excluded,
        scripts,
        declared_distributions(collected.configs),
    )
    js = JsResolver(set(by_language.get("js", [])), collected.excluded, collected.configs)
    go = GoResolver(by_language.get("go", []), collected.configs)
    nominal = NominalResolver(collected)
    ruby = RubyResolver(collected)
    for rel in sorted(collected.facts):
        facts = collected.facts[rel]
        graph.files[rel] = facts.language
        if facts.entries:
            graph.entries[rel] = facts.entries
        targets: set[str] = set()
        for imp in facts.imports:
            if imp.kind == "dynamic":
                graph.unknown.append(Unknown(rel, imp.line, "dynamic", imp.spec))
                continue
            found: list[str] | None
            if facts.language == "python":
                found = python.resolve(rel, imp)
            elif facts.language == "js":
                found = js.resolve(rel, imp)
            elif facts.language == "go":
                found = go.resolve(rel, imp)
            elif facts.language == "ruby":
                found = ruby.resolve(rel, imp)
            else:
                found = nominal.resolve(rel, imp, facts)
            if found is None:
                graph.unknown.append(Unknown(rel, imp.line, "unresolved", imp.spec))
            else:
                targets.update(found)
        if facts.language in ("java", "csharp", "php"):
            targets.update(nominal.used_types(rel, facts))
        elif facts.language == "ruby":
            targets.update(ruby.used_types(rel, facts))
        elif facts.language == "go":
            targets.add(package_node(_dirname(rel)))
        targets.discard(rel)
        graph.edges[rel] = targets
    for node, members in go.package_members().items():
        graph.edges[node] = set(members)
    graph.cycles = find_cycles(graph.edges, graph.files)
    for cycle in graph.cycles[:MAX_CYCLES_LISTED]:
        graph.unknown.append(Unknown(cycle[0], 0, "cycle", " -> ".join([*cycle[:6], cycle[0]])))
    return graph


def _dirname(rel: str) -> str:
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def find_cycles(edges: dict[str, set[str]], files: dict[str, str]) -> list[list[str]]:
    """Groups of files importing each other, largest first. Go package nodes are left out:
    a package and its files always form a trivial loop."""
    return cycles({n: sorted(t for t in ts if t in files) for n, ts in edges.items() if n in files})
