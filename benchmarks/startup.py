"""Process start to first `tools/list` answer for `integration-risk serve`.

Median of 5 real subprocess launches, each doing initialize + tools/list over
stdio with the mcp client. Also times the launch command of plugin.json
(`uv run ...`, what Claude Code runs) and the floor set by `import mcp` alone,
so a regression in our own imports stands out. Prints the ratio to the previous
run stored in benchmarks/results/startup.json (gitignored).

    uv run python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import anyio
import mcp

CHECKOUT = Path(__file__).resolve().parent.parent
RESULTS = CHECKOUT / "benchmarks" / "results" / "startup.json"
TARGET_S = 0.5


async def time_to_tools_list(command: str, args: list[str], cwd: str) -> float:
    params = mcp.StdioServerParameters(
        command=command,
        args=args,
        cwd=cwd,
        env={**os.environ, "CLAUDE_PLUGIN_ROOT": str(CHECKOUT), "CLAUDE_PROJECT_DIR": cwd},
    )
    start = time.perf_counter()
    async with mcp.Client(params, mode="legacy", read_timeout_seconds=120) as client:
        tools = await client.list_tools()
        elapsed = time.perf_counter() - start
    assert tools.tools, "the server listed no tool"
    return elapsed


def time_import_mcp() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import mcp.server.mcpserver"], check=True)
    return time.perf_counter() - start


def plugin_command() -> tuple[str, list[str]]:
    manifest = json.loads((CHECKOUT / ".claude-plugin" / "plugin.json").read_text())
    (entry,) = manifest["mcpServers"].values()
    args = [a.replace("${CLAUDE_PLUGIN_ROOT}", str(CHECKOUT)) for a in entry["args"]]
    return entry["command"], args


def median_of(runs: int, measure: object) -> tuple[float, list[float]]:
    samples = [measure() for _ in range(runs)]  # type: ignore[operator]
    return statistics.median(samples), samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    serve = str(Path(sys.executable).parent / "integration-risk")
    command, args = plugin_command()
    with tempfile.TemporaryDirectory() as project:
        # One unmeasured launch so the OS file cache is warm, as it is for a user.
        anyio.run(time_to_tools_list, serve, ["serve"], project)
        results = {
            "serve": median_of(
                options.runs, lambda: anyio.run(time_to_tools_list, serve, ["serve"], project)
            ),
            "plugin_command": median_of(
                options.runs, lambda: anyio.run(time_to_tools_list, command, args, project)
            ),
            "import_mcp_floor": median_of(options.runs, time_import_mcp),
        }
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    print(f"{'measure':<18} {'median s':>9} {'vs previous':>12}  samples")
    for name, (median, samples) in results.items():
        before = previous.get(name, {}).get("median")
        ratio = f"{median / before:.2f}x" if before else "(first run)"
        shown = " ".join(f"{s:.3f}" for s in samples)
        print(f"{name:<18} {median:>9.3f} {ratio:>12}  {shown}")
    verdict = "meets" if results["serve"][0] < TARGET_S else "misses"
    print(f"serve {verdict} the {TARGET_S} s target (median of {options.runs}).")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {name: {"median": m, "samples": s} for name, (m, s) in results.items()}, indent=2
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
