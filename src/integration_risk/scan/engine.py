"""Walk the tree once, read each file once (in worker processes), cache per file.

`scan_tree` returns raw findings per file; `merge.merge_findings` turns them
into integrations. Progress is reported as (files done, files total).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from integration_risk.catalog.index import CatalogIndex, catalog_index
from integration_risk.scan.banner import copied_library
from integration_risk.scan.cache import ScanCache, content_digest
from integration_risk.scan.findings import Finding
from integration_risk.scan.languages import language_of
from integration_risk.scan.testcode import inline_tests, is_test_path
from integration_risk.scan.walk import WalkedFile, WalkResult, walk_tree

Progress = Callable[[int, int], None]
PARALLEL_THRESHOLD = 400  # below this many files to read, worker start-up costs more than it saves
BATCH = 64
_MINIFIED_LINE = 2_000
# A bundle that keeps a line break between its modules (Parcel, Browserify, a vendored
# library): most of its text on lines no person writes.
_BUNDLE_LINE = 1_000
_BUNDLE_SHARE = 0.8


@dataclass
class RawScan:
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    files_scanned: int = 0
    files_ignored: int = 0
    cache_hits: int = 0
    seconds: float = 0.0
    catalog_version: str = ""


# (relpath, size, mtime_ns, digest, findings, skip reason)
_Outcome = tuple[str, int, int, str, list[Finding], str | None]


def read_bytes(path: str, size: int) -> bytes:
    """The file's content, with less overhead than `open().read()` (no buffered reader)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        data = os.read(fd, size + 1)  # a regular file reads short only at its end
        if len(data) > size:  # it grew since the walk
            chunks = [data]
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            data = b"".join(chunks)
    finally:
        os.close(fd)
    return data


def read_and_extract(item: WalkedFile, index: CatalogIndex, cache: ScanCache | None) -> _Outcome:
    try:
        data = read_bytes(item.abspath, item.size)
    except OSError:
        return (item.relpath, item.size, item.mtime_ns, "", [], "unreadable")
    if b"\0" in data[:8192]:
        return (item.relpath, item.size, item.mtime_ns, "", [], "binary")
    digest = content_digest(item.relpath, data)
    cached = cache.lookup_digest(digest) if cache is not None else None
    if cached is not None:
        return (item.relpath, item.size, item.mtime_ns, digest, cached, None)
    text = data.decode("utf-8", errors="replace")
    if _machine_written(item.relpath, len(data), text):
        return (item.relpath, item.size, item.mtime_ns, digest, [], "minified")
    if copied_library(item.relpath, item.abspath, text):
        return (item.relpath, item.size, item.mtime_ns, digest, [], "copied-in library")
    return (
        item.relpath,
        item.size,
        item.mtime_ns,
        digest,
        extract(item.relpath, text, index),
        None,
    )


def _machine_written(relpath: str, size: int, text: str) -> bool:
    """A minified file: any large one that `_minified` finds, and code of any size whose lines
    average over `_MINIFIED_LINE` characters (an Emscripten loader or a copied-in library on
    one or two lines, `zlib-1.3.2.js` at 8 KB). A short code file with one long line among
    short ones (a data URI) is still read, and so is a manifest written on one line."""
    if size > 20_000:
        return _minified(text)
    return (
        size > _MINIFIED_LINE
        and language_of(relpath) is not None
        and size / (text.count("\n") + 1) > _MINIFIED_LINE
    )


def _minified(text: str) -> bool:
    """Machine-written code: long lines on average, or most of the text on very long lines."""
    if len(text) / (text.count("\n") + 1) > _MINIFIED_LINE:
        return True
    on_long_lines = sum(len(line) for line in text.split("\n") if len(line) > _BUNDLE_LINE)
    return on_long_lines >= _BUNDLE_SHARE * len(text)


def extract(relpath: str, text: str, index: CatalogIndex) -> list[Finding]:
    return inline_tests(relpath, text, _candidate_extractor()(relpath, text, index))


