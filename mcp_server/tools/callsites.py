"""inspect_call_sites: one integration's call sites and how well each is protected."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from pydantic import Field

from integration_risk import api
from integration_risk.models.callsites import CallSiteReport
from mcp_server.app import READ_ONLY, tool
from mcp_server.params import AnalysedPathParam, CursorParam
from mcp_server.root import in_project


@tool(READ_ONLY)
async def inspect_call_sites(
    ctx: Context[Any, Any],
    integration_id: Annotated[
        str, Field(description="Integration id from scan_integrations, e.g. 'stripe' or 'redis'.")
    ],
    path: AnalysedPathParam = ".",
    max_sites: Annotated[
        int, Field(description="Call sites per page, least protected first.", ge=1, le=50)
    ] = 8,
    cursor: CursorParam = None,
) -> CallSiteReport:
    """How well one integration is protected, proven from the code: its call sites
    (file:line, enclosing function, the call) and per pattern (timeout, retry,
    circuit_breaker, fallback, health_check, logging, idempotency) a yes/no/unknown
    verdict with path:line reasons, following the project's own wrappers; 'library
    default' marks protection that comes only from the client library's defaults.
    Also a 1-10 score with what moved it and the worst site. Paged: pass next_cursor."""
    return await in_project(
        ctx,
        lambda root, report: api.inspect_call_sites(
            root, integration_id, path, max_sites=max_sites, cursor=cursor, progress=report
        ),
    )
