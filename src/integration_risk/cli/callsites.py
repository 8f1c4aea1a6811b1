"""`call-sites`: one integration's call sites and how well each is protected."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from integration_risk.cli.app import app
from integration_risk.cli.common import (
    FormatOption,
    NoCacheOption,
    OutputFormat,
    ProjectDir,
    show,
)

if TYPE_CHECKING:  # the models load pydantic: not on every command's start-up path
    from integration_risk.models.callsites import CallSiteReport


@app.command("call-sites")
def call_sites(
    integration_id: Annotated[
        str, typer.Argument(help="Integration id from `scan` (stripe, redis, ...).")
    ],
    path: ProjectDir = Path("."),
    output: FormatOption = OutputFormat.table,
    max_sites: Annotated[int, typer.Option(help="Call sites to show, least protected first.")] = 20,
    no_cache: NoCacheOption = False,
) -> None:
    """Timeout, retry, circuit breaker, fallback, health check, logging and idempotency
    verdicts for one integration, with a 1-10 score and path:line reasons."""
    from integration_risk import api

    show(
        "analysing call sites",
        lambda report: api.inspect_call_sites(
            path, integration_id, ".", max_sites=max_sites, use_cache=not no_cache, progress=report
        ),
        output,
        print_call_sites,
    )


_MARK = {"yes": "yes", "no": "NO", "unknown": "?"}


def print_call_sites(report: CallSiteReport) -> None:
    """Verdicts first, then the least protected sites."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    res = report.resilience
    console.print(
        f"[bold]{report.integration_id}[/bold]: score {res.score}/10 "
        f"({', '.join(res.score_reasons)}); worst site {res.worst_site or '-'}"
    )
    verdicts = Table("pattern", "verdict", "why")
    for pattern, verdict in res.verdicts.items():
        verdicts.add_row(pattern, _MARK[verdict.verdict], "; ".join(verdict.reasons[:2]))
    console.print(verdicts)
    sites = Table("site", "function", "call", "score", "timeout", "retry", "breaker", "on error")
    for site in report.sites:
        by = {s.pattern: s.verdict for s in site.signals}
        sites.add_row(
            f"{site.path}:{site.line}",
            site.function,
            site.call,
            str(site.score),
            _MARK[by.get("timeout", "unknown")],
            _MARK[by.get("retry", "unknown")],
            _MARK[by.get("circuit_breaker", "unknown")],
            site.error_handling,
        )
    console.print(sites)
    if report.next_cursor:
        console.print(f"{res.sites_total} sites in all; showing {len(report.sites)}")
