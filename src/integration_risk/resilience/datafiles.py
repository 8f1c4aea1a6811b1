"""The resilience data files (`data/*.toml`): where they are and their rows."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


@cache
def data_file(name: str) -> dict[str, Any]:
    """`data/<name>` parsed once per process (read-only: callers must not mutate it)."""
    with open(DATA / name, "rb") as handle:
        return tomllib.load(handle)


def data_rows(name: str, table: str) -> list[dict[str, Any]]:
    """The `[[table]]` rows of `data/<name>` (none when it has no such table)."""
    return list(data_file(name).get(table, []))
