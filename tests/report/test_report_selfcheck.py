"""The quality self-check: item by item, pass or fail, and why."""

from __future__ import annotations

from typing import Any

from integration_risk.models.failure import FailureAnalysis
from integration_risk.models.report import RiskReport
from integration_risk.report.render import render_risk_report
from integration_risk.report.selfcheck import (
    failure_analysis_checks,
    risk_report_checks,
    score,
)


def checks_of(document: dict[str, Any], scanned: int | None = None) -> dict[str, tuple[bool, str]]:
    report = RiskReport.model_validate(document)
    size = len(render_risk_report(report).encode())
    return {c.item: (c.passed, c.why) for c in risk_report_checks(report, size, scanned)}


def test_a_complete_report_passes_every_item(shop_report: dict[str, Any]) -> None:
    checks = checks_of(shop_report, scanned=8)
    assert len(checks) == 11
    assert {item: passed for item, (passed, _) in checks.items() if not passed} == {}
    assert checks["Single points of failure identified"][1] == "2 SPOF(s): PostgreSQL, Stripe"


def test_a_thin_report_fails_with_reasons(small_report: dict[str, Any]) -> None:
    checks = checks_of(small_report, scanned=8)
    failed = {item: why for item, (passed, why) in checks.items() if not passed}
    assert failed == {
        "4+ integrations documented with risk scores": "2 integrations scored, 1 of them "
        "critical or high; the scanner found 8",
        "Recovery time objectives documented": "missing an RTO target for Redis",
        "Output is 30+ KB": "8.7 KB of Markdown",
    }


def test_fewer_than_four_is_fine_when_the_scan_found_no_more(small_report: dict[str, Any]) -> None:
    assert checks_of(small_report, scanned=2)["4+ integrations documented with risk scores"][0]


def test_judgement_left_open_fails_its_items(shop_report: dict[str, Any]) -> None:
    stripe = shop_report["integrations"][1]
    stripe["resilience"] = {}
    stripe["single_point_of_failure"] = {}
    stripe["downtime_cost"] = {}
    stripe["failure_impact"].pop("revenue")
    shop_report["for_ai_agents"]["donts"] = []
    shop_report["dependency_graph"] = []
    checks = checks_of(shop_report, scanned=8)
    failed = {item: why for item, (passed, why) in checks.items() if not passed}
    assert failed["Resilience quality scores (1-10) with justification"] == (
        "missing a justified resilience score for Stripe"
    )
    assert failed["Single points of failure identified"] == "missing a SPOF verdict for Stripe"
    assert failed["Business impact quantified (revenue loss, user impact)"] == (
        "missing revenue impact or downtime cost for Stripe"
    )
    assert "0 don'ts" in failed['"For AI Agents" section with dos/don\'ts']
    assert "Architecture diagram showing failure cascades" in failed
    assert "Resilience pattern quality matrix" in failed  # Stripe's row is all unknown


def test_failure_analysis_checks(analysis: dict[str, Any]) -> None:
    full = failure_analysis_checks(FailureAnalysis.model_validate(analysis))
    assert score(full) == "6/6"
    analysis["predicted_failures"] = analysis["predicted_failures"][:1]
    analysis["missing_tests"] = []
    thin = {c.item: c for c in failure_analysis_checks(FailureAnalysis.model_validate(analysis))}
    failed = {item: c.why for item, c in thin.items() if not c.passed}
    assert failed == {
        "Every integration point has at least one predicted failure": "missing a predicted "
        "failure for Partner webhook",
        "Failures considered across categories (API contract, protocol, data format, "
        "system boundary)": "1 of 4 categories: api-contract",
        "Missing integration tests listed": "0 missing tests",
    }
