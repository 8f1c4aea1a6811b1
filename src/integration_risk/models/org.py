"""The organisation-wide inventory that `scan-org` builds, one repository result at a time."""

from __future__ import annotations

from pydantic import BaseModel, Field

from integration_risk.models.fields import IntegrationRef, list_field


class RepoIntegration(IntegrationRef):
    """One integration as it shows in one repository."""

    confidence: float = Field(description="Scanner confidence 0-1 in this repository.")
    evidence: int = Field(description="Evidence items the scanner found in this repository.")
    in_catalog: bool = Field(description="False for systems the scanner named itself.")


class RepoResult(BaseModel):
    """What one task returns: the compact scan of one repository, or why it failed."""

    path: str = Field(description="Local path of the scanned checkout.")
    source: str = Field(description="What was given: the path itself, or the git URL cloned.")
    integrations: list[RepoIntegration] = list_field("Integrations found in this repository.")
    error: str | None = Field(default=None, description="Why the repository could not be scanned.")
    files: int = Field(default=0, description="Files scanned.")
    seconds: float = Field(default=0.0, description="Wall time of the task (clone + scan).")


class OrgIntegration(IntegrationRef):
    """One integration across the organisation."""

    criticality: int = Field(description="1-10 from the category (rule, not judgement).")
    repos: list[str] = Field(description="Repository paths that use it, sorted.")
    evidence: int = Field(description="Evidence items summed over those repositories.")
    max_confidence: float = Field(description="Highest confidence in any repository.")


class RepoSpof(BaseModel):
    """A repository and its single-point-of-failure candidates."""

    path: str
    spofs: list[str] = Field(
        description="Integrations that are the only one of a critical category in the repository."
    )
