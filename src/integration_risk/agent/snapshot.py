"""The reviewed snapshot of the MCP server's `tools/list`, `mcp_tools.json`: the one place
its path is known and its file is read.

The server answers `tools/list` from it and finds there which module registers each tool
(so start-up imports no tool module); the headless runner takes its tool definitions
from it. It sits inside the library's package, not the repository's `src/`, so an
installed wheel has it. `python -m mcp_server.snapshot` writes and checks it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).resolve().with_name("mcp_tools.json")


@cache
def _snapshot() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return data


@cache
def snapshot_tools() -> dict[str, dict[str, Any]]:
    """The server's tools by name, as the snapshot lists them (read once)."""
    return {tool["name"]: tool for tool in _snapshot()["tools"]}


@cache
def snapshot_modules() -> dict[str, str]:
    """Tool name -> the `mcp_server.tools` module that registers it."""
    return dict(_snapshot()["modules"])
