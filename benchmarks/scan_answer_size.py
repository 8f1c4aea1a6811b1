"""Size of the default MCP `scan_integrations` answer on each dev-set tree.

usage: uv run python benchmarks/scan_answer_size.py [LABELS_DIR] [TREES_DIR]

For every labels file (`owner__name.yaml`) whose tree is checked out under
TREES_DIR/owner__name, calls the real MCP tool in process with its default
arguments, prints the compact JSON size of `structuredContent` (what Claude
Code gives the model), how many integrations it details and names in all (`more` lists
the rest by id), and whether it names every core label (else which it does not). A core
label counts as named when the answer lists its id or an alias, or (for a
system the scanner names itself) a `where` entry within 3 lines of one of the
label's evidence lines, as the dev-set scorer does. Budget: 8 KB per answer.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import anyio
import mcp
import yaml

from mcp_server.server import server

BUDGET = 8_000
DEFAULT_LABELS = Path("../shared/eval/labels")
DEFAULT_TREES = Path("/tmp/eval-trees")


def _norm(name: str) -> str:
    return re.sub(r"[-_ ./:]", "", str(name).lower())


def _spot(text: str) -> tuple[str, int]:
    match = re.match(r"\s*([^:\s]+):(\d+)", text)
    return (match.group(1), int(match.group(2))) if match else (text, 0)


def unnamed_core(labels: dict[str, Any], answer: dict[str, Any]) -> list[str]:
    items = answer.get("integrations") or []
    # `more` names the integrations after the detailed ones: "id" or "id path:line" (the
    # latter for systems the scanner named itself).
    trailing = [str(m).split(" ", 1) for m in answer.get("more") or []]
    named = (
        {_norm(i["id"]) for i in items}
        | {_norm(a) for i in items for a in i.get("aliases") or []}
        | {_norm(t[0]) for t in trailing}
    )
    missing = []
    for label in labels["integrations"]:
        if not label.get("core", True):
            continue
        keys = {_norm(label["id"]), *(_norm(a) for a in label.get("aliases") or [])}
        if keys & named:
            continue
        spots = [_spot(str(e)) for e in label.get("evidence") or []]
        cited = [
            _spot(w) for i in items if i.get("in_catalog") is False for w in i.get("where") or []
        ] + [_spot(t[1]) for t in trailing if len(t) == 2]
        if any(p == q and abs(a - b) <= 3 for p, a in spots for q, b in cited):
            continue
        missing.append(label["id"])
    return missing


async def default_answer(tree: Path) -> dict[str, Any]:
    os.environ["CLAUDE_PROJECT_DIR"] = str(tree)
    async with mcp.Client(server) as client:
        result = await client.call_tool("scan_integrations", {})
    if result.is_error:
        raise SystemExit(f"scan_integrations failed on {tree}: {result.content}")
    data: dict[str, Any] = result.structured_content
    return data


def main(argv: list[str]) -> int:
    labels_dir = Path(argv[0]) if argv else DEFAULT_LABELS
    trees = Path(argv[1]) if len(argv) > 1 else DEFAULT_TREES
    print(
        f"{'repo':<34} {'bytes':>7} {'items':>5} {'named':>5} {'next':>5}  all core named / not named"
    )
    worst = 0
    for path in sorted(labels_dir.glob("*.yaml")):
        tree = trees / path.stem
        if not tree.is_dir():
            print(f"{path.stem:<34} not checked out under {trees}")
            continue
        labels = yaml.safe_load(path.read_text())
        answer = anyio.run(default_answer, tree)
        size = len(json.dumps(answer, separators=(",", ":")))
        worst = max(worst, size)
        more = "yes" if answer.get("next_cursor") else "no"
        items = len(answer.get("integrations") or [])
        named = items + len(answer.get("more") or [])
        missing = unnamed_core(labels, answer)
        verdict = "yes" if not missing else f"no {missing}"
        print(f"{path.stem:<34} {size:>7} {items:>5} {named:>5} {more:>5}  {verdict}")
    print(f"largest answer {worst} bytes (budget {BUDGET})")
    return 0 if worst < BUDGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
