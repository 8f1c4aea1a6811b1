"""A cheap text index over the project's own files, cached per file on the one per-file
cache so an unchanged file is not read again on the next run: where each function is
defined, by name (confirmed later by parsing the file that holds it), which classes extend
which, and the job frameworks' retry policy lines (`data/jobs.toml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from integration_risk.filecache import FileCache, cache_path, code_version
from integration_risk.lines import LineIndex
from integration_risk.resilience.datafiles import data_rows
from integration_risk.resilience.jobdata import job_lines
from integration_risk.resilience.languages import family_of, grammar_of
from integration_risk.scan.cache import content_digest
from integration_risk.scan.confirm import re2

# Definitions by name, per language family (`languages.family_of`).
_DEFINITION = {
    "python": r"^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)",
    "javascript": r"(?:function[ \t]*\*?[ \t]*(\w+)|^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+(\w+)[ \t]*=[ \t]*(?:async[ \t]*)?(?:function|\(|\w+[ \t]*=>)|^[ \t]*(?:public[ \t]+|private[ \t]+|protected[ \t]+|static[ \t]+|async[ \t]+)*(\w+)[ \t]*\([^)\n]*\)[ \t]*(?::[^{\n]*)?\{|^[ \t]*(?:(?:public|private|protected|static|readonly)[ \t]+)*(\w+)[ \t]*=[ \t]*(?:async[ \t]*)?(?:\([^)\n]*\)|\w+)[ \t]*(?::[^=\n]*)?=>)|^[ \t]*(?:(?:public|private|protected|static|async|override)[ \t]+)+(\w+)[ \t]*(?:<[^>\n]*>)?\([ \t]*$",
    "go": r"^func[ \t]+(?:\([^)]*\)[ \t]*)?(\w+)",
    "java": r"^[ \t]*(?:\w+[ \t]+)*fun[ \t]+(?:<[^>]*>[ \t]*)?(?:\w+\.)?(\w+)[ \t]*\(|^[ \t]*(?:(?:public|private|protected|static|final|async|override|virtual|internal|suspend|open)[ \t]+)+[\w<>\[\],.? \t]*?[ \t](\w+)[ \t]*(?:<[\w, \t]*>[ \t]*)?\(",
    "ruby": r"^[ \t]*def[ \t]+(?:self\.)?(\w+[!?]?)",
    "php": r"function[ \t]+&?(\w+)",
    "rust": r"^[ \t]*(?:pub(?:\([^)]*\))?[ \t]+)?(?:async[ \t]+)?fn[ \t]+(\w+)",
    "elixir": r"^[ \t]*defp?[ \t]+(\w+[!?]?)",
}
# Class declarations with their parent: `class A < B`, `class A extends B<T>`, `class A(B):`,
# `class A : B`, `defmodule A` (no parent).
_CLASS = {
    "python": r"^[ \t]*class[ \t]+(\w+)[ \t]*(?:\([ \t]*([\w.]+))?",
    "javascript": r"\bclass[ \t]+(\w+)(?:<[^>\n]*>)?(?:[ \t]+extends[ \t]+([\w.]+))?",
    # also Kotlin's and Scala's `object X : Y`, C#'s `record` and `struct`, first on their line
    "java": r"(?:\bclass|^[ \t]*(?:(?:public|private|internal|protected|sealed|abstract|data|readonly|partial|static|final|open|case)[ \t]+)*(?:object|record|struct)(?:[ \t]+(?:class|struct))?)[ \t]+(\w+)(?:<[^>\n]*>)?(?:[^{\n]*?(?:\bextends[ \t]+|:[ \t]*)([\w.]+))?",
    "ruby": r"^[ \t]*class[ \t]+([\w:]+)(?:[ \t]*<[ \t]*([\w:]+))?",
    "php": r"\bclass[ \t]+(\w+)(?:[ \t]+extends[ \t]+([\w\\]+))?",
    "elixir": r"^[ \t]*defmodule[ \t]+([\w.]+)()",
}
_REGEX = {family: re.compile(pattern, re.MULTILINE) for family, pattern in _DEFINITION.items()}
_CLASS_REGEX = {family: re.compile(pattern, re.MULTILINE) for family, pattern in _CLASS.items()}
MAX_INDEXED_BYTES = 400_000
VERSION = code_version()  # job and hint data, jobdata.py, the language table...

Entry = list[tuple[str, int]]  # (name, line) of one file


@dataclass
class FileText:
    """What the text index knows about one file."""

    defs: Entry = field(default_factory=list)  # function name, line
    classes: list[tuple[str, str, int]] = field(default_factory=list)  # class, parent, line
    jobs: list[tuple[str, int, str, str]] = field(default_factory=list)  # see job_lines
    hints: list[tuple[str, int, str]] = field(default_factory=list)  # hint id, line, text


def _language_name(path: str) -> str | None:
    spec = grammar_of(path)
    return spec.name if spec is not None else None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NEUTRAL = "\x01"


def re2_view(text: str) -> str | None:
    """`text` as RE2 may read it for `re`'s matches at the same offsets, or None. RE2's
    `\\w`, `\\d` and `\\s` are ASCII: ASCII text is read as it is, and text whose other
    characters are none of word, digit or space for `re` either (a byte-order mark, an
    emoji, a dash) is read with each of them as `\\x01`, which is none of them too. A
    non-ASCII letter, digit or space leaves the text to `re`."""
    if text.isascii():
        return text
    odd = set(_NON_ASCII.findall(text))
    if any(c.isalnum() or c.isspace() for c in odd):
        return None
    return _NON_ASCII.sub(_NEUTRAL, text)


def definitions_in(text: str, family: str, view: str | None = "") -> Entry:
    """(name, line) of every definition the family's pattern finds in a file's text.
    `view`: `re2_view(text)` when the caller has it."""
    return [(groups[0], line) for groups, line in _search(_DEFINITION, _REGEX, family, text, view)]


def classes_in(text: str, family: str, view: str | None = "") -> list[tuple[str, str, int]]:
    """(class, parent or "", line) of every class declaration in a file's text."""
    found = []
    for groups, line in _search(_CLASS, _CLASS_REGEX, family, text, view, keep_all=True):
        found.append((groups[0], groups[1] if len(groups) > 1 else "", line))
    return found


