"""upsert(per_entry=True): one lock and write per entry, reported as one result."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk import glossary
from integration_risk.errors import InvalidInput


def test_each_entry_matches_the_ones_before_it(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    glossary.upsert(path, "g.json", {"Stripe": {"type": "payments", "aliases": ["st"]}}, "a")
    result = glossary.upsert(
        path,
        "g.json",
        {"Redis": {"type": "cache"}, "stripe": {"type": "payments"}, "Redis Service": {}},
        "b",
        per_entry=True,
    )
    assert result.created == ["Redis"]
    assert result.matched == {"stripe": "Stripe", "Redis Service": "Redis"}
    # "Redis Service" added an alias to the entry created one write earlier.
    assert result.updated == ["Redis"] and result.unchanged == ["Stripe"]
    assert result.total_entries == 2 and result.path == "g.json"


def test_empty_batch_is_the_same_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no entries"):
        glossary.upsert(tmp_path / "g.json", "g.json", {}, "a", per_entry=True)
