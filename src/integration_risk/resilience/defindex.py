"""Where the project defines each function, by name: a cheap text index over the project's
own files (confirmed later by parsing the file that holds a definition), cached per file on
the one per-file cache so an unchanged file is not read again on the next run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from integration_risk.filecache import FileCache, cache_path, source_version
from integration_risk.resilience.languages import specs
from integration_risk.scan.cache import content_digest

# Definitions by name, per language family.
_DEFINITION = {
    "python": r"^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)",
    "javascript": r"(?:function[ \t]*\*?[ \t]*(\w+)|^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+(\w+)[ \t]*=[ \t]*(?:async[ \t]*)?(?:function|\(|\w+[ \t]*=>)|^[ \t]*(?:public[ \t]+|private[ \t]+|protected[ \t]+|static[ \t]+|async[ \t]+)*(\w+)[ \t]*\([^)\n]*\)[ \t]*(?::[^{\n]*)?\{)",
    "go": r"^func[ \t]+(?:\([^)]*\)[ \t]*)?(\w+)",
    "java": r"^[ \t]*(?:\w+[ \t]+)*fun[ \t]+(?:<[^>]*>[ \t]*)?(?:\w+\.)?(\w+)[ \t]*\(|^[ \t]*(?:(?:public|private|protected|static|final|async|override|virtual|internal|suspend|open)[ \t]+)+[\w<>\[\],.? \t]*?[ \t](\w+)[ \t]*\(",
    "ruby": r"^[ \t]*def[ \t]+(?:self\.)?(\w+[!?]?)",
    "php": r"function[ \t]+&?(\w+)",
    "rust": r"^[ \t]*(?:pub(?:\([^)]*\))?[ \t]+)?(?:async[ \t]+)?fn[ \t]+(\w+)",
    "elixir": r"^[ \t]*defp?[ \t]+(\w+[!?]?)",
}
_FAMILY = {"typescript": "javascript", "tsx": "javascript", "csharp": "java", "kotlin": "java"}
_REGEX = {family: re.compile(pattern, re.MULTILINE) for family, pattern in _DEFINITION.items()}
MAX_INDEXED_BYTES = 400_000
VERSION = source_version(Path(__file__))

Entry = list[tuple[str, int]]  # (name, line) of one file


def family_of(language: str) -> str:
    return _FAMILY.get(language, language)


def _extensions() -> dict[str, str]:
    return {ext: family_of(name) for name, spec in specs().items() for ext in spec.extensions}


def definitions_in(text: str, family: str) -> Entry:
    """(name, line) of every definition the family's pattern finds in a file's text."""
    regex = _REGEX.get(family)
    if regex is None:
        return []
    found: Entry = []
    line, last = 1, 0
    for match in regex.finditer(text):
        name = next((g for g in match.groups() if g), None)
        if name:
            line += text.count("\n", last, match.start())
            last = match.start()
            found.append((name, line))
    return found


def _decode(rows: Any) -> Entry:
    return [(str(name), int(line)) for name, line in rows]


def _encode(entry: Entry) -> Any:
    return [list(row) for row in entry]


class DefinitionIndex:
    """Definitions per language family, built on first use from `files` (path, size,
    mtime_ns) and saved per file by `close()`."""

    def __init__(self, root: Path, files: list[tuple[str, int, int]], use_cache: bool) -> None:
        self.root = root
        self.files = files
        self.cache: FileCache[Entry] = FileCache(
            cache_path(root, "scan", "definitions"), VERSION, _encode, _decode, use_cache
        )
        self._by_family: dict[str, dict[str, Entry]] = {}
        self.read = 0  # files read (not answered by the cache) this run

    def lookup(self, language: str, name: str) -> Entry:
        """Where the project defines a function or method called `name`: (path, line)."""
        family = family_of(language)
        if family not in self._by_family:
            self._by_family[family] = self._build(family)
        return self._by_family[family].get(name, [])

    def _build(self, family: str) -> dict[str, Entry]:
        if family not in _REGEX:
            return {}
        extensions = _extensions()
        index: dict[str, Entry] = {}
        for path, size, mtime in self.files:
            if extensions.get(Path(path).suffix.lower()) != family or size > MAX_INDEXED_BYTES:
                continue
            for name, line in self._file(path, size, mtime, family):
                index.setdefault(name, []).append((path, line))
        return index

    def _file(self, path: str, size: int, mtime: int, family: str) -> Entry:
        hit = self.cache.lookup_stat(path, size, mtime)
        if hit is not None:
            return hit
        try:
            data = (self.root / path).read_bytes()
        except OSError:
            return []
        self.read += 1
        digest = content_digest(path, data)
        entry = self.cache.lookup_digest(digest)
        if entry is None:
            entry = definitions_in(data.decode("utf-8", errors="replace"), family)
        self.cache.store(path, size, mtime, digest, entry)
        return entry

    def close(self) -> None:
        if self._by_family:
            self.cache.retain({path for path, _, _ in self.files})
            self.cache.save()
