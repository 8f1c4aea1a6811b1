"""Report tools: draft the baseline risk report, deliver the report and pre-mortems as
validated, typed documents."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp.types import ToolAnnotations
from pydantic import Field

from integration_risk import api
from integration_risk.models.delivery import DraftResult, WriteResult
from integration_risk.models.failure import FailureAnalysis
from integration_risk.models.report import RiskReport
from mcp_server.app import READ_ONLY, tool
from mcp_server.params import AnalysedPathParam, library_validated
from mcp_server.root import in_project

RiskReportInput = Annotated[
    dict[str, Any],
    *library_validated(
        RiskReport,
        "The whole integration risk report. Start from draft_risk_report's `report`, refine "
        "it, and pass it here.",
    ),
]
FailureAnalysisInput = Annotated[
    dict[str, Any],
    *library_validated(
        FailureAnalysis,
        "The pre-mortem: integration points, predicted failures, missing tests and "
        "recommendations.",
    ),
]

# Writes only under .claude/memory/. Destructive: the risk report replaces the previous
# INTEGRATION_RISK_ANALYSIS.md/.json, and both writers upsert the glossary, which may
# replace values recorded earlier under the same agent name (as update_glossary does).
# A pre-mortem never replaces a different analysis. Idempotent: the same call twice
# leaves the same files and glossary.
WRITE_REPORT = ToolAnnotations.model_validate(
    {"readOnlyHint": False, "destructiveHint": True, "idempotentHint": True, "openWorldHint": False}
)


@tool(WRITE_REPORT)
async def write_risk_report(
    ctx: Context[Any, Any],
    report: RiskReportInput,
) -> WriteResult:
    """Deliver the integration risk analysis: validates the report, renders
    .claude/memory/integrations/INTEGRATION_RISK_ANALYSIS.md (tables, resilience matrix,
    Mermaid dependency graph) plus the same data as INTEGRATION_RISK_ANALYSIS.json, and
    records every integration in the shared glossary under metadata.discovered_by.
    Returns the path and size, the quality self-check item by item, and warnings where the
    report disagrees with the code (a cited path:line that does not exist or does not
    mention the integration, a scanned integration left out, scores that contradict the
    verdicts). An invalid report is not written: the error lists each bad field by JSON
    path with the allowed values; fix those fields and call again. Fix warnings and call
    again too: the new report replaces the old one."""
    return await in_project(
        ctx, lambda root, progress: api.write_risk_report(root, report, progress=progress)
    )


@tool(WRITE_REPORT)
async def write_failure_analysis(
    ctx: Context[Any, Any],
    analysis: FailureAnalysisInput,
    name: Annotated[
        str | None,
        Field(
            description="Short name for the file, e.g. 'checkout-v2'; default: the "
            "analysis name, else the base ref or the targets."
        ),
    ] = None,
) -> WriteResult:
    """Deliver a pre-mortem failure analysis: validates it, renders
    .claude/memory/integrations/PRE_MORTEM_<name>.md plus a .json sidecar, and records
    each integration point's target in the shared glossary. Never overwrites a different
    analysis: when the name is taken, the file gets a -2, -3... suffix (see `path`).
    Returns the path and size, a completeness self-check, and warnings for cited
    path:line evidence that does not exist or does not mention the integration. An
    invalid analysis comes back as an error listing each bad field by JSON path."""
    return await in_project(
        ctx,
        lambda root, progress: api.write_failure_analysis(root, analysis, name, progress=progress),
    )


@tool(READ_ONLY)
async def draft_risk_report(
    ctx: Context[Any, Any],
    path: AnalysedPathParam = ".",
    max_integrations: Annotated[
        int,
        Field(
            description="Keep the most critical integrations; the rest are listed in "
            "`omitted` (add them yourself if they matter).",
            ge=1,
            le=200,
        ),
    ] = 20,
) -> DraftResult:
    """Start the risk analysis here: a baseline integration risk report built from the
    scan, env and call-site evidence by rules, without judgement. Each integration comes
    with file:line evidence, the env keys it needs, a rule-based criticality with its
    reason, the usual failure impact, resilience verdicts and score from its call sites
    (with the least protected call), security findings from env values and prioritised
    mitigations. What needs judgement (RTO targets, single points of failure, downtime
    cost, critical paths, pattern assessment, resilience where no call site was found)
    is empty and listed in `needs_judgement`: fill what the evidence supports, never
    invent numbers (a cost or RTO needs its `assumption`), set metadata.discovered_by to
    your agent name, then pass the whole `report` to write_risk_report."""
    return await in_project(
        ctx,
        lambda root, progress: api.draft_risk_report(
            root, path, max_integrations=max_integrations, progress=progress
        ),
    )
