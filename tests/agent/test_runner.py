"""The headless runner against a scripted Messages API on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from integration_risk.agent import load_agent, resolve_model, run_agent
from integration_risk.agent.definition import MCP_PREFIX
from integration_risk.agent.loop import AgentFailed
from tests.fake_messages_api import FakeMessagesAPI, result_text, text, tool_results, tool_use
from tests.shell import git

CLI = Path(sys.executable).parent / "integration-risk"


def mcp(name: str) -> str:
    return MCP_PREFIX + name


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    (root / ".git").mkdir(parents=True)
    (root / "app").mkdir()
    (root / "app" / "pay.py").write_text(
        "import os\nimport stripe\n\nstripe.api_key = os.environ['STRIPE_SECRET_KEY']\n\n"
        "def charge(amount):\n    return stripe.PaymentIntent.create(amount=amount, currency='usd')\n"
    )
    (root / "requirements.txt").write_text("stripe==11.0.0\n")
    (root / ".env.example").write_text("STRIPE_SECRET_KEY=sk_test_placeholder\n")
    return root


def turn_of(body: dict[str, Any]) -> int:
    return sum(1 for m in body["messages"] if m["role"] == "assistant")


STRIPE = {
    "id": "stripe",
    "name": "Stripe",
    "type": "Payment API",
    "criticality": {"score": 9, "reason": "every charge goes through it"},
    "used_by": ["checkout (app/pay.py)"],
    "failure_impact": {"immediate": "no payments", "user": "checkout fails"},
    "evidence": ["app/pay.py:7"],
}


def mapper_script(body: dict[str, Any]) -> list[dict[str, Any]] | int:
    turn = turn_of(body)
    if turn == 0:
        return [
            text("Reading what others know first."),
            tool_use(mcp("read_glossary"), {}),
            tool_use(mcp("scan_integrations"), {}),
        ]
    if turn == 1:
        return [
            tool_use(mcp("read_env_files"), {}),
            tool_use(mcp("inspect_call_sites"), {"integration_id": "stripe"}),
            tool_use(mcp("integration_graph"), {}),
            tool_use("Read", {"file_path": "app/pay.py", "offset": 6, "limit": 2}),
        ]
    if turn == 2:  # an invalid entry: the runner's schema check answers
        entry = {"canonical_name": "Stripe", "aliases": "stripe"}
        return [
            tool_use(
                mcp("update_glossary"),
                {"discovered_by": "integration-mapper", "entries": {"StripePayment": entry}},
            )
        ]
    if turn == 3:
        (previous,) = tool_results(body)
        if not previous.get("is_error"):
            return [text("expected a validation error")]
        entry = {
            "canonical_name": "Stripe Payment Gateway",
            "aliases": ["stripe"],
            "risk_level": "critical",
        }
        return [
            tool_use(
                mcp("update_glossary"),
                {"discovered_by": "integration-mapper", "entries": {"StripePayment": entry}},
            ),
            tool_use(mcp("draft_risk_report"), {}),
        ]
    if turn == 4:  # an invalid report: the library's validation answers
        bad = {**STRIPE, "criticality": {"score": 11, "reason": "too high"}}
        return [tool_use(mcp("write_risk_report"), {"report": {"integrations": [bad]}})]
    if turn == 5:
        (previous,) = tool_results(body)
        if not previous.get("is_error"):
            return [text("expected the report to be refused")]
        return [tool_use(mcp("write_risk_report"), {"report": {"integrations": [STRIPE]}})]
    return [text("Mapped 1 integration.")]


@pytest.mark.slow  # a whole agent run or a fresh process: seconds each
def test_mapper_runs_its_tools_corrects_invalid_calls_and_delivers(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agent = load_agent("integration-mapper")
    with FakeMessagesAPI(mapper_script).running() as api:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test")
        lines: list[str] = []
        run = run_agent(agent, shop, log=lines.append, backoff=0.01)
    first = api.requests[0]
    assert first["model"] == resolve_model(agent.model)
    assert [tool["name"] for tool in first["tools"]] == list(agent.tools)
    assert first["system"] == agent.system_prompt
    by_turn = [tool_results(body) for body in api.requests]
    assert run.tool_calls == sum(len(results) for results in by_turn) == 11
    scan_text = result_text(by_turn[1][1])
    assert json.loads(scan_text)["integrations"][0]["id"] == "stripe"
    assert "stripe.PaymentIntent.create" in result_text(by_turn[2][3]), "Read shows the call site"
    (invalid,) = by_turn[3]
    assert invalid.get("is_error") and "entries.StripePayment.aliases" in result_text(invalid)
    (refused,) = by_turn[5]
    assert refused.get("is_error") and "criticality" in result_text(refused)
    (written,) = by_turn[6]
    assert not written.get("is_error"), result_text(written)
    assert run.tool_errors == 2 and run.turns == 7
    report = shop / ".claude" / "memory" / "integrations" / "INTEGRATION_RISK_ANALYSIS.md"
    assert run.delivered == [".claude/memory/integrations/INTEGRATION_RISK_ANALYSIS.md"]
    assert "Stripe" in report.read_text()
    glossary = json.loads((shop / ".claude" / "memory" / "glossary.json").read_text())
    assert glossary["integrations"]["StripePayment"]["risk_level"] == "critical"
    assert run.input_tokens > 0 and run.output_tokens > 0 and run.tool_output_bytes > 1000
    assert any("inspect_call_sites(integration_id='stripe')" in line for line in lines)


def expert_script(body: dict[str, Any]) -> list[dict[str, Any]] | int:
    turn = turn_of(body)
    if turn == 0:
        return [tool_use(mcp("changed_integrations"), {"base": "main"})]
    if turn == 1:
        analysis = {
            "integration_points": [
                {
                    "source": "checkout",
                    "target": "Stripe",
                    "protocol": "HTTPS",
                    "risk": "high",
                    "integration_id": "stripe",
                }
            ],
            "predicted_failures": [],
        }
        return [tool_use(mcp("write_failure_analysis"), {"analysis": analysis, "name": "checkout"})]
    return [text("One boundary, one analysis.")]


@pytest.mark.slow  # a CLI subprocess and a fake API: runs in CI, not in the edit loop
def test_expert_delivers_its_own_analysis_through_the_cli(shop: Path) -> None:
    git(shop, "init", "-q", "-b", "main")
    git(shop, "commit", "-qm", "x", "--allow-empty")
    with FakeMessagesAPI(expert_script).running() as api:
        env = {**os.environ, "ANTHROPIC_BASE_URL": api.url, "ANTHROPIC_API_KEY": "test"}
        done = subprocess.run(
            [
                str(CLI),
                "agent",
                "run",
                "integration-failure-expert",
                str(shop / "app"),
                "--base",
                "main",
                "--max-turns",
                "5",
            ],
            capture_output=True,
            text=True,
            env=env,
        )
    assert done.returncode == 0, done.stderr
    assert "report: .claude/memory/integrations/PRE_MORTEM_checkout.md" in done.stdout
    assert "tokens in" in done.stdout and "changed_integrations(base='main')" in done.stderr
    assert (shop / ".claude" / "memory" / "integrations" / "PRE_MORTEM_checkout.md").is_file()
    assert api.requests[0]["model"].startswith("claude-haiku-")
    assert (
        "`main`" in api.requests[0]["messages"][0]["content"]
        and "`app`" in api.requests[0]["messages"][0]["content"]
    )


def test_transient_api_errors_are_retried_then_give_up(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[list[dict[str, Any]] | int] = [529, 503, [text("done")]]
    with FakeMessagesAPI(lambda body: answers.pop(0)).running() as api:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test")
        run = run_agent(load_agent("integration-mapper"), shop, backoff=0.01)
        assert len(api.requests) == 3 and run.final_text == "done"
        answers[:] = [529] * 3
        with pytest.raises(AgentFailed, match="529"):
            run_agent(load_agent("integration-mapper"), shop, backoff=0.01, attempts=3)
        answers[:] = [400]
        with pytest.raises(AgentFailed, match="400"):
            run_agent(load_agent("integration-mapper"), shop, backoff=0.01)


def test_unknown_tool_and_path_outside_root_come_back_as_errors(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def script(body: dict[str, Any]) -> list[dict[str, Any]]:
        if turn_of(body) == 0:
            return [
                tool_use("Bash", {"command": "cat .env"}),
                tool_use("Read", {"file_path": "../../etc/passwd"}),
                tool_use("Read", {"file_path": ".env.example"}),
                tool_use(mcp("scan_integrations"), {"limit": 0}),
            ]
        return [text("ok")]

    with FakeMessagesAPI(script).running() as api:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", api.url)
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test")
        run = run_agent(load_agent("integration-mapper"), shop)
    errors = [result_text(r) for r in tool_results(api.requests[1]) if r.get("is_error")]
    assert len(errors) == 4 and run.tool_errors == 4
    assert "no tool named Bash" in errors[0]
    assert "outside the project root" in errors[1]
    assert "read_env_files" in errors[2] and "sk_test" not in errors[2]
    assert "limit" in errors[3] and "minimum" in errors[3]


@pytest.mark.slow  # a whole agent run or a fresh process: seconds each
def test_cli_without_api_key_is_a_clear_error(shop: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}
    done = subprocess.run(
        [str(CLI), "agent", "run", "integration-mapper", str(shop)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2
    assert (
        "ANTHROPIC_API_KEY is not set" in done.stderr and "export ANTHROPIC_API_KEY" in done.stderr
    )


@pytest.mark.slow  # a whole agent run or a fresh process: seconds each
def test_cli_unknown_agent_names_the_choices(shop: Path) -> None:
    done = subprocess.run(
        [str(CLI), "agent", "run", "mapper", str(shop)],
        capture_output=True,
        text=True,
        env={**os.environ, "ANTHROPIC_API_KEY": "test"},
    )
    assert done.returncode == 2 and "integration-mapper" in done.stderr


def test_model_aliases_map_to_ids_and_can_be_overridden(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_model("sonnet").startswith("claude-sonnet-")
    assert resolve_model("haiku").startswith("claude-haiku-")
    monkeypatch.setenv("INTEGRATION_RISK_MODEL_HAIKU", "claude-haiku-test")
    assert resolve_model("haiku") == "claude-haiku-test"
    assert resolve_model("haiku", "sonnet").startswith("claude-sonnet-")
    assert resolve_model("claude-custom-1") == "claude-custom-1"
