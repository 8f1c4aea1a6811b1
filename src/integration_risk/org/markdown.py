"""`ORG_INTEGRATIONS.md`: the organisation's integrations for people, as Markdown tables."""

from __future__ import annotations

from pathlib import Path

from integration_risk.models.org import OrgIntegration
from integration_risk.org.inventory import Inventory

TOP = 25


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _repo_names(paths: list[str], most: int = 4) -> str:
    names = [Path(p).name for p in paths[:most]]
    extra = len(paths) - most
    return ", ".join(names) + (f" +{extra}" if extra > 0 else "")


def _table(rows: list[OrgIntegration]) -> list[str]:
    lines = [
        "| integration | category | criticality | repositories | used in |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in rows[:TOP]:
        lines.append(
            f"| {_cell(row.name)} (`{row.id}`) | {row.category} | {row.criticality}/10 "
            f"| {len(row.repos)} | {_cell(_repo_names(row.repos))} |"
        )
    return lines


def render(inventory: Inventory) -> str:
    rows = inventory.integrations()
    failed = [r for r in inventory.repos.values() if r.error is not None]
    scanned = len(inventory.repos) - len(failed)
    by_criticality = sorted(rows, key=lambda r: (-r.criticality, -len(r.repos), r.id))
    lines = [
        "# Organisation integrations",
        "",
        f"{scanned} repositories scanned, {len(failed)} failed, {len(rows)} distinct integrations.",
        "Criticality is a rule by category (1-10), not a judgement of each use; run the "
        "integration-mapper agent on a repository for that.",
        "",
        "## Most widely used",
        "",
        *_table(rows),
        "",
        "## Most critical",
        "",
        *_table(by_criticality),
        "",
        "## Repositories with the most single points of failure",
        "",
        "A candidate is the only integration of a critical category (payment, database, "
        "auth, queue, storage) in its repository: nothing in the code can take over when it "
        "fails.",
        "",
        "| repository | candidates |",
        "| --- | --- |",
    ]
    for spof in inventory.spofs()[:TOP]:
        lines.append(f"| {_cell(spof.path)} | {_cell(', '.join(spof.spofs))} |")
    if failed:
        lines += ["", "## Not scanned", "", "| repository | reason |", "| --- | --- |"]
        for result in sorted(failed, key=lambda r: r.path):
            lines.append(f"| {_cell(result.source)} | {_cell(result.error or '')} |")
    return "\n".join(lines) + "\n"
