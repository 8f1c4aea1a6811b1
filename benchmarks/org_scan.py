"""scan-org on a set of checkouts: sequential vs Dask with 1 and 2 workers.

usage: uv run python benchmarks/org_scan.py TREE [TREE ...]
       (e.g. the ten dev-set trees: /tmp/eval-trees/*)

Prints, in one run: per-repository scan time and size (files scanned, bytes on disk);
wall time of a sequential run, of a 1-worker and of a 2-worker local Dask cluster (each
with an empty scan cache, cluster start-up measured apart); the 2-vs-1 worker throughput
ratio; and the scheduler's overhead per task (200 no-op tasks on the 2-worker cluster).
Each number is compared with the previous run (benchmarks/results/, not committed).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from _common import compare_with_last

from integration_risk.org import scan_org


def tree_bytes(tree: Path) -> int:
    total = 0
    for path in tree.rglob("*"):
        try:
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
        except OSError:
            pass
    return total


def noop(x: int) -> int:
    return x


def scheduler_overhead(workers: int, tasks: int = 200) -> tuple[float, float]:
    """Cluster start-up seconds and seconds per no-op task, submitted at once."""
    import logging

    from dask.distributed import Client, LocalCluster

    began = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
    )
    client = Client(cluster)
    client.submit(noop, 0).result()
    started = time.perf_counter() - began
    began = time.perf_counter()
    client.gather(client.map(noop, range(tasks), pure=False))
    per_task = (time.perf_counter() - began) / tasks
    client.close()
    cluster.close()
    return started, per_task


def timed_run(trees: list[str], **options: object) -> tuple[float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "cache")  # cold: no scan cache
        began = time.perf_counter()
        run = scan_org(trees, Path(scratch) / "out", **options)  # type: ignore[arg-type]
        seconds = time.perf_counter() - began
    per_repo = {Path(r.path).name: r.seconds for r in run.inventory.repos.values()}
    return seconds, per_repo


def main(argv: list[str]) -> int:
    trees = [t for t in argv if Path(t).is_dir()]
    if not trees:
        print(__doc__, file=sys.stderr)
        return 2
    results: dict[str, float] = {}
    # Ratios mean little on a busy machine: print how busy it was.
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    start_1, _ = scheduler_overhead(1, tasks=1)
    start_2, per_task = scheduler_overhead(2)
    results["cluster_start_1_worker_s"] = start_1
    results["cluster_start_2_workers_s"] = start_2
    results["scheduler_overhead_per_task_ms"] = per_task * 1000
    sequential, per_repo = timed_run(trees, sequential=True)
    one, _ = timed_run(trees, workers=1)
    two, _ = timed_run(trees, workers=2)
    print(f"{'repository':<32} {'scan s':>8} {'files':>8} {'MB':>8}")
    for tree in trees:
        name = Path(tree).name
        files = sum(1 for p in Path(tree).rglob("*") if p.is_file())
        print(f"{name:<32} {per_repo[name]:>8.2f} {files:>8} {tree_bytes(Path(tree)) / 1e6:>8.1f}")
    results["sequential_s"] = sequential
    results["dask_1_worker_s"] = one
    results["dask_2_workers_s"] = two
    results["throughput_2_vs_1_workers"] = one / two
    results["dask_1_worker_vs_sequential"] = one / sequential
    results["load_average_after"] = os.getloadavg()[0]
    compare_with_last("org_scan", results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
