"""The catalog index the package build ships (`catalog.index.PREBUILT`): the index the
TOML files give, read instead of them, and never used once it no longer matches them."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest

from integration_risk.catalog import index as catalog_index_module
from integration_risk.catalog.index import catalog_index, write_prebuilt

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh(
    isolated_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[list[int]]:
    """An empty user cache, `PREBUILT` in `tmp_path`, and a count of TOML parses."""
    monkeypatch.setattr(catalog_index_module, "PREBUILT", tmp_path / "prebuilt_index.json")
    parses: list[int] = []
    parse = catalog_index_module._parse_shipped_catalog

    def counted() -> catalog_index_module.CatalogIndex:
        parses.append(1)
        return parse()

    monkeypatch.setattr(catalog_index_module, "_parse_shipped_catalog", counted)
    catalog_index.cache_clear()
    yield parses
    catalog_index.cache_clear()


def test_a_shipped_index_is_read_instead_of_the_toml_files(fresh: list[int]) -> None:
    write_prebuilt(catalog_index_module.PREBUILT)
    fresh.clear()
    shipped = catalog_index()
    assert fresh == []  # no provider file parsed
    catalog_index.cache_clear()
    catalog_index_module.PREBUILT.unlink()
    parsed = catalog_index()
    assert fresh == [1]
    assert asdict(shipped) == asdict(parsed)


def test_a_shipped_index_of_another_catalog_is_not_used(fresh: list[int]) -> None:
    write_prebuilt(catalog_index_module.PREBUILT)
    data = json.loads(catalog_index_module.PREBUILT.read_bytes())
    data["version"] = "0000000000000000-" + data["version"].split("-")[1]
    data["names"]["stripe"] = "Not Stripe"
    catalog_index_module.PREBUILT.write_text(json.dumps(data), encoding="utf-8")
    fresh.clear()
    assert catalog_index().names["stripe"] == "Stripe"
    assert fresh == [1]


def test_a_damaged_shipped_index_is_not_used(fresh: list[int]) -> None:
    catalog_index_module.PREBUILT.write_text("{not json", encoding="utf-8")
    assert catalog_index().names["stripe"] == "Stripe"
    assert fresh == [1]


def test_the_package_build_writes_and_ships_it() -> None:
    """The wheel build runs `hatch_build.py`, which calls `write_prebuilt`; the file is
    an artifact of the wheel and ignored by git."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = project["tool"]["hatch"]["build"]["targets"]["wheel"]
    shipped = catalog_index_module.PREBUILT.relative_to(ROOT).as_posix()
    assert shipped in wheel["artifacts"]
    assert wheel["hooks"]["custom"]["path"] == "hatch_build.py"
    assert "write_prebuilt()" in (ROOT / "hatch_build.py").read_text(encoding="utf-8")
    assert f"/{shipped}" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_a_shipped_index_missing_a_table_is_rebuilt_not_read(fresh: list[int]) -> None:
    # review 25: the right version with a table missing was read, and a scan then failed
    # on `tokens["schemes"]`
    write_prebuilt(catalog_index_module.PREBUILT)
    data = json.loads(catalog_index_module.PREBUILT.read_bytes())
    data["tokens"] = {}
    catalog_index_module.PREBUILT.write_text(json.dumps(data), encoding="utf-8")
    fresh.clear()
    assert catalog_index().scheme_provider("postgres") == "postgresql"
    assert fresh == [1]
