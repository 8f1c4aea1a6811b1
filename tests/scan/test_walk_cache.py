"""A re-walk of an unchanged tree is replayed from the cache; any change that could alter
the result is seen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integration_risk.scan import walkcache
from integration_risk.scan.walk import WalkResult, walk_tree


def _tree(root: Path) -> Path:
    for rel, text in {
        ".gitignore": "*.log.py\nbuild/\n",
        "app/main.py": "import stripe\n",
        "app/debug.log.py": "x\n",
        "build/out.py": "x\n",
        "lib/util.ts": "export {}\n",
        "logo.png": "x",
    }.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root.resolve()


def _summary(result: WalkResult) -> tuple[list[tuple[str, int, int]], int, dict[str, int]]:
    files = sorted((f.relpath, f.size, f.mtime_ns) for f in result.files)
    return files, result.ignored, dict(result.skipped)


def _walk(root: Path) -> WalkResult:
    return walk_tree(root, use_git=False, use_cache=True)


@pytest.fixture
def replays(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each walk was answered from the cache."""
    seen: list[bool] = []
    real_load = walkcache.load

    def load(root: Path, max_bytes: int):  # type: ignore[no-untyped-def]
        answer = real_load(root, max_bytes)
        seen.append(answer is not None)
        return answer

    monkeypatch.setattr(walkcache, "load", load)
    return seen


def test_unchanged_tree_is_replayed_with_the_same_result(
    tmp_path: Path, replays: list[bool]
) -> None:
    root = _tree(tmp_path)
    first = _walk(root)
    second = _walk(root)
    assert replays == [False, True]
    assert _summary(second) == _summary(first) == _summary(walk_tree(root, use_git=False))
    assert [f.relpath for f in first.files] and first.ignored == 1


def _bump(path: Path) -> None:
    """A new mtime even on file systems with coarse timestamps."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


@pytest.mark.parametrize(
    "change",
    ["add file", "remove file", "edit gitignore", "new nested gitignore", "info exclude"],
)
def test_changes_that_alter_the_walk_are_seen(
    tmp_path: Path, replays: list[bool], change: str
) -> None:
    root = _tree(tmp_path)
    _walk(root)
    if change == "add file":
        (root / "app" / "new.py").write_text("x\n")
        _bump(root / "app")
    elif change == "remove file":
        (root / "lib" / "util.ts").unlink()
        _bump(root / "lib")
    elif change == "edit gitignore":
        (root / ".gitignore").write_text("*.log.py\n")
        _bump(root / ".gitignore")
    elif change == "new nested gitignore":
        (root / "app" / ".gitignore").write_text("main.py\n")
        _bump(root / "app")
    else:
        (root / ".git" / "info").mkdir(parents=True)
        (root / ".git" / "info" / "exclude").write_text("lib/\n")
    again = _walk(root)
    assert replays == [False, False]
    assert _summary(again) == _summary(walk_tree(root, use_git=False))


def test_edited_file_gets_fresh_stat_data_and_size_rule(
    tmp_path: Path, replays: list[bool]
) -> None:
    root = _tree(tmp_path)
    _walk(root)
    (root / "app" / "main.py").write_text("import stripe\n" * 10)
    _bump(root / "app" / "main.py")
    again = walk_tree(root, max_file_bytes=50, use_git=False, use_cache=True)
    assert replays == [False, False]  # another size limit is another cache entry
    again = walk_tree(root, max_file_bytes=50, use_git=False, use_cache=True)
    assert replays[-1] is True
    assert "app/main.py" not in [f.relpath for f in again.files]
    assert again.skipped["oversized"] == 1
    fresh = _walk(root)
    main = next(f for f in fresh.files if f.relpath == "app/main.py")
    assert main.size == len("import stripe\n" * 10)


def test_trees_with_symlinks_are_not_cached(tmp_path: Path, replays: list[bool]) -> None:
    root = _tree(tmp_path)
    (root / "alias.py").symlink_to(root / "app" / "main.py")
    _walk(root)
    _walk(root)
    assert replays == [False, False]
