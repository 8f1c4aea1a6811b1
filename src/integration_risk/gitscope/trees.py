"""Scan findings of the base and head trees without checking either out.

Findings depend only on a file's path and content, so the base tree's findings
are the working tree's, with every changed file swapped for its blob at the
merge base (read through one `git cat-file --batch` process). Nothing is
materialised on disk and unchanged files come from the scan cache.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from integration_risk.catalog.index import CatalogIndex
from integration_risk.gitscope.repo import GitRepo
from integration_risk.scan.extract import extract_file
from integration_risk.scan.findings import Finding
from integration_risk.scan.walk import (
    MAX_FILE_BYTES,
    is_readable_kind,
    is_vendored_dir,
    skip_reason,
)

Findings = dict[str, list[Finding]]


def worth_scanning(relpath: str, vendor_dirs: frozenset[str] = frozenset()) -> bool:
    """The walk's name rules, for files that are not on disk (deleted or only in a commit):
    a readable kind, no lockfile, bundle or binary, outside vendored directories and those
    a manifest installs packages into (`vendor_dirs`, lowercased)."""
    parts = PurePosixPath(relpath).parts
    lowered = relpath.lower()
    return (
        is_readable_kind(parts[-1])
        and skip_reason(parts[-1]) is None
        and not any(is_vendored_dir(p) for p in parts[:-1])
        and not any(lowered.startswith(d + "/") for d in vendor_dirs)
    )


def blob_findings(
    repo: GitRepo, commit: str, path: str, relpath: str, index: CatalogIndex
) -> list[Finding] | None:
    data = repo.read_blob(commit, path)
    if data is None or len(data) > MAX_FILE_BYTES or b"\0" in data[:8192]:
        return None
    return extract_file(relpath, data.decode("utf-8", errors="replace"), index)


def swap_in_commit(
    findings: Findings,
    repo: GitRepo,
    commit: str,
    paths: dict[str, str],
    index: CatalogIndex,
    root: Path,
    vendor_dirs: frozenset[str] = frozenset(),
) -> Findings:
    """`findings` with each of `paths` (dir-relative -> root-relative) as it was at `commit`;
    a file absent there is dropped. A file the walk skipped on disk (ignored, oversized,
    vendored) stays out on both sides, so only real changes show."""
    swapped = dict(findings)
    for path, relpath in paths.items():
        scanned = swapped.pop(relpath, None) is not None
        skipped_on_disk = not scanned and (root / relpath).exists()
        if skipped_on_disk or not worth_scanning(relpath, vendor_dirs):
            continue
        found = blob_findings(repo, commit, path, relpath, index)
        if found is not None:
            swapped[relpath] = found
    return swapped
