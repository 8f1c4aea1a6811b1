"""The files the analysis reads: text and parsed facts, each file read and parsed once
per run (facts cached across runs by content digest), and the project's function
definitions by name for following wrappers across files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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
    "java": r"^[ \t]*(?:(?:public|private|protected|static|final|async|override|virtual|internal|suspend|open)[ \t]+)+[\w<>\[\],.? \t]*?[ \t](\w+)[ \t]*\(",
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
    r"(^|/)(node_modules|vendor|dist|build|\.git|test|tests|__tests__|spec)(/|$)"
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
        self.parsed = 0

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
        from integration_risk.scan.walk import walk_tree

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
        for item in walk_tree(self.root).files:
            if Path(item.relpath).suffix.lower() not in extensions:
                continue
            if _SKIP_DIRS.search(item.relpath) or item.size > 400_000:
                continue
            try:
                text = Path(item.abspath).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            for match in regex.finditer(text):
                name = next((g for g in match.groups() if g), None)
                if name:
                    line = text.count("\n", 0, match.start()) + 1
                    index.setdefault(name, []).append((item.relpath, line))
        return index

    def close(self) -> None:
        self.cache.save()
