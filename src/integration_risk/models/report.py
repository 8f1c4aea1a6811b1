"""The integration risk report (`INTEGRATION_RISK_ANALYSIS.md` + `.json`).

`RiskReport` holds every part of the mapper's analysis: per integration (see
`models.risk`) and report-wide sections. Counts by criticality, the list of
single points of failure and the resilience matrix are derived from the
integrations when rendering, so they can never disagree with them.
The JSON Schema is checked in as `schemas/risk-report.schema.json`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from integration_risk.models.fields import default_field, list_field
from integration_risk.models.report_common import (
    CodeExample,
    CodeReference,
    DiscoveredBy,
    Effort,
    GeneratedAt,
    Priority,
    RiskFrom,
    RiskTo,
    Score,
    ScoreValue,
    Strict,
    Text,
)
from integration_risk.models.risk import (
    PATTERNS,
    CodeExcerpt,
    DowntimeCost,
    FailureImpact,
    IntegrationPatternVerdict,
    IntegrationRisk,
    Mitigation,
    PatternName,
    RecoveryObjective,
    ResilienceAssessment,
    ResiliencePatterns,
    SecurityAssessment,
    SecurityCheck,
    SinglePointOfFailure,
    Verdict,
)

# A report-wide section naming one of the report's integrations.
IntegrationName = Annotated[Text, Field(description="Integration name as in `integrations`.")]

__all__ = [
    "PATTERNS",
    "AgentGuidance",
    "ArchitectureLayer",
    "CodeExcerpt",
    "CriticalPath",
    "DependencyEdge",
    "DowntimeCost",
    "ExecutiveSummary",
    "FailureCascade",
    "FailureImpact",
    "IntegrationPatternVerdict",
    "IntegrationRisk",
    "KeyRisk",
    "Mitigation",
    "PatternAssessment",
    "PatternName",
    "PlanItem",
    "RecoveryObjective",
    "ReportMetadata",
    "ResilienceAssessment",
    "ResiliencePatterns",
    "RiskReport",
    "SecurityAssessment",
    "SecurityCheck",
    "SinglePointOfFailure",
    "Verdict",
]


class ReportMetadata(Strict):
    """Who wrote the report, when, and over which part of the tree."""

    discovered_by: DiscoveredBy = "integration-mapper"
    project: str | None = Field(default=None, description="Project name, e.g. 'shop'.")
    scope: str = Field(default=".", description="Directory analysed, relative to the root.")
    generated_at: GeneratedAt = None


class KeyRisk(Strict):
    """One headline risk of the executive summary."""

    integration: IntegrationName
    risk: Text = Field(description="The risk in one line, e.g. 'no replica, no retry'.")
    score: ScoreValue = Field(description="Risk score 1-10.")


class ExecutiveSummary(Strict):
    """Headline numbers and risks. Counts by criticality and the SPOF list are derived
    from `integrations`; do not repeat them here."""

    overview: str = Field(default="", description="Two or three sentences for a reader in a hurry.")
    overall_resilience: Score | None = Field(
        default=None,
        description="Overall resilience 1-10 and why; omitted = mean of the integrations' scores.",
    )
    downtime_cost: DowntimeCost | None = Field(
        default=None, description="Estimated cost per hour of the worst outage, with assumption."
    )
    key_risks: list[KeyRisk] = list_field("Top risks, worst first.")


class ArchitectureLayer(Strict):
    """One layer of the integration architecture and what its failure does."""

    name: Text = Field(description="e.g. 'External services', 'Business logic', 'Data layer'.")
    diagram: str | None = Field(
        default=None, description="Plain-text diagram of the layer (arrows, boxes)."
    )
    components: list[str] = list_field("What sits in this layer.")
    failure_impact: list[str] = list_field("'If X down -> effect' lines for this layer.")
    mitigation: str | None = Field(default=None, description="What protects the layer, if any.")


class DependencyEdge(Strict):
    """An arrow of the Mermaid dependency graph, beyond the `used_by` links."""

    source: Text = Field(description="Caller, e.g. 'API routes' or an integration name.")
    target: Text = Field(description="Callee, e.g. 'Stripe'.")
    label: str | None = Field(default=None, description="Protocol or purpose, e.g. 'HTTPS'.")


class FailureCascade(Strict):
    """What breaks when one integration fails."""

    integration: IntegrationName
    breaks: list[str] = list_field("Features that stop working.")
    degrades: list[str] = list_field("What gets slower or worse.")
    cascades: list[str] = list_field("Knock-on failures, e.g. 'orders pile up'.")
    workaround: str | None = Field(default=None, description="Manual workaround, if any.")
    risk: str | None = Field(default=None, description="Residual risk, e.g. 'rate limiter open'.")


class CriticalPath(Strict):
    """A user flow through several integrations."""

    name: Text = Field(description="e.g. 'Payment flow'.")
    steps: list[str] = Field(min_length=2, description="Hops in order, e.g. ['Browser', 'API'].")
    spofs: list[str] = list_field("Single points of failure on it.")
    mitigation: str | None = Field(default=None, description="What would protect the path.")


class PatternAssessment(Strict):
    """How well one resilience pattern is implemented across the codebase. Where it is
    implemented is derived from the integrations' pattern verdicts."""

    pattern: PatternName = Field(description="The pattern assessed.")
    quality: Score = Field(description="Implementation quality 1-10 across the codebase.")
    why_it_matters: list[str] = list_field("Consequences of the gaps in this codebase.")
    bad_example: CodeExample | None = Field(
        default=None, description="Current weak code (with its location)."
    )
    good_example: CodeExample | None = Field(default=None, description="What it should look like.")
    recommendation: str | None = Field(default=None, description="What to do and where.")
    priority: Priority | None = Field(default=None, description="Priority of the recommendation.")


