"""The MCP prompts mirror the slash commands: same names, same argument, same deliverable."""

from __future__ import annotations

from pathlib import Path

import mcp
import pytest

from mcp_server.server import server

pytestmark = pytest.mark.anyio
CHECKOUT = Path(__file__).resolve().parents[2]


async def test_prompts_are_listed_with_the_command_names_and_one_described_argument() -> None:
    async with mcp.Client(server) as client:
        listed = {prompt.name: prompt for prompt in (await client.list_prompts()).prompts}
    commands = {path.stem for path in (CHECKOUT / "commands").glob("*.md")}
    assert set(listed) == commands == {"map", "pre-mortem"}
    for prompt in listed.values():
        assert prompt.description and prompt.arguments
        (argument,) = prompt.arguments
        assert argument.description and not argument.required


@pytest.mark.parametrize(
    ("name", "arguments", "expected"),
    [
        (
            "map",
            {"path": "services/api"},
            ["`services/api`", "write_risk_report", "inspect_call_sites"],
        ),
        ("map", {}, ["the whole project", "INTEGRATION_RISK_ANALYSIS.md"]),
        (
            "pre-mortem",
            {"base": "release-1.2"},
            ["`release-1.2`", "changed_integrations", "write_failure_analysis"],
        ),
        ("pre-mortem", {}, ["`main`", "PRE_MORTEM_"]),
    ],
)
async def test_prompt_text_carries_the_argument_and_the_deliverable(
    name: str, arguments: dict[str, str], expected: list[str]
) -> None:
    async with mcp.Client(server) as client:
        result = await client.get_prompt(name, arguments)
    (message,) = result.messages
    text = getattr(message.content, "text", "")
    for fragment in expected:
        assert fragment in text
