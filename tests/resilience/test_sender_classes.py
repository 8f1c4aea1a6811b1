"""A webhook's evidence in a function that only reads its subscriptions from the database
is no call of the webhook (a `session.execute` calls out for a database only); with no
call among the evidence, a class named for the system and a sending role
(`WebhookPublisher`) is its client."""

from __future__ import annotations

from integration_risk.resilience import analyze
from integration_risk.resilience.rules import vocabulary
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

_LISTENER = (
    "from sqlalchemy import select\n\n"
    "from .models import Subscription\n\n\n"
    "class Listener:\n"
    "    def due_webhooks(self, session):\n"
    '        """Scheduled webhooks from the database"""\n'  # line 8
    "        return session.execute(select(Subscription)).scalars().all()\n"
)
_SENDER = (
    "import requests\n\n\n"
    "class WebhookSender:\n"
    "    def send(self, url, payload):\n"
    "        return requests.post(url, json=payload, timeout=10)\n"
)


def test_a_database_query_calls_out_for_data_systems_only() -> None:
    vocab = vocabulary()
    assert not vocab.calls_out_for("session.execute", "webhook")
    assert vocab.calls_out_for("session.execute", "database")
    assert vocab.calls_out_for("self.session.get", "webhook")


def test_a_webhook_sender_class_is_the_client_when_no_evidence_calls_out(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"app/events/listener.py": _LISTENER, "app/events/sender.py": _SENDER})
    item = scanned("webhooks", [("app/events/listener.py", 8)], "keyword", category="webhook")
    verdict = analyze(root, [item], use_cache=False)["webhooks"].verdicts["timeout"]
    assert verdict.verdict == "yes", verdict.reasons
    assert "WebhookSender" in verdict.reasons[0]


def test_a_class_named_for_the_system_without_a_sending_role_is_not_its_client(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/events/listener.py": _LISTENER,
            "app/events/serializer.py": _SENDER.replace("WebhookSender", "WebhookSerializer"),
        }
    )
    item = scanned("webhooks", [("app/events/listener.py", 8)], "keyword", category="webhook")
    verdict = analyze(root, [item], use_cache=False)["webhooks"].verdicts["timeout"]
    assert verdict.verdict == "no", verdict.reasons
