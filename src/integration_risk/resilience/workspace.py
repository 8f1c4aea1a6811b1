"""The files the analysis reads: text and parsed facts, each file read and parsed once
per run (facts cached across runs by content digest), and the project's function
definitions by name for following wrappers across files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from integration_risk.catalog.index import normalise_package
from integration_risk.graph.resolve_files import is_config
from integration_risk.lines import split_lines
from integration_risk.resilience.cache import CallSiteFactsCache
from integration_risk.resilience.defindex import DefinitionIndex
from integration_risk.resilience.facts import Facts, extract_facts
from integration_risk.resilience.languages import grammar_of
from integration_risk.resilience.versions import at_least, candidate_files, pinned_version
from integration_risk.scan.cache import content_digest
from integration_risk.scan.imports import is_import_line
from integration_risk.scan.manifests import manifest_ecosystem, parse_manifest
from integration_risk.scan.testcode import is_runtime_code


@dataclass
class SourceFile:
    path: str
    text: str
    facts: Facts | None  # None: no grammar for this file
    lines: list[str]

    def statement(self, line: int, max_lines: int = 30) -> tuple[int, str]:
        """The `;`-terminated statement starting at `line` (at most `max_lines` further) as
        its last line and its text joined on one line: registrations chain over lines."""
        end = line
        for end in range(line, min(len(self.lines), line + max_lines) + 1):
            if self.lines[end - 1].rstrip().endswith(";"):
                break
        return end, " ".join(self.lines[line - 1 : end])


class Workspace:
    def __init__(self, root: Path, use_cache: bool = True) -> None:
        self.root = root
        self.cache = CallSiteFactsCache(root, enabled=use_cache)
        self._files: dict[str, SourceFile | None] = {}
        self.use_cache = use_cache
        self._code_files: list[tuple[str, int, int]] | None = None
        self._configs: dict[str, str] = {}
        self._runtime: list[tuple[str, int, int]] | None = None
        self._stems: dict[str, list[tuple[int, str]]] | None = None
        self._index: DefinitionIndex | None = None
        self._hinted: dict[str, str | None] = {}
        self._dirs: dict[str, list[tuple[int, str]]] | None = None
        self._calls: dict[tuple[str, int, int], tuple[tuple[int, str], ...]] = {}
        self._texts: dict[str, str] = {}
        self._versions: dict[str, tuple[int, ...] | None] = {}  # package -> pinned version
        # ecosystem -> production packages the root's manifests declare (normalised names)
        self._root_packages: dict[str, set[str]] | None = None
        # callee words of one scope (a function, a wrapper) in one language: every site
        # of a function asks for the same words, and a function may hold thousands of calls
        self.scope_words: dict[tuple[object, str], set[str]] = {}
        # readers of one settings key path (`settingkeys`), asked by each integration whose
        # evidence line defines it
        self.setting_readers: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        self.parsed = 0

    def code_files(self) -> list[tuple[str, int, int]]:
        """(path, size, mtime_ns) of every source file with a grammar, walked once per run."""
        if self._code_files is None:
            from integration_risk.scan.walk import walk_tree

            # replayed from the walk cache the scan just left, where there is one
            walked = walk_tree(self.root, use_cache=self.use_cache).files
            self._code_files = [
                (item.relpath, item.size, item.mtime_ns)
                for item in walked
                if grammar_of(item.relpath) is not None
            ]
            self._configs = {
                item.relpath: item.abspath
                for item in walked
                if is_config(PurePosixPath(item.relpath).name)
            }
        return self._code_files

    def configs(self) -> dict[str, str]:
        """relpath -> abspath of the files import resolution reads (tsconfig `paths`,
        workspace packages), from the same walk."""
        self.code_files()
        return self._configs

    def runtime_files(self) -> list[tuple[str, int, int]]:
        """Code files that run in production (`is_runtime_code`); the walk has already left
        out vendored and generated code."""
        if self._runtime is None:
            self._runtime = [f for f in self.code_files() if is_runtime_code(f[0])]
        return self._runtime

    def languages(self) -> set[str]:
        """The project's main languages: each with at least a tenth of its source files."""
        counts: dict[str, int] = {}
        for path, _, _ in self.runtime_files():
            spec = grammar_of(path)
            if spec is not None:
                counts[spec.name] = counts.get(spec.name, 0) + 1
        total = sum(counts.values())
        return {name for name, count in counts.items() if count * 10 >= total}

    def files_named(self, stems: set[str]) -> list[str]:
        """Runtime source files whose name (letters and digits, lowercased) is in `stems`."""
        if self._stems is None:  # built once: asked once per integration
            self._stems = {}
            for order, (path, _, _) in enumerate(self.runtime_files()):
                stem = re.sub(r"[^a-z0-9]", "", PurePosixPath(path).stem.lower())
                self._stems.setdefault(stem, []).append((order, path))
        hits = sorted(hit for stem in stems for hit in self._stems.get(stem, []))
        return [path for _, path in hits]

    def files_under(self, names: set[str]) -> list[str]:
        """Runtime source files inside a directory whose name (letters and digits,
        lowercased) is in `names` (`app/Services/EnableBanking/Request/Request.php`)."""
        if self._dirs is None:  # built once: asked once per integration without a module
            self._dirs = {}
            for order, (path, _, _) in enumerate(self.runtime_files()):
                for part in dict.fromkeys(path.split("/")[:-1]):
                    key = re.sub(r"[^a-z0-9]", "", part.lower())
                    self._dirs.setdefault(key, []).append((order, path))
        hits = sorted({hit for name in names for hit in self._dirs.get(name, [])})
        return [path for _, path in hits]

    def file(self, rel: str) -> SourceFile | None:
        """The file's text and facts; None when it cannot be read."""
        if rel in self._files:
            return self._files[rel]
        loaded = self._load(rel)
        self._files[rel] = loaded
        return loaded

    def names_package(self, package: str) -> bool:
        """Does a manifest at the project's root declare `package` for production (a
        Gemfile's `gem "faraday-retry"` outside its development and test groups, a
        package.json `dependencies` entry)? Read by the scan's manifest parsers."""
        if self._root_packages is None:
            self._root_packages = {}
            try:
                manifests = sorted(
                    entry.name
                    for entry in self.root.iterdir()
                    if manifest_ecosystem(entry.name) and entry.is_file()
                )
            except OSError:
                manifests = []
            for name in manifests:
                for dep in parse_manifest(name, self.raw_text(name)).dependencies:
                    if not dep.dev:
                        names = self._root_packages.setdefault(dep.ecosystem, set())
                        names.add(normalise_package(dep.ecosystem, dep.name))
        return any(
            normalise_package(ecosystem, package) in names
            for ecosystem, names in self._root_packages.items()
        )

    def version_at_least(self, package: str, minimum: str) -> bool:
        """Does the project pin `package` at `minimum` or later (its lock files first)?"""
        if package not in self._versions:
            files = candidate_files(self.root)
            self._versions[package] = pinned_version(package, files, self.raw_text)
        return at_least(self._versions[package], minimum)

    def imports(self, rel: str, module: str) -> bool:
        """Does the file import `module` (`using StackExchange.Utils;`, `import x.y`, a JS
        `from 'postgres'`; not a package whose name only contains it, `node-postgres`)? The
        module named after an import keyword on its line (`scan.imports.is_import_line`)."""
        text = self.raw_text(rel)
        for match in re.finditer(rf"(?<![\w./-]){re.escape(module)}(?![\w/-])", text):
            start = text.rfind("\n", 0, match.start()) + 1
            if is_import_line(text[start : match.start()]):
                return True
        return False

    def raw_text(self, rel: str) -> str:
        """A file's text, read (not parsed) once per run; empty when it cannot be read.
        Candidate files are searched for a word before any of them is parsed."""
        if rel not in self._texts:
            try:
                self._texts[rel] = (self.root / rel).read_text(errors="replace")
            except OSError:
                self._texts[rel] = ""
        return self._texts[rel]

    def _load(self, rel: str) -> SourceFile | None:
        try:
            data = (self.root / rel).read_bytes()
        except OSError:
            return None
        text = data.decode("utf-8", errors="replace")
        spec = grammar_of(rel)
        facts = None
        if spec is not None:
            digest = content_digest(rel, data)
            facts = self.cache.get(digest)
            if facts is None:
                facts = extract_facts(data, spec)
                self.cache.put(digest, facts)
                self.parsed += 1
        return SourceFile(rel, text, facts, split_lines(text))

    def function_at(self, path: str, line: int) -> tuple[str, int, int] | None:
        """(qualified name, start, end) of the innermost function around `line` in a file
        that parsed cleanly; None outside functions or without clean facts."""
        source = self.file(path)
        if source is None or source.facts is None or source.facts.error:
            return None
        index = source.facts.function_at(line)
        return source.facts.funcs[index] if index >= 0 else None

    def calls_in(self, path: str, start: int, end: int) -> tuple[tuple[int, str], ...]:
        """(line, callee) of the calls starting on lines `start`..`end` of `path`, in file
        order. Wrappers, job handlers, health probes and the verdicts ask for the same
        function spans again and again: each span is listed once per run."""
        key = (path, start, end)
        found = self._calls.get(key)
        if found is None:
            source = self.file(path)
            facts = source.facts if source is not None else None
            calls = facts.calls if facts is not None else []
            found = tuple((line, callee) for line, _, callee, _ in calls if start <= line <= end)
            self._calls[key] = found
        return found

    def text_index(self) -> DefinitionIndex:
        """Definitions, classes and job-policy lines of the runtime files (cached per file)."""
        if self._index is None:
            self._index = DefinitionIndex(self.root, self.runtime_files(), self.use_cache)
        return self._index

    def has_hint(self, hint: str) -> bool:
        """Does any runtime file carry a line marked `hint` (a project-wide setting)?"""
        return self.hint_at(hint) is not None

    def hint_at(self, hint: str) -> str | None:
        """`path:line` of the first runtime line marked `hint`, or None."""
        if hint not in self._hinted:
            found = sorted(self.text_index().hints(hint))
            self._hinted[hint] = f"{found[0][0]}:{found[0][1]}" if found else None
        return self._hinted[hint]

    def definitions(self, language: str, name: str) -> list[tuple[str, int]]:
        """Where the project defines a function or method called `name`: (path, line)."""
        return self.text_index().lookup(language, name)

    def close(self) -> None:
        self.cache.save()
        if self._index is not None:
            self._index.close()
