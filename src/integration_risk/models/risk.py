"""One integration inside a risk report: criticality, failure impact, resilience,
security, recovery, single point of failure, downtime cost and mitigations."""

from __future__ import annotations

from functools import partial
from typing import Literal, get_args

from pydantic import Field, model_validator

from integration_risk.models.fields import default_field, list_field
from integration_risk.models.report_common import (
    CodeExample,
    Effort,
    Finding,
    Location,
    PriorityValue,
    RiskFrom,
    RiskTo,
    Score,
    ScoreValue,
    Status,
    Strict,
    Text,
)

PatternName = Literal[
    "circuit_breaker", "retry", "timeout", "fallback", "health_check", "logging", "idempotency"
]
PATTERNS: tuple[PatternName, ...] = get_args(PatternName)
Verdict = Literal["yes", "partial", "no", "unknown", "n/a"]


class CodeExcerpt(CodeExample):
    """An excerpt of this codebase: its location is required."""

    location: Location


class FailureImpact(Strict):
    """What happens when the integration is down."""

    immediate: Text = Field(description="What stops working at once, e.g. 'no payments'.")
    user: Text = Field(description="What users see, e.g. 'checkout fails with an error'.")
    revenue: str | None = Field(
        default=None,
        description="Revenue effect in words or numbers; state the basis of any number.",
    )
    data_loss: str | None = Field(
        default=None, description="What data can be lost or left inconsistent, or 'none'."
    )
    cascading: str | None = Field(
        default=None,
        description="What else fails or piles up as a consequence, e.g. 'orders stuck pending'.",
    )


class IntegrationPatternVerdict(Strict):
    """Whether one resilience pattern protects the calls to this integration."""

    verdict: Verdict = Field(
        default="unknown",
        description="yes (present and adequate), partial (present but weak, e.g. a 30 s "
        "default timeout), no (absent), unknown (not checked), n/a (does not apply).",
    )
    detail: str = Field(default="", description="Short justification, e.g. 'timeout=5s'.")
    evidence: list[Location] = list_field(
        "Where it is (or is missing), from inspect_call_sites or grep evidence."
    )


# One pattern's field: an 'unknown' verdict until the report fills it in (the type said once).
_verdict = partial(default_field, IntegrationPatternVerdict)


class ResiliencePatterns(Strict):
    """One verdict per resilience pattern; unchecked patterns stay 'unknown'."""

    circuit_breaker: IntegrationPatternVerdict = _verdict("Stops calling a failing dependency.")
    retry: IntegrationPatternVerdict = _verdict(
        "Retries transient failures with exponential backoff (and a limit)."
    )
    timeout: IntegrationPatternVerdict = _verdict(
        "Explicit, short connect/read timeouts (library defaults are 'partial')."
    )
    fallback: IntegrationPatternVerdict = _verdict(
        "Graceful degradation: cached value, queue, alternative provider."
    )
    health_check: IntegrationPatternVerdict = _verdict("The app probes the dependency's health.")
    logging: IntegrationPatternVerdict = _verdict("Failures are logged and alerted on.")
    idempotency: IntegrationPatternVerdict = _verdict(
        "Retried writes cannot duplicate effects (idempotency keys, upserts)."
    )


class ResilienceAssessment(Strict):
    """How well the code survives this integration failing."""

    score: ScoreValue | None = Field(
        default=None,
        description="Resilience quality 1-10 (10 = fully protected). Null only when not "
        "assessed yet (then list 'resilience' in needs_judgement).",
    )
    reason: str = Field(default="", description="Why this score, citing the patterns below.")
    patterns: ResiliencePatterns = default_field(
        ResiliencePatterns, "Verdict per resilience pattern."
    )
    notes: list[Finding] = list_field(
        "Other strengths and weaknesses, e.g. 'webhook confirmation' (good)."
    )


class SecurityCheck(Strict):
    """One security aspect of the integration."""

    status: Status = Field(default="unknown", description="good, warning, bad, unknown or n/a.")
    detail: str = Field(default="", description="What was seen, e.g. 'key from env var'.")


# One security aspect's field: an 'unknown' check until the report fills it in.
_check = partial(default_field, SecurityCheck)


class SecurityAssessment(Strict):
    """Security posture of the integration."""

    auth_method: SecurityCheck = _check("How the app authenticates (API key, IAM...).")
    secret_storage: SecurityCheck = _check(
        "Where credentials live (env vars, secret manager, hard-coded)."
    )
    tls: SecurityCheck = _check("Encryption in transit (https, sslmode).")
    webhook_signature: SecurityCheck = _check(
        "Incoming webhooks verified by signature ('n/a' when there are none)."
    )
    api_version_pinning: SecurityCheck = _check("API/SDK version pinned against changes.")
    data_exposure: SecurityCheck = _check(
        "Personal or payment data sent to the provider, logged or exposed."
    )
    other: list[Finding] = list_field("Anything else, e.g. 'no password rotation'.")


