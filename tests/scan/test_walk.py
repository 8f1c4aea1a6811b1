"""The tree walk: gitignore, skips with reasons, symlinks that never escape."""

from __future__ import annotations

import os
from pathlib import Path

from integration_risk.scan.walk import walk_tree


def write(root: Path, rel: str, text: str = "x = 1\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def rels(root: Path) -> list[str]:
    return [f.relpath for f in walk_tree(root.resolve()).files]


def test_gitignore_rules_apply_per_directory_with_negation(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "*.log\nbuild/\n!keep.log\n")
    write(tmp_path, "app.py")
    write(tmp_path, "debug.log")
    write(tmp_path, "keep.log")
    write(tmp_path, "build/out.py")
    write(tmp_path, "pkg/.gitignore", "secret_stuff.py\n")
    write(tmp_path, "pkg/secret_stuff.py")
    write(tmp_path, "pkg/ok.py")
    found = rels(tmp_path)
    assert "app.py" in found and "pkg/ok.py" in found
    assert "build/out.py" not in found and "pkg/secret_stuff.py" not in found
    assert "debug.log" not in found


def test_vendored_minified_binary_lockfiles_and_huge_files_are_counted(tmp_path: Path) -> None:
    write(tmp_path, "node_modules/stripe/index.js", "module.exports = 1\n")
    write(tmp_path, "static/codemirror-5.17.0/lib.js", "x\n")
    write(tmp_path, "dist/app.min.js", "x\n")
    write(tmp_path, "logo.png", "not really a png")
    write(tmp_path, "package-lock.json", "{}")
    big = tmp_path / "huge.log.txt"
    with big.open("wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.truncate(2 * 1024**3)
    write(tmp_path, "main.py")
    result = walk_tree(tmp_path.resolve())
    assert [f.relpath for f in result.files] == ["main.py"]
    assert result.skipped["vendored or generated directory"] == 2
    assert result.skipped["minified"] == 1
    assert result.skipped["binary"] == 1
    assert result.skipped["lockfile"] == 1
    assert result.skipped["oversized"] == 1


def test_symlinks_out_of_the_root_and_loops_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "secret.py", "import stripe\n")
    root = tmp_path / "repo"
    write(root, "main.py")
    (root / "escape.py").symlink_to(outside / "secret.py")
    (root / "escape_dir").symlink_to(outside, target_is_directory=True)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "inside.py").symlink_to(root / "main.py")
    result = walk_tree(root.resolve())
    assert sorted(f.relpath for f in result.files) == ["inside.py", "main.py"]
    assert result.skipped["symlink out of the root"] == 2
    assert result.skipped["symlinked directory (not followed)"] == 1


def test_start_below_root_applies_ancestor_gitignore(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "generated_*.py\n")
    write(tmp_path, "src/generated_api.py")
    write(tmp_path, "src/real.py")
    root = tmp_path.resolve()
    found = [f.relpath for f in walk_tree(root, root / "src").files]
    assert found == ["src/real.py"]


def test_unreadable_directory_is_counted_not_fatal(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, "ok.py")
    write(tmp_path, "locked/x.py")
    real_scandir = os.scandir

    def scandir(path: str):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = walk_tree(tmp_path.resolve())
    assert [f.relpath for f in result.files] == ["ok.py"]
    assert result.skipped["unreadable directory"] == 1


def test_a_file_name_that_is_not_utf8_is_skipped_with_its_reason(tmp_path: Path) -> None:
    # Caches, JSON answers and reports spell paths in UTF-8: such a name used to crash
    # the scan (UnicodeEncodeError on a surrogate). Names in UTF-8 beyond ASCII are kept.
    write(tmp_path, "main.py")
    write(tmp_path, "café.py")
    (tmp_path / os.fsdecode(b"latin\xe9.py")).write_text("import stripe\n")
    result = walk_tree(tmp_path.resolve())
    assert sorted(f.relpath for f in result.files) == ["café.py", "main.py"]
    assert result.skipped["file name not UTF-8"] == 1


def test_a_scan_of_a_tree_with_a_name_that_is_not_utf8_finds_the_rest(tmp_path: Path) -> None:
    from integration_risk import api

    write(tmp_path, "pay.py", "import stripe\n")
    (tmp_path / os.fsdecode(b"old\xff.py")).write_text("import redis\n")
    for _ in range(2):  # cold, then from the caches
        answer = api.scan_answer(tmp_path.resolve())
        assert [i["id"] for i in answer["integrations"]] == ["stripe"]
