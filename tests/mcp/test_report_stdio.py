"""The report tools over real stdio, with the server started exactly as plugin.json says."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import anyio
import mcp
import pytest

from tests.report.conftest import SHOP, load
from tests.test_plugin import CHECKOUT, launch_command


@pytest.mark.slow
def test_report_tools_over_stdio(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SHOP, project, ignore=shutil.ignore_patterns(".claude"))
    command, args = launch_command(CHECKOUT)
    params = mcp.StdioServerParameters(
        command=command,
        args=args,
        env={**os.environ, "CLAUDE_PLUGIN_ROOT": str(CHECKOUT), "CLAUDE_PROJECT_DIR": str(project)},
        cwd=str(project),
    )

    async def session() -> list[Any]:
        async with mcp.Client(params, mode="legacy", read_timeout_seconds=120) as client:
            report = await client.call_tool(
                "write_risk_report", {"report": load("shop_report.json")}
            )
            analysis = await client.call_tool(
                "write_failure_analysis", {"analysis": load("failure_analysis.json")}
            )
            invalid = await client.call_tool("write_risk_report", {"report": {"integrations": 1}})
            return [report, analysis, invalid]

    report, analysis, invalid = anyio.run(session)
    assert not report.is_error and report.structured_content["self_check_score"] == "11/11"
    assert report.structured_content["warnings"] == []
    written = project / report.structured_content["path"]
    assert written.read_text(encoding="utf-8").startswith("# Integration Risk Analysis")
    assert not analysis.is_error
    assert (project / analysis.structured_content["path"]).name == "PRE_MORTEM_checkout-v2.md"
    assert invalid.is_error and "integrations: must be a list" in invalid.content[0].text
