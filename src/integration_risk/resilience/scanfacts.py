"""The scan's per-integration `resilience` block: {timeout, retry, circuit_breaker} as
true / false / null, judged over each integration's full evidence."""

from __future__ import annotations

from pathlib import Path

from integration_risk.models.callsites import IntegrationResilience
from integration_risk.models.scan import ScanResult


def add_resilience(root: Path, start: Path, result: ScanResult, *, use_cache: bool) -> ScanResult:
    from integration_risk.resilience import analyze
    from integration_risk.scan.report import full_scan

    ids = {i.id for i in result.integrations}
    if all(i.evidence_count == len(i.evidence) for i in result.integrations):
        verdicts = analyze(root, result.integrations, use_cache=use_cache)
        return _with(result, verdicts)
    # The page carries truncated evidence; judge every call site (the scan cache is warm).
    full = full_scan(root, start, use_cache=use_cache)
    verdicts = analyze(root, [i for i in full.integrations if i.id in ids], use_cache=use_cache)
    return _with(result, verdicts)


def _with(result: ScanResult, verdicts: dict[str, IntegrationResilience]) -> ScanResult:
    shown = [
        i.model_copy(update={"resilience": verdicts[i.id].scan_facts()}) if i.id in verdicts else i
        for i in result.integrations
    ]
    return result.model_copy(update={"integrations": shown})
