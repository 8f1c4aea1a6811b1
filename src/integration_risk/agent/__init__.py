"""Headless agent runner: the plugin's agents outside Claude Code, over the anthropic SDK.

`run_agent` loads an agent's markdown (system prompt, model, tools), runs the tool loop
against the Messages API with the same `api` operations the MCP server exposes (tool
definitions from the reviewed `mcp_tools.json` snapshot of the server), and returns
what it delivered and what it cost.

The names below are imported on first use: the MCP server reads `agent.snapshot` at
start-up, and importing the runner (its tools, the library's models) would add ~90 ms
to every Claude Code session's wait for `tools/list`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from integration_risk.agent.definition import AgentDefinition, load_agent, resolve_model
    from integration_risk.agent.loop import AgentRun, run_agent

__all__ = ["AgentDefinition", "AgentRun", "load_agent", "resolve_model", "run_agent"]
_HOMES = {
    "AgentDefinition": "integration_risk.agent.definition",
    "load_agent": "integration_risk.agent.definition",
    "resolve_model": "integration_risk.agent.definition",
    "AgentRun": "integration_risk.agent.loop",
    "run_agent": "integration_risk.agent.loop",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
