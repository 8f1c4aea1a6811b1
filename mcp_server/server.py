"""The MCP server: each tool a few lines that call `integration_risk.api`."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

from integration_risk import api
from integration_risk.errors import IntegrationRiskError
from integration_risk.models.glossary import GlossaryView
from mcp_server.root import project_root

INSTRUCTIONS = """\
integration-risk maps the external systems a codebase talks to (databases, caches,
queues, payment, email, SMS, auth, AI and other HTTP APIs, storage, webhooks,
telemetry) with file:line evidence, and records risk findings. Paths are relative
to the project root. Prefer these tools over raw grep: results are compact and
never contain secret values."""

# camelCase keys as they go on the wire (validated through the model's aliases).
READ_ONLY = ToolAnnotations.model_validate(
    {"readOnlyHint": True, "destructiveHint": False, "openWorldHint": False}
)

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

    # The docstring is the tool description the model reads: drop source indentation.
    wrapper.__doc__ = inspect.cleandoc(fn.__doc__ or "")
    return wrapper


@server.tool(annotations=READ_ONLY)
@tool_errors
async def read_glossary(ctx: Context[Any, Any]) -> GlossaryView:
    """Read the project's shared glossary (.claude/memory/glossary.json): integration
    entries recorded by this and other agents, keyed by name. Returns an empty glossary
    when the file does not exist yet. Read it before update_glossary so you reuse
    existing keys instead of creating duplicates."""
    return api.read_glossary(await project_root(ctx))


def main() -> None:
    server.run("stdio")
