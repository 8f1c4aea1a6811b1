"""The typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="integration-risk",
    help="Find every external integration of a codebase and how each will fail.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