class RecoveryObjective(Strict):
    """Recovery time objective. Targets are business decisions: never invent one."""

    target: str | None = Field(
        default=None, description="Target recovery time, e.g. '< 5 minutes'; null if unknown."
    )
    actual: str | None = Field(
        default=None, description="Realistic recovery today, e.g. 'depends on Stripe'."
    )
    workaround: str | None = Field(
        default=None, description="What operators can do meanwhile, e.g. 'manual emails'."
    )
    assumption: str | None = Field(
        default=None,
        description="Basis of the target (who set it, what it assumes); required with a target.",
    )

    @model_validator(mode="after")
    def _target_needs_assumption(self) -> RecoveryObjective:
        if self.target and not self.assumption:
            raise ValueError(
                "a target needs an assumption saying where it comes from "
                "(or set target to null and list 'rto' in needs_judgement)"
            )
        return self


class SinglePointOfFailure(Strict):
    """Whether the whole service depends on this one integration."""

    is_spof: bool | None = Field(
        default=None, description="true, false, or null when not assessed yet."
    )
    reasons: list[str] = list_field("Why, e.g. 'only payment processor', 'no read replica'.")


class DowntimeCost(Strict):
    """Cost of one hour of outage. A number only with its assumption; never invented."""

    per_hour: float | None = Field(
        default=None, ge=0, description="Cost per hour of downtime; null when nobody knows."
    )
    currency: str = Field(default="USD", description="ISO currency code.")
    assumption: str | None = Field(
        default=None,
        description="Basis of the number, e.g. '$50K daily revenue / 24 h'; required with "
        "per_hour.",
    )
    note: str | None = Field(
        default=None, description="Qualitative cost when there is no number, e.g. 'support load'."
    )

    @model_validator(mode="after")
    def _number_needs_assumption(self) -> DowntimeCost:
        if self.per_hour is not None and not self.assumption:
            raise ValueError(
                "per_hour needs an assumption saying how it was derived "
                "(or set per_hour to null and list 'downtime_cost' in needs_judgement)"
            )
        return self


class Mitigation(Strict):
    """One recommended fix for this integration."""

    priority: PriorityValue
    action: Text = Field(description="What to do, e.g. 'Add a circuit breaker'.")
    why: str | None = Field(default=None, description="Effect, e.g. 'stops retry storms'.")
    effort: Effort = None
    risk_from: RiskFrom = None
    risk_to: RiskTo = None
    code: CodeExample | None = Field(default=None, description="Suggested code for the fix.")


class IntegrationRisk(Strict):
    """Everything the report says about one integration."""

    id: str | None = Field(
        default=None,
        description="Integration id from scan_integrations (e.g. 'stripe', 'postgresql'); "
        "null for systems the scanner does not report (e.g. the hosting platform).",
    )
    name: Text = Field(description="Display name, e.g. 'Stripe Payment Gateway'.")
    type: Text = Field(description="Kind, e.g. 'External API (payment processing)', 'Database'.")
    category: str | None = Field(
        default=None, description="Scanner category, e.g. payment, database, cache, email."
    )
    criticality: Score = Field(
        description="Business criticality 1-10 (10 = the business stops without it) and why."
    )
    used_by: list[str] = list_field("Features or modules that use it, e.g. 'checkout'.")
    integration_pattern: str | None = Field(
        default=None,
        description="How it is called, e.g. 'direct SDK calls with webhook confirmation'.",
    )
    failure_impact: FailureImpact = Field(description="What happens if it fails.")
    current_handling: list[CodeExcerpt] = list_field(
        "Excerpts of how the code handles its failure today, with path:line."
    )
    resilience: ResilienceAssessment = default_field(
        ResilienceAssessment, "Resilience quality and verdicts."
    )
    security: SecurityAssessment = default_field(SecurityAssessment, "Security posture.")
    rto: RecoveryObjective = default_field(
        RecoveryObjective, "Recovery time objective and reality."
    )
    single_point_of_failure: SinglePointOfFailure = default_field(
        SinglePointOfFailure, "Whether it is a SPOF and why."
    )
    downtime_cost: DowntimeCost = default_field(
        DowntimeCost, "Cost per hour of outage, with its assumption."
    )
    mitigations: list[Mitigation] = list_field("Prioritised fixes for this integration.")
    evidence: list[Location] = list_field("Where it shows in the code (from scan evidence).")
    env_keys: list[str] = list_field("Environment variables it needs (names only).")
    needs_judgement: list[str] = list_field(
        "Fields still to be judged by you or a human, e.g. 'rto', "
        "'downtime_cost', 'resilience', 'single_point_of_failure'. Remove what you fill in."
    )
