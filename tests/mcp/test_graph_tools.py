"""integration_graph and changed_integrations through an in-memory MCP client."""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest

from tests.mcp_client import call, write

pytestmark = pytest.mark.anyio


APP = {
    "web.py": "from flask import Flask\nimport billing\napp = Flask(__name__)\n\n@app.get('/pay')\ndef pay():\n    return billing.charge()\n",
    "billing.py": "import stripe\n\ndef charge():\n    return stripe.Charge.create()\n",
}


async def test_graph_answers_compactly_with_paths_and_progress(project: Path) -> None:
    write(project, APP)
    progress: list[tuple[float, float | None]] = []
    result = await call("integration_graph", {}, progress)
    assert not result.is_error, result
    data = result.structured_content
    stripe = data["integrations"][0]
    assert stripe["id"] == "stripe"
    assert stripe["example_path"] == ["web.py", "billing.py"]
    assert stripe["entry_share"] == 1.0
    assert progress
    assert len(json.dumps(data, separators=(",", ":"))) < 4_000


async def test_graph_errors_tell_what_to_do(project: Path) -> None:
    write(project, APP)
    unknown = await call("integration_graph", {"integration_id": "nope"})
    assert unknown.is_error and "scan_integrations" in unknown.content[0].text
    outside = await call("integration_graph", {"path": "../"})
    assert outside.is_error


async def test_changed_integrations_refuses_injection_and_non_git(project: Path) -> None:
    write(project, APP)
    not_git = await call("changed_integrations", {"base": "main"})
    assert not_git.is_error and "git" in not_git.content[0].text
    injected = await call("changed_integrations", {"base": "--output=/tmp/x"})
    assert injected.is_error and "starts with '-'" in injected.content[0].text


async def test_changed_integrations_in_a_repository(project: Path) -> None:
    write(project, APP)
    repo = git.Repo.init(project, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.com")
    repo.git.add(A=True)
    repo.index.commit("base")
    write(project, {"mail.py": "import sendgrid\n"})
    result = await call("changed_integrations", {"base": "main"})
    assert not result.is_error, result
    data = result.structured_content
    assert [i["id"] for i in data["added"]] == ["sendgrid"]
    assert data["inspect_first"] == ["mail.py:1 sendgrid import: import sendgrid"]