@cache
def _candidate_extractor() -> Callable[[str, str, CatalogIndex], list[Finding]]:
    """`extract_file` on the candidate lines only, made once per process: its modules are
    imported on the first file (a re-scan answered from the cache never loads the
    extractors), not again for every file (three import statements a file were 3% of a
    cold scan's extraction)."""
    from integration_risk.scan import gate, infra, prefilter
    from integration_risk.scan.extract import extract_file
    from integration_risk.scan.manifests import manifest_ecosystem

    def extract_candidates(relpath: str, text: str, index: CatalogIndex) -> list[Finding]:
        """`extract_file` on the candidate lines only (see `prefilter`); manifests,
        Dockerfiles and Terraform are read whole (few, small, parsed as documents)."""
        name = relpath.rsplit("/", 1)[-1]
        if (
            not prefilter.enabled()
            or manifest_ecosystem(relpath) is not None
            or name.endswith(".tf")
            or infra.is_dockerfile(name)
        ):
            return extract_file(relpath, text, index)
        found = prefilter.candidates(text, index)
        if found is None:
            return []
        with gate.absent(found.absent):
            findings = extract_file(relpath, found.text, index, text, found.line_map)
        return [replace(f, line=found.line_map[f.line - 1]) for f in findings]

    return extract_candidates


_WORKER_INDEX: CatalogIndex | None = None


def _worker_batch(batch: list[WalkedFile]) -> list[_Outcome]:
    global _WORKER_INDEX
    if _WORKER_INDEX is None:
        _WORKER_INDEX = catalog_index()
    return [read_and_extract(item, _WORKER_INDEX, None) for item in batch]


def _batches(items: list[WalkedFile]) -> Iterable[list[WalkedFile]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork shares the already-built catalog index with the workers for free.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def scan_tree(
    root: Path,
    start: Path | None = None,
    *,
    use_cache: bool = True,
    workers: int | None = None,
    progress: Progress | None = None,
    walked: WalkResult | None = None,
    on_walked: Callable[[WalkResult], None] | None = None,
) -> RawScan:
    """`walked`: the walk of `start` when the caller already has it (the graph walks once
    for the scan and for its own facts); else the scan walks, and tells `on_walked` of
    its walk. A cold scan that walks sends files to its workers as the walk finds them."""
    began = time.perf_counter()
    index = catalog_index()
    cache = ScanCache(root, index.version, enabled=use_cache)
    streamed: _StreamedExtraction | None = None
    if not cache.entries:  # a cold scan reads every file: get its matcher ready meanwhile
        from integration_risk.scan import prefilter

        prefilter.prepare(index)  # loads or compiles in a thread while the tree is walked
        if walked is None and _worker_count(workers) > 1:
            streamed = _StreamedExtraction(index, _worker_count(workers))
    try:
        if walked is None:
            walked = walk_tree(
                root, start, use_cache=use_cache, on_file=streamed.add if streamed else None
            )
            if on_walked is not None:
                on_walked(walked)
        raw = _collect(walked, index, cache, workers, progress, streamed)
    finally:
        if streamed is not None:
            streamed.close()
    if start is None or start == root:
        cache.retain({item.relpath for item in walked.files})
    cache.save()
    if start is not None and start != root:
        _rescope_test_code(raw.findings, start.relative_to(root).as_posix())
    raw.seconds = round(time.perf_counter() - began, 3)
    return raw


def _collect(
    walked: WalkResult,
    index: CatalogIndex,
    cache: ScanCache,
    workers: int | None,
    progress: Progress | None,
    streamed: _StreamedExtraction | None,
) -> RawScan:
    """Every walked file's findings: from the cache, else read (by the workers `streamed`
    started during the walk, when it did)."""
    raw = RawScan(
        skipped=walked.skipped, files_ignored=walked.ignored, catalog_version=index.version
    )
    hits, todo = cache.split(walked.files)
    raw.findings.update(hits)
    raw.cache_hits = len(hits)
    total = len(walked.files)
    done = raw.cache_hits
    if progress:
        progress(done, total)
    outcomes = (
        streamed.outcomes(todo, cache)
        if streamed is not None
        else _extract_all(todo, index, cache, workers)
    )
    for outcome in outcomes:
        rel, size, mtime, digest, findings, reason = outcome
        done += 1
        if reason:
            raw.skipped[reason] += 1
        else:
            raw.findings[rel] = findings
            if digest:
                cache.store(rel, size, mtime, digest, findings)
        if progress and (done % 200 == 0 or done == total):
            progress(done, total)
    raw.files_scanned = len(raw.findings)
    return raw


def _rescope_test_code(findings: dict[str, list[Finding]], prefix: str) -> None:
    """A scan of a directory the whole tree files under tests, examples or tooling
    (`examples/shop`) is a scan of that project: its paths are judged below it, so its
    own `tests/` are still test code and its application code is not."""
    for relpath, items in findings.items():
        if not relpath.startswith(prefix + "/") or not is_test_path(relpath):
            continue
        if not is_test_path(relpath[len(prefix) + 1 :]):
            findings[relpath] = [replace(f, test_code=False) if f.test_code else f for f in items]


def _worker_count(workers: int | None) -> int:
    return workers if workers is not None else (os.cpu_count() or 1)


def _start_pool(index: CatalogIndex, count: int) -> ProcessPoolExecutor:
    """Worker processes forked from this one once the index, the matcher and the
    extractors are ready here, so they inherit them. Until `_stop_pool`, the garbage
    collector leaves alone every object there is now (`gc.freeze`): the workers' and this
    process's collections no longer walk the catalog index, the compiled patterns and the
    modules again and again (a tenth of a cold scan's CPU time on a 15,000-file tree), and
    the workers no longer copy the pages they inherit by touching them."""
    global _WORKER_INDEX
    _WORKER_INDEX = index  # inherited by forked workers
    from integration_risk.scan import prefilter

    prefilter.ready(index)  # built once here, inherited too
    from integration_risk.scan import extract  # noqa: F401  # imported once, not per worker

    gc.freeze()
    return ProcessPoolExecutor(max_workers=count, mp_context=_pool_context())


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=True, cancel_futures=True)
    gc.unfreeze()  # a server scans again: what was frozen is collected as before


