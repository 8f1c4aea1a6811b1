"""`scan`, `grep`, `env` and `serve`: the evidence commands and the MCP server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from integration_risk.catalog.constants import DEFAULT_MIN_CONFIDENCE
from integration_risk.cli.app import app
from integration_risk.cli.common import (
    FormatOption,
    NoCacheOption,
    OutputFormat,
    ProjectDir,
    emit_json,
    print_result,
    run_or_exit,
)
from integration_risk.scan_command import DEFAULT_EVIDENCE, ScanArgs, run_scan


@app.command()
def scan(
    path: ProjectDir = Path("."),
    output: FormatOption = OutputFormat.table,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", "-c", help="Only these categories (repeatable)."),
    ] = None,
    min_confidence: Annotated[
        float, typer.Option(help="Drop integrations below this confidence (0-1).")
    ] = DEFAULT_MIN_CONFIDENCE,
    evidence: Annotated[
        int, typer.Option(help="Evidence items per integration (-1: all).")
    ] = DEFAULT_EVIDENCE,
    no_cache: NoCacheOption = False,
    resilience: Annotated[
        bool | None,
        typer.Option(
            "--resilience/--no-resilience",
            help="Add timeout/retry/circuit_breaker facts per integration (default: on for json).",
        ),
    ] = None,
) -> None:
    """Find every external system the code talks to, with file:line evidence."""
    # The launcher runs the same `run_scan` without typer for the usual arguments.
    code = run_scan(
        ScanArgs(
            path=path,
            output=output.value,
            categories=tuple(category or ()),
            min_confidence=min_confidence,
            evidence=evidence,
            use_cache=not no_cache,
            resilience=resilience,
        )
    )
    if code:
        raise typer.Exit(code)


@app.command()
def grep(
    query: Annotated[str, typer.Argument(help="A provider id (stripe, redis, a host) or a regex.")],
    path: ProjectDir = Path("."),
    output: FormatOption = OutputFormat.table,
    glob: Annotated[
        str | None,
        typer.Option(
            help="Only files matching this gitignore-style glob (`src/**/*.ts`: anywhere "
            "below src/, `src/*.ts`: directly in src/, `*.ts`: any depth)."
        ),
    ] = None,
    context: Annotated[int, typer.Option("--context", "-C", help="Lines of context (0-10).")] = 0,
    limit: Annotated[int, typer.Option(help="Maximum matches to print.")] = 200,
) -> None:
    """Every place one integration (or a regex) appears, as file:line."""
    from integration_risk import api
    from integration_risk.render_table import print_matches

    result = run_or_exit(
        lambda: api.grep(path, query, ".", glob=glob, context_lines=context, limit=limit)
    )
    print_result(result, output, print_matches)


@app.command()
def serve() -> None:
    """Run the MCP server on stdio (what the Claude Code plugin launches)."""
    from mcp_server.server import main as serve_main

    serve_main()


@app.command("env")
def env_command(
    path: Annotated[Path, typer.Argument(help="Directory to search (default: the root).")] = Path(
        "."
    ),
    root: Annotated[
        Path | None,
        typer.Option("--root", help="Project root (default: PATH itself)."),
    ] = None,
    files: Annotated[
        list[str] | None,
        typer.Option("--file", help="Read only this env file (repeatable), relative to the root."),
    ] = None,
    output: Annotated[
        str, typer.Option("--format", help="json (machine-readable) or table.")
    ] = "table",
) -> None:
    """Env keys, redacted value shapes, code reads and gaps. Never prints a secret value."""
    from integration_risk import api
    from integration_risk.errors import InvalidInput
    from integration_risk.models.env import EnvReport

    def run() -> EnvReport:
        if output not in ("json", "table"):
            raise InvalidInput(f"unknown format {output!r}", "use --format json or --format table")
        base, start = (root, str(path)) if root is not None else (path, ".")
        return api.read_env_files(base, start, files)

    report = run_or_exit(run)
    if output == "json":
        emit_json(report.as_json())
    else:
        from integration_risk.envfiles.table import print_report

        print_report(report)
