"""`name_search.holds_any`: a text holds a name when RE2 finds one, and every text may hold one
when RE2 cannot build the search (review 27 M4), so no finding is skipped."""

from __future__ import annotations

import pytest

from integration_risk.scan import name_search
from integration_risk.scan.confirm import re2

pytestmark = pytest.mark.skipif(re2 is None, reason="needs the RE2 wheel the lock installs")


def test_a_text_holds_a_name_only_where_one_is_written() -> None:
    names = lambda: ["PostgreSQL", "MariaDB"]  # noqa: E731
    assert name_search.holds_any("'pgsql' => 'PostgreSQL'", "t1", "v1", names)
    assert not name_search.holds_any("'sqlite' => 'SQLite'", "t1", "v1", names)


def test_a_search_re2_cannot_build_skips_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(pattern: str) -> None:
        raise re2.error("pattern too large - compile failed")

    monkeypatch.setattr(re2, "compile", refuse)
    assert name_search.holds_any("no name here", "t2", "v1", lambda: ["PostgreSQL"])
