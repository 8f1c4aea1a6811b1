"""What `scan-org` leaves in `--out`: one result per repository (what `--resume` reads),
`inventory.json`, `ORG_INTEGRATIONS.md` and the merged glossary."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import ValidationError

from integration_risk.atomic import atomic_write
from integration_risk.models.org import RepoResult
from integration_risk.models.report_common import level_of
from integration_risk.org.inventory import Inventory
from integration_risk.org.sources import RepoSpec

RESULTS = "results"
GLOSSARY = "glossary.json"
AGENT = "integration-risk-scan-org"


def result_file(out: Path, spec: RepoSpec) -> Path:
    digest = hashlib.sha256(spec.source.encode()).hexdigest()[:16]
    return out / RESULTS / f"{digest}.json"


def save_result(out: Path, spec: RepoSpec, result: RepoResult) -> None:
    target = result_file(out, spec)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, result.model_dump_json(indent=1).encode())


def load_done(out: Path, spec: RepoSpec) -> RepoResult | None:
    """A result saved by an earlier run, when it succeeded (failures are tried again)."""
    try:
        result = RepoResult.model_validate_json(result_file(out, spec).read_bytes())
    except (OSError, ValidationError):
        return None
    if result.error is not None or result.source != spec.source:
        return None
    return result


def write_inventory(out: Path, inventory: Inventory) -> Path:
    target = out / "inventory.json"
    text = json.dumps(inventory.as_json(), indent=2, ensure_ascii=False) + "\n"
    atomic_write(target, text.encode())
    return target


def write_glossary(out: Path, inventory: Inventory) -> Path:
    """One entry per integration, merged through the glossary store like any agent's."""
    from integration_risk import api

    entries: dict[str, dict[str, object]] = {}
    for row in inventory.integrations():
        used_by = len(row.repos)
        entries[row.name] = {
            "canonical_name": row.name,
            "type": row.category,
            "category": row.category,
            "aliases": [row.id],
            # the per-repository reports' levels: one glossary, one scale
            "risk_level": level_of(row.criticality),
            "failure_impact": f"Used by {used_by} repositor{'y' if used_by == 1 else 'ies'} "
            f"of the organisation: {', '.join(Path(p).name for p in row.repos[:5])}"
            + (" and more." if used_by > 5 else "."),
        }
    target = out / GLOSSARY
    if entries:
        api.update_glossary(out, entries, AGENT, glossary_file=target)
    return target
