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


# pip-compile / `uv pip compile` output says why each pin is there, in comments below it:
# `    # via kombu`, or `    # via` then `    #   -r requirements.in` / `    #   celery`.
_VIA = re.compile(r"^\s*#\s*via\b(.*)$")
_VIA_MORE = re.compile(r"^\s*#\s{2,}(\S.*)$")
# The project's own requirement, by the metadata file that declares it: pip-tools and uv write
# `# via myapp (setup.py)`, `myapp (pyproject.toml)`, `myapp[extra] (setup.cfg)`.
_OWN_METADATA = re.compile(r"\((?:setup\.py|setup\.cfg|pyproject\.toml)\)$")


def _pinned_for_others(lines: list[str], number: int) -> bool:
    """The pin at line `number` is in a compiled lock only because other packages need it
    (`amqp==5.3.1` / `# via kombu`): not a package the project chose. A pin the project's
    own files ask for says `-r requirements.in` (or `-c`), or names the project's metadata
    file (`myapp (setup.py)`, `myapp (pyproject.toml)`)."""
    at = number - 1
    while at < len(lines) and lines[at].rstrip().endswith("\\"):
        at += 1  # `--hash=...` continuation lines
    via = _VIA.match(lines[at + 1]) if at + 1 < len(lines) else None
    if via is None:
        return False
    reasons = [via.group(1).strip()]
    for more in lines[at + 2 :]:
        found = _VIA_MORE.match(more)
        if found is None:
            break
        reasons.append(found.group(1).strip())
    reasons = [r for r in reasons if r]
    return bool(reasons) and not any(r.startswith("-") or _OWN_METADATA.search(r) for r in reasons)


def parse(relpath: str, text: str) -> ManifestResult:
    dev = is_dev_file(relpath)
    deps: list[Dependency] = []
    lines: list[str] | None = None
    for number, line in _logical_lines(text):
        if not line:
            continue
        name = _line_name(line)
        if name:
            if "# via" in text:
                lines = text.split("\n") if lines is None else lines
                if _pinned_for_others(lines, number):
                    continue
            deps.append(Dependency("pypi", name, number, dev))
    return ManifestResult(tuple(deps))
