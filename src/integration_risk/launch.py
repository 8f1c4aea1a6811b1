"""Console-script entry: `integration-risk serve` goes straight to the MCP server.

The plugin starts the server on every Claude Code session, and the first turn of a
subagent waits for it; typer, rich and the command modules are not needed to serve
stdio, so the bare `serve` invocation skips them. Everything else is the typer CLI.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["serve"]:
        from mcp_server.server import main as serve

        serve()
        return
    from integration_risk.cli import main as cli_main

    cli_main()
