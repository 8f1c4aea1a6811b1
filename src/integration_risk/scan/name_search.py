"""Whether a text holds any of a catalog's names, as written: one RE2 pass.

An extractor whose every finding names a catalog entry by one of its names, verbatim
(a catalog class called, a backing service's slug in a pair), can skip its own regex
pass over a text that holds none of them. The search is an RE2 alternation of the names
(linear time, a DFA over the text), built once per catalog version and kind of name.
Without RE2, or when RE2 cannot build the search (a pattern it rejects, its memory budget
outgrown by a larger catalog), every text may hold one: nothing is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from integration_risk.scan.confirm import re2

_SEARCHES: dict[tuple[str, str], Any] = {}  # (kind, catalog version) -> compiled search
_UNBUILT: Any = object()  # RE2 could not build the search: every text may hold a name


def holds_any(text: str, kind: str, version: str, names: Callable[[], Iterable[str]]) -> bool:
    """Whether `text` holds one of `names()` (made on the first call for this `kind` and
    catalog `version`; an empty set of names holds in every text)."""
    if re2 is None:
        return True
    search = _SEARCHES.get((kind, version))
    if search is None:
        for old in [key for key in _SEARCHES if key[0] == kind]:
            del _SEARCHES[old]  # one catalog version per kind: a server's catalog changed
        try:
            search = re2.compile("|".join(re.escape(name) for name in sorted(names())))
        except (ValueError, re2.error):
            search = _UNBUILT
        _SEARCHES[(kind, version)] = search
    return search is _UNBUILT or search.search(text) is not None
