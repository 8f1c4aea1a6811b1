"""Every environment-variable read in the code under a directory, cached per file.

`read_env_files` cross-checks env files against all env reads in code, not
only the ones that name a provider (those are scan findings). The reads are
kept in a sibling of the scan cache (same directory, same invalidation stamp,
same writer, `filecache`): a file whose size and mtime are unchanged is not read again.
"""

from __future__ import annotations

from pathlib import Path

from integration_risk.filecache import read_cache, write_cache
from integration_risk.scan.cache import EXTRACTOR_VERSION, cache_file
from integration_risk.scan.env_reads import env_reads
from integration_risk.scan.languages import language_of
from integration_risk.scan.walk import WalkedFile

Read = tuple[str, str, int]  # (variable name, relative path, line)
_Entry = tuple[int, int, list[tuple[str, int]]]  # size, mtime_ns, reads


def _load(path: Path) -> dict[str, _Entry]:
    try:
        return {
            rel: (size, mtime, [(name, line) for name, line in reads])
            for rel, (size, mtime, reads) in read_cache(path, EXTRACTOR_VERSION).items()
        }
    except (TypeError, ValueError):  # a damaged cache only costs one cold run
        return {}


def _reads_of(item: WalkedFile, language: str) -> list[tuple[str, int]] | None:
    try:
        with open(item.abspath, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    return list(env_reads(data.decode("utf-8", errors="replace"), language))


def code_env_reads(root: Path, files: list[WalkedFile], *, use_cache: bool = True) -> list[Read]:
    """Env reads of the code files among `files` (from `walk_tree(root, ...)`), in walk order."""
    path = cache_file(root, "env-reads")
    cached = _load(path) if use_cache else {}
    dirty = False
    reads: list[Read] = []
    for item in files:
        language = language_of(item.relpath)
        if language is None:
            continue
        entry = cached.get(item.relpath)
        if entry is None or entry[0] != item.size or entry[1] != item.mtime_ns:
            found = _reads_of(item, language)
            if found is None:
                continue
            entry = (item.size, item.mtime_ns, found)
            cached[item.relpath] = entry
            dirty = True
        reads.extend((name, item.relpath, line) for name, line in entry[2])
    if use_cache and dirty:
        # `files` may be one directory's: entries of other files stay while they exist
        walked = {item.relpath for item in files}
        kept = {rel: e for rel, e in cached.items() if rel in walked or (root / rel).is_file()}
        write_cache(path, EXTRACTOR_VERSION, kept)
    return reads
