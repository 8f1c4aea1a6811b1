"""`graph` and `changed`: blast radius per integration, and what a change touches."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from integration_risk.cli.app import app
from integration_risk.cli.common import (
    FormatOption,
    GraphFormat,
    NoCacheOption,
    OutputFormat,
    ProjectDir,
    print_result,
    run_with_progress,
    show,
)


@app.command()
def graph(
    path: ProjectDir = Path("."),
    output: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="json, mermaid or table.")
    ] = GraphFormat.table,
    integration: Annotated[
        str | None, typer.Option("--integration", "-i", help="Only this integration id.")
    ] = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Which entry points and modules reach each integration: what breaks when it fails."""
    from integration_risk import api
    from integration_risk.render_table import print_graph_table

    result = run_with_progress(
        "building the import graph",
        lambda report: api.integration_graph(
            path, ".", integration, use_cache=not no_cache, progress=report
        ),
    )
    if output is GraphFormat.mermaid:
        typer.echo(api.integration_graph_mermaid(path, graph=result), nl=False)
    else:
        print_result(result, output, print_graph_table)


@app.command()
def changed(
    path: ProjectDir = Path("."),
    base: Annotated[
        str, typer.Option("--base", "-b", help="Branch, tag or commit to compare against.")
    ] = "main",
    output: FormatOption = OutputFormat.table,
    committed_only: Annotated[
        bool,
        typer.Option("--committed-only", help="Ignore staged, unstaged and untracked changes."),
    ] = False,
) -> None:
    """Integrations a change since --base adds, removes or touches, and where to look first."""
    from integration_risk import api
    from integration_risk.render_table import print_changes

    show(
        "scanning",
        lambda report: api.changed_integrations(
            path, base, ".", include_uncommitted=not committed_only, progress=report
        ),
        output,
        print_changes,
    )
