"""`glossary show|upsert|validate|repair`: the shared glossary from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from integration_risk.cli.app import app
from integration_risk.cli.common import RootOption, emit_json, project_root_or_here, run_or_exit

glossary_app = typer.Typer(
    help="Read and update .claude/memory/glossary.json.", no_args_is_help=True
)
app.add_typer(glossary_app, name="glossary")

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


def _read_entries(source: Path) -> dict[str, Any]:
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

    entries = run_or_exit(lambda: _read_entries(file))
    result = run_or_exit(
        lambda: api.update_glossary(
            project_root_or_here(root),
            entries,
            agent,
            glossary_file=glossary_file,
            per_entry=per_entry,
        )
    )
    emit_json(result.as_json())


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
