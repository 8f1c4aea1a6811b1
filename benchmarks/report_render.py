"""Report rendering speed, and the baseline report of a large repository.

    uv run python benchmarks/report_render.py [TREE] [--render-only]

1. Renders the fixed shop report (over 30 KB of Markdown) and a four-times larger one:
   first render (templates compiled) and the median of 5 warm renders.
2. With TREE (default: the largest dev-set tree in /tmp/eval-trees): drafts the
   baseline report (cold scan cache, then warm), renders it, runs the self-check and
   the evidence cross-check, and prints time and size. Nothing is written into TREE.
Ratios against the previous run are kept in benchmarks/results/report_render.json.
"""

from __future__ import annotations

import copy
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks._common import compare_with_last, largest_tree  # noqa: E402

FIXTURE = ROOT / "tests" / "report" / "data" / "shop_report.json"


def scaled(document: dict[str, Any], times: int) -> dict[str, Any]:
    bigger = copy.deepcopy(document)
    extra = []
    for n in range(2, times + 1):
        for integration in document["integrations"]:
            twin = copy.deepcopy(integration)
            twin["name"] = f"{integration['name']} {n}"
            twin["id"] = None
            extra.append(twin)
    bigger["integrations"] += extra
    return bigger


def time_render(document: dict[str, Any]) -> tuple[float, float, float, int]:
    """Wall time of the first render (templates compiled), its CPU time (steadier on a
    shared machine), and the median wall time of 5 warm renders."""
    from integration_risk.models.report import RiskReport
    from integration_risk.report.render import environment, render_risk_report

    report = RiskReport.model_validate(document)
    environment.cache_clear()
    start, cpu = time.perf_counter(), time.process_time()
    text = render_risk_report(report)
    first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
    warm = []
    for _ in range(5):
        start = time.perf_counter()
        render_risk_report(report)
        warm.append(time.perf_counter() - start)
    return first, first_cpu, statistics.median(warm), len(text.encode())


def baseline(tree: Path, results: dict[str, Any]) -> None:
    from integration_risk import api
    from integration_risk.report import crosscheck
    from integration_risk.report.render import render_risk_report
    from integration_risk.report.selfcheck import risk_report_checks, score

    with tempfile.TemporaryDirectory() as cache:
        os.environ["XDG_CACHE_HOME"] = cache  # a cold scan cache for the first draft
        start = time.perf_counter()
        draft = api.draft_risk_report(tree)
        results["baseline_cold_s"] = round(time.perf_counter() - start, 3)
        start = time.perf_counter()
        draft = api.draft_risk_report(tree)
        results["baseline_warm_s"] = round(time.perf_counter() - start, 3)
        report = draft.report
        start = time.perf_counter()
        markdown = render_risk_report(report)
        results["baseline_render_s"] = round(time.perf_counter() - start, 3)
        start = time.perf_counter()
        scanned = api.scan(tree, evidence_per_integration=20).integrations
        warnings = [
            *crosscheck.check_report_locations(tree.resolve(), report, scanned),
            *crosscheck.check_missing_integrations(report, scanned),
            *crosscheck.check_scores(report),
        ]
        results["baseline_crosscheck_s"] = round(time.perf_counter() - start, 3)
    checks = risk_report_checks(report, len(markdown.encode()), scanned=len(scanned))
    results["baseline_tree"] = tree.name
    results["baseline_integrations"] = len(report.integrations)
    results["baseline_markdown_kb"] = round(len(markdown.encode()) / 1024, 1)
    results["baseline_json_kb"] = round(len(json.dumps(report.model_dump(mode="json"))) / 1024, 1)
    results["baseline_mcp_draft_kb"] = round(
        len(json.dumps(api.draft_risk_report(tree, max_integrations=20).model_dump(mode="json")))
        / 1024,
        1,
    )
    results["baseline_self_check"] = score(checks)
    results["baseline_warnings"] = len(warnings)


def main() -> None:
    results: dict[str, Any] = {}
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for label, doc in (("shop", document), ("shop_x4", scaled(document, 4))):
        first, first_cpu, warm, size = time_render(doc)
        results[f"{label}_markdown_kb"] = round(size / 1024, 1)
        results[f"{label}_first_render_s"] = round(first, 4)
        results[f"{label}_first_render_cpu_s"] = round(first_cpu, 4)
        results[f"{label}_warm_render_s"] = round(warm, 4)
    args = [a for a in sys.argv[1:] if a != "--render-only"]
    tree = Path(args[0]) if args else largest_tree()
    if tree is not None and "--render-only" not in sys.argv:
        baseline(tree, results)
    print("report_render:")
    compare_with_last("report_render", results)


if __name__ == "__main__":
    main()
