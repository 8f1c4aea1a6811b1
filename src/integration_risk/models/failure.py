"""The pre-mortem failure analysis (`PRE_MORTEM_<slug>.md` + `.json`).

What the integration-failure expert predicts for the system boundaries a change
touches: the integration points, the failures by category, the tests that are
missing and the recommendations. The JSON Schema is checked in as
`schemas/failure-analysis.schema.json`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from integration_risk.models.fields import default_field, list_field
from integration_risk.models.report_common import (
    DiscoveredBy,
    GeneratedAt,
    LevelValue,
    Location,
    Priority,
    PriorityValue,
    Strict,
    Text,
)

# Where two systems meet, as the failures and missing tests name it.
Boundary = Annotated[Text, Field(description="The boundary as 'source -> target'.")]
FailureCategory = Literal["api-contract", "protocol", "data-format", "system-boundary"]
FAILURE_CATEGORIES: tuple[FailureCategory, ...] = (
    "api-contract",
    "protocol",
    "data-format",
    "system-boundary",
)


class AnalysisMetadata(Strict):
    """Who wrote the analysis, when, and what change it examines."""

    discovered_by: DiscoveredBy = "integration-failure-expert"
    scope: str | None = Field(
        default=None, description="What was examined, e.g. 'changes since main' or a PR title."
    )
    base_ref: str | None = Field(default=None, description="Git ref compared against, if any.")
    generated_at: GeneratedAt = None


class IntegrationPoint(Strict):
    """A boundary where two systems meet."""

    source: Text = Field(description="Calling component, e.g. 'checkout service'.")
    target: Text = Field(description="Called system, e.g. 'Stripe API'.")
    protocol: Text = Field(description="e.g. HTTP, gRPC, SQL, AMQP, SMTP, webhook.")
    risk: LevelValue
    integration_id: str | None = Field(
        default=None, description="Target's id from scan_integrations, e.g. 'stripe'."
    )
    evidence: list[Location] = list_field("Where the boundary is crossed (path:line).")


class PredictedFailure(Strict):
    """One way the change will fail at a boundary."""

    title: Text = Field(description="Short name, e.g. 'Webhook retries double-charge'.")
    severity: PriorityValue
    category: FailureCategory = Field(
        description="api-contract (formats, fields, versions, auth, rate limits), protocol "
        "(timeouts, retries, breakers, pools, TLS), data-format (serialisation, encoding, "
        "schema evolution, nulls) or system-boundary (partitions, discovery, DNS, firewalls)."
    )
    integration: Boundary
    failure_mode: Text = Field(description="What will break.")
    trigger: Text = Field(description="What causes it.")
    likelihood: LevelValue
    impact: Text = Field(description="What happens when it does.")
    mitigation: Text = Field(description="How to prevent or handle it.")
    evidence: list[Location] = list_field("Code that shows the weakness (path:line).")


class MissingTest(Strict):
    """An integration point without test coverage."""

    integration: Boundary
    scenario: str | None = Field(
        default=None, description="What the test should simulate, e.g. 'Stripe 5xx then OK'."
    )


class Recommendation(Strict):
    """One concrete hardening step."""

    action: Text = Field(description="Specific step, e.g. 'set a 5 s timeout on the SMTP call'.")
    integration: str | None = Field(default=None, description="Boundary or integration it hardens.")
    priority: Priority | None = Field(default=None, description="critical, high, medium or low.")


class FailureAnalysis(Strict):
    """A pre-mortem of the integration boundaries a change touches."""

    model_config = ConfigDict(title="Integration failure analysis (PRE_MORTEM_<name>.json)")

    name: str | None = Field(
        default=None,
        description="Short name for the file, e.g. 'checkout-v2' -> PRE_MORTEM_checkout-v2.md.",
    )
    metadata: AnalysisMetadata = default_field(AnalysisMetadata, "Author, scope and time.")
    summary: str = Field(default="", description="Two or three sentences: the verdict.")
    integration_points: list[IntegrationPoint] = Field(
        description="Every boundary the change touches."
    )
    predicted_failures: list[PredictedFailure] = list_field(
        "Predicted failures, most severe first."
    )
    missing_tests: list[MissingTest] = list_field("Integration points without tests.")
    recommendations: list[Recommendation] = list_field("Hardening steps, most important first.")
