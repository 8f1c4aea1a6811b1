"""Glossary tools: read and update the shared .claude/memory/glossary.json."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from pydantic import Field

from integration_risk import api
from integration_risk.models.glossary import GlossaryEntryInput, GlossaryUpdate, GlossaryView
from mcp_server.app import READ_ONLY, UPSERT, tool
from mcp_server.root import in_project


@tool(READ_ONLY)
async def read_glossary(
    ctx: Context[Any, Any],
    section: Annotated[
        str | None,
        Field(description="Another top-level section to return instead of 'integrations'."),
    ] = None,
    key: Annotated[
        str | None,
        Field(description="Only the entry matching this key, alias or canonical name."),
    ] = None,
) -> GlossaryView:
    """Read the project's shared glossary (.claude/memory/glossary.json): integration
    entries recorded by this and other agents, keyed by name. Returns an empty glossary
    when the file does not exist yet. `key` returns only the entry it matches by key,
    alias or canonical name (case and punctuation ignored; `matched` says which);
    `section` returns another top-level section instead. Read it before update_glossary
    so you reuse existing keys instead of creating duplicates."""
    return await in_project(ctx, lambda root, _: api.read_glossary(root, section, key))


@tool(UPSERT)
async def update_glossary(
    ctx: Context[Any, Any],
    entries: Annotated[
        dict[str, GlossaryEntryInput],
        Field(
            description="Entries by key, e.g. {'StripePayment': {'canonical_name': 'Stripe Payment "
            "Gateway', 'type': 'external-api', 'risk_level': 'critical', 'failure_impact': '...'}}."
        ),
    ],
    discovered_by: Annotated[
        str,
        Field(description="Your agent name, e.g. 'integration-mapper'; recorded as the author."),
    ],
) -> GlossaryUpdate:
    """Add or update integrations in the shared glossary, safely alongside other agents.
    `entries` maps a key (e.g. "StripePayment") to fields: canonical_name, type,
    risk_level (critical|high|medium|low), failure_impact, aliases, category, evidence
    ("path:line"). `discovered_by` is your agent name. An entry whose key, alias or
    canonical name already exists is merged into it (see `matched`); you may change only
    fields you set; values owned by other agents are kept and listed in `conflicts`;
    aliases and evidence are added to, never removed; risk_level changes are kept in
    risk_history. Returns the created, updated and unchanged keys."""
    # The upsert may wait for another agent's lock: in_project keeps it off the event loop.
    return await in_project(ctx, lambda root, _: api.update_glossary(root, entries, discovered_by))
