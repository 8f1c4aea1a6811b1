"""Blast radius and change scope: what breaks when X fails, what this change touches."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from pydantic import Field

from integration_risk import api
from integration_risk.models.change import ChangeScope
from integration_risk.models.graph import IntegrationGraph
from mcp_server.app import READ_ONLY, tool
from mcp_server.params import AnalysedPathParam, CursorParam, OneIntegrationParam, PathParam
from mcp_server.root import in_project


@tool(READ_ONLY)
async def integration_graph(
    ctx: Context[Any, Any],
    path: AnalysedPathParam = ".",
    integration_id: OneIntegrationParam = None,
    cursor: CursorParam = None,
    limit: Annotated[int, Field(description="Integrations per page.", ge=1, le=100)] = 6,
) -> IntegrationGraph:
    """What breaks when an integration fails: for each integration, how many entry points
    (HTTP routes, CLI mains, queue consumers, scheduled jobs) and modules reach it through
    imports, the share of entry points affected, one example import path from an entry
    point to the code that calls it, and cascade candidates (integrations on the same call
    paths). Also the layers (edge, application, data, external) and imports the graph could
    not follow (dynamic imports, cycles). Widest blast radius first, paged. Next:
    inspect_call_sites for the integrations with the widest reach."""
    return await in_project(
        ctx,
        lambda root, report: api.integration_graph(
            root, path, integration_id, cursor=cursor, limit=limit, progress=report
        ),
        unit="%",
    )


@tool(READ_ONLY)
async def changed_integrations(
    ctx: Context[Any, Any],
    base: Annotated[
        str,
        Field(description="Git ref to compare against: a branch, tag or commit (e.g. 'main')."),
    ],
    path: PathParam = ".",
    include_uncommitted: Annotated[
        bool,
        Field(description="Count staged, unstaged and untracked changes too (default true)."),
    ] = True,
) -> ChangeScope:
    """The pre-mortem scope: integrations a change since `base` (from its merge base with
    HEAD) adds (a new dependency, env var, host or client), removes, or changes (evidence on
    changed lines, or a changed module that reaches them), with the evidence that moved and
    `inspect_first`, the call sites to read first. Call this FIRST in a pre-mortem and stay
    inside its answer; then inspect_call_sites / grep_integrations for those ids."""
    return await in_project(
        ctx,
        lambda root, report: api.changed_integrations(
            root, base, path, include_uncommitted=include_uncommitted, progress=report
        ),
    )
