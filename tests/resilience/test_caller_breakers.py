"""A caller that records a failure so later calls skip the target is a circuit breaker
around the calls of its try block, through receiver dispatch (`self.transport.notify`)."""

from __future__ import annotations

import pytest

from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.test_fixture_verdicts import integration, verdict

TRANSPORT = (
    "import requests\n\n"
    "class ChatTransport:\n"
    "    def notify(self, text):\n"
    "        requests.post('https://chat.example.com/hook', json={'text': text}, timeout=10)\n"
)
CHANNEL = (
    "from app.integrations.chat.transport import ChatTransport\n\n"
    "class Channel:\n"
    "    def send(self, text):\n"
    "        disabled = self.disabled\n"
    "        try:\n"
    "            self.transport.notify(text)\n"
    "        except IOError as e:\n"
    "{handler}"
    "        self.save(disabled=disabled)\n"
)


@pytest.mark.parametrize(
    ("handler", "expected"),
    [
        ("            disabled = True\n", "yes"),
        ("            self.mark_dead(e)\n", "yes"),
        ("            log.warning('failed: %s', e)\n", "no"),
    ],
)
def test_a_caller_that_disables_the_target_on_failure(
    make_tree: TreeBuilder, handler: str, expected: str
) -> None:
    root = make_tree(
        {
            "app/integrations/chat/transport.py": TRANSPORT,
            "app/models.py": CHANNEL.format(handler=handler),
        }
    )
    path = "app/integrations/chat/transport.py"
    result = analyze_sites(root, [integration("chat", path, 5)], use_cache=False)["chat"]
    site = next(s for s in result.sites if s.line == 5)
    answer, reason = verdict(site, "circuit_breaker")
    assert answer == expected, reason
    if expected == "yes":
        assert "app/models.py:9" in reason and "ChatTransport.notify" in reason, reason


@pytest.mark.parametrize(("raises", "expected"), [("permanent=True", "yes"), ("", "no")])
def test_an_action_on_one_kind_of_error_holds_where_that_error_is_raised(
    make_tree: TreeBuilder, raises: str, expected: str
) -> None:
    transport = TRANSPORT + (
        f"\n    def check(self, response):\n        raise TransportError('gone', {raises})\n"
    )
    root = make_tree(
        {
            "app/integrations/chat/transport.py": transport,
            "app/models.py": CHANNEL.format(
                handler="            disabled = True if e.permanent else disabled\n"
            ),
        }
    )
    path = "app/integrations/chat/transport.py"
    result = analyze_sites(root, [integration("chat", path, 5)], use_cache=False)["chat"]
    site = next(s for s in result.sites if s.line == 5)
    answer, reason = verdict(site, "circuit_breaker")
    assert answer == expected, reason


def test_dispatch_to_a_package_named_for_the_receivers_kind(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/Core/Notifications/Webhook/Webhook.cs": (
                "namespace Core.Notifications.Webhook\n{\n    public class Webhook\n    {\n"
                "        public void OnGrab(string message)\n        {\n"
                "            _client.PostAsync(_url, new StringContent(message));\n"
                "        }\n    }\n}\n"
            ),
            "src/Core/Notifications/NotificationService.cs": (
                "namespace Core.Notifications\n{\n    public class NotificationService\n    {\n"
                "        public void Handle(string message)\n        {\n"
                "            foreach (var notification in _factory.Enabled())\n            {\n"
                "                try\n                {\n"
                "                    notification.OnGrab(message);\n"
                "                }\n                catch (Exception ex)\n                {\n"
                "                    _status.RecordFailure(notification.Id);\n"
                "                }\n            }\n        }\n    }\n}\n"
            ),
        }
    )
    path = "src/Core/Notifications/Webhook/Webhook.cs"
    result = analyze_sites(root, [integration("webhooks", path, 7)], use_cache=False)["webhooks"]
    site = next(s for s in result.sites if s.line == 7)
    answer, reason = verdict(site, "circuit_breaker")
    assert answer == "yes" and "RecordFailure" in reason, reason
