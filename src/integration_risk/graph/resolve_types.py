"""Type-style resolution for languages that name types, not files: Java/Kotlin/Scala,
C#, PHP and Ruby. A file depends on another when it uses (by name) a type the other
declares, and that type is visible: imported by its full name, in a namespace the
file imports, or in the file's own namespace. Ruby follows Rails/Zeitwerk naming.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict

from integration_risk.graph.collect import Collected
from integration_risk.graph.facts import FileFacts, Import

_SEPARATOR = {"java": ".", "csharp": ".", "php": "\\"}


class NominalResolver:
    """Java/Kotlin/Scala, C# and PHP."""

    def __init__(self, collected: Collected) -> None:
        self.by_fqn: dict[str, list[str]] = defaultdict(list)
        self.by_namespace: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self.files: set[str] = set()
        for rel, facts in collected.facts.items():
            sep = _SEPARATOR.get(facts.language)
            if sep is None:
                continue
            self.files.add(rel)
            stem = posixpath.splitext(posixpath.basename(rel))[0]
            for name in {*facts.types, stem}:
                fqn = f"{facts.namespace}{sep}{name}" if facts.namespace else name
                self.by_fqn[fqn].append(rel)
                self.by_namespace[(facts.language, facts.namespace)][name].append(rel)
        self.psr4 = _psr4(collected.configs)

    def resolve(self, importer: str, imp: Import, facts: FileFacts) -> list[str] | None:
        if imp.kind == "type":
            found = self.by_fqn.get(imp.spec)
            if found is None and facts.language == "java" and "." in imp.spec:  # static member
                found = self.by_fqn.get(imp.spec.rsplit(".", 1)[0])
            if found is None and facts.language == "php":
                found = self._psr4(imp.spec)
            return list(found or [])
        if imp.kind == "relative":
            for base in (posixpath.dirname(importer), ""):
                candidate = posixpath.normpath(posixpath.join(base, imp.spec.lstrip("/")))
                if candidate in self.files:
                    return [candidate]
            return None
        return []  # namespaces are used by `visible`, through names

    def _psr4(self, fqn: str) -> list[str] | None:
        for prefix, directory in self.psr4:
            if fqn.startswith(prefix):
                candidate = posixpath.join(
                    directory, fqn[len(prefix) :].replace("\\", "/") + ".php"
                )
                if candidate in self.files:
                    return [candidate]
        return None

    def used_types(self, importer: str, facts: FileFacts) -> list[str]:
        """Files declaring types this file names that are visible from it."""
        namespaces = [facts.namespace]
        if facts.language == "csharp":  # enclosing namespaces are visible too
            parts = facts.namespace.split(".")
            namespaces += [".".join(parts[:k]) for k in range(1, len(parts))]
        namespaces += [i.spec for i in facts.imports if i.kind == "namespace"]
        tables = [self.by_namespace.get((facts.language, ns)) for ns in namespaces]
        visible = [t for t in tables if t]
        targets: set[str] = set()
        sep = _SEPARATOR[facts.language]
        for name in facts.names:
            if sep in name:  # a qualified name in code: \App\Models\User
                targets.update(self.by_fqn.get(name, ()))
                continue
            for table in visible:
                targets.update(table.get(name, ()))
        targets.discard(importer)
        return sorted(targets)


def _psr4(configs: dict[str, str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for rel, abspath in configs.items():
        if posixpath.basename(rel) != "composer.json":
            continue
        try:
            with open(abspath, encoding="utf-8", errors="replace") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            continue
        for section in ("autoload", "autoload-dev"):
            mapping = data.get(section, {}).get("psr-4", {}) if isinstance(data, dict) else {}
            if not isinstance(mapping, dict):
                continue
            for prefix, dirs in mapping.items():
                for directory in dirs if isinstance(dirs, list) else [dirs]:
                    if isinstance(directory, str):
                        joined = posixpath.normpath(
                            posixpath.join(posixpath.dirname(rel), directory)
                        )
                        found.append((prefix, "" if joined == "." else joined))
    return sorted(found, key=lambda p: -len(p[0]))


_AUTOLOAD_ROOT = re.compile(r"(?:^|/)(?:app/[^/]+|lib|app)/")


def _constant_key(text: str) -> str:
    """`Api::V1::UsersController` and `api/v1/users_controller` both become
    `api::v1::userscontroller`: case and underscores ignored, as acronyms vary."""
    return text.replace("_", "").replace("/", "::").lower()


class RubyResolver:
    def __init__(self, collected: Collected) -> None:
        self.files = {rel for rel, f in collected.facts.items() if f.language == "ruby"}
        self.features: dict[str, list[str]] = defaultdict(list)  # require 'x/y' -> lib/x/y.rb
        self.constants: dict[str, list[str]] = defaultdict(list)
        for rel in sorted(self.files):
            if not rel.endswith(".rb"):
                continue
            stem = rel[: -len(".rb")]
            roots = list(_AUTOLOAD_ROOT.finditer(stem))  # the innermost autoload root wins
            match = roots[-1] if roots else None
            if match is not None:
                tail = stem[match.end() :]
                self.constants[_constant_key(tail)].append(rel)
                if match.group(0).endswith("lib/"):
                    self.features[tail].append(rel)
            self.features.setdefault(stem, []).append(rel)
            for declared in collected.facts[rel].types:
                self.constants[_constant_key(declared)].append(rel)

    def resolve(self, importer: str, imp: Import) -> list[str] | None:
        spec = imp.spec[:-3] if imp.spec.endswith(".rb") else imp.spec
        if imp.kind == "relative":
            candidate = (
                posixpath.normpath(posixpath.join(posixpath.dirname(importer), spec)) + ".rb"
            )
            return [candidate] if candidate in self.files else None
        return list(self.features.get(spec, []))[:1]

    def used_types(self, importer: str, facts: FileFacts) -> list[str]:
        targets: set[str] = set()
        scopes = [_constant_key(t) for t in facts.types]
        for name in facts.names:
            key = _constant_key(name)
            found = self.constants.get(key)
            if not found:
                for scope in scopes:  # `Bar` inside `module Foo` is Foo::Bar
                    found = self.constants.get(f"{scope}::{key}")
                    if found:
                        break
            if found:
                targets.update(found)
        targets.discard(importer)
        return sorted(targets)
