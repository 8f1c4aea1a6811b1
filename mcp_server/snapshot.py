"""The reviewed snapshot of this server's `tools/list` (names, descriptions, schemas,
annotations) and of the module registering each tool, in
`src/integration_risk/agent/mcp_tools.json` (read through `integration_risk.agent.snapshot`).

It is a contract three times over: the server answers `tools/list` from it and imports
a tool's module on its first call (so start-up imports no tool module), a test fails
when the registered tools drift from it (so a changed tool is a reviewed change), and
the headless agent runner reads its tool definitions from it (so the runner's tools are
exactly the server's). Regenerate after a deliberate change and review the diff:

    uv run python -m mcp_server.snapshot          # write
    uv run python -m mcp_server.snapshot --check  # exit 1 when it drifted
"""

from __future__ import annotations

import json
import sys
from typing import Any

import anyio
import mcp
from mcp.server.mcpserver import MCPServer

from integration_risk.agent.snapshot import SNAPSHOT

KEPT = ("name", "description", "inputSchema", "outputSchema", "annotations")


async def wire_listing(server: MCPServer[Any]) -> list[dict[str, Any]]:
    """`tools/list` of `server` as it goes on the wire (camelCase aliases), by name."""
    async with mcp.Client(server) as client:
        listed = await client.list_tools()
    wire = json.loads(listed.model_dump_json(by_alias=True, exclude_none=True))
    return sorted(wire["tools"], key=lambda tool: str(tool["name"]))


async def registered_listing() -> list[dict[str, Any]]:
    """What the tools registered by every tool module put on the wire: the server's real
    tools in a plain `MCPServer`, which lists what is registered (ours lists the snapshot)."""
    from mcp_server.server import server
    from mcp_server.tools import load_all

    load_all()
    return await wire_listing(MCPServer("registered", tools=server.registered()))


async def live_tools() -> list[dict[str, Any]]:
    """The snapshot's tools as the registered tools produce them now."""
    tools = await registered_listing()
    return [{key: tool[key] for key in KEPT if key in tool} for tool in tools]


def registered_modules() -> dict[str, str]:
    """Tool name -> the module that registered it (every tool module loaded)."""
    from mcp_server.server import server
    from mcp_server.tools import load_all

    load_all()
    return {tool.name: tool.fn.__module__ for tool in server.registered()}


async def live_snapshot() -> str:
    """The snapshot file's text as the registered tools produce it now."""
    return render(await live_tools(), registered_modules())


def render(tools: list[dict[str, Any]], modules: dict[str, str]) -> str:
    content = {"modules": modules, "tools": tools}
    return json.dumps(content, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = anyio.run(live_snapshot)
    if "--check" in argv:
        if SNAPSHOT.exists() and SNAPSHOT.read_text(encoding="utf-8") == text:
            return 0
        print(
            f"{SNAPSHOT} is out of date: run `uv run python -m mcp_server.snapshot`",
            file=sys.stderr,
        )
        return 1
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(text, encoding="utf-8")
    print(f"wrote {SNAPSHOT} ({len(json.loads(text)['tools'])} tools)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
