"""Confine every user-supplied path to the project root, in one place.

`confine` resolves `..`, absolute paths and symlinks and then checks
containment with `Path.is_relative_to` on resolved paths, never with a string
prefix, so `/repo-evil` is not inside `/repo` and a symlink pointing out of the
root is refused (the filesystem-server escapes CVE-2025-53109/53110).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from integration_risk.errors import (
    InvalidInput,
    NotADirectory,
    NotAFile,
    OutsideRoot,
    PathNotFound,
)


def resolve_root(root: str | os.PathLike[str]) -> Path:
    """The canonical project root; it must be an existing directory."""
    path = Path(root).expanduser()
    if not path.exists():
        raise PathNotFound(
            f"project root {str(path)!r} does not exist",
            "pass an existing directory (or run from inside the project)",
        )
    resolved = path.resolve()
    if not resolved.is_dir():
        raise NotADirectory(
            f"project root {str(path)!r} is a file, not a directory",
            "pass the directory that contains the code",
        )
    return resolved


def confine(root: str | os.PathLike[str], user_path: str | os.PathLike[str] = ".") -> Path:
    """Resolve `user_path` against `root` and refuse anything outside it.

    Relative paths are taken from the root; absolute paths are accepted only
    when they (after resolving symlinks) lie inside the root. The returned path
    is resolved. It need not exist: callers check existence with `require_dir`
    or `require_file`, which name the path in their error.
    """
    base = resolve_root(root)
    raw = Path(user_path).expanduser() if str(user_path) else Path(".")
    candidate = raw if raw.is_absolute() else base / raw
    # strict=False: a missing tail is fine here, existing symlinks are still followed.
    try:
        resolved = candidate.resolve(strict=False)
    except (RuntimeError, OSError):  # RuntimeError: symlink loop (Python < 3.13)
        raise InvalidInput(
            f"path {str(user_path)!r} cannot be resolved (a symbolic link loop?)",
            "pass a path that does not go through a looping symbolic link",
        ) from None
    if resolved != base and not resolved.is_relative_to(base):
        raise OutsideRoot(
            f"path {str(user_path)!r} resolves outside the project root {str(base)!r}",
            "use a path inside the project root (relative paths are taken from the root)",
        )
    return resolved


def _require_exists(path: Path, noun: str, shown: str | os.PathLike[str]) -> None:
    if not path.exists():
        raise PathNotFound(
            f"{noun} {str(shown)!r} does not exist",
            "check the spelling; paths are relative to the project root",
        )


def require_dir(path: Path, shown: str | os.PathLike[str]) -> Path:
    """`path` must exist and be a directory; `shown` is how the user wrote it."""
    _require_exists(path, "path", shown)
    if not path.is_dir():
        raise NotADirectory(
            f"path {str(shown)!r} is a file, not a directory",
            "pass the directory that contains it",
        )
    return path


def require_file(path: Path, shown: str | os.PathLike[str]) -> Path:
    """`path` must exist and be a regular file; `shown` is how the user wrote it."""
    _require_exists(path, "file", shown)
    if not path.is_file():
        raise NotAFile(f"path {str(shown)!r} is not a regular file", "pass a file path")
    return path


def relative_to_root(root: Path, path: Path) -> str:
    """POSIX-style path of `path` relative to `root`, for evidence and output."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def memory_dir(root: Path) -> Path:
    """`.claude/memory` of the root: the only place our tools ever write."""
    return root / ".claude" / "memory"


def user_cache_root() -> Path:
    """Our directory under the user cache dir (honours XDG_CACHE_HOME on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("integration-risk", appauthor=False))


def find_project_root(start: Path) -> Path:
    """The nearest ancestor of `start` (itself included) that holds `.claude/` or `.git`,
    as Claude Code would see the project; `start` itself when there is none or when it
    does not exist (so the caller's error names the path the user gave).

    The home directory's `.claude/` is Claude Code's user configuration, not a project
    marker, so a project without markers under `$HOME` is not widened to `$HOME`."""
    here = start.expanduser()
    if not here.exists():
        return here
    here = here.resolve()
    try:
        home: Path | None = Path.home().resolve()
    except (RuntimeError, KeyError):  # no home directory for this user
        home = None
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
        if candidate != home and (candidate / ".claude").is_dir():
            return candidate
    return here


PROJECT_DIR_VARIABLE = "CLAUDE_PROJECT_DIR"


def project_root(
    client_root: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """The project root every front door works on (MCP server, CLI, headless agent).

    The starting point is the client's root when it advertises one, else
    `CLAUDE_PROJECT_DIR`, else the working directory; from there the nearest folder
    up holding `.claude/` or `.git` wins, so a session started in a subfolder still
    works on (and writes one glossary for) the whole project."""
    env = os.environ if environ is None else environ
    if client_root is not None:
        start = Path(client_root)
    elif env.get(PROJECT_DIR_VARIABLE):
        start = Path(env[PROJECT_DIR_VARIABLE])
    else:
        start = cwd if cwd is not None else Path.cwd()
    return find_project_root(start)
