"""A delivery retried later from the data: the caller runs the sending method and then one
that counts the attempt and schedules the next (`attempts += 1`, `retry_at` from a
`RETRY_DELAYS` table). Ruby calls such steps by bare name (`send_request`), which the facts
read as calls; a bare local variable is none."""

from __future__ import annotations

from integration_risk.resilience import analyze
from integration_risk.resilience.facts import extract_facts
from integration_risk.resilience.languages import specs
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

_DELIVERY = (
    "class HookDelivery\n"
    "  RETRY_DELAYS = { 1 => 60, 2 => 300, 3 => 900 }.freeze\n\n"
    "  def call\n"
    "    post_payload\n"
    "    note_attempt\n"
    "  end\n\n"
    "  def post_payload\n"
    "    @result = HookClient.post(@hook.url, body: @payload, timeout: 5)\n"  # line 10
    "  end\n\n"
    "  def note_attempt\n"
    "BODY"
    "  end\nend\n"
)
_SCHEDULES = (
    "    @hook.attempts += 1\n"
    "    @hook.retry_at = Time.now + RETRY_DELAYS.fetch(@hook.attempts) unless @result.ok?\n"
    "    @hook.save!\n"
)


def _retry(make_tree: TreeBuilder, body: str) -> str:
    root = make_tree({"app/services/hook_delivery.rb": _DELIVERY.replace("BODY", body)})
    item = scanned("webhooks", [("app/services/hook_delivery.rb", 10)], "call", category="webhook")
    return analyze(root, [item], use_cache=False)["webhooks"].verdicts["retry"].verdict


def test_a_caller_that_counts_the_attempt_and_schedules_the_next(make_tree: TreeBuilder) -> None:
    assert _retry(make_tree, _SCHEDULES) == "yes"


def test_counting_attempts_alone_schedules_nothing(make_tree: TreeBuilder) -> None:
    assert _retry(make_tree, "    @hook.attempts += 1\n    @hook.save!\n") == "no"


def test_ruby_bare_names_are_calls_unless_assigned() -> None:
    source = (
        b"class A\n  def run\n    result = 1\n    prepare\n    notify if ready?\n"
        b"    result\n  end\nend\n"
    )
    callees = {callee for _, _, callee, _ in extract_facts(source, specs()["ruby"]).calls}
    assert {"prepare", "notify"} <= callees
    assert "result" not in callees
    assert "ready?" in callees  # already a call node in the grammar
