"""Evidence cross-check: each warning triggered by a crafted report on examples/shop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from integration_risk import api
from integration_risk.models.delivery import CrossCheckWarning
from integration_risk.report.crosscheck import bound_names


def warnings_of(shop: Path, report: dict[str, Any]) -> list[CrossCheckWarning]:
    return api.write_risk_report(shop, report).warnings


def by_path(warnings: list[CrossCheckWarning]) -> dict[str, CrossCheckWarning]:
    return {w.at: w for w in warnings}


def test_a_faithful_report_draws_no_warning(shop: Path, shop_report: dict[str, Any]) -> None:
    assert warnings_of(shop, shop_report) == []


def test_cited_lines_that_do_not_exist(shop: Path, shop_report: dict[str, Any]) -> None:
    postgres = shop_report["integrations"][0]
    postgres["evidence"] = [
        "backend/shop/nope.py:3",
        "backend/shop/db.py:400",
        "../../etc/passwd:1",
    ]
    found = by_path(warnings_of(shop, shop_report))
    assert {w.kind for w in found.values()} == {"missing-location"}
    assert "no such file" in found["integrations[0].evidence[0]"].message
    assert "backend/shop/db.py has only 35 lines" in found["integrations[0].evidence[1]"].message
    assert "no such file" in found["integrations[0].evidence[2]"].message
    assert len(found) == 3


def test_cited_line_that_does_not_mention_the_integration(
    shop: Path, shop_report: dict[str, Any]
) -> None:
    stripe = shop_report["integrations"][1]
    stripe["current_handling"][0]["location"] = "backend/shop/cache.py:20"
    stripe["resilience"]["patterns"]["retry"]["evidence"] = ["backend/shop/mailer.py:17"]
    found = by_path(warnings_of(shop, shop_report))
    assert set(found) == {
        "integrations[1].current_handling[0].location",
        "integrations[1].resilience.patterns.retry.evidence[0]",
    }
    warning = found["integrations[1].current_handling[0].location"]
    assert warning.kind == "unrelated-location"
    assert "backend/shop/cache.py:20 does not mention Stripe within 3 lines" in warning.message


def test_names_bound_to_the_sdk_count_as_mentions() -> None:
    assert bound_names('import sgMail from "@sendgrid/mail";') == {"sgMail"}
    assert bound_names("engine = create_engine(") == {"engine"}
    assert bound_names("from botocore.config import Config") == {"botocore", "config", "Config"}
    assert bound_names("    return x == y") == set()


def test_every_import_line_binds_names_as_the_call_site_analysis_reads_it() -> None:
    # one language-blind import-line test (scan.imports.is_import_line) for the report's
    # cross-check, the analysis's library words and `requires_import`
    assert bound_names("global using Stripe;") == {"Stripe"}
    assert bound_names("  alias MyApp.Billing.StripeClient") == {"MyApp", "Billing", "StripeClient"}
    assert bound_names("extern crate lettre;") == {"lettre"}


def test_sdk_alias_line_is_accepted(shop: Path, shop_report: dict[str, Any]) -> None:
    sendgrid = shop_report["integrations"][5]
    assert sendgrid["id"] == "sendgrid"
    sendgrid["evidence"] = ["notifier/src/email.ts:12"]  # `sgMail.send(` is 3 lines up
    assert warnings_of(shop, shop_report) == []
    sendgrid["evidence"] = ["notifier/src/index.ts:3"]  # imports the wrapper, not the SDK
    (warning,) = warnings_of(shop, shop_report)
    assert warning.kind == "unrelated-location"


def test_scanned_integration_left_out(shop: Path, shop_report: dict[str, Any]) -> None:
    shop_report["integrations"] = [
        i for i in shop_report["integrations"] if i["id"] not in ("sendgrid", "s3")
    ]
    found = [w for w in warnings_of(shop, shop_report) if w.kind == "missing-integration"]
    assert sorted(w.message.split(" ")[3] for w in found) == ["s3", "sendgrid"]
    shop_report["needs_judgement"] = ["sendgrid: only a demo notifier, not deployed"]
    found = [w for w in warnings_of(shop, shop_report) if w.kind == "missing-integration"]
    assert [w.message.split(" ")[3] for w in found] == ["s3"]


def test_scores_that_contradict_the_verdicts(shop: Path, shop_report: dict[str, Any]) -> None:
    webhooks = shop_report["integrations"][6]
    assert webhooks["id"] == "webhooks"
    webhooks["resilience"]["score"] = 9  # timeout, retry and circuit breaker are all "no"
    webhooks["mitigations"][0]["risk_to"] = 9  # the fix raises the risk from 7
    shop_report["executive_summary"]["overall_resilience"]["score"] = 10
    found = by_path(warnings_of(shop, shop_report))
    assert {w.kind for w in found.values()} == {"score"}
    assert "resilience 9/10 while timeout, retry and circuit breaker are all 'no'" in (
        found["integrations[6].resilience.score"].message
    )
    assert "risk goes up from 7 to 9" in found["integrations[6].mitigations[0]"].message
    assert "far from the integrations' mean" in (
        found["executive_summary.overall_resilience.score"].message
    )


def test_low_score_with_every_pattern_present(shop: Path, shop_report: dict[str, Any]) -> None:
    rates = shop_report["integrations"][7]
    rates["resilience"]["score"] = 2
    for pattern in ("circuit_breaker", "retry", "timeout", "fallback"):
        rates["resilience"]["patterns"][pattern] = {"verdict": "yes"}
    (warning,) = warnings_of(shop, shop_report)
    assert warning.at == "integrations[7].resilience.score" and "4+ core" in warning.message


def test_failure_analysis_evidence_is_checked(shop: Path, analysis: dict[str, Any]) -> None:
    assert api.write_failure_analysis(shop, analysis).warnings == []
    analysis["predicted_failures"][0]["evidence"] = ["backend/shop/db.py:30"]
    (warning,) = api.write_failure_analysis(shop, analysis).warnings
    assert warning.at == "predicted_failures[0].evidence[0]"
    assert warning.kind == "unrelated-location"


def test_no_timeout_claim_contradicted_by_the_call_sites(
    shop: Path, shop_report: dict[str, Any]
) -> None:
    smtp = shop_report["integrations"][4]
    assert smtp["id"] == "smtp"
    smtp["resilience"]["patterns"]["timeout"] = {"verdict": "no"}  # smtplib.SMTP(timeout=10)
    found = warnings_of(shop, shop_report)
    assert {w.kind for w in found} == {"contradiction", "score"}  # 6/10 with all three "no"
    (warning,) = [w for w in found if w.kind == "contradiction"]
    assert warning.at == "integrations[4].resilience.patterns.timeout.verdict"
    assert "says no timeout, but call-site analysis found one" in warning.message
    assert "backend/shop/mailer.py:17" in warning.message
