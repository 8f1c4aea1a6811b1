"""Fixtures for the report tests: the fixed reports in data/ and a writable copy of the shop."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent / "data"
SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture
def small_report() -> dict[str, Any]:
    """Two integrations, every section filled: the golden-file report."""
    return load("small_report.json")


@pytest.fixture
def shop_report() -> dict[str, Any]:
    """All eight integrations of examples/shop with real path:line citations."""
    return load("shop_report.json")


@pytest.fixture
def analysis() -> dict[str, Any]:
    return load("failure_analysis.json")


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A copy of examples/shop that writers may write into."""
    root = tmp_path / "shop"
    shutil.copytree(SHOP, root, ignore=shutil.ignore_patterns(".claude"))
    return root.resolve()
