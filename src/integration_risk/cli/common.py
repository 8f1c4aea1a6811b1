"""Helpers every command module shares: errors to exit codes, JSON output, the root."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from integration_risk.errors import IntegrationRiskError

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
