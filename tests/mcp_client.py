"""Shared by the in-memory MCP tool tests: write a fixture tree, call one tool."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mcp

from mcp_server.server import server


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


async def call(
    tool: str, args: dict[str, Any], progress: list[tuple[float, float | None]] | None = None
) -> Any:
    """One tool call on a fresh in-memory client; progress notifications go to `progress`."""

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        if progress is not None:
            progress.append((done, total))

    async with mcp.Client(server) as client:
        return await client.call_tool(tool, args, progress_callback=on_progress)
