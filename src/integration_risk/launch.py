"""Console-script entry: two hot paths skip typer, everything else is the typer CLI.

- `integration-risk serve`: the plugin starts the server on every Claude Code session,
  and the first turn of a subagent waits for it; typer, rich and the command modules
  are not needed to serve stdio.
- `integration-risk scan ...` with the usual arguments: importing typer would be a fifth
  of a warm re-scan (`scan_command` parses them as typer would, or defers to typer).
"""

from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if argv == ["serve"]:
        from mcp_server.server import main as serve

        serve()
        return
    if argv[:1] == ["scan"]:
        from integration_risk.scan_command import parse_scan_args, run_scan

        args = parse_scan_args(argv[1:])
        if args is not None:
            sys.exit(run_scan(args))
    from integration_risk.cli import main as cli_main

    cli_main()
