"""Import statements: the module each names and the local names it binds, per language.

The one parser of import lines for the scan's neighbours: `import_statements` answers the
call-site analysis (which module a called name comes from) and the module graph (which adds
dynamic and type-only imports on top); the scan's own catalog lookup of imported modules is
`code.imported_modules`, one fast pass per file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from integration_risk.lines import LineIndex, split_lines

# JS/TS names bound by an import: `import Foo, { Bar, Baz as Qux } from "mod"`,
# `import * as Mod from "mod"`, `const { Bar } = require("mod")`, `const Foo = require("mod")`.
_JS_IMPORT_FROM = re.compile(
    r"""\bimport\s+(?:type\s+)?(?:(?P<default>[\w$]+)\s*,?\s*)?"""
    r"""(?:\*\s*as\s+(?P<namespace>[\w$]+)\s*)?(?:\{(?P<named>[^{}]*)\})?"""
    r"""\s*from\s*['"](?P<module>[^'"\n]+)['"]"""
)
_JS_REQUIRE = re.compile(
    r"""\b(?:const|let|var)\s+(?:\{(?P<named>[^{}]*)\}|(?P<default>[\w$]+))\s*=\s*"""
    r"""require\(\s*['"](?P<module>[^'"\n]+)['"]\s*\)"""
)


def _js_imports(text: str) -> Iterator[tuple[int, str, list[str]]]:
    """(offset, module, bound names) of each import, then of each require; a statement
    may span lines (`import {\n  Client,\n} from "./http"`)."""
    if "import" not in text and "require" not in text:
        return
    for pattern in (_JS_IMPORT_FROM, _JS_REQUIRE):
        for match in pattern.finditer(text):
            names = [match.group(g) for g in ("default", "namespace") if match.groupdict().get(g)]
            for part in (match.group("named") or "").split(","):
                local = re.split(r"\s+as\s+|\s*:\s*", part.strip())[-1].strip()
                if local and not local.startswith("type "):
                    names.append(local)
            yield match.start(), match.group("module"), names


def js_import_bindings(text: str) -> Iterator[tuple[str, list[str]]]:
    """(module, the local names it binds) of each import or require in JS/TS `text`;
    `Baz as Qux` and `{ Baz: Qux }` bind `Qux`, type-only names bind nothing."""
    for _, module, names in _js_imports(text):
        yield module, names


def js_imported_names(text: str) -> dict[str, str]:
    """The module each name of a JS/TS file is imported from (local name -> module)."""
    return {name: module for module, names in js_import_bindings(text) for name in names}


MAX_IMPORT_LINES = 4000  # imports sit at the top of a file


@dataclass(frozen=True, slots=True)
class ImportStatement:
    """`module` as written (`.models` for a relative Python import); `names`: what a Python
    `from` import takes from it (`a`, `b` of `from x import a, b as c`), which may be
    submodules; `bound`: the local names the statement binds (`a`, `c`)."""

    module: str
    names: tuple[str, ...]
    bound: tuple[str, ...]
    line: int


# Python: `import a.b as c, d` and `from x import a, b as c`, the names in parentheses over
# several lines (`from x import (\n    a,  # why\n    b,\n)`).
_PY_IMPORT = re.compile(r"[ \t]*import[ \t]+([\w. \t,]+?)[ \t]*(?:#.*)?$")
_PY_FROM = re.compile(r"[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)")
_PY_OPEN = re.compile(r"[ \t]*from[ \t]+\.*[\w.]*[ \t]+import[ \t]+\([^)]*$")
_PY_COMMENT = re.compile(r"#[^\n]*")
# Other languages one line at a time; names are `a, b as c` lists or one name.
_PLAIN = re.compile(r"^\s*import\s+(?:static\s+)?([\w.]+)(?:\s+as\s+(\w+))?\s*;?\s*$")
_PHP_USE = re.compile(r"^\s*use\s+([\w\\]+)(?:\s+as\s+(\w+))?\s*;")
_RUST_USE = re.compile(r"^\s*(?:pub\s+)?use\s+([\w:]+?)(?:::\{([^}]*)\}|::(\w+))\s*;")
_RUST_OPEN = re.compile(r"^\s*(?:pub\s+)?use\s+[\w:]+::\{[^}]*$")  # `use x::{` over lines
MAX_STATEMENT_LINES = 60
_ALIAS = re.compile(r"^\s*alias\s+([\w.]+)(?:\s*,\s*as:\s*(\w+))?\s*$")
_GO_SPEC = re.compile(r"^\s*(?:import\s+)?(?:(\w+)\s+)?\"([\w./-]+)\"\s*$")
_NAMES = re.compile(r"(\w+)(?:\s+as\s+(\w+))?")
# Languages by the scan's keys (`js`, `java` for Kotlin too) or by the call-site analysis's
# families (`javascript` for TypeScript too; `resilience.languages.family_of`).
_JS_FAMILY = frozenset({"js", "javascript"})


def _bound(clause: str) -> tuple[str, ...]:
    """Names a `a, b as c` / `X, { a, b as c }` / `* as N` clause binds."""
    return tuple(alias or name for name, alias in _NAMES.findall(clause.replace("*", " ")) if name)


def _python_imports(lines: list[str]) -> Iterator[ImportStatement]:
    """`import` statements, then `from` statements (the graph's order)."""
    froms: list[ImportStatement] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "import" not in line:
            continue
        match = _PY_IMPORT.match(line)
        if match is not None:
            for part in match.group(1).split(","):
                module, _, alias = part.strip().partition(" as ")
                module = module.strip()
                if module:
                    local = alias.strip() or module.split(".")[0]
                    yield ImportStatement(module, (), (local,), index)
            continue
        rest = 0  # the lines a parenthesised list continues on
        if _PY_OPEN.match(line):
            closed = next((n for n in range(index, len(lines)) if ")" in lines[n]), None)
            rest = (len(lines) if closed is None else closed + 1) - index
            line = "\n".join(lines[index - 1 : index + rest])
        match = _PY_FROM.match(line)
        if match is None:
            continue
        clause = _PY_COMMENT.sub("", match.group(2)).strip("()").replace("\n", " ")
        parts = [n.strip() for n in clause.split(",") if n.strip() and n.strip() != "*"]
        names = tuple(n.split(" as ")[0].strip() for n in parts)
        bound = tuple(n.split(" as ")[-1].strip() for n in parts)
        froms.append(ImportStatement(match.group(1), names, bound, index))
        if match.group(2).endswith(")"):
            index += rest  # the names' lines hold no statement
    yield from froms


# Imports binding one name: the alias, else the module's last segment.
# language -> (pattern, module group, alias group, segment separator)
_ONE_NAME = {
    "java": (_PLAIN, 1, 2, "."),
    "php": (_PHP_USE, 1, 2, "\\"),
    "elixir": (_ALIAS, 1, 2, "."),
    "go": (_GO_SPEC, 2, 1, "/"),
}


def _line_import(line: str, language: str) -> tuple[str, tuple[str, ...]] | None:
    """(module, bound names) of one import line outside Python and JS."""
    if language == "rust":
        match = _RUST_USE.match(line)
        return (match[1], _bound(match[2] or match[3] or "")) if match else None
    if language not in _ONE_NAME:
        return None
    pattern, module, alias, separator = _ONE_NAME[language]
    match = pattern.match(line)
    if match is None:
        return None
    return match[module], (match[alias] or match[module].split(separator)[-1],)


def import_statements(
    text: str, language: str, max_lines: int = MAX_IMPORT_LINES
) -> Iterator[ImportStatement]:
    """The import statements of a file's first `max_lines` lines: the one parser of what an
    import names and binds (the graph adds dynamic and type-only imports on top). In the
    order of the text, Python's `import` statements before its `from` statements."""
    lines = split_lines(text)[:max_lines]
    if language == "python":
        yield from _python_imports(lines)
        return
    if language in _JS_FAMILY:
        head = "\n".join(lines)
        index = LineIndex(head)
        for offset, module, names in sorted(_js_imports(head), key=lambda found: found[0]):
            yield ImportStatement(module, (), tuple(names), index.line_of(offset))
        return
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        first = number
        if language == "rust" and _RUST_OPEN.match(line):
            end = next(
                (
                    n
                    for n in range(number, min(len(lines), number + MAX_STATEMENT_LINES))
                    if "}" in lines[n]
                ),
                None,
            )
            if end is not None:
                line = " ".join(lines[number - 1 : end + 1])
                number = end + 1  # the names' lines hold no statement
        found = _line_import(line, language)
        if found is not None:
            yield ImportStatement(found[0], (), found[1], first)


def imported_from(text: str, language: str, name: str, max_lines: int = MAX_IMPORT_LINES) -> str:
    """The module the import binding `name` names (`from django.core.cache import cache` ->
    django.core.cache), or "". The first such statement in the text."""
    return _bindings(text, language, max_lines).get(name, "")


@lru_cache(maxsize=256)
def _bindings(text: str, language: str, max_lines: int) -> dict[str, str]:
    """Each bound name's module, by the first statement binding it (asked name by name)."""
    found: dict[str, tuple[int, str]] = {}
    for statement in import_statements(text, language, max_lines):
        for name in statement.bound:
            if name not in found or statement.line < found[name][0]:
                found[name] = (statement.line, statement.module)
    return {name: module for name, (_, module) in found.items()}
