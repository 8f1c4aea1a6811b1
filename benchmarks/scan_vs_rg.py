"""Scan speed against ripgrep searching the same tree for every catalog token.

usage: uv run python benchmarks/scan_vs_rg.py TREE [--skip-tokens-rg]

Prints, in one run: cold scan (empty cache) vs `rg -i --no-unicode -f <all catalog
tokens>`; warm re-scan (unchanged tree) vs the same rg pass and vs one plain rg
pass (`rg -c --no-unicode -i api`); peak RSS of the scan; and each number's ratio
to the previous run (stored in benchmarks/results/, not committed).
Targets: cold/rg-tokens <= 1.5, warm/rg <= 1.0, RSS < 500 MB.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from _common import compare_with_last, run_timed

from integration_risk.catalog import load_catalog


def catalog_tokens() -> list[str]:
    tokens: set[str] = set()
    for provider in load_catalog().providers.values():
        for _, names in provider.packages:
            tokens.update(names)
        for _, modules in provider.imports:
            tokens.update(modules)
        tokens.update(provider.classes, provider.env.names, provider.env.prefixes, provider.hosts)
        tokens.update(provider.images, provider.terraform)
        tokens.update(f"{scheme}://" for scheme in provider.schemes)
    return sorted(re.escape(t) for t in tokens if t)


def main(argv: list[str]) -> int:
    if not argv or not Path(argv[0]).is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    tree = str(Path(argv[0]).resolve())
    rg = shutil.which("rg")
    scanner = shutil.which("integration-risk")
    if rg is None or scanner is None:
        print(
            "needs rg (apt install ripgrep) and the integration-risk script (uv sync)",
            file=sys.stderr,
        )
        return 2
    files = sum(1 for _ in Path(tree).rglob("*") if _.is_file())
    print(f"tree {tree}: {files} files")
    with (
        tempfile.TemporaryDirectory() as cache,
        tempfile.NamedTemporaryFile("w", suffix=".txt") as pats,
    ):
        tokens = catalog_tokens()
        pats.write("\n".join(tokens))
        pats.flush()
        env = {"XDG_CACHE_HOME": cache}
        scan = [scanner, "scan", tree, "--format", "json"]
        plain_rg, _ = run_timed([rg, "-c", "--no-unicode", "-i", "api", tree])
        cold, rss_cold = run_timed(scan, env)
        warm, rss_warm = run_timed(scan, env)
        results: dict[str, float | int] = {
            "files": files,
            "catalog_tokens": len(tokens),
            "scan_cold_s": round(cold, 3),
            "scan_warm_s": round(warm, 3),
            "rg_plain_s": round(plain_rg, 3),
            "scan_peak_rss_mb": max(rss_cold, rss_warm),
        }
        if "--skip-tokens-rg" not in argv:
            rg_tokens, _ = run_timed([rg, "-c", "-i", "--no-unicode", "-f", pats.name, tree])
            results["rg_tokens_s"] = round(rg_tokens, 3)
            results["ratio_cold_vs_rg_tokens"] = round(cold / rg_tokens, 3)
            results["ratio_warm_vs_rg_tokens"] = round(warm / rg_tokens, 3)
        results["ratio_warm_vs_rg_plain"] = round(warm / plain_rg, 3)
    compare_with_last("scan_vs_rg", results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
