"""The Hyperscan database the package build ships (`native_db.PREBUILT`): loaded instead
of compiling when it holds the literals the scan plans, compiled again when it is missing,
damaged, of another plan or built for another CPU."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from integration_risk.scan import native, native_db
from tests.scan.test_prefilter import FILLER, INDEX

pytestmark = pytest.mark.skipif(native.hyperscan is None, reason="hyperscan wheel missing")
TEXT = FILLER + "import stripe\nr = requests.post(hook.target_url)\n" + FILLER


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """An empty user cache, `PREBUILT` in `tmp_path`, and a count of compiles."""
    monkeypatch.setenv("SCAN_NATIVE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(native_db, "PREBUILT", tmp_path / "prebuilt_hyperscan.hsdb")
    monkeypatch.setattr(native, "_ENGINES", {})
    monkeypatch.setattr(native, "_PENDING", {})
    counted: list[int] = []
    compile_literals = native_db.compile_literals

    def counting(hyperscan: Any, literals: list[str]) -> Any:
        counted.append(1)
        return compile_literals(hyperscan, literals)

    monkeypatch.setattr(native_db, "compile_literals", counting)
    return counted


def _hits(engine: native.Engine) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    engine.scan(TEXT.encode(), lambda i, _f, to, _fl, _c: found.append((i, to)))
    return sorted(found)


def _db_offset(path: Path) -> int:
    """Where the serialized database starts in the shipped file (after its key line)."""
    return path.read_bytes().index(b"\n") + 1


def test_a_shipped_database_of_the_planned_literals_is_loaded_not_compiled(
    compiles: list[int], tmp_path: Path
) -> None:
    native.write_prebuilt(INDEX)
    assert compiles == [1]
    shipped = native.build(INDEX)
    assert compiles == [1]  # loaded, not compiled
    assert not list((tmp_path / "cache").rglob("hyperscan-*.db"))  # nothing copied
    native_db.PREBUILT.unlink()
    compiled = native.build(INDEX)
    assert compiles == [1, 1]
    assert shipped.tokens == compiled.tokens
    assert _hits(shipped) == _hits(compiled) != []


def test_without_a_shipped_database_the_scan_compiles(compiles: list[int]) -> None:
    assert not native_db.PREBUILT.exists()
    assert _hits(native.build(INDEX))
    assert compiles == [1]


@pytest.mark.parametrize("damage", ["garbage", "cut short", "a flipped byte", "no key line"])
def test_a_damaged_shipped_database_is_compiled_again(compiles: list[int], damage: str) -> None:
    native.write_prebuilt(INDEX)
    path = native_db.PREBUILT
    data = bytearray(path.read_bytes())
    start = _db_offset(path)
    if damage == "garbage":
        data = bytearray(b"\x00\xff not a database")
    elif damage == "cut short":
        data = data[: start + 200]
    elif damage == "a flipped byte":
        data[start + 500] ^= 0xFF  # in the bytecode Hyperscan checksums
    else:
        data = data[start:]
    path.write_bytes(bytes(data))
    assert _hits(native.build(INDEX))
    assert compiles == [1, 1]


def test_a_shipped_database_of_other_literals_is_not_used(
    compiles: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the catalog or an extractor changed since the build: a literal more in the plan
    planned = native.plan(INDEX)
    assert native.hyperscan is not None
    native_db.write(native.hyperscan, [literal for literal in planned if literal != "stripe"])
    engine = native.build(INDEX)
    assert compiles == [1, 1]
    stripe = list(planned).index("stripe")
    assert any(i == stripe for i, _ in _hits(engine))


def test_a_shipped_database_built_for_another_cpu_is_not_used(compiles: list[int]) -> None:
    native.write_prebuilt(INDEX)
    path = native_db.PREBUILT
    data = bytearray(path.read_bytes())
    # a serialized database: magic, version, length (u32 each), then the platform it
    # was compiled for (u64): one this machine cannot run
    struct.pack_into("<Q", data, _db_offset(path) + 12, 0xFFFF_FFFF_FFFF_FFFF)
    path.write_bytes(bytes(data))
    assert _hits(native.build(INDEX))
    assert compiles == [1, 1]


def test_an_unchanged_database_is_not_written_again(compiles: list[int]) -> None:
    native.write_prebuilt(INDEX)
    before = native_db.PREBUILT.stat().st_mtime_ns
    native.write_prebuilt(INDEX)
    assert native_db.PREBUILT.stat().st_mtime_ns == before


def test_the_package_build_writes_and_ships_it() -> None:
    root = Path(__file__).resolve().parents[2]
    shipped = native_db.PREBUILT.relative_to(root).as_posix()
    assert f'"{shipped}"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "native.write_prebuilt(index)" in (root / "hatch_build.py").read_text(encoding="utf-8")
    assert f"/{shipped}" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
