"""Which import a name a file calls comes from: `from httpx import AsyncClient` makes a call
of `AsyncClient` a call of httpx, `import { HeadObjectCommand } from "@aws-sdk/client-s3"`
one of the AWS SDK. The client library of a site is then seen where it is used, not only
where the file imports it. Only the names an import binds map to its module's words."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath

from integration_risk.resilience.defaults import words_of
from integration_risk.resilience.languages import family_of
from integration_risk.scan.imports import import_statements, imported_from


def _module_words(module: str, language: str) -> frozenset[str]:
    if language == "php":  # `Psr\Http\Client`: the vendor names the library, not `Http`
        parts = module.split("\\")
        return frozenset({module, parts[0], parts[-1]})
    return frozenset(words_of(module) | words_of(re.sub(r"[.\\:]+", " ", module)))


@lru_cache(maxsize=512)
def import_words(text: str, language: str) -> dict[str, frozenset[str]]:
    """Per name an import binds: the words of the module it comes from."""
    found: dict[str, frozenset[str]] = {}
    for statement in import_statements(text, family_of(language)):
        words = _module_words(statement.module, language)
        for name in statement.bound:
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
    return imported_from(text, language, name) if language == "python" else ""


def other_module(module: str, path: str) -> bool:
    """Is `module` (an absolute import) another module than the file at `path`: a receiver
    imported from a library (`django.core.cache`) is not the project's `common/cache.py`."""
    if not module or module.startswith("."):
        return False
    wanted = "/" + module.replace(".", "/")
    stem = "/" + str(PurePosixPath(path).with_suffix(""))
    return not (stem.endswith(wanted) or stem.endswith(wanted + "/__init__"))
