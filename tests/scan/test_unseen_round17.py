"""General rules found on the seventeenth round of never-seen repositories (a Flask app,
a Laravel app, a TypeScript monorepo), each checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.features import function_feature
from tests.scan.trees import scan, write

# Notification senders as prettier writes them: each arrow function's parameters go on over
# the next lines, and the URL each one calls comes from the stored channel settings.
_TS_SENDERS = """import type { Channel } from "./types";

export const sendGotifyNotification = async (
\tconnection: Channel,
\tmessage: string,
) => {
\tconst response = await fetch(`${connection.serverUrl}/message`, {
\t\tmethod: "POST",
\t\tbody: JSON.stringify({ message }),
\t});
\treturn response.ok;
};

export const sendPushoverNotification = async (connection: Channel, text: string) => {
\tawait fetch("https://api.pushover.net/1/messages.json", {
\t\tmethod: "POST",
\t\tbody: text,
\t});
};

export const sendSlackNotification = async (
\tconnection: Channel,
\tmessage: unknown,
) => {
\tawait fetch(connection.webhookUrl, { method: "POST", body: JSON.stringify(message) });
};
"""


def _lines(found: dict, system: str) -> list[int]:
    return sorted(e.line for e in found[system].evidence) if system in found else []


def test_arrow_functions_with_parameters_on_the_next_lines_name_their_calls(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"packages/server/src/notify/senders.ts": _TS_SENDERS})
    found = scan(tmp_path)
    assert 7 in _lines(found, "gotify")
    assert 25 in _lines(found, "slack")
    # the literal host of the function between them does not take their calls
    assert _lines(found, "pushover") == [15]


@pytest.mark.parametrize(
    ("lines", "at", "expected"),
    [
        # an object's function-valued properties (JS)
        (
            [
                "const senders = {",
                "  gotify: async (settings, text) => {",
                "    return fetch(settings.url + '/message');",
                "  },",
                "};",
            ],
            2,
            "gotify",
        ),
        # a TS class method without modifiers
        (
            [
                "class Notifier {",
                "  sendGotify(settings: Settings): Promise<void> {",
                "    return fetch(settings.url);",
                "  }",
                "}",
            ],
            2,
            "gotify",
        ),
        # multi-line parameter lists that the other forms already read (Python, Go, PHP)
        (
            ["def send_gotify(", "    settings,", "):", "    requests.post(settings.url)"],
            3,
            "gotify",
        ),
        (
            ["func sendGotify(", "\tcfg Config,", ") error {", "\thttp.Post(cfg.URL, t, b)"],
            3,
            "gotify",
        ),
        (
            [
                "    public function sendGotify(",
                "        array $s",
                "    ) {",
                "        $this->http->post($s['url']);",
            ],
            3,
            "gotify",
        ),
    ],
)
def test_the_function_a_call_is_in_is_found_in_every_form(
    lines: list[str], at: int, expected: str
) -> None:
    assert function_feature(lines, at) == expected


@pytest.mark.parametrize(
    "head",
    [
        "  repeat(3) {",  # Kotlin block calls, not definitions
        "  withContext(Dispatchers.IO) {",
        "  synchronized (lock) {",
        "  when (state) {",
        "  if (ready) {",
        "  foreach ($rows as $row) {",
    ],
)
def test_statements_and_block_calls_are_not_definitions(head: str) -> None:
    lines = ["fun sendGotify(cfg: Config) {", head, "    client.post(cfg.url)", "  }", "}"]
    assert function_feature(lines, 2) == "gotify"
