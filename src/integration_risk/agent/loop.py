"""The tool loop over the Messages API: ask, run the tools the model calls, repeat."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from integration_risk.agent.definition import MCP_PREFIX, AgentDefinition, resolve_model
from integration_risk.agent.tools import call_tool, definitions
from integration_risk.errors import IntegrationRiskError

# Tools whose result names the delivered document (field `path`).
DELIVERY_TOOLS = ("write_risk_report", "write_failure_analysis")
RETRYABLE_STATUS = {408, 409, 429, 500, 502, 503, 504, 529}
Log = Callable[[str], None]


class AgentFailed(IntegrationRiskError):
    """The run could not finish: no API key, the API kept failing, or too many turns."""


@dataclass
class AgentRun:
    agent: str
    model: str
    turns: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    tool_calls: int = 0
    tool_errors: int = 0
    tool_output_bytes: int = 0
    delivered: list[str] = field(default_factory=list)
    final_text: str = ""


def task_text(agent: AgentDefinition, scope: str, base: str | None) -> str:
    where = (
        "the whole project" if scope in ("", ".") else f"`{scope}` (relative to the project root)"
    )
    if agent.name == "integration-failure-expert":
        ref = base or "main"
        return (
            f"Run an integration pre-mortem of the changes since the git ref `{ref}` in {where}. "
            "Deliver your analysis with write_failure_analysis and record verdicts in the glossary."
        )
    scope_note = f" Compare with the git ref `{base}` where it helps." if base else ""
    return (
        f"Map the external integrations of {where} and how each will fail.{scope_note} "
        "Deliver the report with write_risk_report and record every integration in the glossary."
    )


def _client(max_retries: int = 0) -> Any:
    import anthropic

    if not os.environ.get("ANTHROPIC_API_KEY"):
        raise AgentFailed(
            "ANTHROPIC_API_KEY is not set",
            "export ANTHROPIC_API_KEY=... (and ANTHROPIC_BASE_URL for a proxy or gateway)",
        )
    return anthropic.Anthropic(max_retries=max_retries)


def _create(client: Any, request: dict[str, Any], attempts: int, backoff: float, log: Log) -> Any:
    """One Messages call, retried with exponential backoff on transient failures."""
    import anthropic

    for attempt in range(1, attempts + 1):
        try:
            return client.messages.create(**request)
        except anthropic.APIStatusError as exc:
            if exc.status_code not in RETRYABLE_STATUS or attempt == attempts:
                raise AgentFailed(
                    f"the Messages API answered {exc.status_code}: {exc.message}",
                    "check the model id, the API key and your quota, then run again",
                ) from None
            reason = str(exc.status_code)
        except (anthropic.APIConnectionError, anthropic.APITimeoutError) as exc:
            if attempt == attempts:
                raise AgentFailed(
                    f"cannot reach the Messages API: {exc}",
                    "check the network and ANTHROPIC_BASE_URL, then run again",
                ) from None
            reason = type(exc).__name__
        delay = min(backoff * 2 ** (attempt - 1), 30.0)
        log(f"  API {reason}; retry {attempt}/{attempts - 1} in {delay:.1f}s")
        time.sleep(delay)
    raise AssertionError("unreachable")


def _describe(name: str, arguments: dict[str, Any]) -> str:
    shown = ", ".join(
        f"{k}={v!r}" for k, v in arguments.items() if k not in ("report", "analysis", "entries")
    )
    return f"{name.removeprefix(MCP_PREFIX)}({shown[:120]})"


def run_agent(
    agent: AgentDefinition,
    root: Path,
    *,
    scope: str = ".",
    base: str | None = None,
    model: str | None = None,
    max_turns: int = 40,
    max_tokens: int = 16000,
    attempts: int = 5,
    backoff: float = 1.0,
    log: Log = lambda line: None,
) -> AgentRun:
    client = _client()
    run = AgentRun(agent=agent.name, model=resolve_model(agent.model, model))
    tools = definitions(agent.tools)
    messages: list[dict[str, Any]] = [{"role": "user", "content": task_text(agent, scope, base)}]
    log(f"{agent.name} on {root} with {run.model}, {len(tools)} tools")
    while True:
        if run.turns >= max_turns:
            raise AgentFailed(
                f"the agent did not finish within {max_turns} turns",
                "raise --max-turns or narrow the scope with PATH",
            )
        run.turns += 1
        request = {
            "model": run.model,
            "max_tokens": max_tokens,
            "system": agent.system_prompt,
            "tools": tools,
            "messages": messages,
        }
        response = _create(client, request, attempts, backoff, log)
        usage = response.usage
        run.input_tokens += usage.input_tokens or 0
        run.output_tokens += usage.output_tokens or 0
        run.cache_read_tokens += getattr(usage, "cache_read_input_tokens", 0) or 0
        content = [block.model_dump(mode="json", exclude_none=True) for block in response.content]
        messages.append({"role": "assistant", "content": content})
        texts = [block["text"] for block in content if block.get("type") == "text"]
        if texts:
            run.final_text = "\n".join(texts)
        calls = [block for block in content if block.get("type") == "tool_use"]
        if response.stop_reason != "tool_use" or not calls:
            log(f"turn {run.turns}: done ({response.stop_reason})")
            return run
        results = []
        for call in calls:
            outcome = call_tool(root, call["name"], call.get("input") or {})
            run.tool_calls += 1
            run.tool_errors += outcome.is_error
            run.tool_output_bytes += len(outcome.text.encode())
            status = "ERROR " if outcome.is_error else ""
            log(
                f"turn {run.turns}: {_describe(call['name'], call.get('input') or {})} -> {status}{len(outcome.text)} B"
            )
            if outcome.is_error:
                log(f"  {outcome.text[:300]}")
            short = call["name"].removeprefix(MCP_PREFIX)
            if short in DELIVERY_TOOLS and not outcome.is_error and outcome.data:
                path = outcome.data.get("path")
                if isinstance(path, str):
                    run.delivered.append(path)
            result: dict[str, Any] = {
                "type": "tool_result",
                "tool_use_id": call["id"],
                "content": outcome.text,
            }
            if outcome.is_error:
                result["is_error"] = True
            results.append(result)
        messages.append({"role": "user", "content": results})
