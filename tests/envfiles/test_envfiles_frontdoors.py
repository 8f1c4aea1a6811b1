"""read_env_files through the CLI and an in-memory MCP session."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import Any

import mcp
from typer.testing import CliRunner

from integration_risk.cli import app
from mcp_server.server import server

SECRET = "Qm7Xw2Lp9Zr4Tn6Vb1"


def make_repo(root: Path) -> Path:
    (root / ".env").write_text(f"STRIPE_SECRET_KEY=sk_live_{SECRET}\nPORT=8080\n")
    (root / "app.js").write_text("const k = process.env.STRIPE_SECRET_KEY;\n")
    return root


def test_cli_json_goes_to_stdout_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["env", str(make_repo(tmp_path)), "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    stripe = next(k for k in data["keys"] if k["name"] == "STRIPE_SECRET_KEY")
    assert stripe["defined"][0]["format"] == "stripe-live-secret-key"
    assert stripe["reads"] == 1 and stripe["first_read"] == "app.js:1"
    assert SECRET[:6] not in result.stdout


def test_cli_table_and_root_option(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    make_repo(tmp_path / "svc")
    result = CliRunner().invoke(app, ["env", "svc", "--root", str(tmp_path)])
    assert result.exit_code == 0
    assert "STRIPE_SECRET_KEY" in result.stdout and "8080" in result.stdout
    assert SECRET[:6] not in result.stdout


def test_cli_errors_exit_2_with_a_hint(tmp_path: Path) -> None:
    runner = CliRunner()
    bad_format = runner.invoke(app, ["env", str(tmp_path), "--format", "xml"])
    assert bad_format.exit_code == 2 and "--format json" in bad_format.stderr
    outside = runner.invoke(app, ["env", "..", "--root", str(tmp_path)])
    assert outside.exit_code == 2 and "outside the project root" in outside.stderr


async def _session(root: Path, arguments: dict[str, Any]) -> tuple[Any, Any]:
    os.environ["CLAUDE_PROJECT_DIR"] = str(root)
    try:
        async with mcp.Client(server) as client:
            tools = await client.list_tools()
            result = await client.call_tool("read_env_files", arguments)
    finally:
        os.environ.pop("CLAUDE_PROJECT_DIR", None)
    tool = next(t for t in tools.tools if t.name == "read_env_files")
    return tool, result


def test_mcp_tool_is_read_only_and_returns_structured_content(tmp_path: Path) -> None:
    tool, result = asyncio.run(_session(make_repo(tmp_path), {"path": "."}))
    assert tool.annotations.read_only_hint is True
    assert tool.annotations.destructive_hint is False
    assert tool.output_schema is not None and "keys" in tool.output_schema["properties"]
    assert "cat/grep" in (tool.description or "")
    assert not result.is_error
    content = result.structured_content
    assert content["summary"]["keys"] == 2
    port = next(k for k in content["keys"] if k["name"] == "PORT")
    assert port["defined"] == [
        {"kind": "number", "value": "8080", "at": ".env:2", "source": "dotenv"}
    ]  # compact: empty fields left out
    assert SECRET[:6] not in json.dumps(content)


def test_mcp_bad_path_is_an_error_result_that_says_what_to_do(tmp_path: Path) -> None:
    _, result = asyncio.run(_session(tmp_path, {"path": "../elsewhere"}))
    assert result.is_error
    text = " ".join(getattr(block, "text", "") for block in result.content)
    assert "outside the project root" in text and "relative paths" in text


def test_mcp_files_argument(tmp_path: Path) -> None:
    make_repo(tmp_path)
    (tmp_path / "other.env").write_text("ONLY_ME=1\n")
    _, result = asyncio.run(_session(tmp_path, {"files": ["other.env"]}))
    assert [k["name"] for k in result.structured_content["keys"]] == ["ONLY_ME"]
