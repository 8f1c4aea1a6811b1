"""What one source file says about the module graph: imports, declarations, entry points.

Facts depend only on a file's path and text, so they are extracted in worker
processes and cached by content digest (see `graph.cache`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# How an import names its target; the resolver picks the rule by kind.
#   module    a module/package name (python dotted, js specifier, go import path, ruby feature)
#   relative  a path relative to the importing file (ruby require_relative, php include)
#   type      a fully qualified type (java/kotlin/c#/php `use`)
#   namespace every type of a namespace or package (java `.*`, c# `using`)
#   dynamic   a computed target: reported as an unknown edge
IMPORT_KINDS = ("module", "relative", "type", "namespace", "dynamic")


@dataclass(frozen=True, slots=True)
class Import:
    line: int
    spec: str
    kind: str = "module"
    names: tuple[str, ...] = ()  # python `from X import a, b`: a and b may be submodules


@dataclass(frozen=True, slots=True)
class Entry:
    line: int
    kind: str  # http, cli, worker, scheduled
    framework: str
    snippet: str


@dataclass(slots=True)
class FileFacts:
    language: str
    imports: list[Import] = field(default_factory=list)
    namespace: str = ""  # java/kotlin package, c#/php namespace, go package name
    types: list[str] = field(default_factory=list)  # types or constants declared here
    names: list[str] = field(default_factory=list)  # capitalised names used (nominal languages)
    entries: list[Entry] = field(default_factory=list)

    def to_json(self) -> list[Any]:
        return [
            self.language,
            [[i.line, i.spec, i.kind, list(i.names)] for i in self.imports],
            self.namespace,
            self.types,
            self.names,
            [[e.line, e.kind, e.framework, e.snippet] for e in self.entries],
        ]

    @classmethod
    def from_json(cls, row: list[Any]) -> FileFacts:
        language, imports, namespace, types, names, entries = row
        return cls(
            language=language,
            imports=[Import(line, spec, kind, tuple(n)) for line, spec, kind, n in imports],
            namespace=namespace,
            types=list(types),
            names=list(names),
            entries=[Entry(*e) for e in entries],
        )
