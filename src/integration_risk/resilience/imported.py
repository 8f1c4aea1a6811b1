"""Which import a name a file calls comes from: `from httpx import AsyncClient` makes a call
of `AsyncClient` a call of httpx, `import { HeadObjectCommand } from "@aws-sdk/client-s3"`
one of the AWS SDK. The client library of a site is then seen where it is used, not only
where the file imports it. Only the names an import binds map to its module's words."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath

from integration_risk.lines import split_lines
from integration_risk.resilience.defaults import words_of
from integration_risk.resilience.languages import family_of
from integration_risk.scan.code import js_import_bindings

# (module, bound names) per import form; names are `a, b as c` lists or one name.
_PY_FROM = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+\(?([\w\s,]+?)\)?\s*(?:#.*)?$")
_PLAIN = re.compile(r"^\s*import\s+(?:static\s+)?([\w.]+)(?:\s+as\s+(\w+))?\s*;?\s*$")
_PHP_USE = re.compile(r"^\s*use\s+([\w\\]+)(?:\s+as\s+(\w+))?\s*;")
_RUST_USE = re.compile(r"^\s*(?:pub\s+)?use\s+([\w:]+?)(?:::\{([^}]*)\}|::(\w+))\s*;")
_ALIAS = re.compile(r"^\s*alias\s+([\w.]+)(?:\s*,\s*as:\s*(\w+))?\s*$")
_GO_SPEC = re.compile(r"^\s*(?:import\s+)?(?:(\w+)\s+)?\"([\w./-]+)\"\s*$")
_NAMES = re.compile(r"(\w+)(?:\s+as\s+(\w+))?")
MAX_LINES = 4000  # imports sit at the top of a file


def _bound(clause: str) -> list[str]:
    """Names a `a, b as c` / `X, { a, b as c }` / `* as N` clause binds."""
    return [alias or name for name, alias in _NAMES.findall(clause.replace("*", " ")) if name]


def _module_words(module: str, language: str) -> frozenset[str]:
    if language == "php":  # `Psr\Http\Client`: the vendor names the library, not `Http`
        parts = module.split("\\")
        return frozenset({module, parts[0], parts[-1]})
    return frozenset(words_of(module) | words_of(re.sub(r"[.\\:]+", " ", module)))


def parse_import(line: str, language: str) -> tuple[str, list[str]] | None:
    if language == "python":
        match = _PY_FROM.match(line)
        if match:
            return match[1], _bound(match[2])
        match = _PLAIN.match(line)
        return (match[1], [match[2] or match[1].split(".")[0]]) if match else None
    if family_of(language) == "javascript":
        return next(js_import_bindings(line), None)
    if language in ("java", "kotlin"):
        match = _PLAIN.match(line)
        return (match[1], [match[2] or match[1].split(".")[-1]]) if match else None
    if language == "php":
        match = _PHP_USE.match(line)
        return (match[1], [match[2] or match[1].split("\\")[-1]]) if match else None
    if language == "rust":
        match = _RUST_USE.match(line)
        return (match[1], _bound(match[2] or match[3] or "")) if match else None
    if language == "elixir":
        match = _ALIAS.match(line)
        return (match[1], [match[2] or match[1].split(".")[-1]]) if match else None
    if language == "go":
        match = _GO_SPEC.match(line)
        return (match[2], [match[1] or match[2].split("/")[-1]]) if match else None
    return None


@lru_cache(maxsize=512)
def import_words(text: str, language: str) -> dict[str, frozenset[str]]:
    """Per name an import binds: the words of the module it comes from."""
    found: dict[str, frozenset[str]] = {}
    for line in split_lines(text)[:MAX_LINES]:
        parsed = parse_import(line, language)
        if parsed is None:
            continue
        module, names = parsed
        words = _module_words(module, language)
        for name in names:
            found[name] = found.get(name, frozenset()) | words
    return found


def with_imports(words: set[str], text: str, language: str) -> set[str]:
    """`words` and the module words of the imports that bind any of them."""
    bound = import_words(text, language)
    extra: set[str] = set()
    for word in words:
        extra |= bound.get(word, frozenset())
    return words | extra


def binding_module(text: str, language: str, name: str) -> str:
    """The Python module a file imports `name` from (`from django.core.cache import cache`
    -> django.core.cache), or "" (not imported, or another language)."""
    if language != "python":
        return ""
    for line in split_lines(text)[:MAX_LINES]:
        parsed = parse_import(line, language)
        if parsed is not None and name in parsed[1]:
            return parsed[0]
    return ""


def other_module(module: str, path: str) -> bool:
    """Is `module` (an absolute import) another module than the file at `path`: a receiver
    imported from a library (`django.core.cache`) is not the project's `common/cache.py`."""
    if not module or module.startswith("."):
        return False
    wanted = "/" + module.replace(".", "/")
    stem = "/" + str(PurePosixPath(path).with_suffix(""))
    return not (stem.endswith(wanted) or stem.endswith(wanted + "/__init__"))
