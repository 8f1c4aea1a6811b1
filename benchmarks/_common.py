"""Shared by the benchmark scripts: timing subprocesses and comparing with the last run."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
EVAL_TREES = Path("/tmp/eval-trees")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: a shared machine's wall times depend on them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def count_files(tree: Path) -> int:
    """Files under `tree`, .git left out."""
    return sum(len(files) for top, _dirs, files in os.walk(tree) if "/.git" not in top + "/")


def largest_tree() -> Path | None:
    """The dev-set checkout with the most files, or None when none is checked out."""
    trees = [p for p in sorted(EVAL_TREES.iterdir()) if p.is_dir()] if EVAL_TREES.is_dir() else []
    return max(trees, key=count_files) if trees else None


def run_timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one child process run to completion."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env={**os.environ, **(env or {})},
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024


def compare_with_last(name: str, current: dict[str, Any]) -> None:
    """Print each number with its ratio to the previous run, then store this run."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    previous: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    for key, value in current.items():
        if (
            isinstance(value, (int, float))
            and isinstance(previous.get(key), (int, float))
            and previous[key]
        ):
            print(f"  {key:<34} {value:>10.3f}   vs last run x{value / previous[key]:.2f}")
        else:
            print(f"  {key:<34} {value!s:>10}")
    path.write_text(json.dumps(current, indent=2))
