"""Every MCP tool once, through the exact launch command of plugin.json, over stdio.

One server process answers all calls (start-up is the slow part); each tool then has
its own test. A tool added to the server without an entry in CALLS fails
`test_every_tool_has_a_smoke_call`: add the arguments of one successful call there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import mcp
import pytest

from mcp_server.snapshot import SNAPSHOT
from tests.shell import git
from tests.test_plugin import CHECKOUT, launch_command, launch_env

pytestmark = pytest.mark.slow

CALLS: dict[str, dict[str, Any]] = {
    "scan_integrations": {},
    "grep_integrations": {"provider_or_pattern": "stripe"},
    "read_env_files": {},
    "read_glossary": {},
    "update_glossary": {
        "entries": {"StripePayment": {"canonical_name": "Stripe", "risk_level": "critical"}},
        "discovered_by": "smoke-test",
    },
    "inspect_call_sites": {"integration_id": "stripe"},
    "integration_graph": {},
    "changed_integrations": {"base": "main"},
    "draft_risk_report": {},
    "write_risk_report": {
        "report": {
            "integrations": [
                {
                    "id": "stripe",
                    "name": "Stripe",
                    "type": "Payment API",
                    "criticality": {"score": 9, "reason": "every charge goes through it"},
                    "failure_impact": {"immediate": "no payments", "user": "checkout fails"},
                }
            ]
        }
    },
    "write_failure_analysis": {
        "analysis": {
            "integration_points": [
                {"source": "app", "target": "Stripe", "protocol": "HTTPS", "risk": "high"}
            ]
        }
    },
}


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    project = tmp_path_factory.mktemp("smoke") / "shop"
    (project / "app").mkdir(parents=True)
    (project / "app" / "pay.py").write_text(
        "import stripe\n\ndef charge():\n    return stripe.Charge.create(amount=1)\n"
    )
    (project / "requirements.txt").write_text("stripe==11.0.0\n")
    (project / ".env.example").write_text("STRIPE_SECRET_KEY=sk_test_x\n")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-qm", "init")
    (project / "app" / "cache.py").write_text("import redis\nr = redis.Redis()\n")
    command, args = launch_command(CHECKOUT)
    params = mcp.StdioServerParameters(
        command=command,
        args=args,
        env=launch_env(CHECKOUT, project / "app"),
        cwd=str(project / "app"),
    )

    async def session() -> dict[str, Any]:
        out: dict[str, Any] = {"events": []}
        async with mcp.Client(params, mode="legacy", read_timeout_seconds=120) as client:
            out["tools"] = [tool.name for tool in (await client.list_tools()).tools]
            for name, arguments in CALLS.items():

                async def progress(
                    done: float, total: float | None, message: str | None, name: str = name
                ) -> None:
                    out["events"].append(("progress", name))

                out[name] = await client.call_tool(name, arguments, progress_callback=progress)
                out["events"].append(("result", name))
            await anyio.sleep(0.5)  # a late progress notification would arrive now
        return out

    result: dict[str, Any] = anyio.run(session)
    result["project"] = project
    return result


def test_every_tool_has_a_smoke_call(answers: dict[str, Any]) -> None:
    assert sorted(answers["tools"]) == sorted(CALLS), "add the new tool's arguments to CALLS"


@pytest.mark.parametrize("name", sorted(CALLS))
def test_tool_answers_over_stdio(answers: dict[str, Any], name: str) -> None:
    result = answers[name]
    assert not result.is_error, result.content
    assert result.structured_content, f"{name} returned no structuredContent"


def test_started_in_a_subfolder_the_tools_work_on_the_project(answers: dict[str, Any]) -> None:
    project: Path = answers["project"]
    assert (project / ".claude" / "memory" / "glossary.json").is_file()
    assert not (project / "app" / ".claude").exists()
    scanned = {
        item["id"] for item in answers["scan_integrations"].structured_content["integrations"]
    }
    assert "stripe" in scanned and "redis" in scanned


def test_no_progress_after_a_result(answers: dict[str, Any]) -> None:
    events = answers["events"]
    for index, (kind, name) in enumerate(events):
        if kind == "progress":
            assert ("result", name) in events[index:], f"progress for {name} after its result"
    assert ("progress", "scan_integrations") in events


def test_snapshot_lists_the_same_tools(answers: dict[str, Any]) -> None:
    import json

    stored = [tool["name"] for tool in json.loads(SNAPSHOT.read_text())["tools"]]
    assert sorted(stored) == sorted(answers["tools"])
