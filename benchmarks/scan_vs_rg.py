"""Scan speed against one ripgrep pass over the same tree (issue 14's yardstick).

    uv run python benchmarks/scan_vs_rg.py [TREE] [--runs 3] [--patterns FILE]

Baseline: exactly `rg --json -i --no-unicode -f ../shared/eval/rg_patterns.txt TREE`,
best of N after one untimed run (warm page cache). TREE defaults to the dev-set
repository under /tmp/eval-trees with the most files. In the same run:
- cold scan: `integration-risk scan TREE --format json --no-resilience` (detection
  only: the resilience facts are a separate analysis) with an empty $XDG_CACHE_HOME
  (no catalog index, no walk or scan cache), best of N, a fresh cache each;
- warm re-scan: the same command on the unchanged tree with the cache it left, best of N
  (the answer cache replays the last answer: a stat walk plus one cache read);
- warm, new question: the same with `--evidence K`, K new each run, so the answer is
  built again from the per-file cache (what a re-scan costs after any edit or with other
  options), best of N;
- peak RSS of the scan's largest process (rusage of the child and its workers).
Python runs with bytecode caching on, as an installed package does (one untimed scan
first compiles it; PYTHONDONTWRITEBYTECODE would add the compile time to every run).
Wall-clock ratios are the targets (cold <= 1.5x rg, warm <= 1.0x rg, RSS < 500 MB);
CPU-second ratios are printed too because wall time on a shared machine is noisy.
Each number is compared with the previous run, stored in benchmarks/results/
(gitignored). ripgrep is not a dependency: without `rg` on PATH the script says so
and exits 2 (Debian/Ubuntu: apt-get install ripgrep).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import compare_with_last, count_files, largest_tree, load_average

CHECKOUT = Path(__file__).resolve().parent.parent
DEFAULT_PATTERNS = CHECKOUT.parent / "shared" / "eval" / "rg_patterns.txt"
TARGETS = {"cold": 1.5, "warm": 1.0, "rss_mb": 500}


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + system seconds of the process and the children it waited for
    rss_mb: float  # peak resident set of the largest of those processes


def run_once(cmd: list[str], env: dict[str, str] | None = None) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):  # rg exits 1 when nothing matched
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {err[-500:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def best(runs: list[Run]) -> Run:
    return Run(min(r.wall for r in runs), min(r.cpu for r in runs), max(r.rss_mb for r in runs))


def shipped_database() -> str:
    """Whether the cold scan will load the Hyperscan database the package build shipped
    (`integration_risk.scan.native_db`) or compile one: an edit since the last `uv sync`
    leaves it stale, and the cold number then includes the compile."""
    from integration_risk.catalog.index import catalog_index
    from integration_risk.scan import native, native_db

    if native.hyperscan is None:
        return "no hyperscan wheel"
    found = native_db.load(native.hyperscan, list(native.plan(catalog_index())))
    return "loaded" if found is not None else "missing or stale, compiled (uv sync rebuilds it)"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tree", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--patterns", type=Path, default=DEFAULT_PATTERNS)
    parser.add_argument(
        "--scan-args", default="--no-resilience", help="extra scan options ('' for none)"
    )
    args = parser.parse_args(argv)
    tree = args.tree or largest_tree()
    rg = shutil.which("rg")
    scanner = shutil.which("integration-risk") or str(
        Path(sys.executable).parent / "integration-risk"
    )
    problems = [
        "no tree given and none under /tmp/eval-trees" if tree is None else "",
        "ripgrep (rg) is not on PATH: apt-get install ripgrep" if rg is None else "",
        f"{args.patterns} is missing (pass --patterns)" if not args.patterns.is_file() else "",
        "the integration-risk script is missing (uv sync)" if not Path(scanner).exists() else "",
    ]
    if any(problems):
        print("\n".join(p for p in problems if p), file=sys.stderr)
        return 2
    assert tree is not None and rg is not None
    tree = tree.resolve()
    files = count_files(tree)
    print(f"tree {tree}: {files} files; best of {args.runs}; load average {load_average()}")
    print(f"shipped hyperscan database: {shipped_database()}")
    rg_cmd = [rg, "--json", "-i", "--no-unicode", "-f", str(args.patterns), str(tree)]
    scan_cmd = [scanner, "scan", str(tree), "--format", "json", *args.scan_args.split()]
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    run_once(rg_cmd)  # warm the page cache
    rg_runs = [run_once(rg_cmd) for _ in range(args.runs)]
    cold_runs = []
    with tempfile.TemporaryDirectory() as scratch:
        run_once(scan_cmd, {"XDG_CACHE_HOME": scratch})  # compile bytecode, warm the cache
        for n in range(args.runs):
            cache = Path(scratch) / f"cold{n}"
            cache.mkdir()
            cold_runs.append(run_once(scan_cmd, {"XDG_CACHE_HOME": str(cache)}))
        warm_env = {"XDG_CACHE_HOME": str(Path(scratch) / f"cold{args.runs - 1}")}
        warm_runs = [run_once(scan_cmd, warm_env) for _ in range(args.runs)]
        rebuilt_runs = [
            run_once([*scan_cmd, "--evidence", str(100 + n)], warm_env) for n in range(args.runs)
        ]
    rg_best, cold, warm, rebuilt = (
        best(rg_runs),
        best(cold_runs),
        best(warm_runs),
        best(rebuilt_runs),
    )
    results: dict[str, float | int] = {
        "files": files,
        "rg_s": round(rg_best.wall, 3),
        "rg_cpu_s": round(rg_best.cpu, 3),
        "scan_cold_s": round(cold.wall, 3),
        "scan_warm_s": round(warm.wall, 3),
        "scan_warm_new_question_s": round(rebuilt.wall, 3),
        "scan_cold_cpu_s": round(cold.cpu, 3),
        "scan_warm_cpu_s": round(warm.cpu, 3),
        "scan_warm_new_question_cpu_s": round(rebuilt.cpu, 3),
        "ratio_cold_vs_rg": round(cold.wall / rg_best.wall, 3),
        "ratio_warm_vs_rg": round(warm.wall / rg_best.wall, 3),
        "ratio_warm_new_question_vs_rg": round(rebuilt.wall / rg_best.wall, 3),
        "ratio_cold_cpu_vs_rg_cpu": round(cold.cpu / rg_best.cpu, 3),
        "ratio_warm_cpu_vs_rg_cpu": round(warm.cpu / rg_best.cpu, 3),
        "scan_peak_rss_mb": round(max(cold.rss_mb, warm.rss_mb, rebuilt.rss_mb), 1),
    }
    compare_with_last("scan_vs_rg", results)
    verdicts = [
        f"cold {results['ratio_cold_vs_rg']}x (target <= {TARGETS['cold']})",
        f"warm {results['ratio_warm_vs_rg']}x (target <= {TARGETS['warm']})",
        f"RSS {results['scan_peak_rss_mb']} MB (target < {TARGETS['rss_mb']})",
    ]
    print("targets: " + "; ".join(verdicts))
    print(
        f"load average after: {load_average()} (on {os.cpu_count()} CPUs; wall ratios drift with it)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
