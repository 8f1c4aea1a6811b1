"""A function that hands out a library's class instead of calling it (`@property def smtp(self):
return smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP`): a call of it in the same file
(`with self.smtp(host, port, **params) as smtp:`) builds the library's client, so that call is
a construction site of the library where no call names it (`sites.py`)."""

from __future__ import annotations

import re

from integration_risk.resilience.factindex import CALLEE_SEPARATORS, RECEIVERS
from integration_risk.resilience.facts import Facts
from integration_risk.resilience.workspace import SourceFile

MAX_FACTORY_CALLS = 8
# `smtplib.SMTP_SSL`: a capitalised member of a module, not called (`smtplib.SMTP(..)` is a
# call the site finder already sees)
_VALUE = r"([A-Za-z_]\w*)\.([A-Z]\w*)"
# the whole returned expression is a class value, or a choice between two of them
# (`return smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP`); a class inside another
# expression (`return isinstance(exc, (redis.ConnectionError, ...))`) is not handed out
_RETURN = re.compile(rf"^\s*return\s+{_VALUE}(?:\s+if\s+.+?\s+else\s+{_VALUE})?\s*;?\s*(?:#.*)?$")
# an exception class is caught or tested, never a client
_ERROR = re.compile(r"(?:Error|Exception)$")


def factory_calls(
    source: SourceFile, facts: Facts, bound: set[str]
) -> list[tuple[int, int, str, str]]:
    """(line, end, "construction", callee) of the file's calls of its own functions that return a class of a
    module the file's evidence imports bind (`bound`)."""
    names = set()
    for qualname, start, end in facts.funcs:
        for number in range(start, min(end, len(source.lines)) + 1):
            returned = _RETURN.match(source.lines[number - 1])
            if returned and _hands_out(returned, bound):
                names.add(qualname.split(".")[-1])
                break
    if not names:
        return []
    found = []
    for line, end, callee, _ in facts.calls:
        parts = [p for p in CALLEE_SEPARATORS.split(callee) if p]
        own = len(parts) == 1 or (len(parts) == 2 and parts[0] in RECEIVERS)
        if parts and own and parts[-1] in names:
            found.append((line, end, "construction", callee))
    return found[:MAX_FACTORY_CALLS]


def _hands_out(returned: re.Match[str], bound: set[str]) -> bool:
    """The return's class values are of a bound module and none is an exception class."""
    pairs = [(returned[i], returned[i + 1]) for i in (1, 3) if returned[i]]
    return any(module in bound for module, _ in pairs) and not any(
        _ERROR.search(name) for _, name in pairs
    )
