"""The integration graph as a Mermaid flowchart: entry points by kind at the edge, the
integrations they reach grouped by layer, and dotted lines between cascade candidates.

Node ids are generated (`n1`, `n2`...): ids made from names collide (`~host:a.b` and
`~host:a-b`). `mermaid_text` escapes a label; the report's dependency graph uses it too.
"""

from __future__ import annotations

from integration_risk.models.graph import IntegrationGraph

MAX_INTEGRATIONS = 15
_KIND_LABEL = {
    "http": "HTTP routes",
    "worker": "Workers / consumers",
    "scheduled": "Scheduled jobs",
    "cli": "CLI commands",
}


def mermaid_text(text: str) -> str:
    """`text` as a quoted Mermaid label shows it: quotes and angle brackets as entities."""
    escaped = text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return " ".join(escaped.split())


def render_mermaid(graph: IntegrationGraph, max_integrations: int = MAX_INTEGRATIONS) -> str:
    ids: dict[tuple[str, str], str] = {}

    def _node(prefix: str, name: str) -> str:
        return ids.setdefault((prefix, name), f"n{len(ids) + 1}")

    shown = graph.integrations[:max_integrations]
    kinds = graph.summary.entry_kinds
    lines = ["flowchart LR"]
    lines.append('  subgraph edge["Edge: entry points"]')
    for kind, label in _KIND_LABEL.items():
        if kind in kinds:
            lines.append(f'    {_node("entry", kind)}["{label} ({kinds[kind]})"]')
    lines.append("  end")
    for layer, title in (("data", "Data"), ("external", "External"), ("edge", "Edge services")):
        members = [i for i in shown if i.layer == layer]
        if not members:
            continue
        lines.append(f'  subgraph {layer}_layer["{title}"]')
        for item in members:
            share = f"{round(item.entry_share * 100)}% of entry points"
            lines.append(f'    {_node("int", item.id)}["{mermaid_text(item.name)}<br/>{share}"]')
        lines.append("  end")
    shown_ids = {i.id for i in shown}
    for item in shown:
        for kind, count in item.entry_kinds.items():
            if kind in kinds:
                lines.append(f"  {_node('entry', kind)} -->|{count}| {_node('int', item.id)}")
    drawn: set[tuple[str, str]] = set()
    for item in shown:
        for other in item.cascade:
            pair = (min(item.id, other), max(item.id, other))
            if other in shown_ids and pair not in drawn:
                drawn.add(pair)
                lines.append(f"  {_node('int', pair[0])} -.- {_node('int', pair[1])}")
    return "\n".join(lines) + "\n"
