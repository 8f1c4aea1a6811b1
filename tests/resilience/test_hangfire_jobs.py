"""Hangfire: a method handed to `BackgroundJob.Enqueue` runs as a job that AutomaticRetry
re-runs 10 times by default; `[AutomaticRetry(Attempts = 0)]` on the method turns that
off, and an attribute with attempts is the method's own policy."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

_MAILER = (
    "using MailKit.Net.Smtp;\n\n"
    "namespace Shop.Services;\n\n"
    "public class MailerService\n{\n"
    "    ATTRIBUTE\n"
    "    public async Task SendWelcome(string to)\n    {\n"
    '        await SendCore(to, "Welcome");\n'
    "    }\n\n"
    "    private async Task SendCore(string to, string subject)\n    {\n"
    "        using var client = new SmtpClient();\n"  # line 15
    '        await client.ConnectAsync("smtp.example.com", 587);\n'
    "    }\n}\n"
)
_CONTROLLER = (
    "using Hangfire;\n\n"
    "namespace Shop.Controllers;\n\n"
    "public class AccountController\n{\n"
    "    private readonly MailerService _mailerService;\n\n"
    "    public void Register(string email)\n    {\n"
    "        BackgroundJob.Enqueue(() => _mailerService.SendWelcome(email));\n"
    "    }\n}\n"
)


def _retry(make_tree: TreeBuilder, attribute: str) -> tuple[str, list[str]]:
    root = make_tree(
        {
            "Shop/Services/MailerService.cs": _MAILER.replace("ATTRIBUTE", attribute),
            "Shop/Controllers/AccountController.cs": _CONTROLLER,
        }
    )
    item = scanned("smtp", [("Shop/Services/MailerService.cs", 15)], "call", category="email")
    verdict = analyze(root, [item], use_cache=False)["smtp"].verdicts["retry"]
    return verdict.verdict, verdict.reasons


def test_an_enqueued_method_is_retried_by_hangfires_default(make_tree: TreeBuilder) -> None:
    verdict, reasons = _retry(make_tree, "// no policy")
    assert verdict == "yes", reasons
    assert "Hangfire retries a failed job 10 times by default" in reasons[0]
    assert "AccountController.cs:11" in reasons[0]


def test_automatic_retry_with_zero_attempts_turns_it_off(make_tree: TreeBuilder) -> None:
    assert _retry(make_tree, "[AutomaticRetry(Attempts = 0)]")[0] == "no"


def test_automatic_retry_with_attempts_is_the_methods_own_policy(make_tree: TreeBuilder) -> None:
    verdict, reasons = _retry(make_tree, "[AutomaticRetry(Attempts = 3)]")
    assert verdict == "yes", reasons
    assert "Hangfire `[AutomaticRetry(Attempts = 3)]`" in reasons[0]
