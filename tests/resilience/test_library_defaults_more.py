"""Library defaults, more clients: what widely used SDKs and HTTP clients do when the code
sets nothing (Twilio and SendGrid in each language, ...), each through a tiny synthetic app
that calls the client with no timeout or retry of its own. The reason cites the library."""

from __future__ import annotations

import pytest

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned


def _verdicts(
    root: object, ident: str, spots: list[tuple[str, int]], kind: str, category: str
) -> dict[str, tuple[str, str]]:
    item = scanned(ident, spots, kind, category=category)
    result = analyze(root, [item], use_cache=False)[ident]  # type: ignore[arg-type]
    return {p: (v.verdict, " ".join(v.reasons)) for p, v in result.verdicts.items()}


def _check(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    path, line, kind = spot
    root = make_tree({path: text})
    verdicts = _verdicts(root, ident, [(path, line)], kind, category)
    assert (verdicts["timeout"][0], verdicts["retry"][0]) == expected, verdicts
    assert cited in verdicts["timeout"][1] + verdicts["retry"][1], verdicts
    for prop, verdict in zip(("timeout", "retry"), expected, strict=True):
        if verdict == "yes":  # a default, not a setting the app wrote
            assert "library default" in verdicts[prop][1], verdicts[prop]


# --- Twilio and SendGrid ----------------------------------------------------------------------

_TWILIO_NODE = """import twilio from "twilio";

const client = twilio(process.env.SMS_SID, process.env.SMS_TOKEN);

export async function textUser(to: string, body: string) {
  return client.messages.create({ to, from: process.env.SMS_FROM, body });
}
"""

_TWILIO_PY = """from twilio.rest import Client

client = Client()


def text_user(to, body):
    return client.messages.create(to=to, from_="+15550100", body=body)
"""

_TWILIO_RB = """require "twilio-ruby"

class SmsNotifier
  def deliver(to, body)
    client = Twilio::REST::Client.new(ENV["SMS_SID"], ENV["SMS_TOKEN"])
    client.messages.create(from: ENV["SMS_FROM"], to: to, body: body)
  end
end
"""

_TWILIO_PHP = """<?php

namespace App\\Notify;

use Twilio\\Rest\\Client;

class Sms
{
    public function send(string $to, string $body): void
    {
        $client = new Client(getenv('SMS_SID'), getenv('SMS_TOKEN'));
        $client->messages->create($to, ['from' => getenv('SMS_FROM'), 'body' => $body]);
    }
}
"""

_TWILIO_JAVA = """package shop.notify;

import com.twilio.Twilio;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;

public class Sms {
    public String send(String to, String from, String body) {
        Twilio.init(System.getenv("SMS_SID"), System.getenv("SMS_TOKEN"));
        Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body).create();
        return message.getSid();
    }
}
"""

_TWILIO_CS = """using Twilio;
using Twilio.Rest.Api.V2010.Account;

namespace Shop.Notify;

public class Sms
{
    public async Task<string> Send(string to, string from, string body)
    {
        TwilioClient.Init(Environment.GetEnvironmentVariable("SMS_SID"), Environment.GetEnvironmentVariable("SMS_TOKEN"));
        var message = await MessageResource.CreateAsync(to: to, from: from, body: body);
        return message.Sid;
    }
}
"""

_TWILIO_GO = """package notify

import (
\t"github.com/twilio/twilio-go"
\topenapi "github.com/twilio/twilio-go/rest/api/v2010"
)

func Send(to, from, body string) error {
\tclient := twilio.NewRestClient()
\tparams := &openapi.CreateMessageParams{}
\tparams.SetTo(to)
\tparams.SetFrom(from)
\tparams.SetBody(body)
\t_, err := client.Api.CreateMessage(params)
\treturn err
}
"""

_SENDGRID_NODE = """import sgMail from "@sendgrid/mail";

sgMail.setApiKey(process.env.MAIL_KEY as string);

export async function welcome(to: string) {
  await sgMail.send({ to, from: "team@example.org", subject: "Hi", text: "Welcome" });
}
"""

_SENDGRID_PY = """import os

from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import Mail


def welcome(to):
    message = Mail(from_email="team@example.org", to_emails=to, subject="Hi", html_content="Welcome")
    client = SendGridAPIClient(os.environ["MAIL_KEY"])
    return client.send(message)
"""


@pytest.mark.parametrize(
    ("ident", "category", "spot", "text", "expected", "cited"),
    [
        ("twilio", "sms", ("src/sms.ts", 6, "call"), _TWILIO_NODE, ("yes", "no"), "twilio-node"),
        ("twilio", "sms", ("app/sms.py", 7, "call"), _TWILIO_PY, ("no", "no"), "twilio-python"),
        ("twilio", "sms", ("app/sms.rb", 6, "call"), _TWILIO_RB, ("yes", "no"), "twilio-ruby"),
        ("twilio", "sms", ("app/Notify/Sms.php", 12, "call"), _TWILIO_PHP, ("yes", "no"), "twilio-php"),
        ("twilio", "sms", ("src/shop/notify/Sms.java", 10, "call"), _TWILIO_JAVA, ("yes", "no"), "twilio-java"),
        ("twilio", "sms", ("src/Shop/Sms.cs", 11, "call"), _TWILIO_CS, ("yes", "no"), "twilio-csharp"),
        ("twilio", "sms", ("notify/send.go", 14, "call"), _TWILIO_GO, ("yes", "no"), "twilio-go"),
        ("sendgrid", "email", ("src/mail.ts", 6, "call"), _SENDGRID_NODE, ("no", "no"), "@sendgrid"),
        ("sendgrid", "email", ("app/mail.py", 10, "call"), _SENDGRID_PY, ("no", "no"), "sendgrid-python"),
    ],
)
def test_messaging_sdks_keep_their_library_defaults(
    make_tree: TreeBuilder,
    ident: str,
    category: str,
    spot: tuple[str, int, str],
    text: str,
    expected: tuple[str, str],
    cited: str,
) -> None:
    _check(make_tree, ident, category, spot, text, expected, cited)
