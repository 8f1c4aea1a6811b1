"""Imports and declarations per language, as the graph needs them.

Import statements are `scan.imports`' (the one parser); this module adds what only the
graph reads: computed targets (`importlib.import_module(name)`, `Class.forName(..)`), which
become `dynamic` imports the graph reports as unknown edges, the package or namespace a
file declares, the type names it declares and uses, and C#'s `using` and Ruby's `require`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

from integration_risk.graph.facts import FileFacts, Import
from integration_risk.lines import LineIndex
from integration_risk.scan.imports import import_statements

MAX_NAMES = 600  # capitalised names kept per file (nominal languages)

# --- Python -----------------------------------------------------------------------------
# The static imports are `scan.imports`'; the graph adds the computed ones.
_PY_DYNAMIC = re.compile(r"\b(?:importlib\.import_module|__import__)\s*\(\s*([^)\n]*)")
_LITERAL = re.compile(r"""^[ \t]*(['"])([\w.]+)\1\s*(?:,|$)""")


def _python(text: str, lines: LineIndex, facts: FileFacts) -> None:
    for statement in import_statements(text, "python", max_lines=sys.maxsize):
        facts.imports.append(Import(statement.line, statement.module, "module", statement.names))
    for match in _PY_DYNAMIC.finditer(text):
        line = lines.line_of(match.start())
        literal = _LITERAL.match(match.group(1))
        if literal:
            facts.imports.append(Import(line, literal.group(2)))
        else:
            facts.imports.append(Import(line, match.group(0).strip()[:80], "dynamic"))


# --- JavaScript / TypeScript, Go: every import is `scan.imports`' -----------------------


def _statements(text: str, language: str, facts: FileFacts) -> None:
    """The imports `scan.imports` reads in the whole text; TypeScript's `import type` is
    erased at compile time (no runtime dependency)."""
    for statement in import_statements(text, language, max_lines=sys.maxsize):
        if statement.kind != "type-only":
            facts.imports.append(Import(statement.line, statement.module, statement.kind))


def _js(text: str, lines: LineIndex, facts: FileFacts) -> None:
    _statements(text, "js", facts)


# --- Go ---------------------------------------------------------------------------------
_GO_PACKAGE = re.compile(r"^package\s+(\w+)", re.M)


def _go(text: str, lines: LineIndex, facts: FileFacts) -> None:
    package = _GO_PACKAGE.search(text)
    facts.namespace = package.group(1) if package else ""
    _statements(text, "go", facts)


# --- Nominal languages: Java/Kotlin/Scala, C#, PHP, Ruby --------------------------------
# Java and PHP imports are `scan.imports`'; C# `using` and Ruby `require`, which no other
# reader needs, are read here.
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9_]*\b")
_TYPE_DECL = re.compile(
    r"\b(?:class|interface|enum|record|struct|trait|object|module)\s+([A-Z][A-Za-z0-9_]*)"
)
_JAVA_PACKAGE = re.compile(r"^[ \t]*package\s+([\w.]+)", re.M)
_JAVA_DYNAMIC = re.compile(r"\bClass\.forName\s*\(\s*(?!\")")
_CS_USING = re.compile(
    r"^[ \t]*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;", re.M
)
_CS_NAMESPACE = re.compile(r"^[ \t]*namespace\s+([\w.]+)", re.M)
_CS_DYNAMIC = re.compile(r"\b(?:Activator\.CreateInstance|Type\.GetType|Assembly\.Load\w*)\s*\(")
_PHP_NAMESPACE = re.compile(r"^[ \t]*namespace\s+([\w\\]+)\s*[;{]", re.M)
_PHP_DYNAMIC = re.compile(r"\b(?:require|include)(?:_once)?\s*\(?\s*\$")
_PHP_QUALIFIED = re.compile(r"\\?\b[A-Z]\w*(?:\\[A-Z]\w*)+")
_RB_REQUIRE = re.compile(
    r"""^[ \t]*(require_relative|require|load)\s*\(?\s*(['"])([^'"\n]+)\2""", re.M
)
_RB_DYNAMIC = re.compile(
    r"^[ \t]*require(?:_relative)?(?:\s+|\s*\()\s*(?!['\"])\S|\.constantize\b|\bconst_get\s*\(",
    re.M,
)
_RB_CONSTANT = re.compile(r"\b[A-Z]\w*(?:::[A-Z]\w*)*")
_RB_DECL = re.compile(r"^[ \t]*(?:class|module)\s+([A-Z][\w:]*)", re.M)


def _names(text: str, regex: re.Pattern[str] = _CAPITALISED) -> list[str]:
    return sorted(set(regex.findall(text)))[:MAX_NAMES]


def _dynamic(text: str, lines: LineIndex, facts: FileFacts, regex: re.Pattern[str]) -> None:
    for match in regex.finditer(text):
        line = lines.line_of(match.start())
        facts.imports.append(Import(line, lines.line_text(line).strip()[:80], "dynamic"))


def _java(text: str, lines: LineIndex, facts: FileFacts) -> None:
    package = _JAVA_PACKAGE.search(text)
    facts.namespace = package.group(1) if package else ""
    _statements(text, "java", facts)
    facts.types = sorted(set(_TYPE_DECL.findall(text)))
    facts.names = _names(text)
    _dynamic(text, lines, facts, _JAVA_DYNAMIC)


def _csharp(text: str, lines: LineIndex, facts: FileFacts) -> None:
    namespaces = _CS_NAMESPACE.findall(text)
    facts.namespace = namespaces[0] if namespaces else ""
    for match in _CS_USING.finditer(text):
        facts.imports.append(Import(lines.line_of(match.start()), match.group(1), "namespace"))
    facts.types = sorted(set(_TYPE_DECL.findall(text)))
    facts.names = _names(text)
    _dynamic(text, lines, facts, _CS_DYNAMIC)


def _php(text: str, lines: LineIndex, facts: FileFacts) -> None:
    namespace = _PHP_NAMESPACE.search(text)
    facts.namespace = namespace.group(1) if namespace else ""
    _statements(text, "php", facts)
    facts.types = sorted(set(_TYPE_DECL.findall(text)))
    qualified = {q.lstrip("\\") for q in _PHP_QUALIFIED.findall(text)}
    facts.names = sorted(set(_names(text)) | qualified)[:MAX_NAMES]
    _dynamic(text, lines, facts, _PHP_DYNAMIC)


def _ruby(text: str, lines: LineIndex, facts: FileFacts) -> None:
    for match in _RB_REQUIRE.finditer(text):
        kind = "relative" if match.group(1) == "require_relative" else "module"
        facts.imports.append(Import(lines.line_of(match.start()), match.group(3), kind))
    facts.types = sorted(set(_RB_DECL.findall(text)))
    facts.names = _names(text, _RB_CONSTANT)
    _dynamic(text, lines, facts, _RB_DYNAMIC)


EXTRACTORS: dict[str, Callable[[str, LineIndex, FileFacts], None]] = {
    "python": _python,
    "js": _js,
    "go": _go,
    "java": _java,
    "csharp": _csharp,
    "php": _php,
    "ruby": _ruby,
}