def _extract_all(
    todo: list[WalkedFile], index: CatalogIndex, cache: ScanCache, workers: int | None
) -> Iterable[_Outcome]:
    count = _worker_count(workers)
    if count <= 1 or len(todo) < PARALLEL_THRESHOLD:
        for item in todo:
            yield read_and_extract(item, index, cache)
        return
    pool = _start_pool(index, count)
    try:
        for outcomes in pool.map(_worker_batch, _batches(todo)):
            yield from outcomes
    finally:
        _stop_pool(pool)


class _StreamedExtraction:
    """Extraction that starts while the tree is walked (a cold cache: every file is
    read): once the walk has found enough files for the workers to be worth starting,
    each batch goes to them as it fills, so the walk and the reading share the CPUs."""

    def __init__(self, index: CatalogIndex, workers: int) -> None:
        self.index, self.workers = index, workers
        self.found: list[WalkedFile] = []
        self.submitted_count = 0  # found[:submitted_count] are in `batch_futures`
        self.pool: ProcessPoolExecutor | None = None
        self.batch_futures: list[Future[list[_Outcome]]] = []  # in the order submitted

    def add(self, item: WalkedFile) -> None:
        self.found.append(item)
        if self.pool is None:
            if len(self.found) < PARALLEL_THRESHOLD:
                return
            self.pool = _start_pool(self.index, self.workers)
        while len(self.found) - self.submitted_count >= BATCH:
            self._submit(self.found[self.submitted_count : self.submitted_count + BATCH])

    def _submit(self, batch: list[WalkedFile]) -> None:
        assert self.pool is not None
        self.batch_futures.append(self.pool.submit(_worker_batch, batch))
        self.submitted_count += len(batch)

    def outcomes(self, todo: list[WalkedFile], cache: ScanCache) -> Iterable[_Outcome]:
        """The outcome of each file of `todo` (the files the walk kept), in its order."""
        if self.pool is None:  # too few files found, or a walk replayed from its cache
            yield from _extract_all(todo, self.index, cache, self.workers)
            return
        if self.submitted_count < len(self.found):
            self._submit(self.found[self.submitted_count :])
        submitted_paths = {item.relpath for item in self.found}
        for batch in _batches([item for item in todo if item.relpath not in submitted_paths]):
            self._submit(batch)
        arrived: dict[str, _Outcome] = {}  # outcomes received and not yet yielded, by path
        unread = iter(self.batch_futures)
        for item in todo:
            while item.relpath not in arrived:
                arrived.update((outcome[0], outcome) for outcome in next(unread).result())
            yield arrived.pop(item.relpath)

    def close(self) -> None:
        if self.pool is not None:
            _stop_pool(self.pool)
