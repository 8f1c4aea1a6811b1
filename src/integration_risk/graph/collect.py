"""Walk the tree once and get every source file's graph facts (cached, in parallel)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from integration_risk.graph.cache import GraphFactsCache
from integration_risk.graph.extract import extract_facts, graph_language
from integration_risk.graph.facts import FileFacts
from integration_risk.graph.resolve_files import is_config
from integration_risk.scan.cache import content_digest
from integration_risk.scan.testcode import is_runtime_code
from integration_risk.scan.walk import WalkedFile, WalkResult, walk_tree

Progress = Callable[[int, int], None]


class CollectOptions(TypedDict, total=False):
    """`collect`'s keyword options, for the functions that pass them on."""

    use_cache: bool
    workers: int | None
    progress: Progress | None
    walked: WalkResult | None


PARALLEL_THRESHOLD = 400
BATCH = 64


def left_out(relpath: str) -> bool:
    """Tests, examples, tooling, migrations and deployment files: not the running app
    (`is_runtime_code`), so not in the graph."""
    return not is_runtime_code(relpath)


@dataclass
class Collected:
    facts: dict[str, FileFacts] = field(default_factory=dict)
    configs: dict[str, str] = field(default_factory=dict)  # relpath -> abspath
    # Source files left out of the graph (tests, examples, tooling): an import of one
    # resolves, but to nothing the running app depends on.
    excluded: set[str] = field(default_factory=set)
    cache_hits: int = 0


_Outcome = tuple[str, int, int, str, FileFacts | None]


def _read(item: WalkedFile) -> _Outcome:
    try:
        with open(item.abspath, "rb") as handle:
            data = handle.read()
    except OSError:
        return (item.relpath, item.size, item.mtime_ns, "", None)
    if b"\0" in data[:8192]:
        return (item.relpath, item.size, item.mtime_ns, "", None)
    text = data.decode("utf-8", errors="replace")
    digest = content_digest(item.relpath, data)
    return (item.relpath, item.size, item.mtime_ns, digest, extract_facts(item.relpath, text))


def _batch(items: list[WalkedFile]) -> list[_Outcome]:
    return [_read(item) for item in items]


def _batches(items: list[WalkedFile]) -> Iterable[list[WalkedFile]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _extract_all(todo: list[WalkedFile], workers: int | None) -> Iterable[_Outcome]:
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(todo) < PARALLEL_THRESHOLD:
        yield from (_read(item) for item in todo)
        return
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    with ProcessPoolExecutor(
        max_workers=count, mp_context=multiprocessing.get_context(method)
    ) as pool:
        for outcomes in pool.map(_batch, _batches(todo)):
            yield from outcomes


def collect(
    root: Path,
    start: Path,
    *,
    use_cache: bool = True,
    workers: int | None = None,
    progress: Progress | None = None,
    walked: WalkResult | None = None,
) -> Collected:
    """Facts of every non-test source file under `start`, and the config files there."""
    if walked is None:
        walked = walk_tree(root, start)
    result = Collected()
    cache = GraphFactsCache(root, enabled=use_cache)
    live: list[WalkedFile] = []
    for item in walked.files:
        name = item.relpath.rsplit("/", 1)[-1]
        if is_config(name):
            result.configs[item.relpath] = item.abspath
        if graph_language(item.relpath) is None:
            continue
        if left_out(item.relpath):
            result.excluded.add(item.relpath)
            continue
        live.append(item)
    hits, todo = cache.split(live)
    result.facts.update(hits)
    result.cache_hits = len(hits)
    total = len(live)
    done = result.cache_hits
    if progress:
        progress(done, total)
    for rel, size, mtime, digest, facts in _extract_all(todo, workers):
        done += 1
        if facts is not None:
            result.facts[rel] = facts
            cache.store(rel, size, mtime, digest, facts)
        if progress and (done % 200 == 0 or done == total):
            progress(done, total)
    if start == root:
        cache.retain({item.relpath for item in live})
    cache.save()
    return result
