"""Bytes of tool output the mapper reads, against the seed's grep/cat recipe.

The mapper's workflow run scripted through the headless runner's tool executor (the
same compact JSON the model sees through MCP): read_glossary, every page of
scan_integrations and read_env_files, draft_risk_report, the first page of
inspect_call_sites for each integration the draft rates 5 or more, the first page of
integration_graph, and a 30-line Read around each of those integrations' worst call
site. Against it, the shell commands of the seed's "How to find integrations" recipe
run in the same tree (env files, axios/fetch/SDK imports, package.json), which only
find candidates: reading the code around them comes on top.

    uv run python benchmarks/tool_bytes.py TREE [TREE...]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from integration_risk.agent.tools import call_tool

RECIPE = [
    'cat .env .env.local .env.production 2>/dev/null | grep -E "API_KEY|API_SECRET|_URL|_ENDPOINT"',
    'grep -r "STRIPE_" .env*',
    'grep -r "DATABASE_URL" .env*',
    'grep -r "REDIS_URL" .env*',
    'grep -r "axios\\." --include="*.ts" --include="*.js" .',
    'grep -r "fetch(" --include="*.ts" .',
    'grep -r "import.*stripe" --include="*.ts" .',
    'grep -r "import.*aws-sdk" --include="*.ts" .',
    'grep -r "import.*firebase" --include="*.ts" .',
    'cat package.json | grep -E "stripe|paypal|twilio|sendgrid|aws-sdk|firebase|mongodb|redis|prisma"',
]


def recipe_bytes(tree: Path) -> tuple[int, int]:
    """Bytes the recipe's commands print, and bytes of the files their matches are in
    (what `cat`-ing those files to judge the failure handling would add)."""
    total = 0
    files: set[str] = set()
    for command in RECIPE:
        done = subprocess.run(["bash", "-c", command], cwd=tree, capture_output=True, check=False)
        total += len(done.stdout)
        if command.startswith("grep -r"):
            for line in done.stdout.decode(errors="replace").splitlines():
                files.add(line.split(":", 1)[0])
    matched = sum((tree / name).stat().st_size for name in files if (tree / name).is_file())
    return total, matched


def tool_bytes(tree: Path) -> tuple[int, dict[str, int]]:
    spent: dict[str, int] = {}

    def call(name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        outcome = call_tool(tree, name, arguments)
        spent[name] = spent.get(name, 0) + len(outcome.text.encode())
        return outcome.data or {}

    call("read_glossary", {})
    for name in ("scan_integrations", "read_env_files"):
        cursor: str | None = None
        while True:
            page = call(name, {"cursor": cursor} if cursor else {})
            cursor = page.get("next_cursor")
            if not cursor:
                break
    draft = call("draft_risk_report", {})
    report = draft.get("report", {})
    worth = [
        i
        for i in report.get("integrations", [])
        if (i.get("criticality") or {}).get("score", 0) >= 5
    ]
    for integration in worth:
        if not integration.get("id"):
            continue
        sites = call("inspect_call_sites", {"integration_id": integration["id"]})
        worst = (sites.get("resilience") or {}).get("worst_site") or ""
        path, _, line = worst.rpartition(":")
        if path and line.isdigit():
            start = max(1, int(line) - 15)
            call("Read", {"file_path": path, "offset": start, "limit": 30})
    call("integration_graph", {})
    return sum(spent.values()), spent


def main(trees: list[str]) -> int:
    for raw in trees:
        tree = Path(raw).resolve()
        tools, spent = tool_bytes(tree)
        recipe, matched = recipe_bytes(tree)
        detail = ", ".join(f"{name} {size}" for name, size in sorted(spent.items()))
        print(
            f"{tree.name}: tools {tools} B ({detail}); seed recipe output {recipe} B, "
            f"files its matches are in {matched} B; tools / (recipe + files) "
            f"{tools / max(recipe + matched, 1):.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
