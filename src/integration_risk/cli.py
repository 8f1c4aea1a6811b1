"""`integration-risk` command line: a thin typer layer over `api`.

Heavy imports (mcp, the scanner) happen inside the commands so `--help` and
`serve` start fast. Expected failures print one line to stderr and exit 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from integration_risk.errors import IntegrationRiskError

app = typer.Typer(
    name="integration-risk",
    help="Find every external integration of a codebase and how each will fail.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
glossary_app = typer.Typer(
    help="Read and update .claude/memory/glossary.json.", no_args_is_help=True
)
app.add_typer(glossary_app, name="glossary")

T = TypeVar("T")


def run_or_exit(operation: Callable[[], T]) -> T:
    """Run a library call; turn an expected failure into a one-line error and exit 2."""
    try:
        return operation()
    except IntegrationRiskError as exc:
        typer.echo(f"integration-risk: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


def emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


RootOption = Annotated[
    Path,
    typer.Option("--root", help="Project root (default: the current directory)."),
]


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


@app.command()
def scan(
    path: Annotated[Path, typer.Argument(help="Directory to scan (it becomes the project root).")] = Path("."),
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="json or table.")] = OutputFormat.table,
    category: Annotated[list[str] | None, typer.Option("--category", "-c", help="Only these categories (repeatable).")] = None,
    min_confidence: Annotated[float, typer.Option(help="Drop integrations below this confidence (0-1).")] = 0.3,
    evidence: Annotated[int, typer.Option(help="Evidence items per integration (-1: all).")] = 5,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore and do not update the per-file cache.")] = False,
) -> None:
    """Find every external system the code talks to, with file:line evidence."""
    from integration_risk import api
    from integration_risk.progress import progress_reporter

    with progress_reporter("scanning") as report:
        result = run_or_exit(
            lambda: api.scan(
                path, ".", categories=category, min_confidence=min_confidence,
                evidence_per_integration=evidence, use_cache=not no_cache, progress=report,
            )
        )
    if output is OutputFormat.json:
        emit_json(result.model_dump(mode="json"))
    else:
        from integration_risk.render_table import print_scan_table

        print_scan_table(result)


@app.command()
def grep(
    query: Annotated[str, typer.Argument(help="A provider id (stripe, redis, a host) or a regex.")],
    path: Annotated[Path, typer.Argument(help="Directory to search (the project root).")] = Path("."),
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="json or table.")] = OutputFormat.table,
    glob: Annotated[str | None, typer.Option(help="Only files matching this glob, e.g. 'src/*.ts'.")] = None,
    context: Annotated[int, typer.Option("--context", "-C", help="Lines of context (0-10).")] = 0,
    limit: Annotated[int, typer.Option(help="Maximum matches to print.")] = 200,
) -> None:
    """Every place one integration (or a regex) appears, as file:line."""
    from integration_risk import api

    result = run_or_exit(
        lambda: api.grep(path, query, ".", glob=glob, context_lines=context, limit=limit)
    )
    if output is OutputFormat.json:
        emit_json(result.model_dump(mode="json"))
        return
    for match in result.matches:
        typer.echo(f"{match.path}:{match.line}: [{match.kind}] {match.snippet}")
        for line in match.context:
            typer.echo(f"    {line}")
    more = f" (showing {len(result.matches)})" if result.next_cursor else ""
    typer.echo(f"{result.total} matches in {result.files_searched} files{more}", err=True)


@app.command()
def serve() -> None:
    """Run the MCP server on stdio (what the Claude Code plugin launches)."""
    from mcp_server.server import main as serve_main

    serve_main()


@glossary_app.command("show")
def glossary_show(root: RootOption = Path(".")) -> None:
    """Print the glossary of the project root as JSON."""
    from integration_risk import api

    view = run_or_exit(lambda: api.read_glossary(root))
    emit_json(view.as_json())


def main() -> None:
    """Entry point: usage errors become one line on stderr and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.TyperException as exc:  # usage errors: unknown command, bad option
        if "NoArgsIsHelp" in type(exc).__name__:
            sys.exit(0)
        typer.echo(f"integration-risk: error: {exc.format_message()} (see --help)", err=True)
        code = 2
    except typer.Abort:
        code = 130
    sys.exit(code if isinstance(code, int) else 0)


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
