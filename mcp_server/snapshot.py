"""The reviewed snapshot of this server's `tools/list` (names, descriptions, schemas,
annotations) in `src/integration_risk/agent/mcp_tools.json`.

It is a contract twice over: a test fails when the live server drifts from it (so a
changed tool is a reviewed change), and the headless agent runner reads its tool
definitions from it (so the runner's tools are exactly the server's). Regenerate after
a deliberate change and review the diff:

    uv run python -m mcp_server.snapshot          # write
    uv run python -m mcp_server.snapshot --check  # exit 1 when it drifted
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import anyio
import mcp

SNAPSHOT = (
    Path(__file__).resolve().parent.parent / "src" / "integration_risk" / "agent" / "mcp_tools.json"
)
KEPT = ("name", "description", "inputSchema", "outputSchema", "annotations")


async def live_tools() -> list[dict[str, Any]]:
    from mcp_server.server import server

    async with mcp.Client(server) as client:
        listed = await client.list_tools()
    wire = json.loads(listed.model_dump_json(by_alias=True, exclude_none=True))
    tools = [{key: tool[key] for key in KEPT if key in tool} for tool in wire["tools"]]
    return sorted(tools, key=lambda tool: str(tool["name"]))


def render(tools: list[dict[str, Any]]) -> str:
    return json.dumps({"tools": tools}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    text = render(anyio.run(live_tools))
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
