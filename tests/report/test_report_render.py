"""Rendering: the Markdown of a fixed report is pinned by a golden file; JSON -> model ->
Markdown -> JSON round-trips through the written files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from integration_risk import api
from integration_risk.models.failure import FailureAnalysis
from integration_risk.models.report import RiskReport
from integration_risk.report.mermaid import dependency_graph
from integration_risk.report.render import (
    cell,
    fence,
    render_failure_analysis,
    render_risk_report,
)
from tests.report.conftest import DATA

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # regenerate after an intended change


def golden(name: str, text: str) -> None:
    path = DATA / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), (
        f"rerun with UPDATE_GOLDEN=1 if intended: {name}"
    )


def test_risk_report_markdown_matches_golden_file(small_report: dict[str, Any]) -> None:
    golden("small_report.md", render_risk_report(RiskReport.model_validate(small_report)))


def test_failure_analysis_markdown_matches_golden_file(analysis: dict[str, Any]) -> None:
    parsed = FailureAnalysis.model_validate(analysis)
    golden("failure_analysis.md", render_failure_analysis(parsed, "checkout-v2"))


def test_round_trip_json_model_markdown_json(small_report: dict[str, Any], shop: Path) -> None:
    result = api.write_risk_report(shop, small_report)
    written_md = (shop / result.path).read_text(encoding="utf-8")
    sidecar = json.loads((shop / result.json_path).read_text(encoding="utf-8"))
    assert sidecar == RiskReport.model_validate(small_report).model_dump(mode="json")
    again = RiskReport.model_validate(sidecar)
    assert again == RiskReport.model_validate(small_report)
    assert render_risk_report(again) == written_md
    assert result.bytes == len(written_md.encode("utf-8"))


def test_sections_and_derived_figures(shop_report: dict[str, Any]) -> None:
    text = render_risk_report(RiskReport.model_validate(shop_report))
    for heading in (
        "## Executive summary",
        "## Integrations",
        "## Integration architecture",
        "## Dependency graph",
        "## Resilience pattern assessment",
        "## Resilience matrix",
        "## Prioritised mitigation plan",
        "## For AI agents",
    ):
        assert f"\n{heading}\n" in text
    assert "8 in total: 2 critical, 0 high, 4 medium, 2 low" in text
    assert "**Single points of failure**: 2 (PostgreSQL, Stripe)" in text
    assert "```mermaid\nflowchart LR\n" in text
    matrix = text.split("## Resilience matrix")[1].split("\n## ")[0]
    assert matrix.count("\n| ") == 2 + 8  # header, rule, one row per integration


def test_table_cells_and_fences_survive_any_text() -> None:
    assert cell("a | b\nc") == "a \\| b c"
    assert cell(None) == " "
    inner = "```\ncode\n```"
    block = fence(inner, "md")
    assert block.startswith("````md\n") and block.endswith("\n````")


def test_mermaid_labels_are_escaped(small_report: dict[str, Any]) -> None:
    small_report["integrations"][0]["name"] = 'Stripe "live" <eu>'
    small_report["integrations"][0]["used_by"] = ["checkout"]
    graph = dependency_graph(RiskReport.model_validate(small_report))
    assert 'n1["Stripe #quot;live#quot; #lt;eu#gt;"]' in graph
    assert "    n3 --> n1" in graph.splitlines()
