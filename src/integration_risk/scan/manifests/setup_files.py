"""setuptools `setup.py` (read with regexes, never executed) and `setup.cfg`."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from integration_risk.lines import LineIndex
from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.requirements import requirement_name
from integration_risk.scan.manifests.text import is_dev_name

# keyword -> dev? (`extras_require` is decided per extra)
_KEYWORDS = {
    "install_requires": False,
    "tests_require": True,
    "setup_requires": True,
    "extras_require": False,
}
_KEYWORD = re.compile(
    r"""\b(install_requires|tests_require|setup_requires|extras_require)\b['"]?\s*[=:]\s*"""
)
_TOKEN = re.compile(
    r"""(?P<s>[rRbBuU]{0,2}(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:[^'\\\n]|\\.)*'"""
    r"""|"(?:[^"\\\n]|\\.)*"))|(?P<c>\#[^\n]*)|(?P<k>[A-Za-z_]\w*)\s*=(?!=)|(?P<p>[\[\](){}:])"""
)
_IDENT = re.compile(r"[A-Za-z_]\w*")


def _literal(token: str) -> str | None:
    try:
        value = ast.literal_eval(token)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, str) else None


def _region(text: str, start: int) -> Iterator[tuple[str, str, int, int]]:
    """Tokens (kind, text, offset, depth) of the bracketed value opening at `start`."""
    depth = 0
    for match in _TOKEN.finditer(text, start):
        kind = match.lastgroup or ""
        token = match.group(kind)
        if kind == "c":
            continue
        if kind == "p" and token in "[({":
            depth += 1
        elif kind == "p" and token in "])}":
            depth -= 1
            if depth <= 0:
                return
        yield kind, token, match.start(), depth
        if depth <= 0:
            return


def _value_start(text: str, pos: int) -> int | None:
    """Offset of the `[`/`(`/`{` of a keyword value, following one variable indirection."""
    if pos < len(text) and text[pos] in "[({":
        return pos
    ident = _IDENT.match(text, pos)
    if ident is None:
        return None
    if ident.group() == "dict" and text.startswith("(", ident.end()):
        return ident.end()
    assign = re.search(rf"^\s*{ident.group()}\s*=\s*([\[({{])", text, re.MULTILINE)
    return assign.start(1) if assign else None


def parse_setup_py(relpath: str, text: str) -> ManifestResult:
    index = LineIndex(text)
    deps: list[Dependency] = []
    seen: set[int] = set()
    for keyword in _KEYWORD.finditer(text):
        start = _value_start(text, keyword.end())
        if start is None or start in seen:
            continue
        seen.add(start)
        kind_dev = _KEYWORDS[keyword.group(1)]
        extras = keyword.group(1) == "extras_require"
        extra = ""
        for kind, token, offset, depth in _region(text, start):
            if extras and depth == 1 and kind == "k":
                extra = token.split("=")[0].strip()
            if kind != "s":
                continue
            value = _literal(token)
            if value is None:
                continue
            if extras and depth == 1:
                extra = value  # a dict key; its requirements follow at depth 2
                continue
            dev = kind_dev or (extras and is_dev_name(extra.split(":")[0]))
            name = requirement_name(value)
            if name:
                deps.append(Dependency("pypi", name, index.line_of(offset), dev))
    return ManifestResult(tuple(deps))


# setup.cfg: [options] install_requires / tests_require / setup_requires and
# [options.extras_require] extra = ..., each a value plus indented continuations.
def parse_setup_cfg(relpath: str, text: str) -> ManifestResult:
    deps: list[Dependency] = []
    section = ""
    key: str | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped or stripped[0] in "#;":
            continue
        if raw[0] not in " \t":
            key = None
            if stripped.startswith("[") and stripped.endswith("]"):
                section = stripped[1:-1].strip().lower()
                continue
            name, sep, value = stripped.partition("=")
            if not sep:
                name, sep, value = stripped.partition(":")
            if not sep:
                continue
            key = name.strip().lower()
            stripped = value.strip()
            if not stripped:
                continue
        if key is None:
            continue
        if section == "options" and key in _KEYWORDS and key != "extras_require":
            dev = _KEYWORDS[key]
        elif section == "options.extras_require":
            dev = is_dev_name(key.split(":")[0])
        else:
            continue
        if stripped.startswith(("file:", "attr:")):
            continue
        requirement = requirement_name(stripped)
        if requirement:
            deps.append(Dependency("pypi", requirement, number, dev))
    return ManifestResult(tuple(deps))
