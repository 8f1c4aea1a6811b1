"""Helper process for the concurrency and crash tests: upserts through the library.

`python -m tests.glossary_worker GLOSSARY AGENT PREFIX COUNT` upserts COUNT
entries one at a time and prints each key after its upsert returned (the
acknowledgement the tests check against the file).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from integration_risk.glossary import upsert

LEVELS = ("critical", "high", "medium", "low")


def entry_key(prefix: str, number: int) -> str:
    return f"{prefix}-{number:03d}"


def entry_fields(prefix: str, number: int) -> dict[str, Any]:
    """Distinct, recognisable fields (non-ASCII included) for entry `number` of `prefix`."""
    return {
        "canonical_name": f"{prefix} system {number:03d}",
        "type": "external-api",
        "risk_level": LEVELS[number % 4],
        "failure_impact": f"{prefix}/{number}: payments stop — zahlungen schlagen fehl",
        "aliases": [f"{prefix}_alias_{number:03d}"],
        "evidence": [f"src/{prefix}/m{number}.py:{number + 1}"],
    }


def run(path: Path, agent: str, prefix: str, count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        key = entry_key(prefix, number)
        upsert(path, str(path), {key: entry_fields(prefix, number)}, agent)
        sys.stdout.write(key + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    run(Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]))
