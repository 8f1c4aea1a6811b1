"""Headless agent runner: the plugin's agents outside Claude Code, over the anthropic SDK.

`run_agent` loads an agent's markdown (system prompt, model, tools), runs the tool loop
against the Messages API with the same `api` operations the MCP server exposes (tool
definitions from the reviewed `mcp_tools.json` snapshot of the server), and returns
what it delivered and what it cost.
"""

from __future__ import annotations

from integration_risk.agent.definition import AgentDefinition, load_agent, resolve_model
from integration_risk.agent.loop import AgentRun, run_agent

__all__ = ["AgentDefinition", "AgentRun", "load_agent", "resolve_model", "run_agent"]