class PlanItem(Strict):
    """One entry of the prioritised mitigation plan."""

    priority: Priority = Field(
        description="critical (this week), high (this month), medium (next quarter) or low."
    )
    action: Text = Field(description="What to do, e.g. 'Add PostgreSQL connection retry'.")
    integration: str | None = Field(default=None, description="Integration name it concerns.")
    effort: Effort = None
    impact: str | None = Field(default=None, description="Expected effect.")
    risk_from: RiskFrom = None
    risk_to: RiskTo = None


class AgentGuidance(Strict):
    """The 'For AI Agents' section: rules for agents that change this codebase."""

    dos: list[str] = list_field("Do this when adding integrations.")
    donts: list[str] = list_field("Never do this.")
    best_practices: list[CodeReference] = list_field("Good examples in this codebase (path:line).")
    anti_patterns: list[CodeReference] = list_field("Code not to copy (path:line).")
    critical_path_protection: list[str] = list_field(
        "What each critical path must have, e.g. 'payments: breaker, retry, queue'."
    )


class RiskReport(Strict):
    """The integration risk analysis of one project."""

    model_config = ConfigDict(title="Integration risk report (INTEGRATION_RISK_ANALYSIS.json)")

    metadata: ReportMetadata = default_field(ReportMetadata, "Author, scope and time.")
    executive_summary: ExecutiveSummary = default_field(
        ExecutiveSummary, "Headline numbers and key risks."
    )
    integrations: list[IntegrationRisk] = Field(
        description="Every integration, most critical first. Include every one "
        "scan_integrations reports, or the writer warns."
    )
    architecture: list[ArchitectureLayer] = list_field(
        "Integration architecture, outermost layer first."
    )
    dependency_edges: list[DependencyEdge] = list_field(
        "Extra arrows for the dependency graph (used_by links are drawn anyway)."
    )
    dependency_graph: list[FailureCascade] = list_field("What breaks when each integration fails.")
    critical_paths: list[CriticalPath] = list_field("Critical user flows and their SPOFs.")
    pattern_assessment: list[PatternAssessment] = list_field(
        "Quality of each resilience pattern across the code."
    )
    mitigation_plan: list[PlanItem] = list_field(
        "Prioritised plan; omitted = built from the integrations' mitigations."
    )
    for_ai_agents: AgentGuidance = default_field(
        AgentGuidance, "Dos, don'ts and code references for agents."
    )
    needs_judgement: list[str] = list_field(
        "Report-wide parts still to be judged, e.g. 'critical_paths'."
    )
