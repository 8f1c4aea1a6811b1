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
    Path | None,
    typer.Option(
        "--root",
        help="Project root (default: the nearest directory up from here with .claude/ or .git).",
    ),
]


def project_root_or_here(root: Path | None) -> Path:
    from integration_risk.paths import find_project_root

    return root if root is not None else find_project_root(Path.cwd())


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


@app.command()
def scan(
    path: Annotated[
        Path, typer.Argument(help="Directory to scan (it becomes the project root).")
    ] = Path("."),
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json or table.")
    ] = OutputFormat.table,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", "-c", help="Only these categories (repeatable)."),
    ] = None,
    min_confidence: Annotated[
        float, typer.Option(help="Drop integrations below this confidence (0-1).")
    ] = 0.3,
    evidence: Annotated[int, typer.Option(help="Evidence items per integration (-1: all).")] = 5,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ignore and do not update the per-file cache.")
    ] = False,
) -> None:
    """Find every external system the code talks to, with file:line evidence."""
    from integration_risk import api
    from integration_risk.progress import progress_reporter

    with progress_reporter("scanning") as report:
        result = run_or_exit(
            lambda: api.scan(
                path,
                ".",
                categories=category,
                min_confidence=min_confidence,
                evidence_per_integration=evidence,
                use_cache=not no_cache,
                progress=report,
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
    path: Annotated[Path, typer.Argument(help="Directory to search (the project root).")] = Path(
        "."
    ),
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json or table.")
    ] = OutputFormat.table,
    glob: Annotated[
        str | None, typer.Option(help="Only files matching this glob, e.g. 'src/*.ts'.")
    ] = None,
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


GlossaryOption = Annotated[
    Path | None,
    typer.Option(
        "--glossary",
        help="Glossary file to use instead of .claude/memory/glossary.json under --root.",
    ),
]


@glossary_app.command("show")
def glossary_show(
    root: RootOption = None,
    glossary_file: GlossaryOption = None,
    section: Annotated[
        str | None, typer.Option("--section", help="Only this top-level section.")
    ] = None,
    key: Annotated[
        str | None,
        typer.Option("--key", help="Only the entry matching this key, alias or name."),
    ] = None,
) -> None:
    """Print the glossary of the project root as JSON."""
    from integration_risk import api

    view = run_or_exit(
        lambda: api.read_glossary(
            project_root_or_here(root), section, key, glossary_file=glossary_file
        )
    )
    emit_json(view.as_json())


def _read_entries(source: Path) -> dict[str, object]:
    from integration_risk.errors import InvalidInput

    try:
        text = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(
            f"cannot read {source}: {exc.strerror}", "pass an existing file"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{source} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            'it must be an object of entries: {"Key": {"canonical_name": ...}, ...}',
        ) from None
    if not isinstance(data, dict):
        raise InvalidInput(
            f"{source} must hold a JSON object of entries",
            '{"Key": {"canonical_name": ..., "risk_level": ...}, ...}',
        )
    return data


@glossary_app.command("upsert")
def glossary_upsert(
    agent: Annotated[str, typer.Option("--agent", help="Your agent name (provenance).")],
    file: Annotated[
        Path, typer.Option("--file", help='ENTRIES.json: {"Key": {...entry...}, ...}; - = stdin.')
    ],
    root: RootOption = None,
    glossary_file: GlossaryOption = None,
    per_entry: Annotated[
        bool,
        typer.Option(
            "--per-entry",
            help="Lock and write once per entry instead of once for the whole file.",
        ),
    ] = False,
) -> None:
    """Merge entries into the glossary (see docs/glossary.md for the merge rules)."""
    from integration_risk import api
    from integration_risk.models.glossary import GlossaryUpdate

    entries = run_or_exit(lambda: _read_entries(file))
    base = project_root_or_here(root)
    batches = [{k: v} for k, v in entries.items()] if per_entry else [entries]
    total = GlossaryUpdate(path="", total_entries=0)
    for batch in batches:
        result = run_or_exit(
            lambda batch=batch: api.update_glossary(  # type: ignore[misc]
                base, batch, agent, glossary_file=glossary_file
            )
        )
        total.path, total.total_entries = result.path, result.total_entries
        total.created += result.created
        total.updated += [k for k in result.updated if k not in total.updated]
        total.unchanged += [k for k in result.unchanged if k not in total.unchanged]
        total.matched.update(result.matched)
        total.conflicts += result.conflicts
    emit_json(total.as_json())


@glossary_app.command("validate")
def glossary_validate(root: RootOption = None, glossary_file: GlossaryOption = None) -> None:
    """Check the glossary against schemas/glossary.schema.json; exit 1 when invalid."""
    from integration_risk import api

    report = run_or_exit(
        lambda: api.validate_glossary(project_root_or_here(root), glossary_file=glossary_file)
    )
    emit_json(report.as_json())
    if not report.valid:
        raise typer.Exit(1)


@glossary_app.command("repair")
def glossary_repair(root: RootOption = None, glossary_file: GlossaryOption = None) -> None:
    """Move a damaged glossary to a timestamped backup and keep what can be recovered."""
    from integration_risk import api

    emit_json(
        run_or_exit(
            lambda: api.repair_glossary(project_root_or_here(root), glossary_file=glossary_file)
        ).as_json()
    )


schemas_app = typer.Typer(help="JSON Schemas generated from the models.", no_args_is_help=True)
app.add_typer(schemas_app, name="schemas")
SchemaDirOption = Annotated[
    Path, typer.Option("--dir", help="Directory of the checked-in schemas.")
]


@schemas_app.command("write")
def schemas_write(directory: SchemaDirOption = Path("schemas")) -> None:
    """Regenerate the schema files from the models."""
    from integration_risk.schemas import write_schemas

    for path in write_schemas(directory):
        typer.echo(str(path))


@schemas_app.command("check")
def schemas_check(directory: SchemaDirOption = Path("schemas")) -> None:
    """Exit 1 when a checked-in schema differs from the models."""
    from integration_risk.schemas import drifted_schemas

    drifted = drifted_schemas(directory)
    for name in drifted:
        typer.echo(
            f"{directory / name} differs from the models; run `integration-risk schemas write`"
        )
    if drifted:
        raise typer.Exit(1)


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
