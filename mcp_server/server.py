"""The MCP server: each tool a few lines that call `integration_risk.api`."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

from integration_risk import api
from integration_risk.errors import IntegrationRiskError
from integration_risk.models.glossary import GlossaryEntryInput, GlossaryUpdate, GlossaryView
from mcp_server.root import project_root

INSTRUCTIONS = """\
integration-risk maps the external systems a codebase talks to (databases, caches,
queues, payment, email, SMS, auth, AI and other HTTP APIs, storage, webhooks,
telemetry) with file:line evidence, and records risk findings. Paths are relative
to the project root. Prefer these tools over raw grep: results are compact and
never contain secret values."""

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, open_world_hint=False)

server: MCPServer[Any] = MCPServer("integration-risk", instructions=INSTRUCTIONS)

P = ParamSpec("P")
R = TypeVar("R")


def tool_errors(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Turn expected library errors into `isError` results that say what to do."""

    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await fn(*args, **kwargs)
        except IntegrationRiskError as exc:
            raise ToolError(str(exc)) from None

    return wrapper


@server.tool(annotations=READ_ONLY)
@tool_errors
async def read_glossary(
    ctx: Context[Any, Any], section: str | None = None, key: str | None = None
) -> GlossaryView:
    """Read the project's shared glossary (.claude/memory/glossary.json): integration
    entries recorded by this and other agents, keyed by name. Returns an empty glossary
    when the file does not exist yet. `key` returns only the entry it matches by key,
    alias or canonical name (case and punctuation ignored; `matched` says which);
    `section` returns another top-level section instead. Read it before update_glossary
    so you reuse existing keys instead of creating duplicates."""
    return api.read_glossary(await project_root(ctx), section, key)


# Not read-only; idempotent (the same call twice changes nothing more); destructive because
# it may replace values this agent set earlier (never entries or other agents' values).
UPSERT = ToolAnnotations(
    read_only_hint=False, destructive_hint=True, idempotent_hint=True, open_world_hint=False
)


@server.tool(annotations=UPSERT)
@tool_errors
async def update_glossary(
    ctx: Context[Any, Any], entries: dict[str, GlossaryEntryInput], discovered_by: str
) -> GlossaryUpdate:
    """Add or update integrations in the shared glossary, safely alongside other agents.
    `entries` maps a key (e.g. "StripePayment") to fields: canonical_name, type,
    risk_level (critical|high|medium|low), failure_impact, aliases, category, evidence
    ("path:line"). `discovered_by` is your agent name. An entry whose key, alias or
    canonical name already exists is merged into it (see `matched`); you may change only
    fields you set; values owned by other agents are kept and listed in `conflicts`;
    aliases and evidence are added to, never removed; risk_level changes are kept in
    risk_history. Returns the created, updated and unchanged keys."""
    return api.update_glossary(await project_root(ctx), entries, discovered_by)


def main() -> None:
    server.run("stdio")
