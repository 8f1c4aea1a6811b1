"""`validate`: check a report, failure analysis or glossary JSON file against its schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from integration_risk.cli.app import app
from integration_risk.cli.common import emit_json, run_or_exit


class Kind(StrEnum):
    risk_report = "risk-report"
    failure_analysis = "failure-analysis"
    glossary = "glossary"


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="The JSON document to check.")],
    kind: Annotated[
        Kind, typer.Option("--kind", help="risk-report, failure-analysis or glossary.")
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result as JSON instead of lines.")
    ] = False,
) -> None:
    """Check FILE against its schema. Exit 0 when valid, 1 listing each bad field by
    JSON path (what is wrong, allowed values), 2 on bad usage."""
    from integration_risk import api

    result = run_or_exit(lambda: api.validate_file(file, kind.value))
    if as_json:
        emit_json(result.as_json())
    elif result.valid:
        typer.echo(f"{file}: valid {kind.value}")
    else:
        for problem in result.problems:
            typer.echo(f"{file}: {problem.line()}")
        typer.echo(f"{file}: {len(result.problems)} problem(s)", err=True)
    if not result.valid:
        raise typer.Exit(1)
