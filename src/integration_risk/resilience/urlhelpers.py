"""A small function named for an address that calls nothing out (`defp unsplash_endpoint`,
`def _api_base()`, `func endpoint() string`) only hands the address out: the requests are
made by the functions of its file that call it, with its result. An evidence line inside such a
helper is called where those callers make their requests, as a top-level URL constant is
called where the file's functions use it (`sites._constant_uses`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from integration_risk.resilience.factindex import last_name
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.rules import vocabulary
from integration_risk.resilience.workspace import SourceFile

if TYPE_CHECKING:
    from integration_risk.resilience.sites import Site

MAX_HELPER_LINES = 8  # a helper that returns an address, not a client or a request
MAX_USES = 12
# What an address helper is called (`unsplash_endpoint`, `_api_base`, `getServerUrl`).
_ADDRESS = re.compile(r"(?i)(url|uri|endpoint|host|base|address|domain|server)s?$")

Maker = Callable[[SourceFile, Facts, int, int, str, str], "Site"]


def helper_requests(source: SourceFile, facts: Facts, line: int, make: Maker) -> list[Site]:
    """The requests made by the same-file callers of the helper holding `line`, or []."""
    index = facts.function_at(line)
    if index < 0:
        return []
    name, start, end = facts.funcs[index]
    short = name.split(".")[-1]
    if end - start + 1 > MAX_HELPER_LINES or not _ADDRESS.search(short.rstrip("_!?")):
        return []
    vocab = vocabulary()
    if any(vocab.is_network_call(callee) for at, _, callee, _ in facts.calls if start <= at <= end):
        return []  # it makes the request itself
    callers = {
        func
        for _, _, callee, func in facts.calls
        if func not in (-1, index) and last_name(callee) == short
    }
    uses = [
        make(source, facts, at, stop, "call", callee)
        for at, stop, callee, func in facts.calls
        if func in callers and vocab.is_network_call(callee)
    ]
    return uses[:MAX_USES]
