"""Where reports are written: atomically, under .claude/memory/integrations, and parallel
pre-mortems never overwrite each other."""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from integration_risk import api
from integration_risk.atomic import atomic_write
from integration_risk.errors import OutsideRoot
from integration_risk.models.failure import FailureAnalysis
from integration_risk.report import store

INTEGRATIONS = Path(".claude/memory/integrations")


def test_risk_report_goes_to_the_memory_dir_through_the_atomic_writer(
    shop: Path, small_report: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[str] = []

    def recording(target: Path, data: bytes) -> None:
        written.append(target.name)
        atomic_write(target, data)

    monkeypatch.setattr(store, "atomic_write", recording)
    first = api.write_risk_report(shop, small_report)
    assert first.path == str(INTEGRATIONS / "INTEGRATION_RISK_ANALYSIS.md")
    assert first.json_path == str(INTEGRATIONS / "INTEGRATION_RISK_ANALYSIS.json")
    assert written == ["INTEGRATION_RISK_ANALYSIS.json", "INTEGRATION_RISK_ANALYSIS.md"]
    assert not first.replaced
    assert api.write_risk_report(shop, small_report).replaced
    leftovers = [p.name for p in (shop / INTEGRATIONS).iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_writer_fills_in_the_time_when_missing(shop: Path, small_report: dict[str, Any]) -> None:
    del small_report["metadata"]["generated_at"]
    result = api.write_risk_report(shop, small_report)
    sidecar = json.loads((shop / result.json_path).read_text())
    assert sidecar["metadata"]["generated_at"].endswith("Z")


def test_memory_dir_symlinked_out_of_the_root_is_refused(
    shop: Path, tmp_path: Path, small_report: dict[str, Any]
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (shop / ".claude").symlink_to(outside)
    with pytest.raises(OutsideRoot):
        api.write_risk_report(shop, small_report)
    assert list(outside.iterdir()) == []


def test_explicit_out_dir(shop: Path, tmp_path: Path, small_report: dict[str, Any]) -> None:
    out = tmp_path / "reports"
    result = api.write_risk_report(shop, small_report, out_dir=out)
    assert (out / "INTEGRATION_RISK_ANALYSIS.md").is_file()
    assert Path(result.path).is_absolute()


@pytest.mark.parametrize(
    ("name", "analysis_name", "base_ref", "slug"),
    [
        ("Checkout v2!", "ignored", "main", "checkout-v2"),  # the tool's argument first
        (None, "Checkout v2", "main", "checkout-v2"),  # then the analysis' own name
        (None, None, "release/1.4", "release-1-4"),  # then the base ref
        (None, "  ", None, "stripe-webhooks"),  # then the integration points' ids
    ],
)
def test_pre_mortem_names(
    shop: Path,
    analysis: dict[str, Any],
    name: str | None,
    analysis_name: str | None,
    base_ref: str | None,
    slug: str,
) -> None:
    analysis["name"] = analysis_name
    analysis["metadata"]["base_ref"] = base_ref
    result = api.write_failure_analysis(shop, analysis, name)
    assert result.path == str(INTEGRATIONS / f"PRE_MORTEM_{slug}.md")
    assert f"# Integration Failure Analysis: {slug}" in (shop / result.path).read_text()


def test_same_analysis_replaces_its_file_a_different_one_gets_a_new_name(
    shop: Path, analysis: dict[str, Any]
) -> None:
    first = api.write_failure_analysis(shop, analysis)
    again = api.write_failure_analysis(shop, analysis)
    assert again.path == first.path and again.replaced
    other = copy.deepcopy(analysis)
    other["summary"] = "A second expert's view."
    second = api.write_failure_analysis(shop, other)
    assert second.path.endswith("PRE_MORTEM_checkout-v2-2.md") and not second.replaced
    kept = json.loads((shop / first.json_path).read_text())
    assert kept["summary"] == analysis["summary"]


def test_parallel_writers_never_overwrite_each_other(shop: Path, analysis: dict[str, Any]) -> None:
    writers = 8
    barrier = threading.Barrier(writers)
    paths: list[str] = []
    errors: list[BaseException] = []

    def write(n: int) -> None:
        mine = copy.deepcopy(analysis)
        mine["summary"] = f"expert {n}"
        barrier.wait()
        try:
            paths.append(api.write_failure_analysis(shop, mine).json_path)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(paths)) == writers
    summaries = {json.loads((shop / p).read_text())["summary"] for p in paths}
    assert summaries == {f"expert {n}" for n in range(writers)}
    for p in paths:
        FailureAnalysis.model_validate_json((shop / p).read_text())
        assert (shop / p).with_suffix(".md").is_file()


def test_integrations_are_recorded_in_the_glossary_with_provenance(
    shop: Path, small_report: dict[str, Any], analysis: dict[str, Any]
) -> None:
    result = api.write_risk_report(shop, small_report)
    assert result.glossary.created == ["Stripe", "Redis"]
    glossary = api.read_glossary(shop)
    stripe = glossary.integrations["Stripe"]
    assert stripe.discovered_by == "integration-mapper"
    assert stripe.risk_level == "critical" and stripe.category == "payment"
    assert stripe.failure_impact == "No card payment can be taken"
    api.write_failure_analysis(shop, analysis)
    after = api.read_glossary(shop).integrations
    assert set(after) == {"Stripe", "Redis", "PartnerWebhook"}
    assert after["PartnerWebhook"].discovered_by == "integration-failure-expert"
    assert after["PartnerWebhook"].aliases == ["webhooks"]


def test_a_corrupt_glossary_does_not_stop_the_report(
    shop: Path, small_report: dict[str, Any]
) -> None:
    memory = shop / ".claude" / "memory"
    memory.mkdir(parents=True)
    (memory / "glossary.json").write_text("{not json")
    result = api.write_risk_report(shop, small_report)
    assert (shop / result.path).is_file()
    assert result.glossary.error is not None and "glossary" in result.glossary.error
    assert (memory / "glossary.json").read_text() == "{not json"
