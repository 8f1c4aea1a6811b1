"""Figures derived from a report for rendering: counts, SPOFs, matrix, plan tiers.

Derived here rather than typed by the model, so the summary, the matrix and
the integrations can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integration_risk.models.fields import build_from
from integration_risk.models.report import (
    PATTERNS,
    IntegrationPatternVerdict,
    IntegrationRisk,
    PatternName,
    PlanItem,
    RiskReport,
)
from integration_risk.models.report_common import Priority, band, level_of

LEVELS: tuple[Priority, ...] = ("critical", "high", "medium", "low")
MATRIX_PATTERNS: tuple[PatternName, ...] = PATTERNS  # matrix columns: the model's order
PATTERN_TITLES: dict[PatternName, str] = {
    "circuit_breaker": "Circuit breaker",
    "retry": "Retry with backoff",
    "timeout": "Timeout",
    "fallback": "Fallback / degradation",
    "health_check": "Health check",
    "logging": "Logging / alerting",
    "idempotency": "Idempotency",
}
TIER_NOTES: dict[Priority, tuple[str, str]] = {
    "critical": ("total outage or lost revenue", "this week"),
    "high": ("degradation or security exposure", "this month"),
    "medium": ("operational overhead or minor outages", "next quarter"),
    "low": ("nice to have", "when convenient"),
}


@dataclass
class PlanTier:
    priority: Priority
    risk: str
    timeline: str
    items: list[PlanItem] = field(default_factory=list)


@dataclass
class PatternPlacement:
    integration: str
    verdict: IntegrationPatternVerdict


def counts_by_level(report: RiskReport) -> dict[Priority, int]:
    counts = dict.fromkeys(LEVELS, 0)
    for integration in report.integrations:
        counts[level_of(integration.criticality.score)] += 1
    return counts


def spofs(report: RiskReport) -> list[IntegrationRisk]:
    return [i for i in report.integrations if i.single_point_of_failure.is_spof]


def overall_resilience(report: RiskReport) -> float | None:
    """The summary's stated score, else the mean of the integrations' scores."""
    stated = report.executive_summary.overall_resilience
    if stated is not None:
        return float(stated.score)
    scores = [i.resilience.score for i in report.integrations if i.resilience.score is not None]
    return round(sum(scores) / len(scores), 2) if scores else None


RATING_FLOORS = ((8.0, "GOOD"), (6.0, "FAIR"), (4.0, "WEAK"))


def rating(score: float | None) -> str:
    return "not assessed" if score is None else band(score, RATING_FLOORS, "POOR")


def plan_items(report: RiskReport) -> list[PlanItem]:
    """The stated plan, else one item per integration mitigation."""
    if report.mitigation_plan:
        return list(report.mitigation_plan)
    derived = []
    for integration in report.integrations:
        for m in integration.mitigations:
            derived.append(build_from(PlanItem, m, integration=integration.name, impact=m.why))
    return derived


def plan_tiers(report: RiskReport) -> list[PlanTier]:
    tiers = {p: PlanTier(p, *TIER_NOTES[p]) for p in LEVELS}
    for item in plan_items(report):
        tiers[item.priority].items.append(item)
    return [tier for tier in tiers.values() if tier.items]


def placements(report: RiskReport, pattern: PatternName) -> list[PatternPlacement]:
    return [
        PatternPlacement(i.name, getattr(i.resilience.patterns, pattern))
        for i in report.integrations
    ]


def mitigation_counts(report: RiskReport) -> dict[Priority, int]:
    counts = dict.fromkeys(LEVELS, 0)
    for item in plan_items(report):
        counts[item.priority] += 1
    return counts
