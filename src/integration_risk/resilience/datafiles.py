"""The resilience data files (`data/*.toml`): where they are and their rows."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def data_rows(name: str, table: str) -> list[dict[str, Any]]:
    """The `[[table]]` rows of `data/<name>` (none when it has no such table)."""
    with open(DATA / name, "rb") as handle:
        return list(tomllib.load(handle).get(table, []))
