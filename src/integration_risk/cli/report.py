"""`report`: write the baseline risk report; `validate`: check a report, failure analysis or
glossary JSON file against its schema."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from integration_risk.cli.app import app
from integration_risk.cli.common import (
    JsonFlag,
    ProjectDir,
    emit_json,
    run_or_exit,
    run_with_progress,
)


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
    as_json: JsonFlag = False,
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


@app.command()
def report(
    path: ProjectDir = Path("."),
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Directory for the report (default: PATH/.claude/memory/integrations)."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Write the baseline integration risk report of PATH (scan + env evidence, rules, no
    model): INTEGRATION_RISK_ANALYSIS.md and .json, and the glossary entries. Prints where
    the report is. An agent refines it with the MCP tools draft_risk_report and
    write_risk_report."""
    from integration_risk import api

    draft = run_with_progress(
        "drafting", lambda progress: api.draft_risk_report(path, progress=progress)
    )
    result = run_with_progress(
        "cross-checking",
        lambda progress: api.write_risk_report(path, draft.report, out_dir=out, progress=progress),
    )
    if as_json:
        emit_json(result.as_json())
        return
    where = Path(result.path)
    shown = where if where.is_absolute() else (path / where)
    typer.echo(
        f"Wrote {shown} ({result.bytes / 1024:.1f} KB, {len(draft.report.integrations)} "
        f"integrations, self-check {result.self_check_score}, {len(result.warnings)} warnings)"
    )
    for check in result.self_check:
        if not check.passed:
            typer.echo(f"  to do: {check.item}: {check.why}")
