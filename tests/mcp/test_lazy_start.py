"""Start-up imports no tool module: tools/list comes from the reviewed snapshot, and a
tool's module loads on its first call (concurrent first calls included).

Runs in a fresh interpreter, since the test process has imported every tool already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from integration_risk.agent.snapshot import snapshot_modules

CHECKOUT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # a fresh interpreter importing the SDK: 2-4 s

PROBE = """
import json, sys
import anyio, mcp

HEAVY = (
    "jinja2", "jsonschema", "typer", "integration_risk.api", "integration_risk.models",
    "integration_risk.agent.loop", "integration_risk.agent.tools",
)

def loaded():
    return sorted(
        m for m in sys.modules
        if m.startswith("mcp_server.tools.") or m.split(".")[0] == "jinja2"
        or any(m == h or m.startswith(h + ".") for h in HEAVY)
    )

async def main():
    from mcp_server.server import server
    out = {}
    async with mcp.Client(server) as client:
        out["listed"] = len((await client.list_tools()).tools)
        out["after_list"] = loaded()
        results = {}
        async def call(name, arguments):
            results[name] = await client.call_tool(name, arguments)
        async with anyio.create_task_group() as group:  # two first calls of one module at once
            group.start_soon(call, "read_glossary", {})
            group.start_soon(call, "update_glossary", {
                "entries": {"Stripe": {"canonical_name": "Stripe", "risk_level": "high"}},
                "discovered_by": "lazy-test",
            })
        out["errors"] = {n: r.is_error for n, r in results.items()}
        out["after_glossary"] = loaded()
        bad = await client.call_tool("read_env_files", {"limit": 0})
        out["invalid"] = [bad.is_error, bad.content[0].text]
        unknown = await client.call_tool("no_such_tool", {})
        out["unknown"] = [unknown.is_error, unknown.content[0].text]
    print(json.dumps(out))

anyio.run(main)
"""


def test_tools_list_loads_no_tool_module_and_a_call_loads_only_its_own(tmp_path: Path) -> None:
    env = {**os.environ, "CLAUDE_PROJECT_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.splitlines()[-1])
    assert out["listed"] == len(snapshot_modules())
    assert out["after_list"] == [], "tools/list imported these; serve it from the snapshot"
    assert out["errors"] == {"read_glossary": False, "update_glossary": False}
    assert "mcp_server.tools.glossary" in out["after_glossary"]
    assert not [m for m in out["after_glossary"] if m.startswith("mcp_server.tools.report")]
    assert not [m for m in out["after_glossary"] if m.split(".")[0] == "jinja2"]
    assert (tmp_path / ".claude" / "memory" / "glossary.json").is_file()
    # Argument validation of a not-yet-loaded tool: still a clear isError result.
    is_error, text = out["invalid"]
    assert is_error and "limit" in text
    assert out["unknown"] == [True, "Unknown tool: no_such_tool"]
