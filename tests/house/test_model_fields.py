"""The shared model helpers: building one model from another, and the split of a cache."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from integration_risk.filecache import FileCache
from integration_risk.models.fields import IntegrationRef, build_from
from integration_risk.scan.walk import WalkedFile


class _Row(BaseModel):
    id: str
    name: str
    extra: int = 0


@dataclass
class _Source:
    id: str
    name: str
    unrelated: str = "x"


def test_build_from_copies_same_named_fields_of_a_dataclass_or_a_model() -> None:
    assert build_from(_Row, _Source("a", "A")) == _Row(id="a", name="A")
    ref = IntegrationRef(id="stripe", name="Stripe", category="payment")
    assert build_from(_Row, ref, extra=3) == _Row(id="stripe", name="Stripe", extra=3)


def test_build_from_values_win_over_the_source() -> None:
    assert build_from(_Row, _Source("a", "A"), name="B").name == "B"


def test_split_keeps_hits_with_the_same_stat_and_returns_the_rest(tmp_path: Path) -> None:
    cache: FileCache[int] = FileCache(tmp_path / "c.json", "v1", lambda v: v, int)
    cache.store("a.py", 10, 1, "d1", 7)
    cache.store("b.py", 10, 1, "d2", 8)
    same, touched, new = (
        WalkedFile(str(tmp_path / rel), rel, size, mtime)
        for rel, size, mtime in (("a.py", 10, 1), ("b.py", 10, 2), ("c.py", 1, 1))
    )
    hits, todo = cache.split([same, touched, new])
    assert hits == {"a.py": 7}
    assert todo == [touched, new]
