"""ARCHITECTURE.md names every module: a row of its own (`scan/walk.py`), a brace group
(`scan/{code,urls}.py`), or its name in backticks in its package's row (`resilience/`:
`facts`, `sites`...). A module nobody can find on the map is a module nobody knows owns
what it owns."""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAP = ROOT / "ARCHITECTURE.md"
_ROW = re.compile(r"^\|\s*(.+?)\s*\|\s*(.+?)\s*\|\s*$", re.M)
_TICKED = re.compile(r"`([^`]+)`")


def _modules() -> list[str]:
    """`pkg/mod` names (without `.py`) of every module, `__init__` and `__main__` aside."""
    found = []
    for base, prefix in (
        (ROOT / "src" / "integration_risk", ""),
        (ROOT / "mcp_server", "mcp_server/"),
    ):
        for path in sorted(base.rglob("*.py")):
            if path.name in ("__init__.py", "__main__.py") or "__pycache__" in path.parts:
                continue
            found.append(prefix + path.relative_to(base).with_suffix("").as_posix())
    return found


def _named() -> set[str]:
    named: set[str] = set()
    for where, owns in _ROW.findall(MAP.read_text(encoding="utf-8")):
        for spec in _TICKED.findall(where):
            brace = re.fullmatch(r"(.*)\{(.+)\}(\.py)?", spec)
            stems = (
                [brace.group(1) + s.strip() for s in brace.group(2).split(",")] if brace else [spec]
            )
            for stem in stems:
                stem = stem.removesuffix(".py").rstrip("/")
                named.add(stem)
                if spec.endswith("/"):  # a package's row: the modules it names in backticks
                    for word in _TICKED.findall(owns):
                        for part in re.split(r"[\s,+]+", word):
                            part = re.sub(r"<[a-z_]+>", "*", part.removesuffix(".py"))
                            if re.fullmatch(r"[a-z_*][a-z0-9_*]*(/[a-z_*][a-z0-9_*]*)*", part):
                                named.add(f"{stem}/{part}")
    return named


def test_every_module_is_on_the_house_map() -> None:
    named = _named()
    missing = [m for m in _modules() if not any(fnmatch(m, pattern) for pattern in named)]
    assert not missing, (
        f"ARCHITECTURE.md does not name {len(missing)} module(s): {', '.join(missing)}. "
        "Add each to its package's row (in backticks, with what it owns) or a row of its own."
    )
