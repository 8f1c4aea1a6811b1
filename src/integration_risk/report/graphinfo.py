"""The integration graph in the draft: who reaches each integration, and from where.

From `integration_risk.graph`: the entry points reaching an integration become its
`used_by`, its blast radius (share of entry points) raises the criticality of widely
reached ones, import chains from an entry point become critical paths, shared call
paths become cascade candidates, and the edge layer opens the architecture.
"""

from __future__ import annotations

from integration_risk.models.graph import IntegrationGraph, IntegrationReach
from integration_risk.models.report import (
    ArchitectureLayer,
    CriticalPath,
    FailureCascade,
    IntegrationRisk,
    RiskReport,
)
from integration_risk.models.report_common import Score

WIDE_SHARE = 0.5  # reached from half the entry points or more: one level more critical
WIDE_MIN_ENTRIES = 2
MAX_USERS = 5
MAX_PATHS = 5


def _integration(i: IntegrationRisk, reach: IntegrationReach | None) -> IntegrationRisk:
    if reach is None:
        return i
    update: dict[str, object] = {}
    if reach.top_entry_points:
        update["used_by"] = list(dict.fromkeys([*reach.top_entry_points, *i.used_by]))[:MAX_USERS]
    if reach.entry_points >= WIDE_MIN_ENTRIES and reach.entry_share >= WIDE_SHARE:
        score = min(10, i.criticality.score + 1)
        reason = (
            f"{i.criticality.reason} Reached from {reach.entry_points} entry-point files "
            f"({reach.entry_share:.0%} of all), so {'kept at' if score == 10 else 'raised to'} "
            f"{score}."
        )
        update["criticality"] = Score(score=score, reason=reason)
    return i.model_copy(update=update) if update else i


def _cascade(
    c: FailureCascade, reach: IntegrationReach | None, names: dict[str, str]
) -> FailureCascade:
    if reach is None:
        return c
    breaks = list(c.breaks)
    if reach.entry_points:
        breaks.append(
            f"{reach.entry_points} entry-point file(s) reach it "
            f"({reach.entry_share:.0%} of all entry points)"
        )
    cascades = list(c.cascades)
    shared = [names.get(other, other) for other in reach.cascade]
    if shared:
        cascades.append(f"shares call paths with {', '.join(shared[:5])}")
    return c.model_copy(update={"breaks": breaks, "cascades": cascades})


def _paths(items: list[IntegrationRisk], reach: dict[str, IntegrationReach]) -> list[CriticalPath]:
    paths = []
    for i in items:
        r = reach.get(i.id or "")
        if r is None or not r.example_path or i.criticality.score < 7:
            continue
        start = r.top_entry_points[0].split(" ")[0] if r.top_entry_points else r.example_path[0]
        spof = [i.name] if i.single_point_of_failure.is_spof else []
        paths.append(
            CriticalPath(name=f"{start} to {i.name}", steps=[*r.example_path, i.name], spofs=spof)
        )
    return paths[:MAX_PATHS]


def apply_graph(report: RiskReport, graph: IntegrationGraph) -> RiskReport:
    reach = {r.id: r for r in graph.integrations}
    integrations = [_integration(i, reach.get(i.id or "")) for i in report.integrations]
    by_name = {i.name: i.id or "" for i in integrations}
    names = {i.id: i.name for i in integrations if i.id}
    cascades = [
        _cascade(c, reach.get(by_name.get(c.integration, "")), names)
        for c in report.dependency_graph
    ]
    paths = _paths(integrations, reach)
    edge = [
        ArchitectureLayer(
            name=f"Entry points ({layer.modules} file(s))",
            components=layer.examples,
            failure_impact=[
                "If the process serving them is down, every integration below is "
                "unreachable for users"
            ],
        )
        for layer in graph.layers
        if layer.layer == "edge" and layer.modules
    ]
    judgement = [j for j in report.needs_judgement if j != "critical_paths" or not paths]
    return report.model_copy(
        update={
            "integrations": integrations,
            "dependency_graph": cascades,
            "critical_paths": [*report.critical_paths, *paths],
            "architecture": [*edge, *report.architecture],
            "needs_judgement": judgement,
        }
    )
