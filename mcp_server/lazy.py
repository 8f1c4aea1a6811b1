"""A server whose start-up costs the SDK import plus reading one JSON file.

Claude Code waits for `tools/list` before a subagent sees our tools, and importing every
tool module (the report models, Jinja2, the analyses' models) took longer than the SDK
itself. So `tools/list` is answered from the reviewed snapshot (`mcp_server.snapshot`,
whose test proves it equals what the registered tools produce), and a tool's module is
imported on the first call of one of its tools; the call then runs the real registered
tool, with its argument validation, errors and progress unchanged.
"""

from __future__ import annotations

import importlib
from typing import Any

import anyio.to_thread
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.tools import Tool
from mcp.types import CallToolResult, InputRequiredResult
from mcp.types import Tool as MCPTool

from integration_risk.agent.snapshot import snapshot_modules, snapshot_tools


class LazyToolServer(MCPServer[Any]):
    """`tools/list` from the reviewed snapshot; the module the snapshot names for a tool
    registers it."""

    def __init__(self, name: str, *, instructions: str) -> None:
        super().__init__(name, instructions=instructions)
        self._served: dict[str, MCPTool] | None = None

    def served(self) -> dict[str, MCPTool]:
        """The reviewed snapshot's tools by name, validated once."""
        if self._served is None:
            listed = snapshot_tools().items()
            self._served = {name: MCPTool.model_validate(tool) for name, tool in listed}
        return self._served

    def registered(self) -> list[Tool]:
        """The tools registered so far (all of them after `mcp_server.tools.load_all()`)."""
        return self._tool_manager.list_tools()

    async def list_tools(self) -> list[MCPTool]:
        return list(self.served().values())

    def _tool_input_schema(self, name: str) -> dict[str, Any] | None:
        tool = self.served().get(name)
        return None if tool is None else tool.input_schema

    async def call_tool(
        self, name: str, arguments: dict[str, Any], context: Context[Any, Any] | None = None
    ) -> CallToolResult | InputRequiredResult:
        module = snapshot_modules().get(name)
        if module is not None and self._tool_manager.get_tool(name) is None:
            # Off the event loop: pings and other calls keep flowing. Python's import lock
            # makes a concurrent first call wait for the same import, never run it twice.
            await anyio.to_thread.run_sync(importlib.import_module, module)
        return await super().call_tool(name, arguments, context)
