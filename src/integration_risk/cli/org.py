"""`scan-org`: one inventory of the integrations of many repositories."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from integration_risk.cli.app import app
from integration_risk.cli.common import run_with_progress


@app.command("scan-org")
def scan_org(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Checkouts, folders of checkouts, or files listing paths or git URLs "
            "(one per line; URLs are cloned shallowly into a cache)."
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Where inventory.json, ORG_INTEGRATIONS.md go.")
    ] = Path("org-inventory"),
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Worker processes of the local cluster (default: CPUs)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Address of a running Dask scheduler, e.g. tcp://h:8786."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip repositories already scanned into --out.")
    ] = False,
    sequential: Annotated[
        bool, typer.Option("--sequential", help="Scan in this process, without a cluster.")
    ] = False,
    clone_cache: Annotated[
        Path | None, typer.Option("--clone-cache", help="Where git URLs are cloned.")
    ] = None,
) -> None:
    """Scan many repositories on Dask and merge one organisation inventory and glossary."""
    from integration_risk.org import scan_org as run_scan_org

    run = run_with_progress(
        "repositories",
        lambda report: run_scan_org(
            sources,
            out,
            workers=workers,
            scheduler=scheduler,
            sequential=sequential,
            resume=resume,
            clone_dir=clone_cache,
            progress=report,
        ),
    )
    integrations = len(run.inventory.integrations())
    typer.echo(
        f"{len(run.scanned)} scanned, {len(run.resumed)} resumed, {len(run.failed)} failed; "
        f"{integrations} integrations"
    )
    for source in run.failed:
        reason = next(r.error for r in run.inventory.repos.values() if r.source == source)
        typer.echo(f"failed: {source}: {reason}", err=True)
    typer.echo(f"inventory: {run.out / 'inventory.json'}")
    typer.echo(f"report: {run.out / 'ORG_INTEGRATIONS.md'}")
