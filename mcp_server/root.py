"""Which directory the tools work on: `integration_risk.paths.project_root`, the one
resolver the CLI and the headless agent also use, fed with the client's root.

The starting point is the first root the client advertises through `roots/list`
(when it declares the roots capability), else `CLAUDE_PROJECT_DIR`, else the
server's working directory; the nearest folder up holding `.claude/` or `.git`
wins. Claude Code 2.1.x declares roots but negotiates protocol 2026-07-28, where
the server cannot send roots/list, so there the start is `CLAUDE_PROJECT_DIR`
(the directory Claude Code was started in); see README "Project root".
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlparse

from mcp.server.mcpserver import Context

from integration_risk.paths import project_root as resolve_project_root
from mcp_server.app import run_with_progress

R = TypeVar("R")


def _path_of_file_uri(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


async def client_root(ctx: Context[Any, Any]) -> Path | None:
    """First `file://` root the client advertises, or None."""
    capabilities = ctx.client_capabilities
    if capabilities is None or capabilities.roots is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # roots are deprecated in 2026-07-28, still sent
            result = await ctx.session.list_roots()
    except Exception:  # a client that declares roots but fails the call: fall back
        return None
    for root in result.roots:
        path = _path_of_file_uri(str(root.uri))
        if path is not None:
            return path
    return None


async def project_root(ctx: Context[Any, Any]) -> Path:
    return resolve_project_root(await client_root(ctx))


async def in_project(
    ctx: Context[Any, Any],
    work: Callable[[Path, Callable[[int, int], None]], R],
    unit: str = "files",
) -> R:
    """Every tool's body: `work(root, report)` on this call's project root, in a worker
    thread (file reads, parsing and lock waits never block the event loop), its progress
    sent to the client in order and never after the result (`run_with_progress`)."""
    root = await project_root(ctx)
    return await run_with_progress(ctx, lambda report: work(root, report), unit)
