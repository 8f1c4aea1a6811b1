"""Server start-up against the SDK's own floor: process start to the `tools/list` answer.

Three launches, interleaved round by round so machine load hits them alike:
- `floor`: a one-tool `MCPServer` run by the same Python environment (what any
  server built on the SDK pays: the interpreter plus `import mcp.server.mcpserver`);
- `serve`: `integration-risk serve` from the environment's scripts;
- `plugin`: exactly the command and env of `.claude-plugin/plugin.json` (what Claude
  Code runs: `uv run ...`, its environment check included).

Prints each launch's median and fastest run, and the ratios serve/floor and plugin/floor
taken round by round (paired: a load spike hits both sides of a round alike), as median
and min over the rounds; the target is 1.15x for the plugin launch's median paired
ratio. Also prints the load average before and after, and stores the run in benchmarks/results/startup.json (gitignored) and prints the
ratio to the previous run.

    uv run python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import anyio
import mcp
from _common import load_average

CHECKOUT = Path(__file__).resolve().parent.parent
RESULTS = CHECKOUT / "benchmarks" / "results" / "startup.json"
TARGET_RATIO = 1.15
FLOOR_SERVER = '''
from mcp.server.mcpserver import MCPServer

server = MCPServer("floor")


@server.tool()
def ping() -> str:
    """Answer pong."""
    return "pong"


server.run("stdio")
'''

Launch = tuple[str, list[str], dict[str, str]]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def time_to_tools_list(launch: Launch, cwd: str) -> float:
    return (await timed_launch(launch, cwd))[0]


async def timed_launch(launch: Launch, cwd: str) -> tuple[float, float]:
    """Seconds from process start to the tools/list answer, and the CPU seconds of the
    launched process tree (it exits right after the answer), which load hardly moves."""
    command, args, extra_env = launch
    env = {**os.environ, "CLAUDE_PLUGIN_ROOT": str(CHECKOUT), "CLAUDE_PROJECT_DIR": cwd}
    params = mcp.StdioServerParameters(
        command=command, args=args, cwd=cwd, env={**env, **extra_env}
    )
    cpu_before = children_cpu()
    start = time.perf_counter()
    async with mcp.Client(params, mode="legacy", read_timeout_seconds=120) as client:
        tools = await client.list_tools()
        elapsed = time.perf_counter() - start
    assert tools.tools, "the server listed no tool"
    return elapsed, children_cpu() - cpu_before


def plugin_launch(checkout: Path = CHECKOUT) -> Launch:
    manifest = json.loads((checkout / ".claude-plugin" / "plugin.json").read_text())
    (entry,) = manifest["mcpServers"].values()
    args = [a.replace("${CLAUDE_PLUGIN_ROOT}", str(checkout)) for a in entry["args"]]
    return entry["command"], args, dict(entry.get("env", {}))


def fresh_copy(into: Path) -> Path:
    """The tracked files of this checkout, as a plugin install would have them (no .venv)."""
    import subprocess

    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=CHECKOUT, capture_output=True, check=True
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source, target = CHECKOUT / rel, into / rel
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    return into


def first_start(project: str) -> None:
    """A new install's first launch (uv creates the environment from its cache) and its
    second launch, with plugin.json's env and without UV_COMPILE_BYTECODE."""
    command, args, env = plugin_launch()
    for label, extra in (("with plugin env", env), ("without UV_COMPILE_BYTECODE", {})):
        with tempfile.TemporaryDirectory() as parent:
            copy = fresh_copy(Path(parent) / "plugin")
            launch = (command, [a.replace(str(CHECKOUT), str(copy)) for a in args], extra)
            first = anyio.run(time_to_tools_list, launch, project)
            second = anyio.run(time_to_tools_list, launch, project)
            print(f"first start {label:<30} {first:7.2f} s, second {second:6.2f} s")


def table(samples: dict[str, list[float]], previous: dict[str, dict[str, float]]) -> float:
    """Print each launch's median, min and its ratio to the floor's run of the same round
    (median and min over the rounds); return the plugin launch's median paired ratio."""
    paired = {
        name: [value / floor for value, floor in zip(values, samples["floor"], strict=True)]
        for name, values in samples.items()
    }
    print(
        f"  {'launch':<8} {'median':>7} {'min':>6} {'paired ratio median':>20} {'min':>6} "
        f"{'vs previous':>12}  samples"
    )
    for name, values in samples.items():
        median = statistics.median(values)
        before = previous.get(name, {}).get("median")
        ratio = f"{median / before:.2f}x" if before else ""
        print(
            f"  {name:<8} {median:>7.3f} {min(values):>6.3f} "
            f"{statistics.median(paired[name]):>19.2f}x {min(paired[name]):>5.2f}x "
            f"{ratio:>12}  {' '.join(f'{s:.2f}' for s in values)}"
        )
    return statistics.median(paired["plugin"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--first-start", action="store_true", help="Also time a fresh install's first launch."
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="Another checkout (e.g. `git archive` of an older commit, synced): its plugin "
        "launch joins the rounds as `baseline`, for a before/after in one run.",
    )
    options = parser.parse_args()
    load_before = load_average()
    with tempfile.TemporaryDirectory() as project:
        floor_script = Path(project) / "floor_server.py"
        floor_script.write_text(FLOOR_SERVER)
        launches: dict[str, Launch] = {
            "floor": (sys.executable, [str(floor_script)], {}),
            "serve": (str(Path(sys.executable).parent / "integration-risk"), ["serve"], {}),
            "plugin": plugin_launch(),
        }
        if options.baseline:
            launches["baseline"] = plugin_launch(options.baseline.resolve())
        measure: Callable[[Launch], tuple[float, float]] = lambda launch: anyio.run(  # noqa: E731
            timed_launch, launch, project
        )
        for launch in launches.values():  # unmeasured: warm file cache and bytecode
            measure(launch)
        samples: dict[str, list[float]] = {name: [] for name in launches}
        cpu: dict[str, list[float]] = {name: [] for name in launches}
        for _ in range(options.runs):
            for name, launch in launches.items():
                wall, used = measure(launch)
                samples[name].append(wall)
                cpu[name].append(used)
    print(f"load average before {load_before}, after {load_average()}; {options.runs} rounds")
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    print("process start to tools/list answer, wall seconds:")
    wall_ratio = table(samples, previous)
    print("CPU seconds of the launched process tree (start to exit after the answer):")
    cpu_ratio = table(cpu, {})
    verdict = "meets" if wall_ratio <= TARGET_RATIO else "misses"
    print(
        f"plugin launch {verdict} the {TARGET_RATIO}x target: {wall_ratio:.2f}x the SDK floor "
        f"(median of the paired round ratios of wall time; CPU {cpu_ratio:.2f}x)."
    )
    if options.first_start:
        with tempfile.TemporaryDirectory() as project:
            first_start(project)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    stored = {
        name: {"median": statistics.median(values), "samples": values, "cpu": cpu[name]}
        for name, values in samples.items()
    }
    RESULTS.write_text(json.dumps(stored, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
