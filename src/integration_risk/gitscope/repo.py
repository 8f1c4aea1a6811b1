"""The git questions change scope asks, through gitpython's command layer.

Every command runs with its working directory inside the project root (the
confined path), refs are validated first and follow `--end-of-options`, and
paths come back relative to that directory (`--relative`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from integration_risk.errors import NotAGitRepository, RefNotFound
from integration_risk.gitscope.refs import validate_ref

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass
class Diff:
    status: dict[str, str] = field(default_factory=dict)  # path -> added/modified/deleted
    new_lines: dict[str, set[int]] = field(default_factory=dict)  # head-side changed lines
    old_lines: dict[str, set[int]] = field(default_factory=dict)  # base-side changed lines


class GitRepo:
    def __init__(self, directory: Path) -> None:
        import git

        self._git_module = git
        self.directory = directory
        self.git = git.Git(str(directory))
        try:
            self.prefix = self._run("rev-parse", "--show-prefix").strip()
            inside = self._run("rev-parse", "--is-inside-work-tree").strip()
        except (git.GitCommandError, git.GitCommandNotFound) as exc:
            raise NotAGitRepository(
                f"{directory} is not inside a git repository",
                "run from a git checkout (git init, or clone the repository) to compare against a ref",
            ) from exc
        if inside != "true":
            raise NotAGitRepository(
                f"{directory} is not inside a git work tree",
                "run from a checkout, not a bare repository",
            )

    def _run(self, *args: str, strip: bool = True) -> str:
        # quotePath off: non-ASCII paths come back as they are, not octal-escaped.
        output: str = self.git.execute(
            ["git", "-c", "core.quotePath=false", *args], strip_newline_in_stdout=strip
        )
        return output

    def is_shallow(self) -> bool:
        return self._run("rev-parse", "--is-shallow-repository").strip() == "true"

    def resolve(self, ref: str) -> str:
        validate_ref(ref)
        git = self._git_module
        try:
            return self._run(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
            ).strip()
        except git.GitCommandError:
            pass
        if self.is_shallow():
            raise RefNotFound(
                f"base ref {ref!r} is not in this shallow clone",
                f"fetch it first, e.g. `git fetch --deepen=100 origin {ref}` or `git fetch --unshallow`",
            )
        raise RefNotFound(
            f"base ref {ref!r} names no commit in this repository",
            "check `git branch -a` / `git tag`; a remote branch may need `git fetch` or the origin/ prefix",
        )

    def head(self) -> tuple[str, str]:
        """(label, commit): the branch name, or 'HEAD (detached)'."""
        commit = self._run("rev-parse", "--verify", "HEAD").strip()
        git = self._git_module
        try:
            branch = self._run("symbolic-ref", "--quiet", "--short", "HEAD").strip()
        except git.GitCommandError:
            branch = "HEAD (detached)"
        return branch, commit

    def merge_base(self, base: str, head: str) -> str | None:
        git = self._git_module
        try:
            return self._run("merge-base", "--end-of-options", base, head).strip() or None
        except git.GitCommandError:
            return None

    def diff(self, start: str, end: str | None, include_untracked: bool) -> Diff:
        """Changes from `start` to `end` (a commit) or to the working tree (None)."""
        revs = [start] if end is None else [start, end]
        result = Diff()
        raw = self._run(
            "diff",
            "--no-renames",
            "--no-ext-diff",
            "--relative",
            "--name-status",
            "-z",
            *revs,
            "--",
            strip=False,
        )
        fields = raw.split("\0")
        for code, path in zip(fields[0::2], fields[1::2], strict=False):
            if path:
                result.status[path] = {"A": "added", "D": "deleted"}.get(code[:1], "modified")
        patch = self._run(
            "diff",
            "--no-renames",
            "--no-ext-diff",
            "--no-color",
            "--relative",
            "-U0",
            *revs,
            "--",
            strip=False,
        )
        _parse_hunks(patch, result)
        if include_untracked:
            for path in self.untracked():
                result.status.setdefault(path, "added")
        return result

    def untracked(self) -> list[str]:
        raw = self._run("ls-files", "--others", "--exclude-standard", "-z", strip=False)
        return [p for p in raw.split("\0") if p]

    def dirty(self) -> set[str]:
        """Files whose working copy differs from HEAD, untracked ones included."""
        raw = self._run(
            "diff", "--no-renames", "--relative", "--name-only", "-z", "HEAD", "--", strip=False
        )
        return {p for p in raw.split("\0") if p} | set(self.untracked())

    def read_blob(self, commit: str, path: str) -> bytes | None:
        """`path` (relative to the directory) as it was at `commit`, None when absent."""
        git = self._git_module
        try:
            _, _, _, data = self.git.get_object_data(f"{commit}:{self.prefix}{path}")
        except (git.GitCommandError, ValueError):
            return None
        return bytes(data)

    def close(self) -> None:
        self.git.clear_cache()


def _parse_hunks(patch: str, result: Diff) -> None:
    current: str | None = None
    old_path: str | None = None
    for line in patch.splitlines():
        if line.startswith("--- "):
            old_path = line[6:] if line.startswith("--- a/") else None
        elif line.startswith("+++ "):
            current = line[6:] if line.startswith("+++ b/") else old_path
        elif line.startswith("@@") and current is not None:
            match = _HUNK.match(line)
            if match is None:
                continue
            old_start, old_count = int(match.group(1)), int(match.group(2) or "1")
            new_start, new_count = int(match.group(3)), int(match.group(4) or "1")
            if new_count:
                result.new_lines.setdefault(current, set()).update(
                    range(new_start, new_start + new_count)
                )
            if old_count and old_path is not None:
                result.old_lines.setdefault(old_path, set()).update(
                    range(old_start, old_start + old_count)
                )
