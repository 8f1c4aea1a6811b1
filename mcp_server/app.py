"""The MCP server object and what every tool module shares: annotations, the error
adapter and the progress bridge. Tool modules in `mcp_server/tools/` register on it."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

import anyio
import anyio.from_thread
import anyio.lowlevel
import anyio.to_thread
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

from integration_risk.errors import IntegrationRiskError
from mcp_server.lazy import LazyToolServer

INSTRUCTIONS = """\
integration-risk maps the external systems a codebase talks to (databases, caches,
queues, payment, email, SMS, auth, AI and other HTTP APIs, storage, webhooks,
telemetry) with file:line evidence, and records risk findings. Paths are relative
to the project root. Prefer these tools over raw grep: results are compact and
never contain secret values."""

# camelCase keys as they go on the wire (validated through the model's aliases).
READ_ONLY = ToolAnnotations.model_validate(
    {"readOnlyHint": True, "destructiveHint": False, "openWorldHint": False}
)

# tools/list comes from the reviewed snapshot; each tool module loads on its first call.
server = LazyToolServer("integration-risk", instructions=INSTRUCTIONS)

P = ParamSpec("P")
R = TypeVar("R")


def tool_errors(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Turn expected library errors into `isError` results that say what to do."""

    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await fn(*args, **kwargs)
        except IntegrationRiskError as exc:
            raise ToolError(str(exc)) from None

    # The docstring is the tool description the model reads: drop source indentation.
    wrapper.__doc__ = inspect.cleandoc(fn.__doc__ or "")
    return wrapper


def tool(
    annotations: ToolAnnotations,
) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Awaitable[R]]]:
    """Register a tool with these annotations, its library errors turned into `isError`
    results (`tool_errors`): `@tool(READ_ONLY)` over an `async def`."""

    def register(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        return server.tool(annotations=annotations)(tool_errors(fn))

    return register


class ToolCancelled(Exception):
    """Raised inside library code (from its progress callback) once the client cancelled."""


async def run_with_progress(
    ctx: Context[Any, Any],
    work: Callable[[Callable[[int, int], None]], R],
    unit: str = "files",
) -> R:
    """Run `work(report)` in a worker thread; its progress reaches the client in order,
    and every progress send has completed before this returns.

    The thread only records the latest (done, total) and wakes a sender task that lives
    in this handler's task group, so (1) the task group joins the sender before the result
    is written: no notification can follow the response; (2) when the client cancels, the
    handler's scope cancels the sender at once, and the next `report` in the thread raises
    `ToolCancelled` so the work stops instead of sending for a token the client dropped;
    (3) the worker never waits on the event loop, and bursts collapse into the latest value.
    """
    latest: list[tuple[int, int]] = []
    state = {"finished": False, "cancelled": False}
    wake = anyio.Event()

    def set_wake() -> None:  # runs on the event loop, so it sees the current event
        wake.set()

    def report(done: int, total: int) -> None:
        if state["cancelled"]:
            raise ToolCancelled("the client cancelled this tool call")
        latest[:] = [(done, total)]
        try:
            anyio.from_thread.run_sync(set_wake)
        except RuntimeError:  # the event loop is gone: nobody is listening any more
            state["cancelled"] = True

    async def sender() -> None:
        nonlocal wake
        sent: tuple[int, int] | None = None
        try:
            while True:
                await wake.wait()
                wake = anyio.Event()
                # Read before sending: once finished, no report can follow this value.
                finished = state["finished"]
                if latest and latest[0] != sent:
                    sent = latest[0]
                    await ctx.report_progress(sent[0], sent[1], f"{sent[0]}/{sent[1]} {unit}")
                if finished:
                    return
        except anyio.get_cancelled_exc_class():
            state["cancelled"] = True  # the worker stops at its next report
            raise

    results: list[R] = []
    failures: list[Exception] = []
    async with anyio.create_task_group() as group:
        group.start_soon(sender)
        try:
            results.append(await anyio.to_thread.run_sync(lambda: work(report)))
        except ToolCancelled:
            await anyio.lowlevel.checkpoint()  # inside the cancelled scope: raises cancellation
            raise
        except Exception as exc:  # raised after the group, not wrapped in an ExceptionGroup
            failures.append(exc)
        finally:
            state["finished"] = True
            set_wake()  # the sender flushes the last value; the group joins it before return
    if failures:
        raise failures[0]
    return results[0]


# Not read-only; idempotent (the same call twice changes nothing more); destructive because
# it may replace values this agent set earlier (never entries or other agents' values).
UPSERT = ToolAnnotations.model_validate(
    {"readOnlyHint": False, "destructiveHint": True, "idempotentHint": True, "openWorldHint": False}
)
