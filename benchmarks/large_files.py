"""Scan time on single large files of the kinds real repositories hold (a guard against
work that grows with the square of a file's findings, calls or functions).

    uv run python benchmarks/large_files.py [--runs 3] [--kb 900]

Each case is one synthetic file of about `--kb` KB (under the scanner's 1 MB limit) in a
tree of its own: a generated TypeScript API client (2,500 methods), a Python SDK module, a
PHP config of long selector lines, a Ruby file of env reads, dense JavaScript calls, a YAML
file of service URLs, an asset list inlined as one line of thousands of URLs (5,000 of them
did not finish in 10 minutes before its line was read once) and a query builder chained over
30,000 lines (its call-site facts took 382 s while each number's parent was looked up). Each
is scanned as the agents and `run-dev-set` do (`scan --format json`, call-site resilience
on, `--no-cache`), best of N, next to one `rg --json -i --no-unicode -f rg_patterns.txt`
pass over the same tree. Before the per-file lookup tables the TypeScript client took 47 s
and the PHP config 57 s.
Numbers are compared with the previous run (benchmarks/results/, gitignored).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import compare_with_last, load_average, run_timed

CHECKOUT = Path(__file__).resolve().parent.parent
PATTERNS = CHECKOUT.parent / "shared" / "eval" / "rg_patterns.txt"


def _typescript_client(n: int) -> str:
    head = [
        'import axios, { AxiosInstance } from "axios";',
        'const BASE = process.env.API_URL || "https://api.acme-payments.com/v2";',
        "export class ApiClient {",
        "  private http: AxiosInstance = axios.create({ baseURL: BASE, timeout: 5000 });",
    ]
    body = []
    for i in range(n):
        body += [
            f"  /** Operation {i} */",
            f"  async operation{i}(id: string, body: Record<string, unknown>): Promise<unknown> {{",
            f"    const url = `${{BASE}}/resource{i}/${{encodeURIComponent(id)}}`;",
            f'    const res = await this.http.post(url, body, {{ headers: {{ "X-Op": "{i}" }} }});',
            "    if (res.status >= 400) {",
            f'      throw new Error("operation{i} failed");',
            "    }",
            "    return res.data;",
            "  }",
        ]
    return "\n".join([*head, *body, "}"]) + "\n"


def _python_sdk(n: int) -> str:
    head = [
        "import requests",
        "",
        "SESSION = requests.Session()",
        'BASE = "https://api.recordhub.io"',
    ]
    body = []
    for i in range(n):
        body += [
            "",
            "",
            f"def get_record_{i}(record_id, token):",
            f'    """Fetch record kind {i}."""',
            "    try:",
            f'        response = SESSION.get(f"{{BASE}}/v1/kind{i}/{{record_id}}", timeout=10,',
            '                               headers={"Authorization": token})',
            "        response.raise_for_status()",
            "    except requests.RequestException:",
            "        return None",
            "    return response.json()",
        ]
    return "\n".join([*head, *body]) + "\n"


def _php_config(n: int) -> str:
    # lines under 1,000 characters: a file of longer ones is skipped as a machine-written bundle
    line = "'driver' => 'pgsql', " * 40
    check = " if ($driver == 'mysql' || in_array($x, ['a', 'b'])) {}"
    return "".join(f"{line}{check}\n" for _ in range(n))


def _ruby_env_reads(n: int) -> str:
    return "".join(
        f'x{i} = ENV["SERVICE_{i}_URL"] || ENV.fetch("API_{i}_HOST")\n' for i in range(n)
    )


def _javascript_calls(n: int) -> str:
    return "".join(
        f'client.get("https://api{i}.example.com/x"); http.post(url{i}); fetch(u{i})\n'
        for i in range(n)
    )


def _yaml_urls(n: int) -> str:
    return "".join(
        f"svc{i}:\n  url: https://svc{i}.internal.example.org:{8000 + i % 1000}/v1\n"
        f'  endpoint: "${{SVC_{i}_ENDPOINT}}"\n'
        for i in range(n)
    )


def _query_chain(n: int) -> str:
    # a query builder chained over thousands of lines: every link is a call nested in the next
    links = "".join(f'  .where("field{i}", {i})\n' for i in range(n))
    return (
        'const knex = require("knex")({ client: "pg" });\n'
        f'async function report() {{\n  return knex("users")\n{links}  .then((rows) => rows);\n}}\n'
        "module.exports = report;\n"
    )


def _inline_url_list(n: int) -> str:
    # an asset manifest inlined in code: one long line of URLs among ordinary ones
    urls = ",".join(f'"https://cdn{i}.assets-host.net/x/{i}.js"' for i in range(n))
    # enough ordinary text that the long line is under 80% of the file (else: a bundle)
    count = max(3000, n // 4)
    lines = [f"// ordinary line {i:08d} of the module, some padding" for i in range(count)]
    lines.insert(count // 2, f"const ASSETS = [{urls}];")
    return "\n".join(lines) + "\n"


CASES: dict[str, tuple[str, Callable[[int], str], int]] = {
    # name: (file name, generator, its size in bytes for n = 1)
    "typescript_api_client": ("src/apiClient.ts", _typescript_client, 360),
    "python_sdk_module": ("sdk/records.py", _python_sdk, 330),
    "php_selector_config": ("config/drivers.php", _php_config, 900),
    "ruby_env_reads": ("config/env.rb", _ruby_env_reads, 64),
    "javascript_calls": ("src/calls.js", _javascript_calls, 80),
    "yaml_service_urls": ("config/services.yml", _yaml_urls, 100),
    "inline_url_list": ("src/assets.js", _inline_url_list, 58),
    "query_chain": ("src/report.js", _query_chain, 30),
}


def _fit(generate: Callable[[int], str], per_item: int, limit: int) -> str:
    """The largest text of `generate(n)` under `limit` bytes."""
    n = max(1, limit // per_item)
    text = generate(n)
    while len(text.encode()) > limit and n > 1:
        n = int(n * 0.9)
        text = generate(n)
    return text


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kb", type=int, default=900, help="size of each file (under 1000)")
    args = parser.parse_args(argv)
    scanner = shutil.which("integration-risk") or str(
        Path(sys.executable).parent / "integration-risk"
    )
    rg = shutil.which("rg")
    if not Path(scanner).exists():
        print("the integration-risk script is missing (uv sync)", file=sys.stderr)
        return 2
    print(f"one file of ~{args.kb} KB per case; best of {args.runs}; load {load_average()}")
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, (relpath, generate, per_item) in CASES.items():
            tree = Path(scratch) / name
            target = tree / relpath
            target.parent.mkdir(parents=True)
            target.write_text(_fit(generate, per_item, args.kb * 1000))
            cmd = [scanner, "scan", str(tree), "--format", "json", "--no-cache"]
            env = {"XDG_CACHE_HOME": str(Path(scratch) / "cache")}
            seconds = min(run_timed(cmd, env)[0] for _ in range(args.runs))
            results[f"{name}_s"] = round(seconds, 3)
            if rg is not None and PATTERNS.is_file():
                rg_cmd = [rg, "--json", "-i", "--no-unicode", "-f", str(PATTERNS), str(tree)]
                run_timed(rg_cmd)
                rg_seconds = min(run_timed(rg_cmd)[0] for _ in range(args.runs))
                results[f"{name}_vs_rg"] = round(seconds / max(rg_seconds, 1e-3), 1)
    finished = time.strftime("%H:%M")
    compare_with_last("large_files", results)
    worst = max((k for k in results if k.endswith("_s")), key=lambda k: results[k])
    print(f"slowest: {worst} {results[worst]} s (finished {finished}, load {load_average()})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
