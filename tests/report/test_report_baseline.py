"""draft_risk_report: a deterministic baseline from evidence, honest about what needs judgement."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from integration_risk import api
from integration_risk.errors import InvalidInput
from tests.report.conftest import SHOP
from tests.shell import run_cli

SHOP_IDS = {
    "postgresql",
    "redis",
    "stripe",
    "s3",
    "smtp",
    "sendgrid",
    "webhooks",
    "api.frankfurter.app",
}


def test_shop_baseline_has_every_integration_with_evidence() -> None:
    draft = api.draft_risk_report(SHOP)
    report = draft.report
    assert {i.id for i in report.integrations} == SHOP_IDS
    assert draft.omitted == []
    for integration in report.integrations:
        assert integration.evidence, integration.id
        assert integration.failure_impact.immediate and integration.mitigations
    by_id = {i.id: i for i in report.integrations}
    assert by_id["stripe"].env_keys == ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]
    assert by_id["smtp"].env_keys == ["SMTP_HOST", "SMTP_PASSWORD", "SMTP_PORT", "SMTP_USER"]
    assert by_id["stripe"].criticality.score == 10  # payment rule
    assert "payment" in by_id["stripe"].criticality.reason
    assert report.integrations[0].id == "stripe", "most critical first"
    assert by_id["stripe"].mitigations[0].priority == "critical"
    assert by_id["redis"].mitigations[0].priority == "medium"


def test_no_invented_numbers_and_judgement_is_flagged() -> None:
    report = api.draft_risk_report(SHOP).report
    for integration in report.integrations:
        assert integration.rto.target is None
        assert integration.downtime_cost.per_hour is None
        assert integration.single_point_of_failure.is_spof is None
        assert set(integration.needs_judgement) >= {"rto", "downtime_cost"}
        if integration.resilience.score is None:  # no call site found: left to judge
            assert "resilience" in integration.needs_judgement
        else:
            assert integration.resilience.reason.startswith("From ")
            assert "resilience" not in integration.needs_judgement
    assert report.executive_summary.downtime_cost is None
    assert "pattern_assessment" in report.needs_judgement


def test_resilience_comes_from_the_call_sites() -> None:
    draft = api.draft_risk_report(SHOP)
    assert "call-sites" in draft.sources
    by_id = {i.id: i for i in draft.report.integrations}
    # The facts examples/shop/EXPECTED.md lists for these call sites.
    assert by_id["webhooks"].resilience.patterns.timeout.verdict == "no"
    assert by_id["s3"].resilience.patterns.timeout.verdict == "yes"
    assert by_id["redis"].resilience.patterns.timeout.verdict == "yes"
    assert by_id["webhooks"].resilience.score is not None
    assert by_id["webhooks"].resilience.score < by_id["s3"].resilience.score
    # Mitigations the call sites already have are left out.
    s3_actions = [m.action for m in by_id["s3"].mitigations]
    assert "Set timeouts and retries on Amazon S3 calls" not in s3_actions
    webhook_actions = [m.action for m in by_id["webhooks"].mitigations]
    assert "Send webhooks from a queue with retries and timeouts" in webhook_actions
    worst = by_id["stripe"].current_handling[0]
    assert worst.location == "backend/shop/payments.py:13"
    assert "least protected call" in (worst.note or "")


def test_baseline_is_deterministic_and_its_citations_hold(shop: Path) -> None:
    first = api.draft_risk_report(shop).report
    assert api.draft_risk_report(shop).report == first
    result = api.write_risk_report(shop, first)
    assert result.warnings == []
    checks = {c.item: c.passed for c in result.self_check}
    assert checks["Failure mode analysis for each integration"]
    assert not checks["Recovery time objectives documented"]


def test_max_integrations_keeps_the_most_critical() -> None:
    draft = api.draft_risk_report(SHOP, max_integrations=2)
    assert [i.id for i in draft.report.integrations] == ["stripe", "postgresql"]
    assert len(draft.omitted) == 6 and "redis" in draft.omitted
    assert {c.integration for c in draft.report.dependency_graph} == {"Stripe", "PostgreSQL"}
    with pytest.raises(InvalidInput):
        api.draft_risk_report(SHOP, max_integrations=0)


def test_committed_secret_is_flagged_but_never_shown(make_tree) -> None:  # type: ignore[no-untyped-def]
    secret = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
    root = make_tree(
        {
            "app/pay.py": "import os\nimport stripe\nstripe.api_key = os.environ['STRIPE_SECRET_KEY']\n",
            ".env": f"STRIPE_SECRET_KEY={secret}\n",
        }
    )
    draft = api.draft_risk_report(root)
    (stripe,) = draft.report.integrations
    assert stripe.security.secret_storage.status == "bad"
    assert ".env:1" in stripe.security.secret_storage.detail
    assert secret not in json.dumps(draft.model_dump(mode="json"))


def test_draft_json_leaves_defaults_out_and_still_validates() -> None:
    draft = api.draft_risk_report(SHOP)
    compact = draft.model_dump(mode="json")["report"]
    assert "api_version_pinning" not in json.dumps(compact)  # unknown checks are implied
    full = draft.report.model_dump(mode="json")
    assert len(json.dumps(compact)) < 0.9 * len(json.dumps(full))
    assert api.validate_document(compact, "risk-report").valid


def test_cli_report_prints_where_the_report_is(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["report", str(shop)], capsys)
    expected = shop / ".claude/memory/integrations/INTEGRATION_RISK_ANALYSIS.md"
    assert code == 0 and out.startswith(f"Wrote {expected} (")
    assert "8 integrations" in out and expected.is_file()
    assert (expected.with_suffix(".json")).is_file()
    out_dir = tmp_path / "out"
    code, out, _ = run_cli(["report", str(shop), "--out", str(out_dir)], capsys)
    assert code == 0 and out.startswith(f"Wrote {out_dir / 'INTEGRATION_RISK_ANALYSIS.md'} (")
    code, _, err = run_cli(["report", str(tmp_path / "missing")], capsys)
    assert code == 2 and "does not exist" in err


def test_the_import_graph_adds_entry_points_and_critical_paths() -> None:
    draft = api.draft_risk_report(SHOP)
    assert draft.sources == ["scan", "env", "call-sites", "graph"]
    report = draft.report
    stripe = next(i for i in report.integrations if i.id == "stripe")
    assert stripe.used_by[0] == "backend/shop/app.py:12 http flask/fastapi"
    (path,) = [p for p in report.critical_paths if p.steps[-1] == "Stripe"]
    assert path.steps == ["backend/shop/app.py", "backend/shop/payments.py", "Stripe"]
    assert "critical_paths" not in report.needs_judgement
    assert report.architecture[0].components == ["backend/shop/app.py"]
    truncated = api.draft_risk_report(SHOP, max_integrations=1).report
    assert truncated.architecture[0].components == ["backend/shop/app.py"]


def test_widely_reached_integrations_get_more_critical(small_report: dict[str, Any]) -> None:
    from integration_risk.models.graph import GraphSummary, IntegrationGraph, IntegrationReach
    from integration_risk.models.report import RiskReport
    from integration_risk.report.graphinfo import apply_graph

    def reach(id_: str, entries: int, share: float) -> IntegrationReach:
        return IntegrationReach(
            id=id_,
            name=id_,
            category="cache",
            layer="data",
            evidence_modules=1,
            modules_reaching=entries,
            entry_points=entries,
            entry_share=share,
            top_entry_points=[f"api/{id_}.py:1 http flask"],
            example_path=["api/x.py"],
        )

    summary = GraphSummary(
        modules=3,
        edges=2,
        entry_points=4,
        entry_files=4,
        unknown_edges=0,
        cycles=0,
        integrations=2,
        seconds=0.1,
    )
    graph = IntegrationGraph(
        integrations=[reach("stripe", 1, 0.25), reach("redis", 3, 0.75)], summary=summary
    )
    report = apply_graph(RiskReport.model_validate(small_report), graph)
    stripe, redis = report.integrations
    assert stripe.criticality.score == 10 and redis.criticality.score == 7
    assert "Reached from 3 entry-point files (75% of all), so raised to 7." in (
        redis.criticality.reason
    )
    assert redis.used_by[0] == "api/redis.py:1 http flask"
