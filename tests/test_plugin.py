"""The Claude Code plugin files, and the server launched exactly as plugin.json declares it."""

from __future__ import annotations

import json
import os
import re
import select
import struct
import subprocess
import time
import tomllib
from pathlib import Path
from typing import Any

import anyio
import mcp
import pytest
import yaml

from mcp_server.server import server

CHECKOUT = Path(__file__).resolve().parent.parent
PLUGIN_DIR = CHECKOUT / ".claude-plugin"
TOOL_NAME = re.compile(r"^mcp__plugin_(?P<plugin>[\w-]+?)_(?P<server>[\w-]+)__(?P<tool>\w+)$")


def load_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def plugin() -> dict[str, Any]:
    return load_json(PLUGIN_DIR / "plugin.json")


def frontmatter(path: Path) -> tuple[dict[str, Any], str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    assert match, f"{path.name}: no YAML frontmatter"
    meta: dict[str, Any] = yaml.safe_load(match.group(1))
    return meta, match.group(2)


def in_memory_tool_names() -> set[str]:
    async def names() -> set[str]:
        async with mcp.Client(server) as client:
            return {tool.name for tool in (await client.list_tools()).tools}

    return anyio.run(names)


def launch_command(root: Path) -> tuple[str, list[str]]:
    """The single server of plugin.json with ${CLAUDE_PLUGIN_ROOT} expanded, as Claude Code does."""
    (entry,) = plugin()["mcpServers"].values()
    args = [arg.replace("${CLAUDE_PLUGIN_ROOT}", str(root)) for arg in entry["args"]]
    return entry["command"], args


def launch_env(root: Path, project: Path) -> dict[str, str]:
    """The environment Claude Code gives the server: its own plus plugin.json's `env`."""
    (entry,) = plugin()["mcpServers"].values()
    extra = {
        key: value.replace("${CLAUDE_PLUGIN_ROOT}", str(root))
        for key, value in entry.get("env", {}).items()
    }
    return {
        **os.environ,
        **extra,
        "CLAUDE_PLUGIN_ROOT": str(root),
        "CLAUDE_PROJECT_DIR": str(project),
    }


def test_plugin_manifest_shape() -> None:
    manifest = plugin()
    pyproject = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))
    assert manifest["name"] == "integration-risk"
    assert manifest["version"] == pyproject["project"]["version"]
    assert len(manifest["description"]) > 40
    assert manifest["network"] == {"hosts": []}, "the server itself reaches no network host"
    servers = manifest["mcpServers"]
    assert list(servers) == ["integration-risk"]
    entry = servers["integration-risk"]
    assert entry["command"] == "uv", "a user needs nothing but uv"
    assert "${CLAUDE_PLUGIN_ROOT}" in entry["args"]
    assert entry["args"][-2:] == ["integration-risk", "serve"]
    # --project (not --directory) keeps the working directory in the user's project.
    assert "--project" in entry["args"] and "--directory" not in entry["args"]
    assert "--frozen" in entry["args"], "install exactly the locked versions"
    assert "--no-dev" in entry["args"], "users get no test or lint tools"
    # Measured (benchmarks/startup.py --first-start): UV_COMPILE_BYTECODE=1 makes uv
    # compile all of site-packages on the first start (50 s vs 13 s) and re-check it on
    # every `uv run` (1.4-5 s vs 0.2 s); Python's own lazy .pyc writes are cheaper.
    assert "UV_COMPILE_BYTECODE" not in entry.get("env", {})
    # A root .mcp.json would also load as this repository's own project config.
    assert not (CHECKOUT / ".mcp.json").exists()


def test_icon_is_a_square_png_of_accepted_size() -> None:
    icon = CHECKOUT / plugin()["icon"]
    data = icon.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == height and 512 <= width <= 2048
    assert len(data) < 2 * 1024 * 1024


def test_marketplace_lists_this_plugin() -> None:
    market = load_json(PLUGIN_DIR / "marketplace.json")
    manifest = plugin()
    assert market["name"] and " " not in market["name"]
    assert market["owner"]["name"]
    (entry,) = market["plugins"]
    assert entry["name"] == manifest["name"]
    assert entry["source"] == "./"
    assert entry["version"] == manifest["version"]
    assert entry["description"]


@pytest.mark.parametrize(
    ("agent", "model"),
    [("integration-mapper", "sonnet"), ("integration-failure-expert", "haiku")],
)
def test_agent_frontmatter(agent: str, model: str) -> None:
    meta, body = frontmatter(CHECKOUT / "agents" / f"{agent}.md")
    assert meta["name"] == agent
    assert meta["model"] == model
    assert len(meta["description"]) > 80
    assert "mcpServers" not in meta, "plugin agents ignore mcpServers in their frontmatter"
    tools = meta["tools"]
    assert isinstance(tools, list) and tools
    assert not [t for t in tools if "*" in t], "no wildcards: older Claude Code rejects them"
    assert any(t.startswith("mcp__") for t in tools)
    assert len(body.split()) > 150


