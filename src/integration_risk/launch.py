"""Console-script entry: two hot paths skip typer, everything else is the typer CLI.

- `integration-risk serve`: the plugin starts the server on every Claude Code session,
  and the first turn of a subagent waits for it; typer, rich and the command modules
  are not needed to serve stdio.
- `integration-risk scan ...` with the usual arguments: importing typer would be a fifth
  of a warm re-scan (`scan_command` parses them as typer would, or defers to typer).
"""

from __future__ import annotations

import gc
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
            code = run_scan(args)
            # The answer is printed: the interpreter's last collection would walk every
            # object of the catalog index and the scan only to free them at exit (40 ms of
            # a 1.2 s cold scan). Frozen, they are left to the exit; refcounted objects are
            # still freed and atexit hooks still run.
            gc.freeze()
            sys.exit(code)
    from integration_risk.cli import main as cli_main

    cli_main()
