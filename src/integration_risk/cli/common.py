"""Helpers every command module shares: errors to exit codes, progress, JSON or table
output, the root, and the arguments and options several commands take."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from integration_risk.console import R, report_error
from integration_risk.console import emit_json as emit_json  # re-exported for the commands
from integration_risk.console import print_result as print_result
from integration_risk.errors import IntegrationRiskError

T = TypeVar("T")
Progress = Callable[[int, int], None]


def run_or_exit(operation: Callable[[], T]) -> T:
    """Run a library call; turn an expected failure into a one-line error and exit 2."""
    try:
        return operation()
    except IntegrationRiskError as exc:
        raise typer.Exit(report_error(exc)) from None


def run_with_progress(label: str, operation: Callable[[Progress | None], T]) -> T:
    """`run_or_exit` with a progress bar on a terminal; `operation` gets the reporter."""
    from integration_risk.progress import progress_reporter

    with progress_reporter(label) as report:
        return run_or_exit(lambda: operation(report))


def show(
    label: str, operation: Callable[[Progress | None], R], output: str, table: Callable[[R], None]
) -> None:
    """Run `operation` with a progress bar, then print its result as `--format` says."""
    print_result(run_with_progress(label, operation), output, table)


RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Project root (default: the nearest directory up from $CLAUDE_PROJECT_DIR or here "
        "with .claude/ or .git).",
    ),
]


def project_root_or_here(root: Path | None) -> Path:
    """`--root` when given, else the resolver the MCP server uses (CLAUDE_PROJECT_DIR or
    the working directory, widened to the nearest folder up with .claude/ or .git)."""
    from integration_risk.paths import project_root

    return root if root is not None else project_root()


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


class GraphFormat(StrEnum):
    json = "json"
    mermaid = "mermaid"
    table = "table"


ProjectDir = Annotated[
    Path, typer.Argument(help="Project directory to analyse (it becomes the project root).")
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="json or table.")]
JsonFlag = Annotated[
    bool, typer.Option("--json", help="Print the result as JSON instead of lines.")
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Ignore and do not update the per-file caches.")
]