def class_above(classes: list[tuple[str, str, int]], line: int) -> tuple[str, int]:
    """(name, line) of the last of a file's `classes` declared at or above `line`; ("", 0)
    when none is."""
    above = [(start, name) for name, _, start in classes if start <= line]
    start, name = max(above) if above else (0, "")
    return name, start


def _search(
    patterns: dict[str, str],
    compiled: dict[str, re.Pattern[str]],
    family: str,
    text: str,
    view: str | None,
    keep_all: bool = False,
) -> list[tuple[list[str], int]]:
    """The family's pattern over `text`: by RE2 over its view where there is one (the index
    reads every file of the project, and RE2 scans these patterns about seven times faster
    than `re`, with the same matches), else by `re`."""
    if view == "":
        view = re2_view(text)
    pattern = patterns.get(family)
    fast = _re2_multiline(pattern) if pattern is not None and view is not None else None
    if fast is not None and view is not None:
        return _matches(fast, text, keep_all, searched=view)
    return _matches(compiled.get(family), text, keep_all)


@cache
def _re2_multiline(pattern: str) -> Any:
    if re2 is None:
        return None
    try:
        return re2.compile("(?m)" + pattern)
    except re2.error:  # a construct RE2 lacks: `re` reads it
        return None


def _matches(
    regex: Any, text: str, keep_all: bool = False, searched: str | None = None
) -> list[tuple[list[str], int]]:
    """Each match's groups (read from `text`) and line; `searched`: the text's view that
    `regex` runs over instead, of the same length and lines."""
    if regex is None:
        return []
    found = []
    line, last = 1, 0
    for match in regex.finditer(text if searched is None else searched):
        spans = [match.span(i) for i in range(1, regex.groups + 1)]
        values = [text[a:b] if a >= 0 else None for a, b in spans]
        groups = [g for g in values if g] if not keep_all else [g or "" for g in values]
        if groups and groups[0]:
            line += text.count("\n", last, match.start())
            last = match.start()
            found.append((groups, line))
    return found


@cache
def _hints() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    by_language: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for row in data_rows("hints.toml", "hint"):
        for language in row["languages"]:
            by_language.setdefault(language, []).append(
                (row["id"], re.compile(row["match"], re.MULTILINE))
            )
    return by_language


