"""Many writers at once: 8 CLI processes and 8 library processes, 100 upserts each."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from integration_risk.glossary import check, load_document
from tests.glossary_worker import entry_fields, entry_key

REPO = Path(__file__).resolve().parent.parent
CLI = Path(sys.executable).parent / "integration-risk"
WRITERS, PER_WRITER = 8, 100


@pytest.mark.slow  # many processes; tens of seconds on a loaded machine
def test_sixteen_writers_lose_nothing(tmp_path: Path) -> None:
    target = tmp_path / "memory" / "glossary.json"
    target.parent.mkdir()
    target.write_text('{"notes": {"owner": "another plugin"}}', encoding="utf-8")
    processes = []
    for writer in range(WRITERS):
        entries = tmp_path / f"cli{writer}.json"
        prefix = f"cli{writer}"
        entries.write_text(
            json.dumps({entry_key(prefix, n): entry_fields(prefix, n) for n in range(PER_WRITER)}),
            encoding="utf-8",
        )
        processes.append(
            subprocess.Popen(
                [
                    str(CLI),
                    "glossary",
                    "upsert",
                    "--agent",
                    f"cli-agent-{writer}",
                    "--file",
                    str(entries),
                    "--glossary",
                    str(target),
                    "--per-entry",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.glossary_worker",
                    str(target),
                    f"lib-agent-{writer}",
                    f"lib{writer}",
                    str(PER_WRITER),
                ],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for process in processes:
        _out, err = process.communicate(timeout=900)
        assert process.returncode == 0, err
    document = load_document(target)
    assert document["notes"] == {"owner": "another plugin"}
    entries = document["integrations"]
    assert len(entries) == 2 * WRITERS * PER_WRITER == 1600
    for writer in range(WRITERS):
        for kind in ("cli", "lib"):
            prefix = f"{kind}{writer}"
            for number in range(PER_WRITER):
                entry = entries[entry_key(prefix, number)]
                expected = entry_fields(prefix, number)
                assert {k: entry[k] for k in expected} == expected
                assert entry["discovered_by"] == entry["updated_by"] == f"{kind}-agent-{writer}"
                assert entry["risk_history"][0]["level"] == expected["risk_level"]
    assert check(target, str(target)).valid
    names = sorted(p.name for p in target.parent.iterdir())
    assert names == ["glossary.json", "glossary.json.lock"]  # no orphan temp files
