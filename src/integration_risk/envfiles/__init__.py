"""Env files: discovery, dotenv/YAML/unit-file parsing, value classification,
redaction and cross-checks against the code's env reads.

Secret values never leave this package: raw text is wrapped in `raw.RawValue`
(which cannot print itself) and only `classify` looks inside it; everything
returned is an `EnvReport` of names, locations and derived shapes.
"""

from __future__ import annotations

from pathlib import Path

from integration_risk.catalog.index import catalog_index
from integration_risk.envfiles.collect import Collected, candidate_for
from integration_risk.envfiles.collect import collect as collect_files
from integration_risk.envfiles.crosscheck import (
    defined_but_unused,
    drift,
    read_counts,
    used_but_undefined,
)
from integration_risk.envfiles.discovery import Candidate, dotenv_files, role_of
from integration_risk.models.env import EnvKey, EnvReport, EnvSummary
from integration_risk.scan.env_index import code_env_reads
from integration_risk.scan.languages import language_of
from integration_risk.scan.walk import walk_tree

__all__ = ["read_env_files"]


def _code_reads(root: Path, start: Path) -> tuple[list[Candidate], list[tuple[str, str, int]]]:
    """Env-defining files the walk found (besides dotenv) and every env read in code."""
    walked = walk_tree(root, start).files
    others = [
        Candidate(item.path, item.relpath, role)
        for item in walked
        if language_of(item.relpath) is None
        and (role := role_of(item.relpath)) is not None
        and role != "dotenv"
    ]
    return others, code_env_reads(root, walked)


def _provider(name: str, collected: Collected) -> str | None:
    index = catalog_index()
    guess = index.env_provider(name)
    for definition in collected.definitions:
        if guess is not None:
            break
        if definition.key != name:
            continue
        if definition.shape.host:
            guess = index.host_provider(definition.shape.host.split(",")[0])
        if guess is None and definition.shape.scheme:
            guess = index.scheme_provider(definition.shape.scheme)
    return guess


def read_env_files(root: Path, start: Path, files: list[Path] | None = None) -> EnvReport:
    """Everything about the env files under `start` (or exactly `files`), without values.
    `root` and `start` must be resolved and `files` confined by the caller."""
    others, code_reads = _code_reads(root, start)
    if files is not None:
        candidates = [candidate_for(root, path) for path in files]
    else:
        candidates = dotenv_files(root, start) + others
    collected = collect_files(root, candidates)
    all_reads = code_reads + collected.reads
    defined = {d.key for d in collected.definitions}
    code_counts = read_counts(code_reads)
    keys = []
    for name in sorted(defined):
        count, first = code_counts.get(name, (0, None))
        keys.append(
            EnvKey(
                name=name,
                provider=_provider(name, collected),
                reads=count,
                first_read=first,
                defined=[d.shape for d in collected.definitions if d.key == name],
            )
        )
    undefined = used_but_undefined(all_reads, defined)
    unused = defined_but_unused(defined, {name for name, _, _ in all_reads})
    dotenv = [f.path for f in collected.files if f.source == "dotenv"]
    drifts = drift(collected.keys_by_file, dotenv)
    summary = EnvSummary(
        files=len(collected.files),
        keys=len(keys),
        secrets=sum(any(d.kind in ("secret", "token") for d in k.defined) for k in keys),
        placeholders=sum(any(d.placeholder for d in k.defined) for k in keys),
        used_but_undefined=len(undefined),
        defined_but_unused=len(unused),
        drift=len(drifts),
    )
    return EnvReport(
        path=start.relative_to(root).as_posix() if start != root else ".",
        summary=summary,
        files=collected.files,
        keys=keys,
        used_but_undefined=undefined,
        defined_but_unused=unused,
        drift=drifts,
        problems=collected.problems,
        skipped=collected.skipped,
    )
