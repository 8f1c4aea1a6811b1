"""tools/list is a reviewed contract: names, descriptions, schemas and annotations.

The snapshot `src/integration_risk/agent/mcp_tools.json` is also where the headless
runner takes its tool definitions from. After a deliberate change to a tool, regenerate
it with `uv run python -m mcp_server.snapshot` and commit the diff with the change.
"""

from __future__ import annotations

import json

import anyio

from mcp_server.snapshot import SNAPSHOT, live_tools, render


def test_tools_list_matches_the_reviewed_snapshot() -> None:
    live = anyio.run(live_tools)
    stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["tools"]
    live_names = [tool["name"] for tool in live]
    stored_names = [tool["name"] for tool in stored]
    assert live_names == stored_names, (
        f"tools added or removed ({sorted(set(live_names) ^ set(stored_names))}): "
        "run `uv run python -m mcp_server.snapshot` and review the diff"
    )
    for tool, reviewed in zip(live, stored, strict=True):
        assert tool == reviewed, (
            f"{tool['name']} changed on the wire: run `uv run python -m mcp_server.snapshot` "
            "and review the diff"
        )
    assert render(live) == SNAPSHOT.read_text(encoding="utf-8")
