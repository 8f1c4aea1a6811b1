"""Which line regexes cannot match in the file being extracted (the native engine knows).

The native prefilter engine matches a superset of every pattern extractor's regex over
the whole file; a regex whose superset found nothing cannot match anywhere in it, so its
`finditer` over the candidate lines is skipped. The set is context-local (a scan in a
server thread does not see another's) and empty unless the native engine ran: without
it every regex runs, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_ABSENT: ContextVar[frozenset[re.Pattern[str]]] = ContextVar("absent", default=frozenset())


@contextmanager
def absent(patterns: frozenset[re.Pattern[str]]) -> Iterator[None]:
    """Within the block, `finditer(pattern, ...)` yields nothing for these patterns."""
    token = _ABSENT.set(patterns)
    try:
        yield
    finally:
        _ABSENT.reset(token)


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, or nothing when the file holds no match of it."""
    if pattern in _ABSENT.get():
        return iter(())
    return pattern.finditer(text)
