"""Elixir `mix.exs`: `{:name, ...}` tuples of the deps list; `only:` with just
:dev/:test marks dev."""

from __future__ import annotations

import re

from integration_risk.lines import LineIndex
from integration_risk.scan.manifests.model import Dependency, ManifestResult

_DEPS_FUNCTION = re.compile(r"^[ \t]*defp?\s+deps\b[^\n]*?\bdo\b", re.MULTILINE)
_NEXT_FUNCTION = re.compile(r"^[ \t]*(?:defp?|defmacrop?)\s|^end\b", re.MULTILINE)
# `{:name,` then a version string, another option list or a keyword option
_TUPLE = re.compile(
    r"""\{\s*:([a-z_][A-Za-z0-9_]*)\s*,\s*(?="|'|~|\[|(?:git|github|path|in_umbrella|only|"""
    r"""optional|runtime|override|hex|app|env|sparse|organization|repo|branch|tag|ref|"""
    r"""manager|compile|system_env|targets|submodules):)"""
)
_ONLY = re.compile(r"""\bonly:\s*(\[[^\]]*\]|:\w+)""")
_ATOM = re.compile(r":(\w+)")
_DEV_ENVS = frozenset({"dev", "test"})


def _tuple_end(text: str, start: int) -> int:
    """Offset just past the `}` closing the tuple opening at `start` (strings skipped)."""
    depth = 0
    i = start
    quote = ""
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth <= 0:
                return i + 1
        i += 1
    return len(text)


def parse(relpath: str, text: str) -> ManifestResult:
    index = LineIndex(text)
    start, stop = 0, len(text)
    function = _DEPS_FUNCTION.search(text)
    if function is not None:
        start = function.end()
        following = _NEXT_FUNCTION.search(text, start)
        stop = following.start() if following else stop
    deps: list[Dependency] = []
    for match in _TUPLE.finditer(text, start, stop):
        if "#" in text[text.rfind("\n", 0, match.start()) + 1 : match.start()]:
            continue  # commented out
        body = text[match.start() : _tuple_end(text, match.start())]
        only = _ONLY.search(body)
        envs = set(_ATOM.findall(only.group(1))) if only else set()
        dev = bool(envs) and envs <= _DEV_ENVS
        deps.append(Dependency("hex", match.group(1), index.line_of(match.start()), dev))
    return ManifestResult(tuple(deps))
