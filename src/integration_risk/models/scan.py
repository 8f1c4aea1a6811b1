"""What the scanner reports: integrations with file:line evidence, and a summary."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

from integration_risk.models.fields import LineNumber, NextCursor, RepoFile, list_field


class Evidence(BaseModel):
    """One place in the tree that shows the integration."""

    path: RepoFile
    line: LineNumber
    kind: str = Field(
        description=(
            "What was found: dependency, import, client, env, url, scheme, image, terraform, "
            "sdk-service, config, keyword."
        )
    )
    snippet: str = Field(
        description="The line, trimmed; credentials and secret-like values masked."
    )


class Integration(BaseModel):
    """One external system, merged across all its evidence."""

    @model_serializer(mode="wrap")
    def _drop_empty(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Compact answers for the model's context: unset optional fields are left out.
        data: dict[str, Any] = handler(self)
        for key in ("aliases", "evidence", "where", "test_only", "resilience"):
            if key in data and not data[key]:
                del data[key]
        return data

    id: str = Field(
        description="Lowercase provider slug (catalog id), or the host for systems outside the catalog."
    )
    name: str = Field(description="Display name.")
    category: str = Field(
        description="database, cache, queue, storage, email, sms, payment, auth, search, observability, ai, http-api, webhook, cdn, analytics or other."
    )
    aliases: list[str] = list_field("Other names of the same system.")
    confidence: float = Field(
        description="0-1; grows with independent kinds of evidence, lower when only tests/examples show it."
    )
    in_catalog: bool = Field(
        description="False for systems found by heuristics (hosts, URL settings, client packages)."
    )
    evidence_kinds: list[str] = Field(description="Distinct kinds of evidence found.")
    files: int = Field(description="Number of files with evidence.")
    evidence_count: int = Field(
        description="Total evidence items found (the list below may be truncated)."
    )
    test_only: bool = Field(
        default=False, description="True when all evidence sits in tests, examples or docs."
    )
    evidence: list[Evidence] = list_field(
        "The strongest evidence items, most informative first (full form)."
    )
    where: list[str] = list_field(
        "Compact evidence, most informative first: 'path:line kind: snippet'."
    )
    resilience: dict[str, bool | None] | None = Field(
        default=None,
        description="Call-site resilience facts (timeout, retry, circuit_breaker): true, false, "
        "or null when unknown. Present only when asked for (`scan --format json`); "
        "inspect_call_sites gives the reasons.",
    )


class ScanSummary(BaseModel):
    files_scanned: int = Field(description="Files read and analysed.")
    files_ignored: int = Field(
        description="Files of kinds that cannot hold integration evidence (docs, assets)."
    )
    skipped: dict[str, int] = Field(
        default_factory=dict, description="Files or directories not read, by reason."
    )
    integrations: int = Field(description="Integrations found before filtering and paging.")
    by_category: dict[str, int] = Field(
        default_factory=dict, description="Integrations per category (after filtering)."
    )
    cache_hits: int = Field(
        default=0, description="Files whose results came from the per-file cache."
    )
    seconds: float = Field(description="Wall time of the scan.")
    catalog_version: str = Field(description="Catalog content hash used for caching.")


class ScanResult(BaseModel):
    integrations: list[Integration] = Field(
        description="Integrations on this page, most confident first."
    )
    summary: ScanSummary
    next_cursor: NextCursor = None
    more: list[str] = list_field(
        "Compact answers only: the integrations after this page, by id, in the same order "
        "(a system the scanner named itself as 'id path:line'); next_cursor gives their evidence."
    )

    @model_serializer(mode="wrap")
    def _drop_empty_more(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if not data.get("more"):
            data.pop("more", None)
        return data
