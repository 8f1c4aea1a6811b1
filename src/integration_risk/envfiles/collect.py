"""Read every env-defining file once and keep only shapes.

Each file is parsed and its assignments classified on the spot: raw values live
in a local list for the duration of one file and never reach the returned
`Collected`, whose definitions carry `ValueShape`s only.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from integration_risk.envfiles.classify import classify
from integration_risk.envfiles.discovery import Candidate, role_of
from integration_risk.envfiles.dotenv import parse_dotenv
from integration_risk.envfiles.raw import Assignment, LineProblem
from integration_risk.envfiles.reading import Refused, read_candidate
from integration_risk.envfiles.unitfiles import parse_procfile, parse_systemd
from integration_risk.envfiles.yamlenv import parse_yaml_env
from integration_risk.models.env import (
    EnvDefinition,
    EnvFile,
    EnvProblem,
    SkippedFile,
    SourceKind,
)
from integration_risk.sensitive import is_env_template


@dataclass
class Definition:
    key: str
    relpath: str
    line: int
    shape: EnvDefinition


@dataclass
class Collected:
    files: list[EnvFile] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    reads: list[tuple[str, str, int]] = field(default_factory=list)  # name, relpath, line
    problems: list[EnvProblem] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    keys_by_file: dict[str, list[str]] = field(default_factory=dict)


def _yaml_worth_parsing(text: str) -> bool:
    return "env" in text or "kind: ConfigMap" in text or "kind: Secret" in text


def _record(
    out: Collected,
    relpath: str,
    source: SourceKind,
    assignments: list[tuple[SourceKind, Assignment]],
) -> None:
    first_line: dict[str, int] = {}
    keys: list[str] = []
    for kind, assignment in assignments:
        shape = classify(
            assignment.key,
            assignment.value,
            interpolate=assignment.interpolate,
            always_secret=assignment.always_secret,
            external=assignment.external,
        )
        definition = EnvDefinition(
            at=f"{relpath}:{assignment.line}", source=kind, **shape.model_dump()
        )
        out.definitions.append(Definition(assignment.key, relpath, assignment.line, definition))
        for name in shape.references:
            out.reads.append((name, relpath, assignment.line))
        if assignment.key in first_line:
            out.problems.append(
                EnvProblem(
                    at=f"{relpath}:{assignment.line}",
                    message=f"{assignment.key} is defined again (first on line "
                    f"{first_line[assignment.key]}); the last definition wins",
                )
            )
        else:
            first_line[assignment.key] = assignment.line
            keys.append(assignment.key)
    out.keys_by_file[relpath] = keys
    out.files.append(
        EnvFile(
            path=relpath,
            source=source,
            keys=len(keys),
            template=source == "dotenv" and is_env_template(relpath),
        )
    )


def _problems(out: Collected, relpath: str, problems: list[LineProblem]) -> None:
    for problem in problems:
        at = f"{relpath}:{problem.line}" if problem.line else relpath
        out.problems.append(EnvProblem(at=at, message=problem.message))


def _parse(
    root: Path, candidate: Candidate, text: str, out: Collected, queue: deque[Candidate]
) -> None:
    rel = candidate.relpath
    if candidate.role == "dotenv":
        assignments, problems = parse_dotenv(text)
        _record(out, rel, "dotenv", [("dotenv", a) for a in assignments])
    elif candidate.role in ("compose", "yaml"):
        if candidate.role == "yaml" and not _yaml_worth_parsing(text):
            return
        helm = PurePosixPath(rel).name.lower().startswith("values")
        parsed = parse_yaml_env(text, compose=candidate.role == "compose", helm=helm)
        problems = parsed.problems
        if parsed.assignments or candidate.role == "compose":
            sources = sorted({kind for kind, _ in parsed.assignments})
            main: SourceKind = "yaml-env"
            if candidate.role == "compose":
                main = "compose"
            elif len(sources) == 1:
                main = sources[0]
            _record(out, rel, main, parsed.assignments)
        out.reads.extend((name, rel, line) for name, line in parsed.reads)
        for path, line in parsed.env_files:
            _queue_env_file(root, candidate, path, line, out, queue)
    else:
        parse = parse_procfile if candidate.role == "procfile" else parse_systemd
        source: SourceKind = "procfile" if candidate.role == "procfile" else "systemd"
        assignments, reads, problems = parse(text)
        if assignments:
            _record(out, rel, source, [(source, a) for a in assignments])
        out.reads.extend((name, rel, line) for name, line in reads)
    _problems(out, rel, problems)


def _queue_env_file(
    root: Path, compose: Candidate, path: str, line: int, out: Collected, queue: deque[Candidate]
) -> None:
    target = (compose.path.parent / path).resolve()
    if not target.is_relative_to(root):
        out.problems.append(
            EnvProblem(
                at=f"{compose.relpath}:{line}",
                message="env_file points outside the project root: not read",
            )
        )
        return
    if not target.exists():
        out.problems.append(
            EnvProblem(at=f"{compose.relpath}:{line}", message="env_file does not exist")
        )
        return
    queue.append(Candidate(target, target.relative_to(root).as_posix(), "dotenv"))


def collect(root: Path, candidates: list[Candidate]) -> Collected:
    """Parse every candidate (and compose `env_file:` targets) exactly once."""
    out = Collected()
    queue = deque(candidates)
    done: set[str] = set()
    while queue:
        candidate = queue.popleft()
        if candidate.relpath in done:
            continue
        done.add(candidate.relpath)
        text = read_candidate(root, candidate.path)
        if isinstance(text, Refused):
            out.skipped.append(SkippedFile(path=candidate.relpath, reason=text.reason))
            continue
        _parse(root, candidate, text, out, queue)
    return out


def candidate_for(root: Path, path: Path) -> Candidate:
    relpath = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    return Candidate(path, relpath, role_of(relpath) or "dotenv")
