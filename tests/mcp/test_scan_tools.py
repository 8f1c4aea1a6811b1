"""scan_integrations and grep_integrations through an in-memory MCP client."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integration_risk.catalog.index import catalog_index
from integration_risk.scan import grep as grep_module
from tests.mcp_client import call, write

pytestmark = pytest.mark.anyio


async def test_scan_answers_with_structured_compact_evidence(project: Path) -> None:
    write(
        project,
        {"app/pay.py": "import stripe\nstripe.api_key = 'x'\n", "app/db.py": "import psycopg2\n"},
    )
    result = await call("scan_integrations", {})
    assert not result.is_error
    data = result.structured_content
    ids = [i["id"] for i in data["integrations"]]
    assert set(ids) == {"stripe", "postgresql"}
    stripe = next(i for i in data["integrations"] if i["id"] == "stripe")
    assert stripe["where"][0] == "app/pay.py:1 import: import stripe"
    assert "evidence" not in stripe and "test_only" not in stripe  # empty fields left out


async def test_default_answer_stays_small_on_a_large_project(project: Path) -> None:
    # One file per catalog provider with a client package import: far more than one page.
    index = catalog_index()
    files = {}
    for n, (module, _pid) in enumerate(sorted(index.imports.get("python", {}).items())[:120]):
        files[f"svc{n % 7}/module_{n}/client_{n}.py"] = f"import {module}\n" * 3
    write(project, files)
    result = await call("scan_integrations", {})
    size = len(json.dumps(result.structured_content, separators=(",", ":")))
    assert result.structured_content["next_cursor"] is not None
    assert size < 8_000, size


async def test_scan_reports_progress(project: Path) -> None:
    write(project, {f"pkg/m{n}.py": "import os\n" for n in range(450)})
    progress: list[tuple[float, float | None]] = []
    result = await call("scan_integrations", {}, progress)
    assert not result.is_error
    assert progress and progress[-1] == (450, 450)


async def test_scan_bad_arguments_are_actionable_errors(project: Path) -> None:
    write(project, {"a.py": "import stripe\n"})
    outside = await call("scan_integrations", {"path": "../"})
    assert outside.is_error and "outside the project root" in outside.content[0].text
    category = await call("scan_integrations", {"categories": ["payments"]})
    assert category.is_error and "use some of" in category.content[0].text
    cursor = await call("scan_integrations", {"cursor": "not-a-cursor"})
    assert cursor.is_error and "next_cursor" in cursor.content[0].text


async def test_grep_by_provider_and_by_regex(project: Path) -> None:
    write(
        project,
        {
            "app/pay.py": "import stripe\n\ndef charge():\n    return stripe.PaymentIntent.create(amount=1)\n",
            "web/checkout.ts": "import Stripe from 'stripe';\n",
        },
    )
    by_provider = (
        await call("grep_integrations", {"provider_or_pattern": "stripe"})
    ).structured_content
    assert by_provider["mode"] == "provider"
    assert {(m["path"], m["line"]) for m in by_provider["matches"]} == {
        ("app/pay.py", 1),
        ("web/checkout.ts", 1),
    }
    by_regex = (
        await call(
            "grep_integrations",
            {"provider_or_pattern": r"PaymentIntent\.create", "context_lines": 1},
        )
    ).structured_content
    assert by_regex["mode"] == "regex"
    assert [(m["path"], m["line"]) for m in by_regex["matches"]] == [("app/pay.py", 4)]
    assert by_regex["matches"][0]["context"][0].startswith("3: def charge")


async def test_grep_pages_with_a_cursor(project: Path) -> None:
    write(project, {"notes.py": "\n".join(f"x{n} = 'todo'" for n in range(7)) + "\n"})
    first = (
        await call("grep_integrations", {"provider_or_pattern": "todo", "limit": 5})
    ).structured_content
    assert len(first["matches"]) == 5 and first["total"] == 7
    second = (
        await call(
            "grep_integrations",
            {"provider_or_pattern": "todo", "limit": 5, "cursor": first["next_cursor"]},
        )
    ).structured_content
    assert [m["line"] for m in second["matches"]] == [6, 7] and second["next_cursor"] is None


@pytest.mark.slow
async def test_grep_invalid_and_catastrophic_regexes_fail_cleanly(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, {"data.py": "s = '" + "a" * 40 + "!'\n"})
    invalid = await call("grep_integrations", {"provider_or_pattern": "(unclosed"})
    assert invalid.is_error and "invalid regex" in invalid.content[0].text
    monkeypatch.setattr(grep_module, "REGEX_BUDGET_SECONDS", 0.5)
    slow = await call("grep_integrations", {"provider_or_pattern": r"(a|aa)+$"})
    assert slow.is_error and "catastrophic backtracking" in slow.content[0].text


async def test_grep_never_shows_or_probes_env_values(project: Path) -> None:
    write(
        project,
        {
            ".env": "DB_PASSWORD=plainhunter2\nAPI_URL=https://api.acme-corp.dev\n",
            "app/settings.py": "password = 'plainhunter2'\n",
        },
    )
    probe = (
        await call("grep_integrations", {"provider_or_pattern": "plainhunter"})
    ).structured_content
    assert probe["matches"] == [] and probe["total"] == 0
    keys = (
        await call("grep_integrations", {"provider_or_pattern": "DB_PASSWORD|API_URL"})
    ).structured_content
    assert [m["snippet"] for m in keys["matches"]] == ["DB_PASSWORD=***", "API_URL=***"]
