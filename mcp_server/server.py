"""The MCP server: tool modules register on `server`; `main` serves stdio."""

from __future__ import annotations

from mcp_server import prompts  # noqa: F401  (register prompts)
from mcp_server.app import server
from mcp_server.tools import (  # noqa: F401  (register tools)
    callsites,
    evidence,
    glossary,
    graph,
    report,
)

__all__ = ["main", "server"]


def main() -> None:
    server.run("stdio")
