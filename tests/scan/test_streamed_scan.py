"""A cold scan sends files to its worker processes while the tree is still being walked
(`engine._StreamedExtraction`): the same findings, in the same order, as a scan of a finished walk."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest

from integration_risk import api
from integration_risk.scan import answers, engine
from integration_risk.scan.walk import walk_tree
from tests.conftest import TreeBuilder

APP = {
    **{
        f"app/jobs/m{n}.py": f"import stripe\nimport redis\nr{n} = redis.Redis()\n"
        for n in range(9)
    },
    **{
        f"web/p{n}.ts": "const r = await fetch('https://api.github.com/repos');\n" for n in range(6)
    },
    "app/notes.md": "nothing to read\n",
    "requirements.txt": "stripe==9.0\nredis==5.0\n",
    # a library Composer installs beside the app: walked, then left out of the scan
    "composer.json": json.dumps(
        {"require": {"mailco/mailer": "6.9"}, "config": {"vendor-dir": "./"}}
    ),
    "mailco/mailer/src/Mailer.php": "<?php\n$c = new \\GuzzleHttp\\Client();\n"
    "$c->get('https://api.sendgrid.com/v3/mail');\n",
}


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch, isolated_cache: Path) -> list[str]:
    """Workers from the fourth file on, three files a batch; the order in which the pool
    starts and the walk ends."""
    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 4)
    monkeypatch.setattr(engine, "BATCH", 3)
    events: list[str] = []
    start_pool, walk = engine._start_pool, engine.walk_tree

    def starting(*args: Any) -> Any:
        events.append("pool started")
        return start_pool(*args)

    def walking(*args: Any, **kwargs: Any) -> Any:
        found = walk(*args, **kwargs)
        events.append("walk ended")
        return found

    monkeypatch.setattr(engine, "_start_pool", starting)
    monkeypatch.setattr(engine, "walk_tree", walking)
    return events


def _findings(raw: engine.RawScan) -> list[tuple[str, list[Any]]]:
    return list(raw.findings.items())


def test_the_workers_start_during_the_walk_and_find_what_a_finished_walk_gives(
    make_tree: TreeBuilder, small_batches: list[str]
) -> None:
    root = make_tree(APP)
    streamed = engine.scan_tree(root, use_cache=False, workers=2)
    assert small_batches == ["pool started", "walk ended"]
    finished = engine.scan_tree(root, use_cache=False, workers=2, walked=walk_tree(root))
    in_process = engine.scan_tree(root, use_cache=False, workers=1)
    assert _findings(streamed) == _findings(finished) == _findings(in_process)
    assert streamed.files_scanned == 17  # the installed library's file walked, not scanned
    assert not any(path.startswith("mailco/") for path in streamed.findings)
    assert any(f.provider == "stripe" for f in streamed.findings["app/jobs/m0.py"])


def test_a_tree_of_few_files_is_read_in_this_process(
    make_tree: TreeBuilder, small_batches: list[str]
) -> None:
    root = make_tree({"app/a.py": "import stripe\n", "requirements.txt": "stripe==9.0\n"})
    raw = engine.scan_tree(root, use_cache=False, workers=2)
    assert small_batches == ["walk ended"]
    assert any(f.provider == "stripe" for f in raw.findings["app/a.py"])


def test_a_walk_replayed_from_its_cache_is_read_after_it(
    make_tree: TreeBuilder, small_batches: list[str]
) -> None:
    # the walk cache kept, the scan cache gone (another catalog): the replayed walk tells
    # of no file while it runs, so the files are read once it is done
    root = make_tree(APP)
    first = engine.scan_tree(root, workers=2)
    engine.ScanCache(root, first.catalog_version).path.unlink()
    small_batches.clear()
    again = engine.scan_tree(root, workers=2)
    assert small_batches == ["walk ended", "pool started"]
    assert _findings(again) == _findings(first)


def test_a_first_question_is_walked_once_by_the_scan(
    make_tree: TreeBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(APP)
    early: list[Path] = []
    walk = answers.walk_tree

    def counted(*args: Any, **kwargs: Any) -> Any:
        early.append(args[0])
        return walk(*args, **kwargs)

    monkeypatch.setattr(answers, "walk_tree", counted)
    first = api.scan_answer(root, workers=2)
    assert early == []  # no kept answer to compare: the scan walks, streaming
    second = api.scan_answer(root, workers=2)
    assert early == [root]  # a kept answer: walked to compare, and replayed
    assert second["summary"]["cache_hits"] == second["summary"]["files_scanned"]
    assert second["integrations"] == first["integrations"]


def _freeze_count_in_worker(_: object) -> int:
    return gc.get_freeze_count()


def test_workers_inherit_a_frozen_heap_and_this_process_thaws_after(
    make_tree: TreeBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(APP)
    in_worker: list[int] = []
    start_pool = engine._start_pool

    def starting(*args: Any) -> Any:
        pool = start_pool(*args)
        in_worker.append(pool.submit(_freeze_count_in_worker, None).result())
        return pool

    monkeypatch.setattr(engine, "_start_pool", starting)
    assert gc.get_freeze_count() == 0
    engine.scan_tree(root, use_cache=False, workers=2)
    assert in_worker and in_worker[0] > 1000  # the index, patterns and modules: skipped
    assert gc.get_freeze_count() == 0  # a server's next collections see them again
