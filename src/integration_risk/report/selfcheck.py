"""The quality self-check, item by item, with what was counted.

The risk report's items follow the mapper's own checklist (scores, failure
modes, resilience with justification, quantified business impact, RTOs, SPOFs,
a prioritised plan, a cascade diagram, the pattern matrix, the agents' section,
size). The failure analysis has no checklist of its own, so its items restate
the output the failure expert must produce and the boundaries it must cover.
"""

from __future__ import annotations

from integration_risk.models.delivery import SelfCheckItem
from integration_risk.models.failure import FAILURE_CATEGORIES, FailureAnalysis
from integration_risk.models.report import RiskReport
from integration_risk.report import view

MIN_INTEGRATIONS = 4
MIN_BYTES = 30 * 1024
MATRIX_CORE = ("circuit_breaker", "retry", "timeout", "fallback", "health_check")


def _names(items: list[str], limit: int = 4) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _missing(what: str, names: list[str]) -> str:
    return f"missing {what} for {_names(names)}"


class _Checklist:
    """The self-check items in order."""

    def __init__(self) -> None:
        self.items: list[SelfCheckItem] = []

    def add(self, item: str, passed: bool, why: str) -> None:
        self.items.append(SelfCheckItem(item=item, passed=passed, why=why))

    def every(self, item: str, checked: bool, lacking: list[str], what: str, done: str) -> None:
        """An item that holds when there is something to check and none of it lacks `what`."""
        self.add(item, checked and not lacking, _missing(what, lacking) if lacking else done)


def risk_report_checks(
    report: RiskReport, markdown_bytes: int, scanned: int | None = None
) -> list[SelfCheckItem]:
    """Each item of the mapper's checklist; `scanned` = integrations the scanner found."""
    items = report.integrations
    checks = _Checklist()

    count = len(items)
    critical = sum(1 for i in items if i.criticality.score >= 7)
    enough = count >= MIN_INTEGRATIONS or (scanned is not None and 0 < scanned <= count)
    basis = f"; the scanner found {scanned}" if scanned is not None else ""
    checks.add(
        "4+ integrations documented with risk scores",
        enough,
        f"{count} integrations scored, {critical} of them critical or high{basis}",
    )

    no_mode = [i.name for i in items if not i.failure_impact.immediate]
    checks.every(
        "Failure mode analysis for each integration",
        bool(items),
        no_mode,
        "failure impact",
        "every integration says what breaks" if items else "no integrations",
    )

    unjustified = [
        i.name
        for i in items
        if i.resilience.score is None
        or not i.resilience.reason
        or all(getattr(i.resilience.patterns, p).verdict == "unknown" for p in view.MATRIX_PATTERNS)
    ]
    checks.every(
        "Resilience quality scores (1-10) with justification",
        bool(items),
        unjustified,
        "a justified resilience score",
        f"{count} scores with reasons and pattern verdicts",
    )

    unquantified = [
        i.name
        for i in items
        if i.criticality.score >= 7
        and i.downtime_cost.per_hour is None
        and not i.failure_impact.revenue
    ]
    summary_cost = report.executive_summary.downtime_cost
    has_cost = summary_cost is not None and summary_cost.per_hour is not None
    checks.add(
        "Business impact quantified (revenue loss, user impact)",
        bool(items) and not unquantified and (has_cost or critical == 0),
        _missing("revenue impact or downtime cost", unquantified)
        if unquantified
        else (
            "no downtime cost in the executive summary"
            if not has_cost and critical
            else "user and revenue impact stated for every critical or high integration"
        ),
    )

    no_rto = [i.name for i in items if not i.rto.target]
    checks.every(
        "Recovery time objectives documented",
        bool(items),
        no_rto,
        "an RTO target",
        f"{count} RTO targets",
    )

    unassessed = [i.name for i in items if i.single_point_of_failure.is_spof is None]
    spofs = view.spofs(report)
    checks.every(
        "Single points of failure identified",
        bool(items),
        unassessed,
        "a SPOF verdict",
        f"{len(spofs)} SPOF(s): {_names([i.name for i in spofs])}"
        if spofs
        else "every integration assessed; none is a SPOF",
    )

    tiers = view.plan_tiers(report)
    checks.add(
        "Prioritised mitigation plan (CRITICAL/HIGH/MEDIUM)",
        bool(tiers),
        f"{sum(len(t.items) for t in tiers)} items in "
        f"{', '.join(t.priority.upper() for t in tiers)}"
        if tiers
        else "no mitigation listed",
    )

    cascades = [c for c in report.dependency_graph if c.breaks or c.cascades or c.degrades]
    checks.add(
        "Architecture diagram showing failure cascades",
        bool(cascades)
        and bool(report.architecture or report.dependency_edges or any(i.used_by for i in items)),
        f"{len(cascades)} failure cascades, {len(report.architecture)} architecture layers"
        if cascades
        else "no 'what breaks when X fails' entries in dependency_graph",
    )

    blank = [
        i.name
        for i in items
        if all(getattr(i.resilience.patterns, p).verdict == "unknown" for p in MATRIX_CORE)
    ]
    checks.add(
        "Resilience pattern quality matrix",
        bool(items) and not blank and bool(report.pattern_assessment),
        _missing("pattern verdicts", blank)
        if blank
        else f"matrix of {count} integrations, {len(report.pattern_assessment)} patterns assessed"
        if report.pattern_assessment
        else "no pattern_assessment entries",
    )

    guide = report.for_ai_agents
    checks.add(
        '"For AI Agents" section with dos/don\'ts',
        bool(guide.dos and guide.donts),
        f"{len(guide.dos)} dos, {len(guide.donts)} don'ts, "
        f"{len(guide.best_practices) + len(guide.anti_patterns)} code references",
    )

    checks.add(
        "Output is 30+ KB",
        markdown_bytes >= MIN_BYTES,
        f"{markdown_bytes / 1024:.1f} KB of Markdown",
    )
    return checks.items


def failure_analysis_checks(analysis: FailureAnalysis) -> list[SelfCheckItem]:
    """Checks that the failure expert's output format is complete."""
    points = analysis.integration_points
    failures = analysis.predicted_failures
    checks = _Checklist()

    checks.add(
        "Integration points identified (source, target, protocol, risk)",
        bool(points),
        f"{len(points)} integration points",
    )
    covered = {
        p.target.casefold()
        for p in points
        if any(p.target.casefold() in f.integration.casefold() for f in failures)
    }
    uncovered = [p.target for p in points if p.target.casefold() not in covered]
    checks.every(
        "Every integration point has at least one predicted failure",
        bool(points),
        uncovered,
        "a predicted failure",
        f"{len(failures)} failures over {len(points)} points",
    )
    categories = sorted({f.category for f in failures})
    checks.add(
        "Failures considered across categories (API contract, protocol, data format, "
        "system boundary)",
        len(categories) >= 2,
        f"{len(categories)} of {len(FAILURE_CATEGORIES)} categories: {', '.join(categories) or '-'}",
    )
    checks.add(
        "Severity and likelihood rated for each failure",
        bool(failures),
        f"{sum(1 for f in failures if f.severity in ('critical', 'high'))} critical or high "
        f"of {len(failures)}",
    )
    checks.add(
        "Missing integration tests listed",
        bool(analysis.missing_tests),
        f"{len(analysis.missing_tests)} missing tests",
    )
    checks.add(
        "Specific recommendations",
        bool(analysis.recommendations),
        f"{len(analysis.recommendations)} recommendations",
    )
    return checks.items


def score(checks: list[SelfCheckItem]) -> str:
    return f"{sum(c.passed for c in checks)}/{len(checks)}"
