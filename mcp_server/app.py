"""The MCP server object and what every tool module shares: annotations, the error
adapter and the progress bridge. Tool modules in `mcp_server/tools/` register on it."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

import anyio
import anyio.from_thread
import anyio.to_thread
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

from integration_risk.errors import IntegrationRiskError

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


def progress_bridge(ctx: Context[Any, Any]) -> Callable[[int, int], None]:
    """A sync progress callback for library code running in a worker thread."""

    def report(done: int, total: int) -> None:
        anyio.from_thread.run(ctx.report_progress, done, total, f"{done}/{total} files")

    return report


# Not read-only; idempotent (the same call twice changes nothing more); destructive because
# it may replace values this agent set earlier (never entries or other agents' values).
UPSERT = ToolAnnotations.model_validate(
    {"readOnlyHint": False, "destructiveHint": True, "idempotentHint": True, "openWorldHint": False}
)
