"""What `scan-org` scans: local checkouts, folders of checkouts, and lists of paths or URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from integration_risk.errors import InvalidInput, PathNotFound

# scp-like `user@host:path` or a URL scheme git understands.
_URL = re.compile(r"^(?:(?:https?|ssh|git|file)://\S+|[\w.-]+@[\w.-]+:\S+)$")


@dataclass(frozen=True, order=True)
class RepoSpec:
    """One repository to scan: a local `path`, or a git `url` to clone shallowly."""

    source: str
    url: str | None = None


def is_git_url(text: str) -> bool:
    return bool(_URL.match(text))


def _check_url(url: str) -> str:
    # git would read a leading '-' as an option (argument injection); control characters
    # have no business in a URL.
    if url.startswith("-") or any(ord(ch) < 32 for ch in url):
        raise InvalidInput(f"refusing git URL {url!r}", "give an https://, ssh:// or file:// URL")
    return url


def _is_checkout(directory: Path) -> bool:
    return (directory / ".git").exists()


def _from_directory(directory: Path) -> list[RepoSpec]:
    """A checkout is one repository; a folder holding checkouts is each of them."""
    if _is_checkout(directory):
        return [RepoSpec(str(directory))]
    children = sorted(c for c in directory.iterdir() if c.is_dir() and _is_checkout(c))
    if children:
        return [RepoSpec(str(c)) for c in children]
    return [RepoSpec(str(directory))]  # a plain source tree without git


def _from_list_file(listing: Path) -> list[RepoSpec]:
    try:
        text = listing.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"cannot read the list {listing}: {exc}", "give a UTF-8 file of paths or git URLs"
        ) from None
    specs: list[RepoSpec] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            raise InvalidInput(
                f"refusing git URL or path {line!r} in {listing}", "entries may not start with '-'"
            )
        if is_git_url(line):
            specs.append(RepoSpec(line, url=_check_url(line)))
        else:
            # Relative entries are relative to the list file; missing ones fail as tasks.
            specs.append(RepoSpec(str((listing.parent / line).resolve())))
    return specs


def expand_sources(sources: list[str]) -> list[RepoSpec]:
    """Every repository the sources name, once each, in a stable order."""
    if not sources:
        raise InvalidInput("no sources given", "pass paths, a folder of checkouts or a list file")
    specs: set[RepoSpec] = set()
    for source in sources:
        if is_git_url(source):
            specs.add(RepoSpec(source, url=_check_url(source)))
            continue
        path = Path(source).expanduser()
        if not path.exists():
            raise PathNotFound(
                f"source {source} does not exist", "pass an existing path, folder or list file"
            )
        resolved = path.resolve()
        specs.update(_from_directory(resolved) if resolved.is_dir() else _from_list_file(resolved))
    return sorted(specs)
