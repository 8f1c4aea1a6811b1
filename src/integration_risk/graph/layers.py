"""Layers from evidence: entry-point files are the edge, files holding data-store evidence
the data layer, other files the application; integrations are data or external systems
(a CDN sits at the edge)."""

from __future__ import annotations

from integration_risk.graph.build import ModuleGraph
from integration_risk.models.graph import Layer, LayerSummary

DATA_CATEGORIES = frozenset({"database", "cache", "queue", "storage", "search"})
EDGE_CATEGORIES = frozenset({"cdn"})
MAX_EXAMPLES = 5


def integration_layer(category: str) -> Layer:
    if category in DATA_CATEGORIES:
        return "data"
    if category in EDGE_CATEGORIES:
        return "edge"
    return "external"


def module_layers(
    graph: ModuleGraph, evidence: dict[str, list[str]], categories: dict[str, str]
) -> dict[str, Layer]:
    data_files = {
        path
        for ident, paths in evidence.items()
        if integration_layer(categories.get(ident, "other")) == "data"
        for path in paths
    }
    layers: dict[str, Layer] = {}
    for path in graph.files:
        if path in graph.entries:
            layers[path] = "edge"
        elif path in data_files:
            layers[path] = "data"
        else:
            layers[path] = "application"
    return layers


def summarise(
    graph: ModuleGraph, evidence: dict[str, list[str]], categories: dict[str, str]
) -> list[LayerSummary]:
    by_module = module_layers(graph, evidence, categories)
    order: tuple[Layer, ...] = ("edge", "application", "data", "external")
    summaries: list[LayerSummary] = []
    for layer in order:
        modules = sorted(p for p, lay in by_module.items() if lay == layer)
        integrations = sorted(i for i, c in categories.items() if integration_layer(c) == layer)
        summaries.append(
            LayerSummary(
                layer=layer,
                modules=len(modules),
                integrations=integrations,
                examples=modules[:MAX_EXAMPLES],
            )
        )
    return summaries
