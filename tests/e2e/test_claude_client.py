"""End to end in the real Claude Code client, offline, against the scripted fake API.

`claude -p` loads this checkout as a plugin (`--plugin-dir`), the scripted main agent
dispatches the mapper and two failure experts in parallel, and each subagent drives the
real MCP server (started by plugin.json's command) through its declared tools. Skipped,
with the reason printed, when no `claude` executable is found (PATH or CLAUDE_BIN):
install it with `npm install @anthropic-ai/claude-code` in a folder outside the repo and
put its `node_modules/.bin` on PATH.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.fake_messages_api import FakeMessagesAPI, result_text, text, tool_results, tool_use
from tests.shell import git

CHECKOUT = Path(__file__).resolve().parents[2]
PREFIX = "mcp__plugin_integration-risk_integration-risk__"
CLAUDE = os.environ.get("CLAUDE_BIN") or shutil.which("claude")
# Seconds a subagent's turn takes while it waits for the server (a real model's turn
# takes several); the test allows three such turns.
MODEL_TURN_S = 4.0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CLAUDE is None,
        reason="claude CLI not installed: `npm install @anthropic-ai/claude-code` outside the "
        "repo and put node_modules/.bin on PATH (or set CLAUDE_BIN)",
    ),
]


def declared(agent: str) -> dict[str, Any]:
    text_ = (CHECKOUT / "agents" / f"{agent}.md").read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text_, re.S)
    assert match
    meta: dict[str, Any] = yaml.safe_load(match.group(1))
    return meta


def system_text(body: dict[str, Any]) -> str:
    system = body.get("system") or ""
    return system if isinstance(system, str) else " ".join(b.get("text", "") for b in system)


def first_user_text(body: dict[str, Any]) -> str:
    content = body["messages"][0]["content"]
    if isinstance(content, str):
        return content
    return " ".join(block.get("text", "") for block in content if isinstance(block, dict))


def calls_made(body: dict[str, Any]) -> list[str]:
    return [
        block["name"]
        for m in body["messages"]
        if m["role"] == "assistant" and isinstance(m["content"], list)
        for block in m["content"]
        if block.get("type") == "tool_use"
    ]


def role_of(body: dict[str, Any]) -> str:
    system = system_text(body)
    if "cc_is_subagent=true" not in system:
        return "main"
    if "You are the integration mapper" in system:
        return "integration-mapper"
    if "integration failure expert" in system:
        return "expert-" + ("alpha" if "name: alpha" in first_user_text(body) else "beta")
    return "other"


def has_tool(body: dict[str, Any], name: str) -> bool:
    return any(tool.get("name") == PREFIX + name for tool in body.get("tools", []))


STRIPE = {
    "id": "stripe",
    "name": "Stripe",
    "type": "Payment API",
    "criticality": {"score": 9, "reason": "every charge goes through it"},
    "failure_impact": {"immediate": "no payments", "user": "checkout fails"},
    "evidence": ["app/pay.py:3"],
}


class Script:
    """The model's side: the main agent dispatches; each subagent walks its workflow."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.by_role: dict[str, list[dict[str, Any]]] = {}
        self.lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        role = role_of(body)
        with self.lock:
            self.by_role.setdefault(role, []).append(body)
        made = [name.removeprefix(PREFIX) for name in calls_made(body)]
        if role == "main":
            if "Agent" not in made:
                return [
                    tool_use(
                        "Agent",
                        {
                            "subagent_type": "integration-risk:integration-mapper",
                            "description": "Map integrations",
                            "prompt": "Map the whole project.",
                        },
                    ),
                    tool_use(
                        "Agent",
                        {
                            "subagent_type": "integration-risk:integration-failure-expert",
                            "description": "Pre-mortem alpha",
                            "prompt": "Pre-mortem since main; name: alpha",
                        },
                    ),
                    tool_use(
                        "Agent",
                        {
                            "subagent_type": "integration-risk:integration-failure-expert",
                            "description": "Pre-mortem beta",
                            "prompt": "Pre-mortem since main; name: beta",
                        },
                    ),
                ]
            return [text("All three agents finished.")]
        if not has_tool(body, "read_glossary"):  # the server is still starting: one useful Read
            if made.count("Read") >= 6:
                return [text("integration-risk MCP server is not connected")]
            time.sleep(MODEL_TURN_S)  # a real model takes seconds for this turn
            return [tool_use("Read", {"file_path": str(self.project / "requirements.txt")})]
        if role == "integration-mapper":
            return self.mapper(made)
        if role.startswith("expert-"):
            return self.expert(made, role.removeprefix("expert-"))
        return [text("nothing to do")]

    def mapper(self, made: list[str]) -> list[dict[str, Any]]:
        steps = [
            ("read_glossary", {}),
            ("scan_integrations", {}),
            ("inspect_call_sites", {"integration_id": "stripe"}),
            ("integration_graph", {}),
            ("draft_risk_report", {}),
            ("write_risk_report", {"report": {"integrations": [STRIPE]}}),
            (
                "update_glossary",
                {
                    "discovered_by": "integration-mapper",
                    "entries": {
                        "StripePayment": {
                            "canonical_name": "Stripe Payment Gateway",
                            "type": "external-api",
                            "risk_level": "critical",
                            "failure_impact": "Checkout stops",
                            "evidence": ["app/pay.py:5"],
                        }
                    },
                },
            ),
        ]
        for name, arguments in steps:
            if name not in made:
                return [tool_use(PREFIX + name, arguments)]
        return [text("Mapped the integrations.")]

    def expert(self, made: list[str], name: str) -> list[dict[str, Any]]:
        steps = [
            ("changed_integrations", {"base": "main"}),
            ("inspect_call_sites", {"integration_id": "redis"}),
            (
                "write_failure_analysis",
                {
                    "name": name,
                    "analysis": {
                        "integration_points": [
                            {
                                "source": "sessions",
                                "target": "Redis",
                                "protocol": "RESP",
                                "risk": "medium",
                                "integration_id": "redis",
                            }
                        ]
                    },
                },
            ),
            (
                "update_glossary",
                {
                    "discovered_by": "integration-failure-expert",
                    "entries": {
                        f"Cache{name.title()}": {
                            "canonical_name": f"Session cache ({name})",
                            "type": "cache",
                            "risk_level": "medium",
                            "failure_impact": "Sessions lost",
                        }
                    },
                },
            ),
        ]
        for tool, arguments in steps:
            if tool not in made:
                return [tool_use(PREFIX + tool, arguments)]
        return [text(f"Pre-mortem {name} done.")]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    (root / "app").mkdir(parents=True)
    (root / "app" / "pay.py").write_text(
        "import os\n\nimport stripe\n\nstripe.api_key = os.environ['STRIPE_SECRET_KEY']\n\n\n"
        "def charge(amount):\n    return stripe.PaymentIntent.create(amount=amount, currency='usd')\n"
    )
    (root / "requirements.txt").write_text("stripe==11.0.0\nredis==5.0.0\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "shop")
    git(root, "checkout", "-qb", "feature")
    (root / "app" / "sessions.py").write_text("import redis\n\ncache = redis.Redis(host='cache')\n")
    return root


def test_plugin_agents_work_in_the_real_client(project: Path, tmp_path: Path) -> None:
    script = Script(project)
    home = tmp_path / "home"  # a clean user config: nothing but this plugin
    home.mkdir()
    with FakeMessagesAPI(script).running() as api:
        env = {
            **os.environ,
            "HOME": str(home),
            "ANTHROPIC_BASE_URL": api.url,
            "ANTHROPIC_API_KEY": "test",
            "DISABLE_AUTOUPDATER": "1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        }
        done = subprocess.run(
            [
                str(CLAUDE),
                "-p",
                "Map the integrations and run two pre-mortems.",
                "--plugin-dir",
                str(CHECKOUT),
                "--output-format",
                "json",
                "--allowedTools",
                "mcp__plugin_integration-risk_integration-risk",
                "Agent",
            ],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["is_error"] is False
    assert outcome["permission_denials"] == []
    roles = script.by_role
    assert {"main", "integration-mapper", "expert-alpha", "expert-beta"} <= set(roles), sorted(
        roles
    )
    for role, agent in [
        ("integration-mapper", "integration-mapper"),
        ("expert-alpha", "integration-failure-expert"),
        ("expert-beta", "integration-failure-expert"),
    ]:
        meta = declared(agent)
        requests = roles[role]
        assert all(meta["model"] in body["model"] for body in requests), {
            b["model"] for b in requests
        }
        ready = [body for body in requests if has_tool(body, "read_glossary")]
        assert ready, f"{role}: the MCP tools never reached the subagent"
        for body in ready:
            # The client may add its never-callable placeholder for deferred tool loading.
            names = [t["name"] for t in body["tools"] if t["name"] != "DeferredToolPlaceholder"]
            assert sorted(names) == sorted(meta["tools"])
        assert len(requests) - len(ready) <= 3, f"{role}: waited too long for the MCP tools"
        errors = [
            result_text(r) for body in requests for r in tool_results(body) if r.get("is_error")
        ]
        assert errors == [], f"{role}: {errors}"
    glossary = json.loads((project / ".claude" / "memory" / "glossary.json").read_text())
    entries = glossary["integrations"]
    # The report writer recorded Stripe; the mapper's own upsert merged into that entry.
    stripe = [entry for key, entry in entries.items() if "stripe" in key.lower()]
    assert stripe and stripe[0]["risk_level"] == "critical", entries
    assert {"CacheAlpha", "CacheBeta"} <= set(entries), (
        "parallel experts must not clobber each other"
    )
