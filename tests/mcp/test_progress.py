"""Progress from worker threads: in order, finished before the result, silent after a cancel."""

from __future__ import annotations

import threading
import time
from typing import Annotated, Any

import anyio
import mcp
import pytest
from mcp.server.mcpserver import Context, MCPServer
from pydantic import Field

from mcp_server.app import ToolCancelled, run_with_progress

pytestmark = pytest.mark.anyio


def probe_server(steps: int, stopped: threading.Event) -> MCPServer[Any]:
    probe: MCPServer[Any] = MCPServer("probe")

    @probe.tool()
    async def work(
        ctx: Context[Any, Any],
        delay: Annotated[float, Field(description="Seconds per step.")] = 0.0,
    ) -> int:
        """Count to `steps`, reporting each step."""

        def job(report: Any) -> int:
            try:
                for step in range(1, steps + 1):
                    report(step, steps)
                    time.sleep(delay)
            except ToolCancelled:
                stopped.set()
                raise
            return steps

        return await run_with_progress(ctx, job)

    return probe


async def test_every_progress_arrives_before_the_result_and_ends_at_the_total() -> None:
    events: list[str] = []
    seen: list[float] = []

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        await anyio.sleep(0.002)  # a slow client: sends queue up behind it
        seen.append(done)
        events.append("progress")

    async with mcp.Client(probe_server(300, threading.Event())) as client:
        result = await client.call_tool("work", {}, progress_callback=on_progress)
        events.append("result")
        await anyio.sleep(0.3)  # anything still in flight would land now
    assert not result.is_error
    assert events[-1] == "result", "a progress notification followed the tool's result"
    assert seen == sorted(seen), "progress went backwards"
    assert seen[-1] == 300, "the final count must be sent before the result"


async def test_a_cancelled_call_stops_the_work_and_sends_nothing_more() -> None:
    stopped = threading.Event()
    seen: list[float] = []

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        seen.append(done)

    async with mcp.Client(probe_server(10_000, stopped)) as client:
        with anyio.move_on_after(0.5):
            await client.call_tool("work", {"delay": 0.01}, progress_callback=on_progress)
        count = len(seen)
        await anyio.to_thread.run_sync(lambda: stopped.wait(5))
        await anyio.sleep(0.2)
    assert stopped.is_set(), "the worker thread kept going after the cancel"
    assert len(seen) == count, "progress was sent after the client cancelled"
