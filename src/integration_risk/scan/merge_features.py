"""Tidy outbound-URL features across files before they become integrations.

- A feature named after the project itself (`lib/app/http.ex` -> `app`) is the project's
  own HTTP wrapper, not a feature: dropped.
- A feature named after a setting whose default the code spells out elsewhere
  (`push_relay_uri ... "https://push.example.net"`) is that host's system: folded in.
- Features that share a distinctive first word (`tmdb-movie`, `tmdb-person`) are one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Protocol, TypeVar

from integration_risk.scan.features import GENERIC_WORDS
from integration_risk.scan.findings import LONGTAIL_FEATURE, Finding


class Group(Protocol):
    items: list[tuple[str, Finding]]
    aliases: set[str]


G = TypeVar("G", bound=Group)

_SETTING_SUFFIX = "(?:base)?(?:url|uri|endpoint|host|server|address)"
_ALNUM = re.compile(r"[^a-z0-9]")


def fold_features(groups: dict[str, G], project_names: frozenset[str]) -> None:
    features = [k for k in groups if k.startswith(LONGTAIL_FEATURE)]
    for key in features:
        name = key[len(LONGTAIL_FEATURE) :]
        if name in project_names:
            del groups[key]
            continue
        host = _default_of_setting(name, groups)
        if host is not None:
            _move(groups, key, host)
    _merge_by_first_word(groups)


def _default_of_setting(name: str, groups: dict[str, G]) -> str | None:
    """The system whose URL evidence assigns this setting a literal default."""
    flat = name.replace("-", "")
    if len(flat) < 6:
        return None
    pattern = re.compile(re.escape(flat) + _SETTING_SUFFIX)
    found = {
        key
        for key, group in groups.items()
        if not key.startswith(LONGTAIL_FEATURE)
        for _, finding in group.items
        if finding.kind == "url" and pattern.search(_ALNUM.sub("", finding.snippet.lower()))
    }
    return found.pop() if len(found) == 1 else None


def _merge_by_first_word(groups: dict[str, G]) -> None:
    by_word: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        if key.startswith(LONGTAIL_FEATURE):
            first = key[len(LONGTAIL_FEATURE) :].split("-", 1)[0]
            if len(first) >= 3 and first not in GENERIC_WORDS:
                by_word[first].append(key)
    for word, keys in by_word.items():
        if len(keys) < 2:
            continue
        target = LONGTAIL_FEATURE + word
        for key in sorted(keys):
            if key != target:
                _move(groups, key, target)


def _move(groups: dict[str, G], source: str, target: str) -> None:
    moved = groups.pop(source)
    if target not in groups:
        groups[target] = moved
        return
    groups[target].items.extend(moved.items)
    groups[target].aliases.update(moved.aliases)
