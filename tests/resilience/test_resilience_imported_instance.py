"""Held-out round 11 (resil-n, FitTrackee smtp): a Dramatiq actor that calls a module-level
instance the package builds (`from app import mailer`, `mailer = Mailer()` in app/__init__.py)
reaches `Mailer.send`, although mail.py is not named like the receiver: the job reach takes the
class the instance is built from. Tiny synthetic files."""

from __future__ import annotations

from tests.conftest import TreeBuilder
from tests.resilience.builders import verdicts_of

_INIT = """from app.mail import Mailer

mailer = Mailer()
"""
_MAIL = """import smtplib


class Mailer:
    host = "mail.example.org"

    @property
    def transport(self):
        return smtplib.SMTP

    def send(self, to: str, body: str) -> None:
        with self.transport(self.host, 25) as smtp:
            smtp.sendmail("noreply@example.org", to, body)
"""
_TASKS = """import dramatiq

from app import mailer


@dramatiq.actor(queue_name="mail")
def send_mail(to: str, body: str) -> None:
    mailer.send(to, body)
"""


def test_an_imported_mailer_instance_is_retried_by_its_actor(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/__init__.py": _INIT, "app/mail.py": _MAIL, "app/tasks.py": _TASKS})
    verdicts = verdicts_of(root, "smtp", [("app/mail.py", 13)], "call", "email")
    verdict, reasons = verdicts["retry"]
    assert verdict == "yes", reasons
    assert "send_mail" in reasons
    assert verdicts["timeout"][0] == "no"  # smtplib without timeout=
