"""pip `requirements*.txt` / `requirements/*.txt` / `*.in`, and the PEP 508
name extraction the other Python manifests share."""

from __future__ import annotations

import re

from packaging.utils import canonicalize_name

from integration_risk.scan.manifests.model import Dependency, ManifestResult
from integration_risk.scan.manifests.text import basename, is_dev_name

# A PEP 508 name, followed by what may follow a name: extras, a specifier,
# a marker, a direct URL (`@`), a comma or the end.
_NAME = re.compile(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?=$|[\[<>=!~;@(,\s])")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_COMMENT = re.compile(r"(?:^|\s)#.*$")


def requirement_name(spec: str) -> str | None:
    """Normalised project name of a PEP 508 requirement string, else None."""
    match = _NAME.match(spec)
    return canonicalize_name(match.group(1)) if match else None


def is_dev_file(relpath: str) -> bool:
    """requirements-dev.txt, dev-requirements.in, requirements/test.txt, docs/requirements.txt"""
    slash = max(relpath.rfind("/"), relpath.rfind("\\"))
    parent = basename(relpath[:slash]) if slash > 0 else ""
    name = basename(relpath).rsplit(".", 1)[0]
    return is_dev_name(name.replace("requirements", " ")) or is_dev_name(parent)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each line, `\\` continuations joined."""
    out: list[tuple[int, str]] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if not pending:
            start = number
        line = _COMMENT.sub("", raw)
        if line.endswith("\\"):
            pending.append(line[:-1])
            continue
        pending.append(line)
        out.append((start, " ".join(pending).strip()))
        pending = []
    if pending:
        out.append((start, " ".join(pending).strip()))
    return out


def _line_name(line: str) -> str | None:
    if line.startswith("-"):
        option, _, rest = line.partition(" ")
        if option.startswith(("-e", "--editable")):
            rest = line[2:] if option.startswith("-e") else line[len("--editable") :]
            egg = _EGG.search(rest)
            return canonicalize_name(egg.group(1)) if egg else None
        return None  # -r, -c, --index-url, --hash ...: not a requirement
    egg = _EGG.search(line)
    if egg and "://" in line.split("#", 1)[0] and " @ " not in line:
        return canonicalize_name(egg.group(1))
    return requirement_name(line)


def parse(relpath: str, text: str) -> ManifestResult:
    dev = is_dev_file(relpath)
    deps: list[Dependency] = []
    for number, line in _logical_lines(text):
        if not line:
            continue
        name = _line_name(line)
        if name:
            deps.append(Dependency("pypi", name, number, dev))
    return ManifestResult(tuple(deps))
