"""`integration-risk` command line: a thin typer layer over `api`.

One module per command group registers on `app`; heavy imports (mcp, the scanner)
happen inside the commands so `--help` and `serve` start fast. Expected failures
print one line to stderr and exit 2.
"""

from __future__ import annotations

import sys

import typer

from integration_risk.cli import (  # noqa: F401  (register commands)
    agent,
    callsites,
    glossary,
    graph,
    org,
    report,
    scan,
    schemas,
)
from integration_risk.cli.app import app
from integration_risk.cli.common import run_or_exit

__all__ = ["app", "main", "run_or_exit", "typer"]


def main() -> None:
    """Entry point: usage errors become one line on stderr and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.TyperException as exc:  # usage errors: unknown command, bad option
        if "NoArgsIsHelp" in type(exc).__name__:
            sys.exit(0)
        message = " ".join(exc.format_message().split())  # click wraps choices over lines
        typer.echo(f"integration-risk: error: {message} (see --help)", err=True)
        code = 2
    except typer.Abort:
        code = 130
    sys.exit(code if isinstance(code, int) else 0)
