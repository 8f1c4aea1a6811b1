"""Client-library defaults from `data/defaults.toml`: which library a site uses and what
it does when the code sets nothing (cited as "library default")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from integration_risk.resilience.datafiles import data_rows


@dataclass(frozen=True)
class LibraryDefault:
    id: str
    languages: frozenset[str]
    tokens: frozenset[str]
    integrations: frozenset[str]
    timeout: str
    retry: str
    no_timeout: str
    requires_hint: tuple[str, ...] = ()  # project-wide settings it needs (hints.toml ids)
    requires_package: str = ""  # a companion package the root manifest must name
    requires_import: str = ""  # a namespace the site's file must import (C# `using X.Y;`)
    generic: bool = False  # a general HTTP client, not one system's SDK
    # a function, not a client (`file_get_contents`, `urlopen`): it holds where the site's own
    # call or function calls it, not for another call of the integration's evidence or file
    call_only: bool = False
    # calls (last name, lower case) its retry default leaves out: `got.post`, `Req.post!`
    no_retry_calls: frozenset[str] = frozenset()
    # calls (last name, lower case) it answers in-process, no request: `get_model_info`
    local_calls: frozenset[str] = frozenset()
    via: str = ""  # the wrapper whose calls show the library (`via wrapper get -> ...`)
    # (package, version): holds only where the project pins that package at that version or
    # later (a default that changed between releases: redis-py retries since 6.0)
    since: tuple[str, str] = ("", "")


@cache
def library_defaults() -> tuple[LibraryDefault, ...]:
    return tuple(
        LibraryDefault(
            id=row["id"],
            languages=frozenset(row.get("languages", [])),
            tokens=frozenset(row.get("tokens", [])),
            integrations=frozenset(row.get("integrations", [])),
            timeout=row.get("timeout", ""),
            retry=row.get("retry", ""),
            no_timeout=row.get("no_timeout", ""),
            requires_hint=_ids(row.get("requires_hint", ())),
            requires_package=row.get("requires_package", ""),
            requires_import=row.get("requires_import", ""),
            generic=bool(row.get("generic", False)),
            call_only=bool(row.get("call_only", False)),
            no_retry_calls=frozenset(row.get("no_retry_calls", [])),
            local_calls=frozenset(row.get("local_calls", [])),
            since=(row.get("package", ""), row.get("since", "")),
        )
        for row in data_rows("defaults.toml", "library")
    )


def _ids(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """One hint id, or a list of them that must all hold."""
    return (value,) if isinstance(value, str) else tuple(value)


_WORD = re.compile(r"[@A-Za-z_][\w/@-]*")


def words_of(text: str) -> set[str]:
    """Identifiers and package-ish names in a text (`@aws-sdk/client-s3` -> `@aws-sdk`, ...)."""
    found = set()
    for word in _WORD.findall(text):
        found.add(word)
        found.update(part for part in word.split("/") if part)  # a package scope: `@aws-sdk`
        found.update(part for part in re.split(r"[/-]", word) if part)
    return found


def libraries_for(
    integration_id: str,
    language: str,
    file_words: set[str],
    evidence_words: set[str],
    *,
    any_language: bool = False,
) -> list[LibraryDefault]:
    """Libraries whose tokens show at the site's file or in the integration's evidence.
    Settings files have no language of their own: `any_language` matches every library."""
    chosen = []
    for library in library_defaults():
        if not any_language and library.languages and language not in library.languages:
            continue
        if library.integrations and integration_id not in library.integrations:
            continue
        if library.tokens & file_words or library.tokens & evidence_words:
            chosen.append(library)
    return chosen


@cache
def generic_clients() -> frozenset[str]:
    """Ids of the general HTTP clients (`generic = true`)."""
    return frozenset(lib.id for lib in library_defaults() if lib.generic)


@cache
def in_process_calls() -> dict[str, frozenset[str]]:
    """Per library id, the calls it answers in-process (`local_calls`): no request."""
    return {lib.id: lib.local_calls for lib in library_defaults() if lib.local_calls}


@cache
def system_sdks() -> frozenset[str]:
    """Ids of the libraries that are one system's own SDK (`integrations` names it)."""
    return frozenset(lib.id for lib in library_defaults() if lib.integrations and not lib.generic)
