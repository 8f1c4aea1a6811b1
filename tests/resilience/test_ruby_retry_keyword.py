"""Ruby's `retry` re-runs its `begin` block: it protects a call when the block calls the
function that makes it (a caller retrying `post_event`), not when it re-runs something else
(a DNS lookup before the request)."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

_NOTIFIER = (
    'require "net/http"\n\n'
    "class Notifier\n"
    "  def deliver(uri, body)\n"
    "    tries = 0\n"
    "    begin\n"
    "      BLOCK\n"
    "    rescue Net::ReadTimeout, Errno::ECONNREFUSED\n"
    "      tries += 1\n"
    "      retry if tries < 3\n"
    "      raise\n"
    "    end\n"
    "    post_event(uri, body)\n"
    "  end\n\n"
    "  def post_event(uri, body)\n"
    '    Net::HTTP.post(uri, body, "Content-Type" => "application/json")\n'  # line 17
    "  end\n\n"
    "  def resolve(host)\n"
    "    Resolv.getaddress(host)\n"
    "  end\nend\n"
)


def _retry(make_tree: TreeBuilder, block: str) -> str:
    root = make_tree({"app/notifier.rb": _NOTIFIER.replace("BLOCK", block)})
    item = scanned("hooks", [("app/notifier.rb", 17)], "call", category="webhook")
    return analyze(root, [item], use_cache=False)["hooks"].verdicts["retry"].verdict


def test_a_caller_retrying_the_function_that_makes_the_call(make_tree: TreeBuilder) -> None:
    assert _retry(make_tree, "post_event(uri, body)") == "yes"


def test_a_caller_retrying_only_a_lookup_before_the_call(make_tree: TreeBuilder) -> None:
    assert _retry(make_tree, "resolve(uri.host)") == "no"
