"""`schemas write|check`: the JSON Schemas generated from the models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from integration_risk.cli.app import app

schemas_app = typer.Typer(help="JSON Schemas generated from the models.", no_args_is_help=True)
app.add_typer(schemas_app, name="schemas")
SchemaDirOption = Annotated[
    Path, typer.Option("--dir", help="Directory of the checked-in schemas.")
]


@schemas_app.command("write")
def schemas_write(directory: SchemaDirOption = Path("schemas")) -> None:
    """Regenerate the schema files from the models."""
    from integration_risk.schemas import write_schemas

    for path in write_schemas(directory):
        typer.echo(str(path))


@schemas_app.command("check")
def schemas_check(directory: SchemaDirOption = Path("schemas")) -> None:
    """Exit 1 when a checked-in schema differs from the models."""
    from integration_risk.schemas import drifted_schemas

    drifted = drifted_schemas(directory)
    for name in drifted:
        typer.echo(
            f"{directory / name} differs from the models; run `integration-risk schemas write`"
        )
    if drifted:
        raise typer.Exit(1)
