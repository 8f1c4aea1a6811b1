"""The CLI's `--format table` output: rich tables and plain lines.

rich loads inside the functions that draw a table, so commands can hand these printers
to `cli.common.show` without `--format json` paying for rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from integration_risk.models.change import ChangeScope
    from integration_risk.models.graph import IntegrationGraph
    from integration_risk.models.grep import GrepResult
    from integration_risk.models.scan import ScanResult


def print_scan_table(result: ScanResult) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{len(result.integrations)} integrations", show_lines=False)
    table.add_column("id", style="bold")
    table.add_column("category")
    table.add_column("conf", justify="right")
    table.add_column("kinds")
    table.add_column("first evidence", overflow="fold")
    for item in result.integrations:
        first = item.evidence[0] if item.evidence else None
        where = f"{first.path}:{first.line}" if first else ""
        flag = " (tests only)" if item.test_only else ""
        table.add_row(
            item.id,
            item.category,
            f"{item.confidence:.2f}",
            ",".join(item.evidence_kinds),
            where + flag,
        )
    console.print(table)
    s = result.summary
    skipped = ", ".join(f"{n} {reason}" for reason, n in s.skipped.items()) or "none"
    console.print(
        f"{s.files_scanned} files scanned, {s.files_ignored} ignored, skipped: {skipped}; "
        f"{s.cache_hits} from cache; {s.seconds:.2f}s"
    )


def print_matches(result: GrepResult) -> None:
    for match in result.matches:
        typer.echo(f"{match.path}:{match.line}: [{match.kind}] {match.snippet}")
        for line in match.context:
            typer.echo(f"    {line}")
    more = f" (showing {len(result.matches)})" if result.next_cursor else ""
    typer.echo(f"{result.total} matches in {result.files_searched} files{more}", err=True)


def print_graph_table(result: IntegrationGraph) -> None:
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


def print_changes(result: ChangeScope) -> None:
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