def test_every_agent_tool_exists_on_the_server() -> None:
    manifest = plugin()
    (server_name,) = manifest["mcpServers"]
    exposed = in_memory_tool_names()
    for path in sorted((CHECKOUT / "agents").glob("*.md")):
        meta, _ = frontmatter(path)
        for name in meta["tools"]:
            if not name.startswith("mcp__"):
                continue
            prefix = f"mcp__plugin_{manifest['name']}_{server_name}__"
            assert name.startswith(prefix), f"{path.name}: {name} is not exposed by this plugin"
            assert name.removeprefix(prefix) in exposed, f"{path.name}: no tool {name}"


def test_commands_delegate_to_existing_agents() -> None:
    agents = {path.stem for path in (CHECKOUT / "agents").glob("*.md")}
    commands = sorted((CHECKOUT / "commands").glob("*.md"))
    assert {path.stem for path in commands} == {"map", "pre-mortem"}
    for path in commands:
        meta, body = frontmatter(path)
        assert meta["description"]
        assert "$ARGUMENTS" in body
        # The client only knows plugin agents by their qualified type.
        named = [a for a in agents if f"`integration-risk:{a}`" in body]
        assert named, f"{path.name} names no agent by its qualified type"
        assert f'subagent_type: "integration-risk:{named[0]}"' in body


@pytest.mark.slow
def test_declared_launch_command_serves_tools_over_stdio(tmp_path: Path) -> None:
    """Start exactly what plugin.json declares; initialize, tools/list and one call over stdio."""
    project = tmp_path / "project"
    (project / ".claude" / "memory").mkdir(parents=True)
    (project / ".claude" / "memory" / "glossary.json").write_text(
        '{"integrations": {"OrdersDB": {"type": "database"}}}'
    )
    command, args = launch_command(CHECKOUT)
    params = mcp.StdioServerParameters(
        command=command,
        args=args,
        env=launch_env(CHECKOUT, project),
        cwd=str(project),
    )

    async def session() -> tuple[set[str], dict[str, Any] | None, str]:
        async with mcp.Client(params, mode="legacy", read_timeout_seconds=60) as client:
            info = client.session.initialize_result
            tools = {tool.name for tool in (await client.list_tools()).tools}
            called = await client.call_tool("read_glossary", {})
            return tools, called.structured_content, info.server_info.name if info else ""

    tools, glossary, server_name = anyio.run(session)
    assert server_name == "integration-risk"
    assert tools == in_memory_tool_names()
    assert "read_glossary" in tools
    assert glossary is not None and list(glossary["integrations"]) == ["OrdersDB"]


def read_message(proc: subprocess.Popen[bytes], deadline: float) -> dict[str, Any]:
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            line = proc.stdout.readline()
            assert line, "server closed stdout"
            message: dict[str, Any] = json.loads(line)
            return message
    raise AssertionError("no answer from the server in time")


@pytest.mark.slow
def test_raw_wire_tools_list_uses_camelcase(tmp_path: Path) -> None:
    """Read the bytes the server writes: annotations arrive as readOnlyHint, not read_only_hint."""
    command, args = launch_command(CHECKOUT)
    proc = subprocess.Popen(
        [command, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={
            **os.environ,
            "CLAUDE_PLUGIN_ROOT": str(CHECKOUT),
            "CLAUDE_PROJECT_DIR": str(tmp_path),
        },
        cwd=tmp_path,
    )
    assert proc.stdin is not None
    deadline = time.monotonic() + 60
    try:

        def send(message: dict[str, Any]) -> None:
            assert proc.stdin is not None
            proc.stdin.write((json.dumps(message) + "\n").encode())
            proc.stdin.flush()

        send(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {
                    "protocolVersion": "2025-06-18",
                    "capabilities": {},
                    "clientInfo": {"name": "wire-test", "version": "0"},
                },
            }
        )
        assert read_message(proc, deadline)["id"] == 1
        send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        send({"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
        answer = read_message(proc, deadline)
        while answer.get("id") != 2:
            answer = read_message(proc, deadline)
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    tools = answer["result"]["tools"]
    assert tools
    for tool in tools:
        assert {"readOnlyHint", "destructiveHint", "openWorldHint"} <= set(tool["annotations"])
        assert "outputSchema" in tool and "inputSchema" in tool
