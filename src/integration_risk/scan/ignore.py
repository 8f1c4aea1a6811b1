"""Which files are ignored: git's own answer in a checkout, `GitIgnoreSpec` elsewhere.

In a git work tree one `git ls-files -co --exclude-standard -z` lists every
tracked file plus every untracked file that no .gitignore, `.git/info/exclude`
or global excludes file hides: exactly what git would show, in one process.
Outside a checkout (an unpacked tarball, a copied tree) or when git is missing
or refuses the repository, the walk reads the .gitignore files itself and asks
pathspec's `GitIgnoreSpec`, which replicates git's matching rules.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

GIT_TIMEOUT_SECONDS = 120


def _in_git_work_tree(start: Path) -> bool:
    return any((directory / ".git").exists() for directory in (start, *start.parents))


def git_listing(start: Path) -> list[str] | None:
    """Paths under `start`, relative to it with `/` separators, that git tracks or would
    track. A trailing `/` marks an untracked nested repository (git does not list its
    files). None when `start` is not in a git work tree or git cannot answer."""
    git = shutil.which("git")
    if git is None or not _in_git_work_tree(start):
        return None
    try:
        done = subprocess.run(
            [git, "ls-files", "-co", "--exclude-standard", "-z"],
            cwd=start,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:  # e.g. "dubious ownership": fall back to reading .gitignore
        return None
    return [p for p in os.fsdecode(done.stdout).split("\0") if p]


def _read_spec(path: str) -> GitIgnoreSpec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    return _spec_of(tuple(lines))


@lru_cache(maxsize=256)
def _spec_of(lines: tuple[str, ...]) -> GitIgnoreSpec | None:
    """The spec of a .gitignore's lines, built once per distinct content: a monorepo's
    packages repeat the same .gitignore (31 of medusa's 65 are one file), and building a
    spec compiles a regex per line and an RE2 set. A spec is never changed once built."""
    from pathspec import GitIgnoreSpec  # here: a walk replayed from its cache needs none

    try:
        spec = GitIgnoreSpec.from_lines(lines)
    except ValueError:  # a line git reads as nothing (`!`, a lone `\`): git skips it too
        spec = GitIgnoreSpec.from_lines(line for line in lines if _valid_line(line))
    return spec if len(spec) else None


def _valid_line(line: str) -> bool:
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([line])
    except ValueError:
        return False
    return True


class IgnoreStack:
    """The gitignore files that apply to one directory, shallowest first, each with the
    directory (relative to the root) its patterns are relative to. A deeper file
    overrides a shallower one; inside one file the last matching pattern wins
    (`GitIgnoreSpec.check_file` answers that)."""

    __slots__ = ("specs",)

    def __init__(self, specs: tuple[tuple[str, GitIgnoreSpec], ...] = ()) -> None:
        self.specs = specs

    def child(self, directory: str, rel_dir: str) -> IgnoreStack:
        """This stack plus `directory/.gitignore` when it exists and says anything."""
        spec = _read_spec(os.path.join(directory, ".gitignore"))
        return self if spec is None else IgnoreStack((*self.specs, (rel_dir, spec)))

    @classmethod
    def above(cls, root: Path, start: Path) -> IgnoreStack:
        """The stack for `start`: `.git/info/exclude` of the root (lowest precedence),
        then the .gitignore of the root and of every directory down to `start`
        (not `start` itself: the walk adds that when it lists `start`)."""
        stack = cls()
        exclude = _read_spec(str(root / ".git" / "info" / "exclude"))
        if exclude is not None:
            stack = cls((("", exclude),))
        if start == root:
            return stack
        parts = start.relative_to(root).parts
        stack = stack.child(str(root), "")
        for depth in range(1, len(parts)):
            sub = "/".join(parts[:depth])
            stack = stack.child(str(root / sub), sub)
        return stack

    def ignored(self, rel_path: str, is_dir: bool) -> bool:
        suffix = "/" if is_dir else ""
        for base, spec in reversed(self.specs):
            sub = rel_path[len(base) + 1 :] if base else rel_path
            include = spec.check_file(sub + suffix).include
            if include is not None:
                return include
        return False
