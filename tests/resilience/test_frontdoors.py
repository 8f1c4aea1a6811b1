"""inspect_call_sites through the library, the CLI and MCP, and the scan's resilience block."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import mcp
import pytest

from integration_risk import api
from integration_risk.errors import InvalidInput
from mcp_server.server import server
from tests.conftest import TreeBuilder
from tests.shell import run_cli

APP = {
    "app/pay.py": (
        "import stripe\n\n\n"
        "def charge(order):\n"
        "    return stripe.PaymentIntent.create(amount=order.total, idempotency_key=order.key)\n\n\n"
        "def refund(order):\n"
        "    try:\n"
        "        return stripe.Refund.create(payment_intent=order.intent)\n"
        "    except stripe.error.StripeError:\n"
        "        return None\n"
    )
}


def test_inspect_call_sites_pages_sites_and_judges_the_integration(make_tree: TreeBuilder) -> None:
    root = make_tree(APP)
    first = api.inspect_call_sites(root, "stripe", max_sites=1)
    assert first.integration_id == "stripe"
    assert len(first.sites) == 1 and first.next_cursor
    rest = api.inspect_call_sites(root, "stripe", max_sites=50, cursor=first.next_cursor)
    lines = {s.line for s in first.sites + rest.sites}
    assert {5, 10} <= lines
    verdicts = first.resilience.verdicts
    assert verdicts["timeout"].verdict == "yes"  # stripe-python's 80 s default
    assert "library default" in " ".join(verdicts["timeout"].reasons)
    assert verdicts["fallback"].verdict in ("yes", "no")
    refund = next(s for s in first.sites + rest.sites if s.line == 10)
    assert refund.error_handling == "fallback"
    assert refund.function == "refund"
    assert 1 <= first.resilience.score <= 10 and first.resilience.score_reasons


def test_an_unknown_integration_says_what_to_call_first(make_tree: TreeBuilder) -> None:
    root = make_tree(APP)
    with pytest.raises(InvalidInput, match="scan_integrations"):
        api.inspect_call_sites(root, "no-such-system")


def test_cli_call_sites_json_and_scan_json_resilience(
    make_tree: TreeBuilder, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree(APP)
    code, out, _ = run_cli(["call-sites", "stripe", str(root), "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["resilience"]["verdicts"]["idempotency"]["verdict"] in ("yes", "no")
    code, out, _ = run_cli(["scan", str(root), "--format", "json"], capsys)
    assert code == 0
    stripe = next(i for i in json.loads(out)["integrations"] if i["id"] == "stripe")
    assert set(stripe["resilience"]) == {"timeout", "retry", "circuit_breaker"}
    assert stripe["resilience"]["timeout"] is True
    code, out, _ = run_cli(["call-sites", "stripe", str(root)], capsys)
    assert code == 0 and "stripe" in out and "timeout" in out


@pytest.mark.anyio
async def test_mcp_inspect_call_sites_is_compact_and_reports_progress(project: Path) -> None:
    for rel, text in APP.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text)
    progress: list[tuple[float, float | None]] = []

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        progress.append((done, total))

    async with mcp.Client(server) as client:
        result = await client.call_tool(
            "inspect_call_sites", {"integration_id": "stripe"}, progress_callback=on_progress
        )
        missing = await client.call_tool("inspect_call_sites", {"integration_id": "nope"})
    data: dict[str, Any] = result.structured_content or {}
    assert not result.is_error
    assert data["integration_id"] == "stripe" and data["sites"]
    assert len(json.dumps(data)) < 8000
    assert progress
    assert missing.is_error
