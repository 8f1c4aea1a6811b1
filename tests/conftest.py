"""Shared fixtures: an isolated cache dir for every test, and a tiny tree builder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    cache = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


TreeBuilder = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def make_tree(tmp_path: Path) -> TreeBuilder:
    """Write {relative path: text or bytes} under a fresh root and return the resolved root."""

    def build(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "app"
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content)
        root.mkdir(exist_ok=True)
        return root.resolve()

    return build


@pytest.fixture
def anyio_backend() -> str:
    """MCP client tests run on asyncio (the anyio pytest plugin comes with mcp)."""
    return "asyncio"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root the MCP server finds through CLAUDE_PROJECT_DIR, as Claude Code sets it."""
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.setenv("CLAUDE_PROJECT_DIR", str(root))
    return root
