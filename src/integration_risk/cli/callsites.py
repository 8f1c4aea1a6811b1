"""`call-sites`: one integration's call sites and how well each is protected."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from integration_risk.cli.app import app
from integration_risk.cli.common import OutputFormat, emit_json, run_or_exit


@app.command("call-sites")
def call_sites(
    integration_id: Annotated[
        str, typer.Argument(help="Integration id from `scan` (stripe, redis, ...).")
    ],
    path: Annotated[Path, typer.Argument(help="Project root to analyse.")] = Path("."),
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="json or table.")
    ] = OutputFormat.table,
    max_sites: Annotated[int, typer.Option(help="Call sites to show, least protected first.")] = 20,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ignore and do not update the caches.")
    ] = False,
) -> None:
    """Timeout, retry, circuit breaker, fallback, health check, logging and idempotency
    verdicts for one integration, with a 1-10 score and path:line reasons."""
    from integration_risk import api
    from integration_risk.progress import progress_reporter

    with progress_reporter("analysing call sites") as report:
        result = run_or_exit(
            lambda: api.inspect_call_sites(
                path,
                integration_id,
                ".",
                max_sites=max_sites,
                use_cache=not no_cache,
                progress=report,
            )
        )
    if output is OutputFormat.json:
        emit_json(result.model_dump(mode="json"))
        return
    from integration_risk.resilience.table import print_call_sites

    print_call_sites(result)
