"""Evidence operations: scan the tree, grep one integration, read env files."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from integration_risk.paths import confine, require_dir, resolve_root

if TYPE_CHECKING:  # each operation's stack loads when used
    from integration_risk.models.env import EnvReport
    from integration_risk.models.grep import GrepResult
    from integration_risk.models.scan import ScanResult
    from integration_risk.scan.report import ScanOptions
    from integration_risk.scan.walk import WalkResult

Progress = Callable[[int, int], None]


def scan(
    root: str | Path,
    path: str = ".",
    *,
    resilience: bool = False,
    progress: Progress | None = None,
    **options: Unpack[ScanOptions],
) -> ScanResult:
    """All integrations under `path`, most confident first, filtered and paged.
    `options` are those of `ScanOptions` (categories, min_confidence=0.3,
    evidence_per_integration=3, cursor, limit, use_cache=True, compact=False, workers).
    `resilience=True` adds each integration's timeout/retry/circuit-breaker facts
    (true/false/null) judged from its call sites. `workers` caps the scan's processes
    (default: one per CPU; 1 scans in this process)."""
    base = resolve_root(root)
    start = require_dir(confine(base, path), path)
    return _scan(base, start, resilience, progress, options)


def scan_answer(
    root: str | Path,
    path: str = ".",
    *,
    resilience: bool = False,
    progress: Progress | None = None,
    **options: Unpack[ScanOptions],
) -> dict[str, Any]:
    """`scan`'s answer as JSON data, what `scan --format json` prints. With the cache on,
    the answer about an unchanged tree is the one kept from the last run with the same
    options (`scan.answers`): a stat walk and one cache read, nothing built again."""
    began = time.perf_counter()
    base = resolve_root(root)
    start = require_dir(confine(base, path), path)
    # the call-site analysis reads the whole root: keep its answers only when that is walked
    if not options.get("use_cache", True) or (resilience and start != base):
        return _scan(base, start, resilience, progress, options).model_dump(mode="json")
    from integration_risk.scan.answers import AnswerCache

    question = {k: v for k, v in options.items() if k not in ("use_cache", "workers")}
    cache = AnswerCache.open(base, start, {**question, "resilience": resilience})
    if (answer := cache.lookup(began)) is not None:
        return answer
    result = _scan(
        base, start, resilience, progress, options, cache.walked, on_walked=cache.walked_by_scan
    )
    answer = result.model_dump(mode="json")
    cache.store(answer)
    return answer


def _scan(
    base: Path,
    start: Path,
    resilience: bool,
    progress: Progress | None,
    options: ScanOptions,
    walked: WalkResult | None = None,
    on_walked: Callable[[WalkResult], None] | None = None,
) -> ScanResult:
    from integration_risk.scan.report import build_scan_result

    result = build_scan_result(
        base, start, progress=progress, walked=walked, on_walked=on_walked, **options
    )
    if resilience:
        from integration_risk.resilience.scanfacts import add_resilience

        result = add_resilience(base, start, result, use_cache=options.get("use_cache", True))
    return result


def grep(
    root: str | Path,
    query: str,
    path: str = ".",
    *,
    glob: str | None = None,
    context_lines: int = 0,
    cursor: str | None = None,
    limit: int = 50,
) -> GrepResult:
    """Every place one provider (catalog id or scanned host) or one regex appears."""
    from integration_risk.scan.grep import grep as run_grep

    base = resolve_root(root)
    start = require_dir(confine(base, path), path)
    return run_grep(
        base, start, query, glob=glob, context_lines=context_lines, cursor=cursor, limit=limit
    )


def read_env_files(
    root: str | Path,
    path: str = ".",
    files: list[str] | None = None,
    *,
    provider: str | None = None,
    limit: int | None = None,
    cursor: str | None = None,
) -> EnvReport:
    """Env keys under `path` (or exactly `files`, relative to the root) with redacted
    value shapes, provider guesses, code reads and cross-checks. Never a secret value.
    `provider` keeps only keys guessed for that catalog id; `limit` pages the key and
    unresolved-read lists together (the summary always counts everything)."""
    from integration_risk import envfiles
    from integration_risk.errors import InvalidInput
    from integration_risk.paging import decode_cursor, encode_cursor
    from integration_risk.paths import require_file

    if limit is not None and limit < 1:
        raise InvalidInput("limit must be at least 1", "omit it to get every key")
    offset = decode_cursor(cursor)
    base = resolve_root(root)
    start = require_dir(confine(base, path), path)
    chosen = None
    if files is not None:
        chosen = [require_file(confine(base, name), name) for name in files]
    report = envfiles.read_env_files(base, start, chosen)
    keys = report.keys
    undefined = report.used_but_undefined
    if provider is not None:
        keys = [k for k in keys if k.provider == provider]
        undefined = []  # code reads without a definition have no provider guess
    if limit is None and offset == 0:
        return report.model_copy(update={"keys": keys, "used_but_undefined": undefined})
    size = limit if limit is not None else len(keys) + len(undefined)
    page_keys = keys[offset : offset + size]
    rest = max(0, size - len(page_keys))
    undefined_start = max(0, offset - len(keys))
    page_undefined = undefined[undefined_start : undefined_start + rest]
    end = offset + len(page_keys) + len(page_undefined)
    more = end < len(keys) + len(undefined)
    return report.model_copy(
        update={
            "keys": page_keys,
            "used_but_undefined": page_undefined,
            "next_cursor": encode_cursor(end) if more else None,
        }
    )
