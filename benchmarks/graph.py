"""Integration graph construction on the largest dev-set repository: time and memory.

    uv run python benchmarks/graph.py [TREE] [--runs 2]

TREE defaults to the repository under /tmp/eval-trees with the most files. Each
run is a fresh process of `integration-risk graph TREE --format json`:
- cold: empty $XDG_CACHE_HOME (no catalog index, no scan cache, no graph cache);
- graph cold, scan warm: the scan cache kept, the graph's facts cache removed, which
  isolates what the graph itself costs;
- warm: every cache kept, the tree unchanged.
Wall seconds (best of N; the machine is shared, so CPU seconds are printed too) and
the peak RSS of the largest process. Target: cold under 30 s, warm well below.
Each number is compared with the previous run (benchmarks/results/, gitignored).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import compare_with_last, count_files, largest_tree

TARGET_COLD_S = 30.0


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    rss_mb: float
    output: str


def run_once(cmd: list[str], cache: Path) -> Run:
    """One process; CPU and peak RSS from its rusage (workers it waited for included)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=err, env={**os.environ, "XDG_CACHE_HOME": str(cache)}
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"graph failed: {err.read().decode(errors='replace')[-500:]}")
        text = out.read().decode()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tree", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args(argv)
    tree = args.tree or largest_tree()
    tool = shutil.which("integration-risk") or str(Path(sys.executable).parent / "integration-risk")
    if tree is None or not Path(tool).exists():
        print("no tree (pass one) or no integration-risk script (uv sync)", file=sys.stderr)
        return 2
    tree = tree.resolve()
    print(f"tree {tree}: {count_files(tree)} files; best of {args.runs}")
    cmd = [tool, "graph", str(tree), "--format", "json"]
    cold: list[Run] = []
    graph_cold: list[Run] = []
    warm: list[Run] = []
    with tempfile.TemporaryDirectory() as scratch:
        for n in range(args.runs):
            cache = Path(scratch) / f"c{n}"
            cache.mkdir()
            cold.append(run_once(cmd, cache))
            shutil.rmtree(cache / "integration-risk" / "graph", ignore_errors=True)
            graph_cold.append(run_once(cmd, cache))
            warm.append(run_once(cmd, cache))
    summary = json.loads(warm[-1].output)["summary"]
    results: dict[str, float | int] = {
        "modules": summary["modules"],
        "edges": summary["edges"],
        "entry_points": summary["entry_points"],
        "cold_s": round(min(r.wall for r in cold), 2),
        "cold_cpu_s": round(min(r.cpu for r in cold), 2),
        "graph_cold_scan_warm_s": round(min(r.wall for r in graph_cold), 2),
        "graph_cold_scan_warm_cpu_s": round(min(r.cpu for r in graph_cold), 2),
        "warm_s": round(min(r.wall for r in warm), 2),
        "warm_cpu_s": round(min(r.cpu for r in warm), 2),
        "peak_rss_mb": round(max(r.rss_mb for r in cold + graph_cold + warm), 1),
        "warm_cache_hits": summary["cache_hits"],
    }
    compare_with_last("graph", results)
    verdict = "met" if results["cold_s"] < TARGET_COLD_S else "NOT met"
    print(
        f"target cold < {TARGET_COLD_S} s: {verdict}; warm/cold = {results['warm_s'] / results['cold_s']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