def hint_lines(text: str, language: str, view: str | None = "") -> list[tuple[str, int, str]]:
    found = []
    index: LineIndex | None = None  # most files match no hint
    if view == "":
        view = re2_view(text)
    for hint, regex in _hints().get(language, []):
        fast = _re2_multiline(regex.pattern) if view is not None else None
        for match in fast.finditer(view) if fast is not None else regex.finditer(text):
            index = index or LineIndex(text)
            line = index.line_of(match.start())
            found.append((hint, line, index.line_text(line).strip()[:160]))
    return found


def scan_text(text: str, language: str) -> FileText:
    family = family_of(language)
    view = re2_view(text)
    return FileText(
        definitions_in(text, family, view),
        classes_in(text, family, view),
        job_lines(text, language),
        hint_lines(text, language, view),
    )


def _decode(row: Any) -> FileText:
    defs, classes, jobs, hints = row
    return FileText(
        [(str(n), int(line)) for n, line in defs],
        [(str(c), str(p), int(line)) for c, p, line in classes],
        [(str(f), int(line), str(k), str(t)) for f, line, k, t in jobs],
        [(str(h), int(line), str(t)) for h, line, t in hints],
    )


def _encode(entry: FileText) -> Any:
    return [entry.defs, entry.classes, entry.jobs, entry.hints]


class DefinitionIndex:
    """The text index of `files` (path, size, mtime_ns), read on first use and saved per
    file by `close()`."""

    def __init__(self, root: Path, files: list[tuple[str, int, int]], use_cache: bool) -> None:
        self.root = root
        self.files = files
        self.cache: FileCache[FileText] = FileCache(
            cache_path(root, "scan", "definitions"), VERSION, _encode, _decode, use_cache
        )
        self._entries: dict[str, FileText] | None = None
        self._by_family: dict[str, dict[str, Entry]] = {}
        self._class_names: frozenset[str] | None = None
        self.read = 0  # files read (not answered by the cache) this run

    def entries(self) -> dict[str, FileText]:
        """Per file: its definitions, classes and job-policy lines."""
        if self._entries is None:
            self._entries = {}
            for path, size, mtime in self.files:
                language = _language_name(path)
                if language is not None and size <= MAX_INDEXED_BYTES:
                    self._entries[path] = self._file(path, size, mtime, language)
        return self._entries

    def lookup(self, language: str, name: str) -> Entry:
        """Where the project defines a function or method called `name`: (path, line)."""
        family = family_of(language)
        if family not in self._by_family:
            self._by_family[family] = self._build(family)
        return self._by_family[family].get(name, [])

    def class_names(self) -> frozenset[str]:
        """Short names of the classes the project declares (`Foo` of `App::Foo`)."""
        if self._class_names is None:
            self._class_names = frozenset(
                re.split(r"::|\.|\\", name)[-1]
                for entry in self.entries().values()
                for name, _, _ in entry.classes
            )
        return self._class_names

    def _build(self, family: str) -> dict[str, Entry]:
        index: dict[str, Entry] = {}
        for path, entry in self.entries().items():
            if family_of(_language_name(path) or "") != family:
                continue
            for name, line in entry.defs:
                index.setdefault(name, []).append((path, line))
        return index

    def _file(self, path: str, size: int, mtime: int, language: str) -> FileText:
        hit = self.cache.lookup_stat(path, size, mtime)
        if hit is not None:
            return hit
        try:
            data = (self.root / path).read_bytes()
        except OSError:
            return FileText()
        self.read += 1
        digest = content_digest(path, data)
        entry = self.cache.lookup_digest(digest)
        if entry is None:
            entry = scan_text(data.decode("utf-8", errors="replace"), language)
        self.cache.store(path, size, mtime, digest, entry)
        return entry

    def hints(self, hint: str) -> list[tuple[str, int, str]]:
        """(path, line, text) of every line marked `hint` in `data/hints.toml`."""
        return [
            (path, line, text)
            for path, entry in self.entries().items()
            for name, line, text in entry.hints
            if name == hint
        ]

    def close(self) -> None:
        if self._entries is not None:
            self.cache.retain({path for path, _, _ in self.files})
            self.cache.save()
