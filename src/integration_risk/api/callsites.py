"""Call-site resilience operations: one integration's call sites, and the per-integration
resilience facts the scan adds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from integration_risk.paths import confine, require_dir, resolve_root

if TYPE_CHECKING:
    from integration_risk.models.callsites import CallSiteReport

Progress = Callable[[int, int], None]
DEFAULT_MAX_SITES = 10


def inspect_call_sites(
    root: str | Path,
    integration_id: str,
    path: str = ".",
    *,
    max_sites: int = DEFAULT_MAX_SITES,
    cursor: str | None = None,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> CallSiteReport:
    """Call sites of one integration under `path` (least protected first, paged) with the
    integration's verdicts for timeout, retry, circuit breaker, fallback, health check,
    logging and idempotency, a 1-10 score and the worst site."""
    from integration_risk.errors import InvalidInput
    from integration_risk.models.callsites import CallSiteReport
    from integration_risk.paging import decode_cursor, encode_cursor
    from integration_risk.resilience import analyze_sites
    from integration_risk.scan.report import full_scan

    if max_sites < 1:
        raise InvalidInput("max_sites must be at least 1", "for example 10")
    offset = decode_cursor(cursor)
    base = resolve_root(root)
    start = require_dir(confine(base, path), path)
    scan = full_scan(base, start, use_cache=use_cache)
    wanted = integration_id.strip().lower()
    match = next(
        (
            i
            for i in scan.integrations
            if i.id == wanted or wanted in (a.lower() for a in i.aliases)
        ),
        None,
    )
    if match is None:
        known = ", ".join(i.id for i in scan.integrations[:15])
        raise InvalidInput(
            f"no integration {integration_id!r} under {path!r}",
            f"call scan_integrations first and pass one of its ids (e.g. {known})",
        )
    analysis = analyze_sites(base, [match], use_cache=use_cache, progress=progress)[match.id]
    page = analysis.sites[offset : offset + max_sites]
    end = offset + len(page)
    return CallSiteReport(
        integration_id=match.id,
        resilience=analysis.resilience,
        sites=page,
        next_cursor=encode_cursor(end) if end < len(analysis.sites) else None,
    )
