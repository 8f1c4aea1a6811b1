"""Glossary upserts per second: one process, then 8 processes contending for the lock;
and how many times per second a 5,000-entry glossary is serialized (`dump_document`).

    uv run python benchmarks/glossary_upserts.py [--count N]

Each upsert is a full locked read-modify-write of one entry (fsync and directory
fsync included). Prints the rates and the ratio against the previous run, kept in
benchmarks/results/glossary_upserts.json (gitignored).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from integration_risk.glossary import dump_document, load_document, upsert  # noqa: E402
from tests.glossary_worker import entry_fields, entry_key  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "glossary_upserts.json"
CONTENDERS = 8


def _writer(path: Path, prefix: str, count: int) -> None:
    for number in range(count):
        upsert(path, str(path), {entry_key(prefix, number): entry_fields(prefix, number)}, prefix)


def single(directory: Path, count: int) -> float:
    path = directory / "single.json"
    start = time.perf_counter()
    _writer(path, "single", count)
    elapsed = time.perf_counter() - start
    assert len(load_document(path)["integrations"]) == count
    return count / elapsed


def contended(directory: Path, count: int) -> float:
    path = directory / "contended.json"
    per_writer = count // CONTENDERS
    fork = multiprocessing.get_context("fork")  # library already imported: no start-up cost
    workers = [
        fork.Process(target=_writer, args=(path, f"w{n}", per_writer)) for n in range(CONTENDERS)
    ]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - start
    assert all(w.exitcode == 0 for w in workers)
    assert len(load_document(path)["integrations"]) == per_writer * CONTENDERS
    return per_writer * CONTENDERS / elapsed


def dumps_per_second(entries: int = 5000, rounds: int = 20) -> float:
    """Best of `rounds` serializations of a glossary of `entries` entries."""
    section = {
        entry_key("d", n): dict(entry_fields("d", n), discovered_by="d", updated_at="2026-01-01")
        for n in range(entries)
    }
    document = {"integrations": section}
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        dump_document(document)
        best = min(best, time.perf_counter() - start)
    return 1 / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400, help="upserts per measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rates = {
            "single_process": single(Path(tmp), args.count),
            f"contended_{CONTENDERS}": contended(Path(tmp), args.count),
            "dump_5000_entries": dumps_per_second(),
        }
    previous = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    for name, rate in rates.items():
        before = previous.get("rates", {}).get(name)
        ratio = f"  ({rate / before:.2f}x previous run)" if before else "  (no previous run)"
        unit = "dumps/s" if name.startswith("dump") else f"upserts/s over {args.count} upserts"
        print(f"{name:>17}: {rate:8.1f} {unit}{ratio}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"count": args.count, "rates": rates}, indent=2) + "\n")


if __name__ == "__main__":
    main()
