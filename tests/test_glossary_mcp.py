"""read_glossary / update_glossary through an in-memory MCP client."""

from __future__ import annotations

from pathlib import Path

import mcp
import pytest

from mcp_server.server import server

pytestmark = pytest.mark.anyio


async def test_annotations_are_honest() -> None:
    async with mcp.Client(server) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    read, update = tools["read_glossary"].annotations, tools["update_glossary"].annotations
    assert read is not None and read.read_only_hint is True
    assert update is not None and update.read_only_hint is False
    assert update.idempotent_hint is True and update.destructive_hint is True
    assert tools["update_glossary"].output_schema is not None


async def test_update_then_read_by_alias(project: Path) -> None:
    entries = {"StripePayment": {"canonical_name": "Stripe Payment Gateway", "risk_level": "high"}}
    async with mcp.Client(server) as client:
        result = await client.call_tool(
            "update_glossary", {"entries": entries, "discovered_by": "integration-mapper"}
        )
        assert not result.is_error
        assert result.structured_content is not None
        assert result.structured_content["created"] == ["StripePayment"]
        again = await client.call_tool(
            "update_glossary", {"entries": entries, "discovered_by": "integration-mapper"}
        )
        assert again.structured_content is not None
        assert again.structured_content["unchanged"] == ["StripePayment"]
        read = await client.call_tool("read_glossary", {"key": "stripe"})
    assert read.structured_content is not None
    entry = read.structured_content["integrations"]["StripePayment"]
    assert entry["discovered_by"] == "integration-mapper"
    assert "category" not in entry  # unset fields stay out of the result
    assert (project / ".claude" / "memory" / "glossary.json").is_file()


async def test_corrupt_glossary_is_an_error_result(project: Path) -> None:
    path = project / ".claude" / "memory" / "glossary.json"
    path.parent.mkdir(parents=True)
    path.write_text("{", encoding="utf-8")
    async with mcp.Client(server) as client:
        result = await client.call_tool(
            "update_glossary", {"entries": {"A": {"type": "db"}}, "discovered_by": "a"}
        )
    assert result.is_error
    assert "glossary repair" in str(result.content)
    assert path.read_text(encoding="utf-8") == "{"
