"""Differential: the walk's ignore decisions against `git ls-files` on fixture trees.

Each tree is a real git repository; git's own list of tracked-or-unignored files
is the oracle for both walk modes (git's listing and the .gitignore reader used
outside a checkout).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.walk import walk_tree
from tests.shell import git

# (files with their .gitignore / exclude contents, paths of plain files to create)
CASES: dict[str, tuple[dict[str, str], list[str]]] = {
    "negation and order": (
        {".gitignore": "*.txt\n!keep.txt\nlogs/\n!logs/\n*.tmp.py\n"},
        ["a.txt", "keep.txt", "sub/keep.txt", "sub/b.txt", "logs/x.py", "x.tmp.py", "ok.py"],
    ),
    "re-include inside an excluded dir is impossible": (
        {".gitignore": "build/\n!build/keep.py\n"},
        ["build/keep.py", "build/out.py", "src/build.py"],
    ),
    "contents excluded, one file re-included": (
        {".gitignore": "out/*\n!out/keep.py\n"},
        ["out/keep.py", "out/drop.py", "out/deep/x.py"],
    ),
    "double star": (
        {".gitignore": "**/gen/**\nlogs/**/*.py\n**/tmp\na/**/b.py\n"},
        [
            "gen/x.py",
            "src/gen/y.py",
            "src/gen/z/w.py",
            "logs/a.py",
            "logs/deep/er/b.py",
            "logs/keep.txt",
            "tmp/x.py",
            "deep/tmp/y.py",
            "a/b.py",
            "a/x/y/b.py",
            "a/x/c.py",
            "general.py",
        ],
    ),
    "anchored and unanchored": (
        {".gitignore": "/root_only.py\nanywhere.py\ndoc/*.txt\n"},
        [
            "root_only.py",
            "sub/root_only.py",
            "anywhere.py",
            "sub/deep/anywhere.py",
            "doc/a.txt",
            "doc/sub/b.txt",
            "c.txt",
        ],
    ),
    "nested gitignore overrides parent": (
        {
            ".gitignore": "*.json\nsecret_*.py\n",
            "pkg/.gitignore": "!config.json\nlocal.py\n",
            "pkg/inner/.gitignore": "!secret_ok.py\n/only_here.py\n",
        },
        [
            "config.json",
            "pkg/config.json",
            "pkg/other.json",
            "pkg/local.py",
            "local.py",
            "secret_a.py",
            "pkg/inner/secret_ok.py",
            "pkg/inner/secret_no.py",
            "pkg/inner/only_here.py",
            "pkg/inner/deeper/only_here.py",
        ],
    ),
    "info exclude": (
        {".git/info/exclude": "private/\n*.bak.py\n", ".gitignore": "!keep.bak.py\n"},
        ["private/x.py", "a.bak.py", "keep.bak.py", "public/y.py"],
    ),
    "character classes, escapes, trailing spaces": (
        {".gitignore": "file[0-9].py\n\\#hash.py\nspaced.py   \n\\!bang.py\n?.ts\n"},
        ["file1.py", "fileA.py", "#hash.py", "spaced.py", "!bang.py", "a.ts", "ab.ts"],
    ),
    # lines git reads as nothing (a lone `!` or `\`) are skipped, the rest still apply
    "invalid lines": (
        {".gitignore": "!\n*.log.py\n\\\n[a-\n"},
        ["app.py", "x.log.py", "sub/y.log.py", "a.py"],
    ),
}


def _make_repo(root: Path, ignores: dict[str, str], files: list[str]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    for rel, text in ignores.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for rel in files:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")


def _git_answer(root: Path, under: str = ".") -> set[str]:
    out = git(root, "ls-files", "-co", "--exclude-standard", "-z", "--", under)
    return {p for p in out.split("\0") if p and not p.endswith(".gitignore")}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("use_git", [True, False], ids=["git", "gitignore-reader"])
def test_walk_agrees_with_git_ls_files(tmp_path: Path, case: str, use_git: bool) -> None:
    ignores, files = CASES[case]
    root = tmp_path.resolve()
    _make_repo(root, ignores, files)
    expected = _git_answer(root)
    assert expected, "the fixture must leave something unignored"
    assert expected != set(files), "the fixture must ignore something"
    walked = {f.relpath for f in walk_tree(root, use_git=use_git).files}
    assert walked == expected


@pytest.mark.parametrize("use_git", [True, False], ids=["git", "gitignore-reader"])
def test_walk_below_the_root_agrees_withgit(tmp_path: Path, use_git: bool) -> None:
    ignores, files = CASES["nested gitignore overrides parent"]
    root = tmp_path.resolve()
    _make_repo(root, ignores, files)
    walked = {f.relpath for f in walk_tree(root, root / "pkg" / "inner", use_git=use_git).files}
    assert walked == _git_answer(root, "pkg/inner")
    assert walked == {"pkg/inner/secret_ok.py", "pkg/inner/deeper/only_here.py"}


def test_git_mode_scans_tracked_files_even_when_ignored(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    _make_repo(root, {".gitignore": "*.py\n"}, ["tracked.py", "untracked.py"])
    git(root, "add", "-f", "tracked.py")
    assert [f.relpath for f in walk_tree(root).files] == ["tracked.py"]
    assert [f.relpath for f in walk_tree(root, use_git=False).files] == []


def test_git_mode_keeps_the_skip_rules(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    _make_repo(
        root,
        {".gitignore": "dist/\n"},
        ["main.py", "node_modules/pkg/index.js", "vendor/lib/x.py", "dist/app.py"],
    )
    (root / "app.min.js").write_text("x")
    (root / "gone.py").write_text("x")
    git(root, "add", "gone.py")
    (root / "gone.py").unlink()  # tracked, deleted from the work tree
    result = walk_tree(root)
    assert [f.relpath for f in result.files] == ["main.py"]
    assert result.skipped["vendored or generated directory"] == 2
    assert result.skipped["minified"] == 1


def test_nested_repository_is_walked_with_its_own_gitignore(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    _make_repo(root, {}, ["main.py"])
    _make_repo(root / "plugin", {".gitignore": "*.log.py\n"}, ["a.py", "b.log.py"])
    assert sorted(f.relpath for f in walk_tree(root).files) == ["main.py", "plugin/a.py"]
