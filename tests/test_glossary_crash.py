"""Writers killed with SIGKILL at random moments never leave a broken glossary behind."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import signal
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from integration_risk.glossary import check, load_document, upsert
from tests.glossary_worker import entry_fields, entry_key

ROUNDS, WRITERS_PER_ROUND = 100, 2  # 200 kills
# fork: the child starts with the library already imported, so a kill costs milliseconds.
fork = multiprocessing.get_context("fork")


def _writer(path: Path, prefix: str, acks: Connection) -> None:
    number = 0
    while True:  # until killed
        key = entry_key(prefix, number)
        upsert(path, str(path), {key: entry_fields(prefix, number)}, prefix)
        acks.send(key)  # acknowledged only after upsert returned
        number += 1


@pytest.mark.slow  # many processes; tens of seconds on a loaded machine
def test_sigkill_during_writes_never_breaks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "glossary.json"
    path.write_text('{"notes": {"keep": [1, 2, 3]}}', encoding="utf-8")
    rng = random.Random(6)
    acknowledged: dict[str, str] = {}
    kills = mid_write = 0
    for round_number in range(ROUNDS):
        children = []
        for writer in range(WRITERS_PER_ROUND):
            receiver, sender = fork.Pipe(duplex=False)
            prefix = f"r{round_number}w{writer}"
            child = fork.Process(target=_writer, args=(path, prefix, sender), daemon=True)
            child.start()
            sender.close()
            children.append((child, receiver, prefix))
        for child, _receiver, _prefix in children:
            time.sleep(rng.uniform(0.0, 0.04))
            assert child.pid is not None
            os.kill(child.pid, signal.SIGKILL)
            kills += 1
        for child, receiver, prefix in children:
            child.join()
            assert child.exitcode == -signal.SIGKILL
            with contextlib.suppress(EOFError):  # EOF: the killed child's end is closed
                while receiver.poll():
                    acknowledged[receiver.recv()] = prefix
            receiver.close()
        mid_write += any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
        document = load_document(path)  # parses and validates, or raises
        entries = document["integrations"] if acknowledged else document.get("integrations", {})
        for key, prefix in acknowledged.items():
            number = int(key.rsplit("-", 1)[1])
            entry = entries[key]
            expected = entry_fields(prefix, number)
            assert {k: entry[k] for k in expected} == expected
        assert document["notes"] == {"keep": [1, 2, 3]}
    print(f"kills={kills} acknowledged={len(acknowledged)} kills_mid_write={mid_write}")
    assert kills >= 200
    assert len(acknowledged) > 0
    assert mid_write > 0, "no kill landed inside a write; the test did not test anything"
    assert check(path, str(path)).valid
    upsert(path, str(path), {"after": {"type": "x"}}, "survivor")  # writers still get the lock
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
