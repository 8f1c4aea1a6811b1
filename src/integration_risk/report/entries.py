"""Glossary entries for the integrations a report or analysis names.

Keys are the CamelCase of the display name (the seed's `StripePayment` style);
the scanner id goes into `aliases`, so the glossary's alias matching merges the
entry with one another agent recorded under a different key.
"""

from __future__ import annotations

import re
from typing import Any

from integration_risk.models.failure import FailureAnalysis
from integration_risk.models.report import RiskReport
from integration_risk.models.report_common import level_of

MAX_EVIDENCE = 5


def glossary_key(name: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", name)
    return "".join(w[:1].upper() + w[1:] for w in words) or "Integration"


def _aliases(name: str, *others: str | None) -> list[str]:
    seen: dict[str, None] = {}
    for other in others:
        if other and other.casefold() != name.casefold():
            seen.setdefault(other, None)
    return list(seen)


def risk_report_entries(report: RiskReport) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for i in report.integrations:
        entry: dict[str, Any] = {
            "canonical_name": i.name,
            "type": i.type,
            "risk_level": level_of(i.criticality.score),
            "failure_impact": i.failure_impact.immediate,
        }
        if aliases := _aliases(i.name, i.id):
            entry["aliases"] = aliases
        if i.category:
            entry["category"] = i.category
        if i.evidence:
            entry["evidence"] = i.evidence[:MAX_EVIDENCE]
        entries.setdefault(glossary_key(i.name), entry)
    return entries


def failure_analysis_entries(analysis: FailureAnalysis) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for point in analysis.integration_points:
        key = glossary_key(point.target)
        entry = entries.setdefault(
            key, {"canonical_name": point.target, "type": point.protocol, "risk_level": point.risk}
        )
        if aliases := _aliases(point.target, point.integration_id):
            entry["aliases"] = sorted({*entry.get("aliases", []), *aliases})
        if point.evidence:
            merged = [*entry.get("evidence", []), *point.evidence]
            entry["evidence"] = list(dict.fromkeys(merged))[:MAX_EVIDENCE]
        impacts = [f.impact for f in analysis.predicted_failures if point.target in f.integration]
        if impacts and "failure_impact" not in entry:
            entry["failure_impact"] = impacts[0]
    return entries
