"""Human-readable rendering of an `EnvReport` (CLI `--format table`).

Works only from the report, which holds no values, so it cannot leak any.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from integration_risk.models.env import EnvDefinition, EnvReport


def describe(shape: EnvDefinition) -> str:
    """One-line summary of a definition's shape."""
    parts: list[str] = []
    if shape.scheme:
        parts.append(
            f"{shape.scheme}://{shape.host or '?'}" + (f":{shape.port}" if shape.port else "")
        )
        if shape.database:
            parts.append(f"db={shape.database}")
        if shape.credentials:
            parts.append("credentials")
    elif shape.host:
        parts.append(shape.host + (f":{shape.port}" if shape.port else ""))
    if shape.value is not None:
        parts.append(repr(shape.value))
    if shape.format:
        parts.append(shape.format)
    if shape.length:
        parts.append(f"{shape.length} chars")
    if shape.references:
        parts.append("refs " + ",".join(shape.references))
    if shape.placeholder:
        parts.append("placeholder")
    if shape.note:
        parts.append(shape.note)
    return " ".join(parts)


def print_report(report: EnvReport, console: Console | None = None) -> None:
    console = console or Console(soft_wrap=False)
    table = Table(title=f"env keys under {report.path}", show_lines=False)
    # Key names and locations are what the reader greps for: never cut them short.
    widest_key = max((len(k.name) for k in report.keys), default=3)
    widest_at = max((len(d.at) for k in report.keys for d in k.defined), default=10)
    table.add_column("key", no_wrap=True, min_width=widest_key)
    table.add_column("kind")
    table.add_column("shape", overflow="fold")
    table.add_column("defined at", no_wrap=True, min_width=widest_at)
    table.add_column("reads")
    table.add_column("provider")
    for key in report.keys:
        for index, definition in enumerate(key.defined):
            first = index == 0
            table.add_row(
                key.name if first else "",
                definition.kind,
                describe(definition),
                definition.at,
                (str(key.reads) if key.reads else "-") if first else "",
                (key.provider or "") if first else "",
            )
    console.print(table)
    s = report.summary
    console.print(
        f"{s.files} files, {s.keys} keys, {s.secrets} secret, {s.placeholders} placeholder, "
        f"{s.used_but_undefined} used-but-undefined, {s.defined_but_unused} defined-but-unused, "
        f"{s.drift} drift"
    )
    for read in report.used_but_undefined:
        console.print(f"used but undefined: {read.name} ({read.reads}x, first {read.first_read})")
    if report.defined_but_unused:
        console.print("defined but unused: " + ", ".join(report.defined_but_unused))
    for drift in report.drift:
        console.print(
            f"drift {drift.env_file} vs {drift.template}: "
            f"not in template {drift.missing_from_template or '-'}, "
            f"missing {drift.missing_from_env or '-'}"
        )
    for problem in report.problems:
        console.print(f"problem {problem.at}: {problem.message}")
    for skipped in report.skipped:
        console.print(f"skipped {skipped.path}: {skipped.reason}")
