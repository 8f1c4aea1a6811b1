"""tools/list is a reviewed contract: names, descriptions, schemas and annotations.

The snapshot `src/integration_risk/agent/mcp_tools.json` is what the server answers
`tools/list` with, where it finds the module to load on a tool's first call, and where
the headless runner takes its tool definitions from. After a deliberate change to a
tool, regenerate it with `uv run python -m mcp_server.snapshot` and commit the diff.
"""

from __future__ import annotations

import json
from typing import Any

import anyio

from integration_risk.agent.snapshot import snapshot_modules
from mcp_server.server import server
from mcp_server.snapshot import (
    SNAPSHOT,
    live_snapshot,
    live_tools,
    registered_listing,
    registered_modules,
    wire_listing,
)
from mcp_server.tools import tool_modules


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
    assert anyio.run(live_snapshot) == SNAPSHOT.read_text(encoding="utf-8")


def test_served_tools_list_equals_what_the_registered_tools_produce() -> None:
    """Every key of every tool on the wire, not only the snapshot's: a title or icon added
    to a tool would otherwise be dropped by the snapshot-served listing."""

    async def both() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return await wire_listing(server), await registered_listing()

    served, registered = anyio.run(both)
    assert [t["name"] for t in served] == [t["name"] for t in registered]
    for lazy, real in zip(served, registered, strict=True):
        assert lazy == real, (
            f"{real['name']} is served differently from how it is registered: "
            "run `uv run python -m mcp_server.snapshot` (and keep every wire key in KEPT)"
        )


def test_each_tool_is_registered_by_the_module_the_server_loads_for_it() -> None:
    registered = registered_modules()
    assert registered == snapshot_modules(), (
        "a tool moved to another module, or is new: the server would import the wrong "
        "module on its first call. Run `uv run python -m mcp_server.snapshot`"
    )
    assert set(registered.values()) <= set(tool_modules())
    assert set(registered) == {tool["name"] for tool in anyio.run(live_tools)}
