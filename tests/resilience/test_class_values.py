"""A function that returns a library's class instead of calling it (`return smtplib.SMTP_SSL
if self.use_ssl else smtplib.SMTP`): its calls in the same file build the client, so they are
the library's call sites (held-out FitTrackee: the only smtp site was a settings line, and the
Dramatiq actor that sends every mail was never reached). Tiny synthetic files."""

from __future__ import annotations

import pytest

from tests.conftest import TreeBuilder
from tests.resilience.builders import verdicts_of

_MAILER = """import smtplib
import ssl


class Mailer:
    def __init__(self, host: str, port: int, use_ssl: bool) -> None:
        self.host, self.port, self.use_ssl = host, port, use_ssl

    @property
    def smtp(self):
        return smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP

    def send(self, sender: str, recipient: str, body: str) -> None:
        params = {"context": ssl.create_default_context()} if self.use_ssl else {}
        with self.smtp(self.host, self.port{timeout}, **params) as smtp:
            smtp.sendmail(sender, recipient, body)
"""
_INIT = "from app.mailer import Mailer\n\nmailer = Mailer('localhost', 25, False)\n"
_TASKS = """import dramatiq

from app import mailer


@dramatiq.actor(queue_name="emails")
def send_email(sender: str, recipient: str, body: str) -> None:
    mailer.send(sender, recipient, body)
"""


@pytest.mark.parametrize(("timeout", "expected"), [("", "no"), (", timeout=10", "yes")])
def test_calls_of_a_function_returning_the_librarys_class_are_its_sites(
    make_tree: TreeBuilder, timeout: str, expected: str
) -> None:
    root = make_tree(
        {
            "app/mailer.py": _MAILER.replace("{timeout}", timeout),
            "app/__init__.py": _INIT,
            "app/tasks.py": _TASKS,
        }
    )
    verdicts = verdicts_of(root, "smtp", [("app/mailer.py", 1)], "import", category="email")
    verdict, reasons = verdicts["timeout"]
    assert verdict == expected, reasons
    assert "app/mailer.py:15" in reasons, reasons
    verdict, reasons = verdicts["retry"]
    assert verdict == "yes", reasons  # the actor that runs Mailer.send: Dramatiq's default
    assert "Dramatiq" in reasons, reasons


def test_a_called_class_or_a_returned_instance_is_no_class_value(make_tree: TreeBuilder) -> None:
    # `return smtplib.SMTP(host)` is a call the site finder sees itself; the function
    # returning it is a wrapper, not a class handed out
    mailer = _MAILER.replace(
        "return smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP",
        "return smtplib.SMTP(self.host, self.port)",
    ).replace(
        "with self.smtp(self.host, self.port{timeout}, **params) as smtp:",
        "with self.smtp as smtp:",
    )
    root = make_tree({"app/mailer.py": mailer, "app/__init__.py": _INIT, "app/tasks.py": _TASKS})
    verdicts = verdicts_of(root, "smtp", [("app/mailer.py", 1)], "import", category="email")
    verdict, reasons = verdicts["timeout"]
    assert verdict == "no" and "app/mailer.py:11" in reasons, reasons


_PREDICATE = """import redis


def is_transient(exc):
    return isinstance(exc, (redis.ConnectionError, redis.TimeoutError))


def describe(exc):
    if is_transient(exc):
        return "the cache is down"
    return str(exc)


def should_alert(exc):
    return not is_transient(exc)


def status(exc):
    return "degraded" if is_transient(exc) else "failed"


def error_class(exc):
    return redis.ConnectionError
"""
_CLIENT = """import redis


def make_client(url):
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
"""


def test_a_predicate_on_the_librarys_error_classes_hands_out_no_client(
    make_tree: TreeBuilder,
) -> None:
    # a retry or alert predicate tests an exception against the library's error classes; its
    # callers build nothing, and an exception class returned whole is no client either
    root = make_tree({"app/errors.py": _PREDICATE, "app/client.py": _CLIENT})
    verdicts = verdicts_of(
        root, "redis", [("app/errors.py", 1), ("app/client.py", 1)], "import", category="cache"
    )
    verdict, reasons = verdicts["timeout"]
    assert verdict == "yes", reasons
    assert "app/errors.py" not in reasons, reasons
