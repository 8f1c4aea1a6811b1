"""The report models: every field described for the model, numbers only with assumptions,
and validation errors that name each bad field by JSON path with the allowed values."""

from __future__ import annotations

from typing import Any

import pytest

from integration_risk.api import validate_document
from integration_risk.models.failure import FailureAnalysis
from integration_risk.models.report import RiskReport
from integration_risk.report.validate import DocumentInvalid, parse_document


def undescribed(schema: dict[str, Any]) -> list[str]:
    """Properties without a description, as 'Model.field'."""
    missing = []
    for name, definition in {"(root)": schema, **schema.get("$defs", {})}.items():
        for field, prop in definition.get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{name}.{field}")
    return missing


@pytest.mark.parametrize("model", [RiskReport, FailureAnalysis])
def test_every_field_is_described_for_the_model(model: type[RiskReport | FailureAnalysis]) -> None:
    assert undescribed(model.model_json_schema()) == []


def test_fixed_reports_are_valid(
    small_report: dict[str, Any], shop_report: dict[str, Any], analysis: dict[str, Any]
) -> None:
    assert validate_document(small_report, "risk-report").valid
    assert validate_document(shop_report, "risk-report").valid
    assert validate_document(analysis, "failure-analysis").valid


def problems(document: object, kind: str = "risk-report") -> dict[str, tuple[str, str | None]]:
    report = validate_document(document, kind)  # type: ignore[arg-type]
    assert not report.valid
    return {p.path: (p.problem, p.allowed) for p in report.problems}


def test_each_bad_field_by_json_path_with_allowed_values(small_report: dict[str, Any]) -> None:
    stripe = small_report["integrations"][0]
    stripe["criticality"]["score"] = 12
    stripe["resilience"]["patterns"]["retry"]["verdict"] = "maybe"
    stripe["evidence"][1] = "billing.ts"
    stripe["crit"] = 1
    del stripe["failure_impact"]["user"]
    found = problems(small_report)
    assert found["integrations[0].criticality.score"] == ("out of range (got 12)", "1-10")
    assert found["integrations[0].resilience.patterns.retry.verdict"] == (
        "invalid value (got 'maybe')",
        "yes, partial, no, unknown or n/a",
    )
    assert found["integrations[0].evidence[1]"][1] is not None
    assert "path:line" in (found["integrations[0].evidence[1]"][1] or "")
    unknown, allowed = found["integrations[0].crit"]
    assert unknown == "unknown field" and "criticality" in (allowed or "").split(", ")
    assert found["integrations[0].failure_impact.user"] == ("required field is missing", None)
    assert len(found) == 5


def test_numbers_nobody_knows_need_an_assumption(small_report: dict[str, Any]) -> None:
    stripe = small_report["integrations"][0]
    stripe["downtime_cost"] = {"per_hour": 900}
    stripe["rto"] = {"target": "< 1 minute"}
    found = problems(small_report)
    assert "assumption" in found["integrations[0].downtime_cost"][0]
    assert "assumption" in found["integrations[0].rto"][0]


def test_unknown_numbers_may_stay_empty(small_report: dict[str, Any]) -> None:
    stripe = small_report["integrations"][0]
    stripe["downtime_cost"] = {}
    stripe["rto"] = {}
    stripe["resilience"] = {}
    stripe["needs_judgement"] = ["downtime_cost", "rto", "resilience"]
    assert validate_document(small_report, "risk-report").valid


def test_parse_error_is_one_actionable_message() -> None:
    with pytest.raises(DocumentInvalid) as caught:
        parse_document(RiskReport, {"integrations": [{"name": "x"}], "extra": 1}, "the report")
    text = str(caught.value)
    assert text.startswith("the report is invalid, 4 problems (fix them and call again")
    assert "\n- integrations[0].type: required field is missing" in text
    assert "\n- extra: unknown field (allowed: metadata, executive_summary, integrations" in text


def test_many_problems_are_capped() -> None:
    document = {"integrations": [{"name": f"n{i}"} for i in range(20)]}
    with pytest.raises(DocumentInvalid) as caught:
        parse_document(RiskReport, document, "the report")
    assert len(caught.value.problems) == 25
    assert str(caught.value).endswith("- and 35 more")


def test_failure_analysis_categories_are_listed(analysis: dict[str, Any]) -> None:
    analysis["predicted_failures"][0]["category"] = "network"
    found = problems(analysis, "failure-analysis")
    assert found["predicted_failures[0].category"][1] == (
        "api-contract, protocol, data-format or system-boundary"
    )


def test_glossary_kind_uses_the_glossary_schema() -> None:
    assert validate_document({"integrations": {"K": {"risk_level": "high"}}}, "glossary").valid
    found = problems({"integrations": []}, "glossary")
    assert found == {"integrations": ("must be an object", None)}
