"""One repository, one task: clone if needed, scan through `api.scan`, return the compact result.

Runs in a scheduler's worker process, so it takes and returns plain picklable values and
never raises: a failure is the result's `error`.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from integration_risk.models.fields import build_from
from integration_risk.models.org import RepoIntegration, RepoResult
from integration_risk.org.sources import RepoSpec


def clone_path(clone_dir: Path, url: str) -> Path:
    """Where a URL's shallow clone lives: readable name plus a hash, stable across runs."""
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", url.rstrip("/").rsplit("/", 1)[-1])[:40]
    digest = hashlib.sha256(url.encode()).hexdigest()[:12]
    return clone_dir / f"{tail.removesuffix('.git') or 'repo'}-{digest}"


def shallow_clone(url: str, clone_dir: Path) -> Path:
    """Clone `url` with depth 1 once; reuse the clone afterwards (tasks are idempotent)."""
    import git

    target = clone_path(clone_dir, url)
    if (target / ".git").exists():
        return target
    clone_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".clone-", dir=clone_dir))
    try:
        # GitPython puts `--` before the URL, so git never reads it as an option.
        git.Repo.clone_from(url, staging / "repo", depth=1)
        try:
            os.replace(staging / "repo", target)
        except OSError:  # another task cloned it meanwhile
            if not (target / ".git").exists():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def scan_repo(spec: RepoSpec, clone_dir: str) -> RepoResult:
    """One repository's compact scan, at the scan's own default confidence threshold."""
    from integration_risk import api

    began = time.perf_counter()
    path = spec.source
    try:
        if spec.url is not None:
            path = str(shallow_clone(spec.url, Path(clone_dir)))
        # One process per task: the scheduler already runs one task per core.
        result = api.scan(path, ".", evidence_per_integration=0, workers=1)
    except Exception as exc:  # a broken repository must not stop the organisation's run
        return RepoResult(
            path=path,
            source=spec.source,
            error=_reason(exc),
            seconds=round(time.perf_counter() - began, 3),
        )
    found = [build_from(RepoIntegration, i, evidence=i.evidence_count) for i in result.integrations]
    return RepoResult(
        path=path,
        source=spec.source,
        integrations=sorted(found, key=lambda i: i.id),
        files=result.summary.files_scanned,
        seconds=round(time.perf_counter() - began, 3),
    )
