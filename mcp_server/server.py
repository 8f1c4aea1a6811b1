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
from integration_risk.models.env import EnvReport
from integration_risk.models.glossary import GlossaryView
from mcp_server.root import project_root

INSTRUCTIONS = """\
integration-risk maps the external systems a codebase talks to (databases, caches,
queues, payment, email, SMS, auth, AI and other HTTP APIs, storage, webhooks,
telemetry) with file:line evidence, and records risk findings. Paths are relative
to the project root. Prefer these tools over raw grep: results are compact and
never contain secret values."""

READ_ONLY = ToolAnnotations(readOnlyHint=True, destructiveHint=False, openWorldHint=False)

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
async def read_glossary(ctx: Context[Any, Any]) -> GlossaryView:
    """Read the project's shared glossary (.claude/memory/glossary.json): integration
    entries recorded by this and other agents, keyed by name. Returns an empty glossary
    when the file does not exist yet. Read it before update_glossary so you reuse
    existing keys instead of creating duplicates."""
    return api.read_glossary(await project_root(ctx))


@server.tool(annotations=READ_ONLY)
@tool_errors
async def read_env_files(
    ctx: Context[Any, Any], path: str = ".", files: list[str] | None = None
) -> EnvReport:
    """Read the project's env configuration safely, INSTEAD of cat/grep on .env files
    (which would put live secrets in the transcript). Finds .env, .env.*, *.env,
    docker-compose environment/env_file, Kubernetes ConfigMap/Secret, Helm `env:`,
    Procfile and systemd Environment= under `path` (or only `files`, paths relative
    to the project root). For each key: where it is defined (path:line), the value's
    kind and safe shape (URLs keep scheme/host/port/database, never credentials;
    secrets show only a length class and format), placeholder flag, provider guess
    and how often code reads it. Also lists used_but_undefined, defined_but_unused
    and drift between env files and their .env.example. No secret value is ever
    returned; do not try to read the files another way."""
    return api.read_env_files(await project_root(ctx), path, files)


def main() -> None:
    server.run("stdio")
