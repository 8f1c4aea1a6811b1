"""An agent's markdown: frontmatter (name, model, tools) and body (the system prompt)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from integration_risk.errors import InvalidInput

AGENTS = ("integration-mapper", "integration-failure-expert")
MCP_PREFIX = "mcp__plugin_integration-risk_integration-risk__"
# Claude Code's aliases, mapped to the model ids current when this was written. Override
# one alias with INTEGRATION_RISK_MODEL_<ALIAS> (e.g. ..._SONNET) or a run with --model.
MODEL_ALIASES = {
    "sonnet": "claude-sonnet-5-5",
    "haiku": "claude-haiku-5-5",
    "opus": "claude-opus-5-5",
}
_FRONTMATTER = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)


@dataclass(frozen=True)
class AgentDefinition:
    name: str
    model: str
    tools: tuple[str, ...]
    system_prompt: str
    path: Path


def agents_dir() -> Path:
    """`agents/` of the plugin checkout (or CLAUDE_PLUGIN_ROOT), else the packaged copy."""
    candidates = []
    if os.environ.get("CLAUDE_PLUGIN_ROOT"):
        candidates.append(Path(os.environ["CLAUDE_PLUGIN_ROOT"]) / "agents")
    candidates += [Path(__file__).resolve().parents[3] / "agents", Path(__file__).parent / "agents"]
    for candidate in candidates:
        if (candidate / f"{AGENTS[0]}.md").is_file():
            return candidate
    raise InvalidInput(
        "the agents' markdown files were not found",
        "run from a checkout of the plugin or set CLAUDE_PLUGIN_ROOT to it",
    )


def load_agent(name: str, directory: Path | None = None) -> AgentDefinition:
    import yaml

    if name not in AGENTS:
        raise InvalidInput(f"unknown agent {name!r}", f"use one of: {', '.join(AGENTS)}")
    path = (directory or agents_dir()) / f"{name}.md"
    match = _FRONTMATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        raise InvalidInput(f"{path} has no YAML frontmatter", "start it with a --- block")
    meta = yaml.safe_load(match.group(1)) or {}
    tools = meta.get("tools") or []
    if isinstance(tools, str):
        tools = [tool.strip() for tool in tools.split(",") if tool.strip()]
    return AgentDefinition(
        name=str(meta.get("name", name)),
        model=str(meta.get("model", "sonnet")),
        tools=tuple(str(tool) for tool in tools),
        system_prompt=match.group(2).strip(),
        path=path,
    )


def resolve_model(alias_or_id: str, override: str | None = None) -> str:
    """`--model` wins; else an alias maps through MODEL_ALIASES (env-overridable);
    anything else is taken as a model id."""
    if override:
        return resolve_model(override)
    alias = alias_or_id.strip().lower()
    if alias in MODEL_ALIASES:
        return os.environ.get(f"INTEGRATION_RISK_MODEL_{alias.upper()}") or MODEL_ALIASES[alias]
    return alias_or_id.strip()
