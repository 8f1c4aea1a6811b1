"""The compact answer (MCP `scan_integrations` default) names every integration within its
byte budget: detailed ones first, the rest by id in `more`, resumable with next_cursor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.catalog.index import catalog_index
from integration_risk.models.scan import ScanResult
from integration_risk.scan import report


def _tree(root: Path, packages: int = 40) -> None:
    table = catalog_index().packages["npm"]
    chosen: dict[str, str] = {}
    for name, provider in sorted(table.items()):
        if provider not in chosen.values() and not name.startswith("@"):
            chosen[name] = provider
        if len(chosen) == packages:
            break
    deps = {name: "^1.0.0" for name in chosen}
    (root / "package.json").write_text(json.dumps({"name": "shop", "dependencies": deps}))
    hooks = root / "app" / "hooks"
    hooks.mkdir(parents=True)
    (hooks / "deliver_backlink.py").write_text(
        "import requests\n\ndef deliver(hook, body):\n"
        "    return requests.post(hook.target_url, json=body, timeout=5)\n"
    )


def _scan(root: Path, **options: object) -> ScanResult:
    return api.scan(root, ".", use_cache=False, workers=1, **options)  # type: ignore[arg-type]


def test_every_integration_is_named_within_the_budget(tmp_path: Path) -> None:
    _tree(tmp_path)
    full = _scan(tmp_path, limit=None)
    compact = _scan(tmp_path, compact=True, limit=15)
    assert report.answer_bytes(compact) <= report.COMPACT_BUDGET
    named = [i.id for i in compact.integrations] + [m.split(" ")[0] for m in compact.more]
    assert named == [i.id for i in full.integrations]  # all of them, in the same order
    assert len(compact.integrations) <= 15 and compact.more


def test_a_self_named_system_in_more_says_where_it_is(tmp_path: Path) -> None:
    _tree(tmp_path)
    compact = _scan(tmp_path, compact=True, limit=1)
    feature = next(m for m in compact.more if m.startswith("deliver-backlink"))
    assert feature == "deliver-backlink app/hooks/deliver_backlink.py:4"
    assert all(" " not in m for m in compact.more if m != feature)  # catalog ids alone


def test_next_cursor_resumes_at_the_first_name_in_more(tmp_path: Path) -> None:
    _tree(tmp_path)
    first = _scan(tmp_path, compact=True, limit=6)
    second = _scan(tmp_path, compact=True, limit=6, cursor=first.next_cursor)
    assert second.integrations[0].id == first.more[0].split(" ")[0]
    assert first.more[len(second.integrations) :] == second.more


def test_a_small_budget_details_fewer_integrations_and_names_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    roomy = _scan(tmp_path, compact=True, limit=15)
    monkeypatch.setattr(report, "COMPACT_BUDGET", report.answer_bytes(roomy) - 800)
    tight = _scan(tmp_path, compact=True, limit=15)
    assert report.MIN_DETAILED <= len(tight.integrations) < len(roomy.integrations)
    assert report.answer_bytes(tight) <= report.COMPACT_BUDGET
    assert len(tight.integrations) + len(tight.more) == len(roomy.integrations) + len(roomy.more)


def test_full_answers_have_no_trailing_list(tmp_path: Path) -> None:
    _tree(tmp_path)
    result = _scan(tmp_path, limit=5)
    assert result.more == [] and "more" not in result.model_dump(mode="json")
    assert result.next_cursor is not None
