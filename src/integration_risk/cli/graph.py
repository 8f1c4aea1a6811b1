"""`graph` and `changed`: blast radius per integration, and what a change touches."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from integration_risk.cli.app import app
from integration_risk.cli.common import (
    FormatOption,
    NoCacheOption,
    OutputFormat,
    ProjectDir,
    print_result,
    run_with_progress,
)

if TYPE_CHECKING:
    from integration_risk.models.change import ChangeScope
    from integration_risk.models.graph import IntegrationGraph


class GraphFormat(StrEnum):
    json = "json"
    mermaid = "mermaid"
    table = "table"


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

    result = run_with_progress(
        "building the import graph",
        lambda report: api.integration_graph(
            path, ".", integration, use_cache=not no_cache, progress=report
        ),
    )
    if output is GraphFormat.mermaid:
        typer.echo(api.integration_graph_mermaid(path, graph=result), nl=False)
    else:
        print_result(result, output, _print_graph)


def _print_graph(result: IntegrationGraph) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Blast radius per integration", title_justify="left")
    for column in ("integration", "layer", "entry points", "share", "modules", "example path"):
        table.add_column(column)
    for row in result.integrations:
        table.add_row(
            row.id,
            row.layer,
            str(row.entry_points),
            f"{round(row.entry_share * 100)}%",
            str(row.modules_reaching),
            " -> ".join(row.example_path[-3:]) or ("(manifest only)" if row.manifest_only else ""),
        )
    console = Console()
    console.print(table)
    s = result.summary
    console.print(
        f"{s.modules} modules, {s.edges} imports, {s.entry_points} entry points in "
        f"{s.entry_files} files, {s.unknown_edges} unknown edges, {s.cycles} cycles, {s.seconds}s"
    )


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

    result = run_with_progress(
        "scanning",
        lambda report: api.changed_integrations(
            path, base, ".", include_uncommitted=not committed_only, progress=report
        ),
    )
    print_result(result, output, _print_changes)


def _print_changes(result: ChangeScope) -> None:
    echo = typer.echo
    echo(
        f"{result.head} ({result.head_commit[:10]}) vs {result.base} "
        f"(merge base {result.merge_base[:10]}): {result.files_changed} files changed"
    )
    for title, items in (
        ("added", result.added),
        ("removed", result.removed),
        ("changed", result.changed),
    ):
        echo(f"\n{title}: {len(items)}")
        for item in items:
            echo(f"  {item.id} ({item.category}): {item.reason}")
            for line in item.evidence[:4]:
                echo(f"      {line}")
            if item.via_modules:
                echo(f"      via {', '.join(item.via_modules)}")
    if result.inspect_first:
        echo("\ninspect first:")
        for line in result.inspect_first:
            echo(f"  {line}")
    for note in result.notes:
        echo(f"\nnote: {note}")
