"""A protection given the value that turns it off (`timeout=None`, `timeout: 0`,
`max_retries=0`) is none, and the library's default no longer holds; a small non-zero
value (`timeout=0.5`) still bounds the call."""

from __future__ import annotations

import pytest

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

_PY = (
    "import httpx\n\n\n"
    "class Gateway:\n"
    "    def __init__(self, base_url):\n"
    "        self.client = httpx.Client(base_url=base_url, SETTING)\n\n"
    "    def charge(self, amount):\n"
    '        return self.client.post("/charge", json={"amount": amount})\n'  # line 9
)


def _verdict(root: object, path: str, line: int, pattern: str) -> tuple[str, list[str]]:
    result = analyze(root, [scanned("gateway", [(path, line)], "call")], use_cache=False)
    verdict = result["gateway"].verdicts[pattern]
    return verdict.verdict, verdict.reasons


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("timeout=None", "no"), ("timeout=0.5", "yes"), ("timeout=httpx.Timeout(3.0)", "yes")],
)
def test_httpx_timeout_none_turns_the_default_off(
    make_tree: TreeBuilder, setting: str, expected: str
) -> None:
    root = make_tree({"app/gateway.py": _PY.replace("SETTING", setting)})
    verdict, reasons = _verdict(root, "app/gateway.py", 9, "timeout")
    assert verdict == expected, reasons
    if expected == "no":
        assert "turned off at app/gateway.py:6" in reasons[0]


def test_axios_timeout_zero_and_zero_retries_are_none(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/gateway.ts": (
                "import axios from 'axios';\n"
                "import axiosRetry from 'axios-retry';\n\n"
                "const http = axios.create({ baseURL: process.env.GW_URL, timeout: 0 });\n"
                "axiosRetry(http, { retries: 0 });\n\n"
                "export const charge = (amount: number) => http.post('/charge', { amount });\n"
            )
        }
    )
    assert _verdict(root, "src/gateway.ts", 7, "timeout")[0] == "no"
    assert _verdict(root, "src/gateway.ts", 7, "retry")[0] == "no"


def test_a_null_timeout_in_settings_leaves_the_librarys_default(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "config/mail.php": (
                "<?php\nreturn [\n    'mailers' => [\n        'smtp' => [\n"
                "            'transport' => 'smtp',\n"
                "            'host' => env('MAIL_HOST'),\n"
                "            'timeout' => null,\n"
                "        ],\n    ],\n];\n"
            )
        }
    )
    item = scanned("smtp", [("config/mail.php", 6)], "config", category="email")
    verdict = analyze(root, [item], use_cache=False)["smtp"].verdicts["timeout"]
    assert verdict.verdict == "yes", verdict.reasons
