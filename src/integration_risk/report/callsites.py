"""Call-site resilience in reports: the draft's verdicts and the cross-check's contradictions.

`integration_risk.resilience` judges each pattern `yes`/`no`/`unknown` from the call
sites, with `path:line` reasons. The draft copies those verdicts and the score; the
cross-check warns when a report claims a pattern is absent ("no retry", "no
timeout") where the analysis found it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from integration_risk.lines import split_lines
from integration_risk.models.callsites import CallSite, IntegrationResilience
from integration_risk.models.delivery import CrossCheckWarning
from integration_risk.models.report import (
    PATTERNS,
    CodeExcerpt,
    IntegrationPatternVerdict,
    ResilienceAssessment,
    ResiliencePatterns,
    RiskReport,
)
from integration_risk.models.report_common import LOCATION_PATTERN
from integration_risk.models.scan import Integration
from integration_risk.report.crosscheck import match_scanned
from integration_risk.report.view import PATTERN_TITLES
from integration_risk.scan.masking import mask_line

Progress = Callable[[int, int], None]
_LOCATION = re.compile(r"[^\s:()'\"`,;]+:\d+")
_VALID = re.compile(LOCATION_PATTERN)
MAX_DETAIL = 160
MAX_LOCATIONS = 3


def analyse(
    root: Path,
    scanned: list[Integration],
    ids: set[str] | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, IntegrationResilience], dict[str, list[CallSite]]]:
    """Verdicts and call sites per integration id (only `ids` when given)."""
    from integration_risk.resilience import analyze_sites

    results = analyze_sites(root, scanned, ids=ids, progress=progress)
    return (
        {key: a.resilience for key, a in results.items()},
        {key: a.sites for key, a in results.items()},
    )


def locations(reasons: list[str]) -> list[str]:
    found = [m for reason in reasons for m in _LOCATION.findall(reason) if _VALID.match(m)]
    return list(dict.fromkeys(found))[:MAX_LOCATIONS]


def _detail(reasons: list[str]) -> str:
    text = "; ".join(reasons)
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1].rstrip() + "…"


def assessment(result: IntegrationResilience) -> ResilienceAssessment | None:
    """The report's resilience block from the analysis; None when no call site was found."""
    if result.sites_total == 0:
        return None
    verdicts = {
        pattern: IntegrationPatternVerdict(
            verdict=v.verdict, detail=_detail(v.reasons), evidence=locations(v.reasons)
        )
        for pattern, v in result.verdicts.items()
        if pattern in PATTERNS
    }
    reasons = "; ".join(result.score_reasons)
    return ResilienceAssessment(
        score=max(1, min(10, result.score)),
        reason=f"From {result.sites_total} call site(s): {reasons}"
        if reasons
        else f"From {result.sites_total} call site(s).",
        patterns=ResiliencePatterns(**verdicts),
    )


# An excerpt shows the whole call line, masked like every snippet (a URL with credentials,
# a key passed inline).
EXCERPT_LIMIT = 240


def worst_excerpt(root: Path, sites: list[CallSite]) -> CodeExcerpt | None:
    """The least protected call (or construction) as an excerpt of the code."""
    for site in sites:
        if site.kind not in ("call", "construction"):
            continue
        try:
            lines = split_lines((root / site.path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        if not 0 < site.line <= len(lines) or not lines[site.line - 1].strip():
            continue
        return CodeExcerpt(
            location=f"{site.path}:{site.line}",
            language=site.language,
            code=mask_line(site.path, lines[site.line - 1], EXCERPT_LIMIT),
            note=f"least protected call ({site.call} in {site.function}): error handling "
            f"{site.error_handling}, site score {site.score}/10",
        )
    return None


def covered_everywhere(sites: list[CallSite]) -> frozenset[str]:
    """Patterns present at every call and construction site (not only somewhere)."""
    calls = [s for s in sites if s.kind in ("call", "construction")]
    if not calls:
        return frozenset()
    sets = [{sig.pattern for sig in s.signals if sig.verdict == "yes"} for s in calls]
    return frozenset(set.intersection(*sets))


def claimed_absent(report: RiskReport, scanned: list[Integration]) -> set[str]:
    """Scanned ids of the integrations for which the report claims some pattern is 'no'."""
    ids = set()
    for integration in report.integrations:
        patterns = integration.resilience.patterns
        if any(getattr(patterns, p).verdict == "no" for p in PATTERNS):
            found = match_scanned(integration.name, integration.id, scanned)
            if found is not None:
                ids.add(found.id)
    return ids


def contradictions(
    report: RiskReport, scanned: list[Integration], results: dict[str, IntegrationResilience]
) -> list[CrossCheckWarning]:
    """A 'no' verdict in the report where call-site analysis found the pattern."""
    warnings = []
    for n, integration in enumerate(report.integrations):
        found = match_scanned(integration.name, integration.id, scanned)
        result = results.get(found.id) if found is not None else None
        if result is None:
            continue
        for pattern in PATTERNS:
            claimed = getattr(integration.resilience.patterns, pattern).verdict
            actual = result.verdicts.get(pattern)
            if claimed != "no" or actual is None or actual.verdict != "yes":
                continue
            where = "; ".join(actual.reasons[:2]) or "see inspect_call_sites"
            warnings.append(
                CrossCheckWarning(
                    kind="contradiction",
                    at=f"integrations[{n}].resilience.patterns.{pattern}.verdict",
                    message=f"{integration.name}: the report says no "
                    f"{PATTERN_TITLES[pattern].lower()}, but call-site analysis found one "
                    f"({where}); correct the verdict or explain in its detail why it does "
                    "not count",
                )
            )
    return warnings
