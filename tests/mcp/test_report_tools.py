"""write_risk_report and write_failure_analysis through an in-memory MCP client."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import mcp
import pytest

from mcp_server.server import server
from tests.report.conftest import SHOP, load

pytestmark = pytest.mark.anyio


@pytest.fixture
def shop_project(project: Path) -> Path:
    # A report the user wrote into examples/shop (README's main command) must not leak in.
    shutil.copytree(SHOP, project, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".claude"))
    return project


async def call(tool: str, args: dict[str, Any], progress: list[float] | None = None) -> Any:
    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        if progress is not None:
            progress.append(done)

    async with mcp.Client(server) as client:
        return await client.call_tool(tool, args, progress_callback=on_progress)


async def test_tools_are_listed_with_write_annotations_and_the_full_schema() -> None:
    async with mcp.Client(server) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    for name, argument in (("write_risk_report", "report"), ("write_failure_analysis", "analysis")):
        tool = tools[name]
        assert tool.annotations is not None
        assert tool.annotations.read_only_hint is False
        assert tool.annotations.open_world_hint is False
        schema = tool.input_schema
        assert schema["properties"][argument]["description"]
        assert schema["properties"][argument]["$ref"].startswith("#/$defs/")
        assert tool.output_schema is not None and "self_check" in tool.output_schema["properties"]
    defs = tools["write_risk_report"].input_schema["$defs"]
    assert "criticality" in defs["IntegrationRisk"]["properties"]


async def test_write_risk_report_answers_with_path_self_check_and_warnings(
    shop_project: Path,
) -> None:
    report = load("shop_report.json")
    report["integrations"][0]["evidence"].append("backend/shop/db.py:999")
    progress: list[float] = []
    result = await call("write_risk_report", {"report": report}, progress)
    assert not result.is_error, result.content
    data = result.structured_content
    assert data["path"] == ".claude/memory/integrations/INTEGRATION_RISK_ANALYSIS.md"
    assert (shop_project / data["path"]).stat().st_size == data["bytes"]
    assert data["self_check_score"] == "11/11"
    assert [w["kind"] for w in data["warnings"]] == ["missing-location"]
    assert data["glossary"]["created"][:2] == ["PostgreSQL", "Stripe"]
    assert progress, "the scan behind the cross-check reports progress"


async def test_invalid_report_is_an_error_listing_each_field(shop_project: Path) -> None:
    report = load("small_report.json")
    report["integrations"][0]["criticality"]["score"] = 11
    report["integrations"][1]["resilience"]["patterns"]["timeout"]["verdict"] = "sometimes"
    result = await call("write_risk_report", {"report": report})
    assert result.is_error
    text = result.content[0].text
    assert "integrations[0].criticality.score: out of range (got 11) (allowed: 1-10)" in text
    assert (
        "integrations[1].resilience.patterns.timeout.verdict: invalid value (got 'sometimes') "
        "(allowed: yes, partial, no, unknown or n/a)" in text
    )
    assert len(text) < 600, "compact enough to read and retry"
    assert not (shop_project / ".claude/memory/integrations").exists()


async def test_report_passed_as_a_json_string_is_accepted(shop_project: Path) -> None:
    result = await call("write_risk_report", {"report": json.dumps(load("small_report.json"))})
    assert not result.is_error, result.content


async def test_write_failure_analysis_names_and_parallel_safety(shop_project: Path) -> None:
    analysis = load("failure_analysis.json")
    first = await call("write_failure_analysis", {"analysis": analysis, "name": "pr-42"})
    assert not first.is_error, first.content
    assert first.structured_content["path"].endswith("PRE_MORTEM_pr-42.md")
    analysis["summary"] = "another view"
    second = await call("write_failure_analysis", {"analysis": analysis, "name": "pr-42"})
    assert second.structured_content["path"].endswith("PRE_MORTEM_pr-42-2.md")
    bad = await call("write_failure_analysis", {"analysis": {"integration_points": [{}]}})
    assert bad.is_error and "integration_points[0].source: required field" in bad.content[0].text


async def test_draft_risk_report_returns_the_report_for_refinement(shop_project: Path) -> None:
    progress: list[float] = []
    result = await call("draft_risk_report", {"max_integrations": 3}, progress)
    assert not result.is_error, result.content
    data = result.structured_content
    assert [i["id"] for i in data["report"]["integrations"]] == ["stripe", "postgresql", "redis"]
    assert len(data["omitted"]) == 5
    assert progress
    written = await call("write_risk_report", {"report": data["report"]})
    assert not written.is_error
    kinds = [w["kind"] for w in written.structured_content["warnings"]]
    assert kinds == ["missing-integration"] * 5  # the omitted ones, honestly reported


async def test_draft_is_read_only() -> None:
    async with mcp.Client(server) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    annotations = tools["draft_risk_report"].annotations
    assert annotations is not None and annotations.read_only_hint is True
    assert tools["draft_risk_report"].output_schema is not None
