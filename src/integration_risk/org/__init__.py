"""`scan-org`: one inventory of every external integration across many repositories.

Each repository is one idempotent task (clone if needed, scan through `api.scan`) run on
Dask; results are saved one file per repository as they finish, so `resume` skips what
is done, and merge order-independently into one `Inventory`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from integration_risk.atomic import atomic_write
from integration_risk.errors import InvalidInput
from integration_risk.org import output
from integration_risk.org.engine import run_on_dask, run_sequential
from integration_risk.org.inventory import Inventory
from integration_risk.org.markdown import render
from integration_risk.org.sources import RepoSpec, expand_sources

__all__ = ["Inventory", "OrgRun", "RepoSpec", "expand_sources", "scan_org"]

Progress = Callable[[int, int], None]


@dataclass
class OrgRun:
    inventory: Inventory
    out: Path
    scanned: list[str] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def default_clone_dir() -> Path:
    from integration_risk.paths import user_cache_root

    return user_cache_root() / "org-clones"


def scan_org(
    sources: list[str],
    out: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    sequential: bool = False,
    resume: bool = False,
    clone_dir: Path | None = None,
    progress: Progress | None = None,
) -> OrgRun:
    """Scan every repository the sources name and write the inventory into `out`."""
    if workers is not None and workers < 1:
        raise InvalidInput("--workers must be at least 1", "for example --workers 2")
    if sequential and scheduler is not None:
        raise InvalidInput("--sequential and --scheduler exclude each other", "drop one")
    specs = expand_sources(sources)
    out.mkdir(parents=True, exist_ok=True)
    run = OrgRun(Inventory(), out)
    todo: list[RepoSpec] = []
    for spec in specs:
        done = output.load_done(out, spec) if resume else None
        if done is None:
            todo.append(spec)
        else:
            run.inventory.add(done)
            run.resumed.append(spec.source)
    total, finished = len(specs), len(run.resumed)
    if progress:
        progress(finished, total)
    clones = clone_dir or default_clone_dir()
    if sequential or not todo:
        results = run_sequential(todo, clones)
    else:
        results = run_on_dask(
            todo,
            clones,
            workers=workers or os.cpu_count() or 1,
            scheduler=scheduler,
        )
    by_source = {spec.source: spec for spec in todo}
    for result in results:
        output.save_result(out, by_source[result.source], result)
        run.inventory.add(result)
        (run.failed if result.error else run.scanned).append(result.source)
        finished += 1
        if progress:
            progress(finished, total)
    output.write_inventory(out, run.inventory)
    atomic_write(out / "ORG_INTEGRATIONS.md", render(run.inventory).encode())
    output.write_glossary(out, run.inventory)
    return run
