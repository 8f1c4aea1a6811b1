"""Import statements: the module each names, the local names it binds and its kind, per language.

The one parser of import lines: `import_statements` answers the call-site analysis (which
module a called name comes from) and the module graph (which file an import reaches; it adds
Python's computed imports and the nominal languages' dynamic loads on top); `is_import_line`
is the one language-blind test of a line. The scan's own catalog lookup of imported modules
is `code.imported_modules`, one fast pass per file. Line based: regexes over the text, never
a parser, so an unknown syntax never fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from integration_risk.lines import LineIndex, is_comment_line, split_lines

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


def _js_imports(text: str) -> Iterator[tuple[int, str, list[str], int]]:
    """(offset of the module, module, bound names, offset of the statement) of each import,
    then of each require; a statement may span lines (`import {\n  Client,\n} from "./http"`)."""
    if "import" not in text and "require" not in text:
        return
    for pattern in (_JS_IMPORT_FROM, _JS_REQUIRE):
        for match in pattern.finditer(text):
            names = [match.group(g) for g in ("default", "namespace") if match.groupdict().get(g)]
            for part in (match.group("named") or "").split(","):
                local = re.split(r"\s+as\s+|\s*:\s*", part.strip())[-1].strip()
                if local and not local.startswith("type "):
                    names.append(local)
            yield match.start("module"), match.group("module"), names, match.start()


# What a JS/TS file loads: `from 'x'` (imports and re-exports), `import 'x'`, `require('x')`,
# `import('x')`; a call with a computed argument is `dynamic`. Every pattern starts with a
# literal so the regex engine can skip ahead; the word boundary before it is checked by hand
# (a leading `\b` makes Python's `re` try every position).
_JS_FROM = re.compile(r"""from\s*(['"])([^'"\n]+)\1""")
_JS_BARE = re.compile(r"""^[ \t]*import\s*(['"])([^'"\n]+)\1""", re.M)
_JS_CALL = re.compile(
    r"""(?:require|import)\s*\(\s*(?:(['"])([^'"\n]+)\1\s*\)|(`[^`$]*`)\s*\)|([^)\s'"][^)\n]{0,80}))"""
)
# `import type {X} from 'y'` is erased at compile time: not a runtime dependency.
_JS_TYPE_ONLY = (
    re.compile(r"""import\s+type\s[^;'"`]*?from\s*(['"])([^'"\n]+)\1"""),
    re.compile(r"""export\s+type\s[^;'"`]*?from\s*(['"])([^'"\n]+)\1"""),
)


def _word_start(text: str, offset: int) -> bool:
    return offset == 0 or not (text[offset - 1].isalnum() or text[offset - 1] in "_$.")


def _js_loads(text: str, index: LineIndex) -> Iterator[tuple[int, int, str, str]]:
    """(offset of the module, offset of the statement's line, module, kind) of everything a
    JS/TS text loads; kind `module`, `type-only` or `dynamic` (the call's text)."""
    type_only: set[int] = set()
    if "import type" in text or "export type" in text:
        for regex in _JS_TYPE_ONLY:
            type_only.update(m.start(2) for m in regex.finditer(text))
    if "from" in text:
        for match in _JS_FROM.finditer(text):
            if _word_start(text, match.start()):
                at = match.start(2)
                yield at, at, match.group(2), "type-only" if at in type_only else "module"
    if "import" in text:
        for match in _JS_BARE.finditer(text):
            yield match.start(2), match.start(2), match.group(2), "module"
    if "require" not in text and "import(" not in text and "import (" not in text:
        return
    for match in _JS_CALL.finditer(text):
        if not _word_start(text, match.start()):
            continue
        if is_comment_line(index.line_text(index.line_of(match.start()))):
            continue
        if match.group(2):  # a call's line is where it starts: `require(\n  "x"\n)`
            yield match.start(2), match.start(), match.group(2), "module"
        elif match.group(3):
            yield match.start(), match.start(), match.group(3).strip("`"), "module"
        elif match.group(4):
            yield match.start(), match.start(), match.group(0)[:80], "dynamic"


def _js_statements(text: str) -> Iterator[ImportStatement]:
    """What the text loads, in its order, each with the names its statement binds and the
    line the statement starts on (a `require` on a comment line is no import)."""
    index = LineIndex(text)
    bound = {offset: (names, start) for offset, _, names, start in _js_imports(text)}
    for offset, start, module, kind in sorted(_js_loads(text, index)):
        names, start = bound.get(offset, ([], start)) if kind != "dynamic" else ([], start)
        yield ImportStatement(module, (), tuple(names), index.line_of(start), kind)


def js_import_bindings(text: str) -> Iterator[tuple[str, list[str]]]:
    """(module, the local names it binds) of each import or require in JS/TS `text`;
    `Baz as Qux` and `{ Baz: Qux }` bind `Qux`, type-only names bind nothing."""
    for _, module, names, _ in _js_imports(text):
        yield module, names


def js_imported_names(text: str) -> dict[str, str]:
    """The module each name of a JS/TS file is imported from (local name -> module)."""
    return {name: module for module, names in js_import_bindings(text) for name in names}


MAX_IMPORT_LINES = 4000  # imports sit at the top of a file

# A line that imports, in any language (`import`, `from`, `require`, `use`, `using` and C#'s
# `global using`, `include`, Elixir's `alias`, `extern crate`, `@import`, a `require(..)` or
# `import(..)` call): where the analysis takes a file's client-library words, and the names
# the report's cross-check lets a line mention an integration by.
_IMPORT_LINE = re.compile(
    r"^\s*(?:global\s+)?(?:import|from|require|use|using|include|alias|extern crate|@import)\b"
    r"|require\s*\(|import\s*\("
)


def is_import_line(line: str) -> bool:
    """Whether one line of any language imports something (language-blind, by its keyword)."""
    return _IMPORT_LINE.search(line) is not None


@dataclass(frozen=True, slots=True)
class ImportStatement:
    """`module` as written (`.models` for a relative Python import); `names`: what a Python
    `from` import takes from it (`a`, `b` of `from x import a, b as c`), which may be
    submodules; `bound`: the local names the statement binds (`a`, `c`); `kind`: how the
    module names its target, as the graph's `Import` kinds (`module`; `type`, a Java or PHP
    type; `namespace`, every type of a Java package; `relative`, a PHP include's path;
    `dynamic`, a JS call whose argument is computed) or `type-only` (TypeScript
    `import type`, erased at compile time)."""

    module: str
    names: tuple[str, ...]
    bound: tuple[str, ...]
    line: int
    kind: str = "module"


# Python: `import a.b as c, d` and `from x import a, b as c`, the names in parentheses over
# several lines (`from x import (\n    a,  # why\n    b,\n)`).
_PY_IMPORT = re.compile(r"[ \t]*import[ \t]+([\w. \t,]+?)[ \t]*(?:#.*)?$")
_PY_FROM = re.compile(r"[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)")
_PY_OPEN = re.compile(r"[ \t]*from[ \t]+\.*[\w.]*[ \t]+import[ \t]+\([^)]*$")
_PY_COMMENT = re.compile(r"#[^\n]*")
# Rust and Elixir one line at a time (a Rust group over several lines joined).
_RUST_USE = re.compile(r"^\s*(?:pub\s+)?use\s+([\w:]+?)(?:::\{([^}]*)\}|::(\w+))\s*;")
_RUST_OPEN = re.compile(r"^\s*(?:pub\s+)?use\s+[\w:]+::\{[^}]*$")  # `use x::{` over lines
MAX_STATEMENT_LINES = 60
_ALIAS = re.compile(r"^\s*alias\s+([\w.]+)(?:\s*,\s*as:\s*(\w+))?\s*$")
# Java/Kotlin/Scala: `import static a.B.c;`, `import a.b.*` / `a.b._` (a package), Scala's
# `import a.b.{C, D => E}`, Kotlin's `import a.B as C`.
_JAVA_IMPORT = re.compile(
    r"^[ \t]*import\s+(?:static\s+)?([\w.]+?)(\.\*|\._|\.\{[^}\n]*\})?\s*(?:as\s+(\w+))?;?\s*$",
    re.M,
)
# PHP: `use A\B;`, `use function A\f;`, `use A\{B, C as D};`; includes of a literal path.
_PHP_USE = re.compile(
    r"^[ \t]*use\s+(?:function\s+|const\s+)?\\?([\w\\]+?)(\\\{[^}]*\})?(?:\s+as\s+(\w+))?\s*;",
    re.M,
)
_PHP_INCLUDE = re.compile(
    r"""\b(?:require|include)(?:_once)?\s*\(?\s*(?:(?:__DIR__|dirname\(__FILE__\))\s*\.\s*)?(['"])([^'"\n]+\.php)\1"""
)
# Go: `import "a/b"`, `import c "a/b"`, and every quoted path of an `import ( .. )` block.
# The block ends at a line that starts with `)` (a `)` in a comment, `"fmt" // print (x)`,
# ends nothing); `import ("fmt")` on one line too.
_GO_BLOCK = re.compile(
    r"^import\s*\((?=[^\n]*\))([^)\n]*)\)|^import\s*\((.*?)^[ \t]*\)", re.M | re.S
)
_GO_SINGLE = re.compile(r"""^import\s+(?:([\w.]+)\s+)?"([^"]+)\"""", re.M)
_GO_QUOTED = re.compile(r'"([^"\n]+)"')
_GO_ALIAS = re.compile(r"[ \t]*(\w+)[ \t]+")
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


def _java_imports(text: str, index: LineIndex) -> Iterator[ImportStatement]:
    for match in _JAVA_IMPORT.finditer(text):
        line = index.line_of(match.start())
        base, tail, alias = match.group(1), match.group(2) or "", match.group(3)
        if tail in (".*", "._"):
            yield ImportStatement(base, (), (), line, "namespace")
        elif tail.startswith(".{"):
            for name in tail[2:-1].split(","):
                name = name.split("=>")[0].strip()
                if name and name != "_":
                    yield ImportStatement(f"{base}.{name}", (), (), line, "type")
        else:
            yield ImportStatement(base, (), (alias or base.split(".")[-1],), line, "type")


def _php_imports(text: str, index: LineIndex) -> Iterator[ImportStatement]:
    """`use` statements, then includes."""
    for match in _PHP_USE.finditer(text):
        line = index.line_of(match.start())
        base, group, alias = match.group(1), match.group(2), match.group(3)
        if not group:
            yield ImportStatement(base, (), (alias or base.split("\\")[-1],), line, "type")
            continue
        for part in group[2:-1].split(","):
            name, _, local = part.partition(" as ")
            name = name.strip()
            if name:
                bound = local.strip() or name.split("\\")[-1]
                yield ImportStatement(f"{base}\\{name}", (), (bound,), line, "type")
    for match in _PHP_INCLUDE.finditer(text):
        yield ImportStatement(match.group(2), (), (), index.line_of(match.start()), "relative")


def _go_imports(text: str, index: LineIndex) -> Iterator[ImportStatement]:
    """Each imported path, binding its alias (none for `.`), else its last segment."""
    found: list[tuple[int, str, str | None]] = []  # offset, path, alias
    for block in _GO_BLOCK.finditer(text):
        group = 1 if block.group(1) is not None else 2
        for match in _GO_QUOTED.finditer(block.group(group)):
            at = block.start(group) + match.start()
            before = text[text.rfind("\n", 0, at) + 1 : at]
            named = _GO_ALIAS.fullmatch(before)
            if named is not None:
                found.append((at, match.group(1), named.group(1)))
            else:  # a quote after other text (`. "x"`, a comment) binds nothing
                found.append((at, match.group(1), "." if before.strip() else None))
    for match in _GO_SINGLE.finditer(text):
        found.append((match.start(), match.group(2), match.group(1)))
    for at, path, alias in sorted(found):
        bound = () if alias == "." else (alias or path.split("/")[-1],)
        yield ImportStatement(path, (), bound, index.line_of(at))


_WHOLE_TEXT = {"java": _java_imports, "php": _php_imports, "go": _go_imports}


def _line_import(line: str, language: str) -> tuple[str, tuple[str, ...]] | None:
    """(module, bound names) of one Rust or Elixir import line."""
    if language == "rust":
        match = _RUST_USE.match(line)
        return (match[1], _bound(match[2] or match[3] or "")) if match else None
    match = _ALIAS.match(line) if language == "elixir" else None
    return (match[1], (match[2] or match[1].split(".")[-1],)) if match else None


def import_statements(
    text: str, language: str, max_lines: int = MAX_IMPORT_LINES
) -> Iterator[ImportStatement]:
    """The import statements of a file's first `max_lines` lines: the one parser of what an
    import names, binds and how (`kind`). In the order of the text, except Python's `import`
    statements before its `from` statements and PHP's `use` before its includes."""
    lines = split_lines(text)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        text = "\n".join(lines)
    if language == "python":
        yield from _python_imports(lines)
        return
    if language in _JS_FAMILY:
        yield from _js_statements(text)
        return
    if language in _WHOLE_TEXT:
        yield from _WHOLE_TEXT[language](text, LineIndex(text))
        return
    if language not in ("rust", "elixir"):
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
