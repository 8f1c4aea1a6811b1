"""Languages the call-site analysis parses: grammars and node kinds come from
`data/languages.toml`, so adding a language is adding a table (and a grammar wheel)."""

from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class LanguageSpec:
    name: str
    family: str  # `javascript` for TypeScript and TSX, `java` for Kotlin and C#
    extensions: tuple[str, ...]
    grammar: str
    functions: frozenset[str]
    classes: frozenset[str]
    calls: frozenset[str]
    decorated: frozenset[str]
    loops: frozenset[str]
    tries: frozenset[str]
    handlers: frozenset[str]
    throws: frozenset[str]
    throw_words: frozenset[str]
    exit_words: frozenset[str]
    returns: frozenset[str]
    handler_if: str
    def_calls: frozenset[str]
    class_calls: frozenset[str]
    manifests: tuple[str, ...]
    # statement parents under which a bare name is a call (Ruby's `send_request` alone)
    bare_call_parents: frozenset[str] = frozenset()

    @property
    def models_errors(self) -> bool:
        """False when the language's error handling is not modelled (no try, no err check)."""
        return bool(self.handlers or self.handler_if)


def _spec(name: str, table: dict[str, Any]) -> LanguageSpec:
    def kinds(key: str) -> frozenset[str]:
        return frozenset(table.get(key, []))

    return LanguageSpec(
        name=name,
        family=table["family"],
        extensions=tuple(table["extensions"]),
        grammar=table["grammar"],
        functions=kinds("functions"),
        classes=kinds("classes"),
        calls=kinds("calls"),
        decorated=kinds("decorated"),
        loops=kinds("loops"),
        tries=kinds("tries"),
        handlers=kinds("handlers"),
        throws=kinds("throws"),
        throw_words=kinds("throw_words"),
        exit_words=kinds("exit_words"),
        returns=kinds("returns"),
        handler_if=table.get("handler_if", ""),
        def_calls=kinds("def_calls"),
        class_calls=kinds("class_calls"),
        manifests=tuple(table.get("manifests", [])),
        bare_call_parents=kinds("bare_call_parents"),
    )


@cache
def specs() -> dict[str, LanguageSpec]:
    with open(DATA / "languages.toml", "rb") as handle:
        data = tomllib.load(handle)
    return {name: _spec(name, table) for name, table in data.items()}


@cache
def _by_extension() -> dict[str, LanguageSpec]:
    return {ext: spec for spec in specs().values() for ext in spec.extensions}


def grammar_of(path: str) -> LanguageSpec | None:
    """The grammar that parses a file, by its extension; None when none covers it. (The
    scan's `scan.languages.language_of` answers another question: which catalog language's
    extractors read it.)"""
    suffix = Path(path).suffix.lower()
    return _by_extension().get(suffix)


def family_of(language: str) -> str:
    """The family of a language the analysis parses (`tsx` -> `javascript`); any other
    name is its own family."""
    spec = specs().get(language)
    return spec.family if spec is not None else language


@cache
def parser_for(name: str) -> Any:
    """A tree-sitter parser for the language (grammar wheels load on first use)."""
    from tree_sitter import Language, Parser

    module_name, _, function = specs()[name].grammar.partition(":")
    module = importlib.import_module(module_name)
    return Parser(Language(getattr(module, function)()))


@cache
def grammar_versions() -> str:
    """The installed tree-sitter and grammar releases: a new grammar parses differently,
    so cached facts carry these."""
    from importlib.metadata import PackageNotFoundError, version

    names = sorted({"tree-sitter", *(s.grammar.partition(":")[0] for s in specs().values())})
    found = []
    for name in names:
        try:
            found.append(f"{name}={version(name.replace('_', '-'))}")
        except PackageNotFoundError:
            found.append(f"{name}=?")
    return ",".join(found)


def languages_of_manifest(path: str) -> set[str]:
    """Languages whose dependency files include this one (`Gemfile` -> ruby)."""
    name = Path(path).name
    return {
        spec.name
        for spec in specs().values()
        if any(name == m or (m.startswith(".") and name.endswith(m)) for m in spec.manifests)
    }
