"""Which language's extractors apply to a file, by its name."""

from __future__ import annotations

from pathlib import PurePosixPath

_BY_SUFFIX = {
    ".py": "python",
    ".pyi": "python",
    ".js": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".jsx": "js",
    ".ts": "js",
    ".tsx": "js",
    ".mts": "js",
    ".cts": "js",
    ".vue": "js",
    ".svelte": "js",
    ".go": "go",
    ".rb": "ruby",
    ".rake": "ruby",
    ".java": "java",
    ".kt": "java",
    ".kts": "java",
    ".scala": "java",
    ".groovy": "java",
    ".cs": "csharp",
    ".php": "php",
    ".rs": "rust",
    ".ex": "elixir",
    ".exs": "elixir",
    ".dart": "dart",
}


def language_of(path: str) -> str | None:
    """Catalog language key (`python`, `js`, `go`, `ruby`, `java`, `csharp`,
    `php`, `rust`, `elixir`, `dart`) for a path, or None for non-code files.
    Kotlin, Scala and Groovy share the `java` key: same package namespaces."""
    name = path.rpartition("/")[2]
    if name in ("", "."):  # what only `PurePosixPath` reads right: `a/`, `a/.`
        return _BY_SUFFIX.get(PurePosixPath(path).suffix.lower())
    dot = name.rfind(".")  # `PurePosixPath.suffix` without building a path (~4 us a file)
    return _BY_SUFFIX.get(name[dot:].lower()) if 0 < dot < len(name) - 1 else None
