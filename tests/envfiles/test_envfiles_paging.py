"""read_env_files pages its key lists and filters by provider; the summary counts everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.errors import InvalidInput


@pytest.fixture
def root(tmp_path: Path) -> Path:
    lines = [f"SETTING_{n:02d}=value{n}" for n in range(7)]
    lines += [
        "STRIPE_SECRET_KEY=sk_test_placeholder",
        "DATABASE_URL=postgres://db.internal:5432/app",
    ]
    (tmp_path / ".env").write_text("\n".join(lines) + "\n")
    (tmp_path / "app.py").write_text(
        "import os\nos.getenv('MISSING_ONE')\nos.getenv('MISSING_TWO')\n"
    )
    return tmp_path


def test_pages_cover_keys_then_unresolved_reads_once(root: Path) -> None:
    full = api.read_env_files(root)
    everything = [k.name for k in full.keys] + [u.name for u in full.used_but_undefined]
    seen: list[str] = []
    cursor = None
    while True:
        page = api.read_env_files(root, limit=4, cursor=cursor)
        assert page.summary == full.summary
        seen += [k.name for k in page.keys] + [u.name for u in page.used_but_undefined]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == everything and len(everything) == 11


def test_provider_filter_keeps_only_its_keys(root: Path) -> None:
    page = api.read_env_files(root, provider="stripe")
    assert [k.name for k in page.keys] == ["STRIPE_SECRET_KEY"]
    assert page.used_but_undefined == [] and page.next_cursor is None


def test_bad_limit_and_cursor_are_clear_errors(root: Path) -> None:
    with pytest.raises(InvalidInput):
        api.read_env_files(root, limit=0)
    with pytest.raises(InvalidInput):
        api.read_env_files(root, cursor="bogus")
