"""What the report writers, the validator and the draft return."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, field_serializer

from integration_risk.models.fields import list_field
from integration_risk.models.report import RiskReport

WarningKind = Literal[
    "missing-location", "unrelated-location", "missing-integration", "contradiction", "score"
]
DocumentKind = Literal["risk-report", "failure-analysis", "glossary"]


class SelfCheckItem(BaseModel):
    """One item of the quality self-check."""

    item: str = Field(description="The check.")
    passed: bool = Field(description="True when the document satisfies it.")
    why: str = Field(description="What was counted or what is missing.")


class CrossCheckWarning(BaseModel):
    """A claim of the document that the code does not back."""

    kind: WarningKind = Field(
        description="missing-location (cited path:line does not exist), unrelated-location "
        "(the line does not mention the integration), missing-integration (found by the "
        "scanner, absent from the report), contradiction (call-site analysis disagrees), "
        "score (out of line with the listed gaps)."
    )
    at: str = Field(description="JSON path of the claim, e.g. 'integrations[0].evidence[1]'.")
    message: str = Field(description="What is wrong and how to fix it.")


class GlossaryRecord(BaseModel):
    """What recording the integrations in the shared glossary did."""

    created: list[str] = list_field("New glossary keys.")
    updated: list[str] = list_field("Changed glossary keys.")
    conflicts: int = Field(default=0, description="Values kept because another agent owns them.")
    error: str | None = Field(
        default=None, description="Why the glossary could not be updated (the report was written)."
    )


class WriteResult(BaseModel):
    """What `write_risk_report` and `write_failure_analysis` return."""

    path: str = Field(description="Markdown report path (relative to the project root).")
    json_path: str = Field(description="JSON sidecar path.")
    bytes: int = Field(description="Size of the Markdown file.")
    replaced: bool = Field(description="True when an earlier file of the same name was replaced.")
    self_check: list[SelfCheckItem] = Field(description="The quality self-check, item by item.")
    self_check_score: str = Field(description="Items passed / items, e.g. '9/11'.")
    warnings: list[CrossCheckWarning] = list_field(
        "Claims the code does not back; fix and write again."
    )
    glossary: GlossaryRecord = Field(description="Glossary keys recorded.")

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class ValidationProblem(BaseModel):
    """One invalid field."""

    path: str = Field(description="JSON path, e.g. 'integrations[0].criticality.score'.")
    problem: str = Field(description="What is wrong.")
    allowed: str | None = Field(default=None, description="Allowed values or shape.")

    def line(self) -> str:
        tail = f" (allowed: {self.allowed})" if self.allowed else ""
        return f"{self.path}: {self.problem}{tail}"


class ValidationReport(BaseModel):
    """What `validate_document` returns."""

    kind: DocumentKind = Field(description="The document kind checked.")
    valid: bool = Field(description="True when the document matches the schema.")
    problems: list[ValidationProblem] = list_field("Every invalid field; empty when valid.")

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class DraftResult(BaseModel):
    """What `draft_risk_report` returns."""

    report: RiskReport = Field(
        description="Baseline report from static evidence: refine it, then pass it to "
        "write_risk_report."
    )
    omitted: list[str] = list_field(
        "Ids of scanned integrations left out to keep the draft small (add them)."
    )
    sources: list[str] = list_field("Evidence the draft is built from, e.g. 'scan', 'env'.")

    @field_serializer("report")
    def _compact_report(self, report: RiskReport) -> dict[str, Any]:
        # Defaults (unknown verdicts, empty lists) are implied by the schema: leaving them
        # out makes the draft ~40% smaller in the agent's context, and it validates the same.
        dumped: dict[str, Any] = report.model_dump(mode="json", exclude_defaults=True)
        return dumped
