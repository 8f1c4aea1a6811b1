"""The Mermaid dependency graph: who uses each integration, coloured by criticality.

Nodes are the report's `used_by` components and its integrations; arrows are
the `used_by` links plus the report's explicit `dependency_edges`. Node ids are
generated (`n1`, `n2`...) so any name is safe; labels are quoted with Mermaid's
entity escapes.
"""

from __future__ import annotations

from integration_risk.graph.mermaid import mermaid_text
from integration_risk.models.report import RiskReport
from integration_risk.models.report_common import level_of

CLASSES = {
    "critical": "fill:#f8d7da,stroke:#b02a37,color:#000",
    "high": "fill:#ffe5d0,stroke:#c4570b,color:#000",
    "medium": "fill:#fff3cd,stroke:#997404,color:#000",
    "low": "fill:#d1e7dd,stroke:#146c43,color:#000",
}


class _Nodes:
    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.lines: list[str] = []

    def node(self, name: str, shape: str = "box") -> str:
        key = " ".join(name.split()).casefold()
        if key not in self.ids:
            node_id = f"n{len(self.ids) + 1}"
            self.ids[key] = node_id
            label = mermaid_text(name)
            body = f'[("{label}")]' if shape == "db" else f'["{label}"]'
            self.lines.append(f"    {node_id}{body}")
        return self.ids[key]


def dependency_graph(report: RiskReport) -> str:
    """Mermaid `flowchart LR` source (without the code fence)."""
    nodes = _Nodes()
    edges: list[str] = []
    classes: dict[str, list[str]] = {}
    for integration in report.integrations:
        shape = "db" if integration.category in ("database", "cache", "storage") else "box"
        target = nodes.node(integration.name, shape)
        classes.setdefault(level_of(integration.criticality.score), []).append(target)
    for integration in report.integrations:
        target = nodes.node(integration.name)
        for user in integration.used_by:
            edges.append(f"    {nodes.node(user)} --> {target}")
    for edge in report.dependency_edges:
        arrow = f'-- "{mermaid_text(edge.label)}" -->' if edge.label else "-->"
        edges.append(f"    {nodes.node(edge.source)} {arrow} {nodes.node(edge.target)}")
    lines = ["flowchart LR", *nodes.lines, *dict.fromkeys(edges)]
    for level, style in CLASSES.items():
        if level in classes:
            lines.append(f"    classDef {level} {style}")
            lines.append(f"    class {','.join(classes[level])} {level}")
    return "\n".join(lines)
