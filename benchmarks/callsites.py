"""Call-site analysis of every integration of a tree against its cold scan (issue 11).

    uv run python benchmarks/callsites.py [TREE] [--runs 2]

TREE defaults to the dev-set repository under /tmp/eval-trees with the most files. In one
run, each step a separate process with its own empty $XDG_CACHE_HOME unless noted:
- cold scan: `integration-risk scan TREE --format json --no-resilience`;
- cold analysis: with the scan cache that scan left (so only the analysis is cold),
  `resilience.analyze` over every integration the scan found (all evidence), timed inside
  the process around the analysis alone; parse cache empty;
- warm analysis: the same again with the parse cache it left.
Target: cold analysis < 2x cold scan (wall). Peak RSS of each process is printed (the
analysis process also holds the warm scan it starts from).
Numbers are compared with the previous run (benchmarks/results/, gitignored).
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
from pathlib import Path

from _common import compare_with_last, largest_tree

TARGET_RATIO = 2.0


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **env}
    )
    out = proc.stdout.read().decode() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"{cmd[:3]} failed: {err[-800:]}")
    return wall, usage.ru_maxrss / 1024, out


def child(tree: Path) -> int:
    """Run inside the measured process: scan (warm cache), then time the analysis alone."""
    from integration_risk import api
    from integration_risk.resilience import analyze_sites

    scan = api.scan(tree, min_confidence=0.0, evidence_per_integration=-1)
    start = time.perf_counter()
    results = analyze_sites(tree, scan)
    seconds = time.perf_counter() - start
    sites = sum(len(a.sites) for a in results.values())
    print(json.dumps({"seconds": seconds, "integrations": len(results), "sites": sites}))
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tree", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    tree = args.tree or largest_tree()
    if tree is None:
        print("no tree given and none under /tmp/eval-trees", file=sys.stderr)
        return 2
    tree = tree.resolve()
    if args.child:
        return child(tree)
    scanner = shutil.which("integration-risk") or str(
        Path(sys.executable).parent / "integration-risk"
    )
    scan_cmd = [scanner, "scan", str(tree), "--format", "json", "--no-resilience"]
    analyse_cmd = [sys.executable, __file__, str(tree), "--child"]
    scans, colds, warms = [], [], []
    with tempfile.TemporaryDirectory() as scratch:
        for n in range(args.runs):
            env = {"XDG_CACHE_HOME": str(Path(scratch) / f"run{n}")}
            scans.append(timed(scan_cmd, env)[:2])
            # Only the scan cache stays: the analysis starts with no parse cache.
            for stale in (Path(env["XDG_CACHE_HOME"]) / "integration-risk" / "scan").glob(
                "*.resilience.json"
            ):
                stale.unlink()
            _, rss, out = timed(analyse_cmd, env)
            colds.append((json.loads(out.strip().splitlines()[-1]), rss))
            _, rss, out = timed(analyse_cmd, env)
            warms.append((json.loads(out.strip().splitlines()[-1]), rss))
    scan_s = min(s for s, _ in scans)
    cold_s = min(c["seconds"] for c, _ in colds)
    warm_s = min(w["seconds"] for w, _ in warms)
    info = colds[0][0]
    results: dict[str, float | int] = {
        "integrations": info["integrations"],
        "call_sites": info["sites"],
        "scan_cold_s": round(scan_s, 3),
        "analysis_cold_s": round(cold_s, 3),
        "analysis_warm_s": round(warm_s, 3),
        "ratio_analysis_cold_vs_scan_cold": round(cold_s / scan_s, 3),
        "scan_peak_rss_mb": round(max(r for _, r in scans), 1),
        "analysis_peak_rss_mb": round(max(r for _, r in colds + warms), 1),
    }
    print(f"tree {tree}; best of {args.runs}")
    compare_with_last("callsites", results)
    ratio = results["ratio_analysis_cold_vs_scan_cold"]
    print(f"target: cold analysis {ratio}x cold scan (target < {TARGET_RATIO})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
