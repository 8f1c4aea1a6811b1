"""The files the analysis reads: text and parsed facts, each file read and parsed once
per run (facts cached across runs by content digest), and the project's function
definitions by name for following wrappers across files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from integration_risk.resilience.cache import FactsCache
from integration_risk.resilience.facts import Facts, extract_facts
from integration_risk.resilience.languages import language_of, specs
from integration_risk.scan.cache import content_digest

# Definitions by name, per language family: a cheap text index over the project's own
# files, confirmed afterwards by parsing the file that holds the definition.
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
_FAMILY = {
    "typescript": "javascript",
    "tsx": "javascript",
    "csharp": "java",
    "kotlin": "java",
}
_SKIP_DIRS = re.compile(
    r"(^|/)(node_modules|vendor|dist|build|\.git|test|tests|__tests__|spec|migrations?|fixtures)(/|$)"
)


@dataclass
class SourceFile:
    path: str
    text: str
    facts: Facts | None  # None: no grammar for this file
    lines: list[str]


class Workspace:
    def __init__(self, root: Path, use_cache: bool = True) -> None:
        self.root = root
        self.cache = FactsCache(root, enabled=use_cache)
        self._files: dict[str, SourceFile | None] = {}
        self._definitions: dict[str, dict[str, list[tuple[str, int]]]] = {}
        self._code_files: list[tuple[str, int]] | None = None
        self.parsed = 0

    def code_files(self) -> list[tuple[str, int]]:
        """(path, size) of every source file with a grammar, walked once per run."""
        if self._code_files is None:
            from integration_risk.scan.walk import walk_tree

            self._code_files = [
                (item.relpath, item.size)
                for item in walk_tree(self.root).files
                if language_of(item.relpath) is not None
            ]
        return self._code_files

    def languages(self) -> set[str]:
        """The project's main languages: each with at least a tenth of its source files."""
        counts: dict[str, int] = {}
        for path, _ in self.code_files():
            if not _SKIP_DIRS.search(path):
                spec = language_of(path)
                if spec is not None:
                    counts[spec.name] = counts.get(spec.name, 0) + 1
        total = sum(counts.values())
        return {name for name, count in counts.items() if count * 10 >= total}

    def files_named(self, stems: set[str]) -> list[str]:
        """Runtime source files whose name (letters and digits, lowercased) is in `stems`."""
        found = []
        for path, _ in self.code_files():
            if _SKIP_DIRS.search(path):
                continue
            stem = re.sub(r"[^a-z0-9]", "", PurePosixPath(path).stem.lower())
            if stem in stems:
                found.append(path)
        return found

    def file(self, rel: str) -> SourceFile | None:
        """The file's text and facts; None when it cannot be read."""
        if rel in self._files:
            return self._files[rel]
        loaded = self._load(rel)
        self._files[rel] = loaded
        return loaded

    def _load(self, rel: str) -> SourceFile | None:
        try:
            data = (self.root / rel).read_bytes()
        except OSError:
            return None
        text = data.decode("utf-8", errors="replace")
        spec = language_of(rel)
        facts = None
        if spec is not None:
            digest = content_digest(rel, data)
            facts = self.cache.get(digest)
            if facts is None:
                facts = extract_facts(data, spec)
                self.cache.put(digest, facts)
                self.parsed += 1
        return SourceFile(rel, text, facts, text.splitlines())

    def definitions(self, language: str, name: str) -> list[tuple[str, int]]:
        """Where the project defines a function or method called `name`: (path, line)."""
        family = _FAMILY.get(language, language)
        if family not in self._definitions:
            self._definitions[family] = self._index(family)
        return self._definitions[family].get(name, [])

    def _index(self, family: str) -> dict[str, list[tuple[str, int]]]:
        pattern = _DEFINITION.get(family)
        if pattern is None:
            return {}
        regex = re.compile(pattern, re.MULTILINE)
        extensions = {
            ext
            for name, spec in specs().items()
            if _FAMILY.get(name, name) == family
            for ext in spec.extensions
        }
        index: dict[str, list[tuple[str, int]]] = {}
        for path, size in self.code_files():
            if Path(path).suffix.lower() not in extensions:
                continue
            if _SKIP_DIRS.search(path) or size > 400_000:
                continue
            try:
                text = (self.root / path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            line, last = 1, 0
            for match in regex.finditer(text):
                name = next((g for g in match.groups() if g), None)
                if name:
                    line += text.count("\n", last, match.start())
                    last = match.start()
                    index.setdefault(name, []).append((path, line))
        return index

    def close(self) -> None:
        self.cache.save()
