"""The MCP server in memory: tool metadata on the wire, read_glossary, project root."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import mcp
import pytest
from mcp import types
from mcp.client.context import ClientRequestContext
from mcp.server.mcpserver import MCPServer
from pydantic import Field

from mcp_server.server import server

pytestmark = pytest.mark.anyio


def write_glossary(root: Path, text: str) -> Path:
    path = root / ".claude" / "memory" / "glossary.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def wire_tools() -> list[dict[str, Any]]:
    """tools/list exactly as it is serialised on the wire (camelCase aliases)."""
    async with mcp.Client(server) as client:
        listed = await client.list_tools()
    wire = json.loads(listed.model_dump_json(by_alias=True, exclude_none=True))
    tools: list[dict[str, Any]] = wire["tools"]
    return tools


async def test_every_tool_has_schemas_description_and_camelcase_annotations() -> None:
    tools = await wire_tools()
    assert tools, "the server lists no tool"
    for tool in tools:
        name = tool["name"]
        assert len(tool.get("description", "")) > 40, f"{name}: description is for the model"
        assert "\n    " not in tool["description"], f"{name}: docstring indentation leaked"
        assert tool["inputSchema"]["type"] == "object", name
        assert tool["outputSchema"]["type"] == "object", f"{name}: return a pydantic model"
        annotations = tool["annotations"]
        assert "readOnlyHint" in annotations, f"{name}: annotations must use camelCase on the wire"
        assert "read_only_hint" not in annotations
        assert isinstance(annotations["readOnlyHint"], bool)


def undocumented_inputs(tools: list[dict[str, Any]]) -> list[str]:
    return [
        f"{tool['name']}.{field}"
        for tool in tools
        for field, schema in tool["inputSchema"].get("properties", {}).items()
        if not schema.get("description")
    ]


async def test_every_input_field_has_a_description() -> None:
    assert undocumented_inputs(await wire_tools()) == []


async def test_input_description_check_catches_a_bare_parameter() -> None:
    """The pattern tools must use (Annotated + Field) passes; a bare parameter is caught."""
    probe: MCPServer[Any] = MCPServer("probe")

    @probe.tool()
    async def bare(path: str = ".") -> str:
        """Bare parameter."""
        return path

    @probe.tool()
    async def documented(
        path: Annotated[str, Field(description="Directory relative to the project root.")] = ".",
    ) -> str:
        """Documented parameter."""
        return path

    async with mcp.Client(probe) as client:
        listed = await client.list_tools()
    tools = json.loads(listed.model_dump_json(by_alias=True, exclude_none=True))["tools"]
    assert undocumented_inputs(tools) == ["bare.path"]


async def test_read_glossary_is_marked_read_only() -> None:
    tools = {tool["name"]: tool for tool in await wire_tools()}
    assert tools["read_glossary"]["annotations"]["readOnlyHint"] is True
    assert tools["read_glossary"]["annotations"]["destructiveHint"] is False


async def test_read_glossary_returns_entries_as_structured_content(project: Path) -> None:
    write_glossary(
        project,
        json.dumps(
            {
                "integrations": {
                    "StripePayment": {
                        "canonical_name": "Stripe Payment Gateway",
                        "type": "external-api",
                        "risk_level": "critical",
                        "owner_note": "kept",
                    }
                },
                "terms": {"SKU": "stock keeping unit"},
            }
        ),
    )
    async with mcp.Client(server) as client:
        result = await client.call_tool("read_glossary", {})
    assert not result.is_error
    data = result.structured_content
    assert data is not None
    assert data["exists"] is True
    assert data["path"] == ".claude/memory/glossary.json"
    entry = data["integrations"]["StripePayment"]
    assert entry["canonical_name"] == "Stripe Payment Gateway"
    assert entry["owner_note"] == "kept"
    assert data["other_sections"] == ["terms"]


async def test_read_glossary_absent_is_an_empty_glossary(project: Path) -> None:
    async with mcp.Client(server) as client:
        result = await client.call_tool("read_glossary", {})
    assert not result.is_error
    assert result.structured_content is not None
    assert result.structured_content["exists"] is False
    assert result.structured_content["integrations"] == {}
    assert not (project / ".claude").exists(), "reading must not create anything"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "must hold a JSON object"),
        ('{"integrations": []}', "does not match the glossary schema at integrations"),
        ('{"integrations": {"X": {"risk_level": 3}}}', "integrations.X.risk_level"),
    ],
)
async def test_corrupt_glossary_is_an_actionable_error(
    project: Path, content: str, expected: str
) -> None:
    path = write_glossary(project, content)
    async with mcp.Client(server) as client:
        result = await client.call_tool("read_glossary", {})
    assert result.is_error
    text = " ".join(block.text for block in result.content if isinstance(block, types.TextContent))
    assert expected in text
    assert "fix" in text.lower(), "the error must say what to do next"
    assert path.read_text(encoding="utf-8") == content, "a corrupt file is left untouched"


def roots_callback(root: Path) -> Any:
    async def list_roots(context: ClientRequestContext) -> types.ListRootsResult:
        return types.ListRootsResult(roots=[types.Root(uri=root.as_uri(), name="project")])

    return list_roots


async def test_client_root_wins_over_environment(project: Path, tmp_path: Path) -> None:
    advertised = tmp_path / "advertised"
    write_glossary(advertised, '{"integrations": {"FromRoots": {"type": "database"}}}')
    write_glossary(project, '{"integrations": {"FromEnv": {"type": "cache"}}}')
    # Handshake-era clients (protocol <= 2025-11-25) can answer roots/list.
    callback = roots_callback(advertised)
    async with mcp.Client(server, list_roots_callback=callback, mode="legacy") as client:
        result = await client.call_tool("read_glossary", {})
    assert result.structured_content is not None
    assert list(result.structured_content["integrations"]) == ["FromRoots"]


async def test_modern_client_without_back_channel_falls_back_to_claude_project_dir(
    project: Path, tmp_path: Path
) -> None:
    # Claude Code 2.1.x negotiates 2026-07-28 and declares roots, but the server cannot
    # send roots/list on that protocol: CLAUDE_PROJECT_DIR must then decide.
    write_glossary(project, '{"integrations": {"FromEnv": {"type": "cache"}}}')
    async with mcp.Client(server, list_roots_callback=roots_callback(tmp_path)) as client:
        result = await client.call_tool("read_glossary", {})
    assert result.structured_content is not None
    assert list(result.structured_content["integrations"]) == ["FromEnv"]


async def test_working_directory_is_the_last_resort(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAUDE_PROJECT_DIR", raising=False)
    write_glossary(tmp_path, '{"integrations": {"FromCwd": {"type": "queue"}}}')
    monkeypatch.chdir(tmp_path)
    async with mcp.Client(server) as client:
        result = await client.call_tool("read_glossary", {})
    assert result.structured_content is not None
    assert list(result.structured_content["integrations"]) == ["FromCwd"]


async def test_missing_project_dir_is_an_error_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAUDE_PROJECT_DIR", str(tmp_path / "deleted"))
    async with mcp.Client(server) as client:
        result = await client.call_tool("read_glossary", {})
        again = await client.call_tool("read_glossary", {})
    assert result.is_error and again.is_error
    text = " ".join(block.text for block in result.content if isinstance(block, types.TextContent))
    assert "does not exist" in text


async def test_started_from_a_subfolder_the_server_works_on_the_project_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    sub = repo / "services" / "api"
    sub.mkdir(parents=True)
    monkeypatch.setenv("CLAUDE_PROJECT_DIR", str(sub))
    entry = {"OrdersDB": {"canonical_name": "Orders database", "type": "database"}}
    async with mcp.Client(server) as client:
        written = await client.call_tool(
            "update_glossary", {"entries": entry, "discovered_by": "test"}
        )
        read = await client.call_tool("read_glossary", {})
    assert not written.is_error
    assert (repo / ".claude" / "memory" / "glossary.json").is_file()
    assert not (sub / ".claude").exists(), "a second glossary in the subfolder"
    assert read.structured_content is not None
    assert list(read.structured_content["integrations"]) == ["OrdersDB"]
