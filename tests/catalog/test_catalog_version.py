"""The catalog version: a hash of the provider files, remembered under their stats."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.catalog.constants import catalog_version, version_of


@pytest.fixture
def providers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    directory = tmp_path / "providers"
    directory.mkdir()
    (directory / "a.toml").write_text('id = "a"\n')
    (directory / "b.toml").write_text('id = "b"\n')
    return directory


def _content_hash(directory: Path) -> str:
    return version_of((p, p.read_bytes()) for p in sorted(directory.glob("*.toml")))


def test_the_version_is_the_content_hash_and_is_remembered(providers: Path) -> None:
    first = catalog_version(providers)
    assert first == _content_hash(providers)
    memos = list((providers.parent / "cache").rglob("version-*"))
    assert len(memos) == 1 and memos[0].read_text() == first
    assert catalog_version(providers) == first


def test_an_edited_added_or_removed_file_changes_the_version(providers: Path) -> None:
    before = catalog_version(providers)
    path = providers / "a.toml"
    path.write_text('id = "a"\nname = "A"\n')
    edited = catalog_version(providers)
    assert edited != before and edited == _content_hash(providers)
    (providers / "c.toml").write_text('id = "c"\n')
    assert catalog_version(providers) == _content_hash(providers) != edited
    (providers / "c.toml").unlink()
    assert catalog_version(providers) == edited


def test_a_damaged_memo_is_recomputed(providers: Path) -> None:
    version = catalog_version(providers)
    (memo,) = (providers.parent / "cache").rglob("version-*")
    memo.write_text("garbage")
    assert catalog_version(providers) == version


def test_an_unwritable_cache_still_answers(
    providers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache dir should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert catalog_version(providers) == _content_hash(providers)
