"""Held-out round 10 (resil-m): Go's standard net/smtp is not go-mail. `smtp.SendMail` and
`smtp.Dial` connect with net.Dial, which has no deadline, so a mailer written on the
standard library has no timeout; go-mail's own client (package `mail`, often imported as
`gomail`) keeps its 15 s connection timeout (library default). Tiny synthetic files."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

_GO_MOD = "module example.org/relay\n\ngo 1.22\n\nrequire github.com/wneessen/go-mail v0.5.0\n"
_STDLIB = """package notify

import (
\t"net"
\t"net/smtp"
)

func Send(host, port, user, pass, from, to string, body []byte) error {
\taddr := net.JoinHostPort(host, port)
\treturn smtp.SendMail(addr, smtp.PlainAuth("", user, pass, host), from, []string{to}, body)
}
"""
_GOMAIL = """package notify

import (
\tgomail "github.com/wneessen/go-mail"
)

func Send(host, from, to, text string) error {
\tmsg := gomail.NewMsg()
\t_ = msg.From(from)
\t_ = msg.To(to)
\tmsg.SetBodyString(gomail.TypeTextPlain, text)
\tclient, err := gomail.NewClient(host)
\tif err != nil {
\t\treturn err
\t}
\treturn client.DialAndSend(msg)
}
"""


def _timeout(root: object, path: str, line: int) -> tuple[str, str]:
    item = scanned("smtp", [(path, line)], "call", category="email")
    result = analyze(root, [item], use_cache=False)["smtp"]  # type: ignore[arg-type]
    verdict = result.verdicts["timeout"]
    return verdict.verdict, " ".join(verdict.reasons)


def test_net_smtp_send_mail_has_no_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree({"go.mod": _GO_MOD, "notify/mail.go": _STDLIB})
    verdict, reasons = _timeout(root, "notify/mail.go", 10)
    assert verdict == "no", reasons
    assert "go-mail" not in reasons
    assert "net/smtp" in reasons


def test_the_go_mail_client_keeps_its_library_default(make_tree: TreeBuilder) -> None:
    root = make_tree({"go.mod": _GO_MOD, "notify/mail.go": _GOMAIL})
    verdict, reasons = _timeout(root, "notify/mail.go", 16)
    assert verdict == "yes", reasons
    assert "go-mail" in reasons
