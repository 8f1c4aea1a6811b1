"""Rich tables for the CLI's `--format table` output."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from integration_risk.models.scan import ScanResult


def print_scan_table(result: ScanResult) -> None:
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
