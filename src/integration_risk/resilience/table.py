"""The `call-sites` table: verdicts first, then the least protected sites."""

from __future__ import annotations

from integration_risk.models.callsites import CallSiteReport

_MARK = {"yes": "yes", "no": "NO", "unknown": "?"}


def print_call_sites(report: CallSiteReport) -> None:
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
