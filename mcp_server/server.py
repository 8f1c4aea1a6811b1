"""The MCP server: prompts register on `server` here; tool modules register on it when
first called (the module the reviewed snapshot names for it); `main` serves stdio."""

from __future__ import annotations

from mcp_server import prompts  # noqa: F401  (register prompts)
from mcp_server.app import server

__all__ = ["main", "server"]


def main() -> None:
    server.run("stdio")
