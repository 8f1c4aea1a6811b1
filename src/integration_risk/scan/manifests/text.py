"""Text helpers shared by the per-ecosystem parsers: normalisation, offsets to
lines, dev-name heuristics and short error messages."""

from __future__ import annotations

import re

from integration_risk.scan.manifests.model import ManifestResult

# Group, extra, file-name and profile words that mean "not needed at runtime".
DEV_WORDS = frozenset(
    {
        "dev",
        "devel",
        "develop",
        "development",
        "test",
        "tests",
        "testing",
        "lint",
        "linting",
        "linters",
        "docs",
        "doc",
        "typing",
        "types",
        "mypy",
        "style",
        "format",
        "formatting",
        "qa",
        "ci",
        "coverage",
        "bench",
        "benchmark",
        "benchmarks",
        "tox",
        "debug",
    }
)
_WORD_SPLIT = re.compile(r"[-_.\s/]+")


def prepare(text: str) -> str:
    """Drop a UTF-8 BOM and turn CRLF into LF (line numbers count LF, like git)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n") if "\r" in text else text


def basename(relpath: str) -> str:
    """File name of a `/` or `\\` separated relative path."""
    return relpath[max(relpath.rfind("/"), relpath.rfind("\\")) + 1 :]


def is_dev_name(name: str) -> bool:
    """True when any word of a group/extra/file name says dev, test, lint, docs..."""
    return any(word in DEV_WORDS for word in _WORD_SPLIT.split(name.lower()))


def failure(relpath: str, what: str) -> ManifestResult:
    """An empty result whose error names the file kind and the problem, briefly."""
    name = basename(relpath)
    if len(name) > 60:
        name = name[:57] + "..."
    return ManifestResult((), error=f"{name} {what}")
