"""The glossary's per-file writer lock.

`locked` holds an exclusive `filelock` lock on `<target>.lock` beside the
target for a read-modify-write; the OS drops it when its holder dies, so a
SIGKILLed writer never wedges the others. Under the lock no other writer can
be mid-write, so orphan temp files of `atomic_write` found then are removed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from integration_risk.atomic import orphan_pattern
from integration_risk.errors import IntegrationRiskError

LOCK_TIMEOUT = 60.0
# A write takes milliseconds: 50 ms polls (filelock default) would idle, 1 ms would spin.
POLL_INTERVAL = 0.01


class LockTimeout(IntegrationRiskError):
    """Another writer held the lock for longer than the timeout."""


def lock_path(target: Path) -> Path:
    return target.with_name(target.name + ".lock")


@contextlib.contextmanager
def locked(target: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive writer lock of `target` (its directory must exist)."""
    lock = FileLock(lock_path(target), timeout=timeout, poll_interval=POLL_INTERVAL)
    try:
        lock.acquire()
    except Timeout:
        raise LockTimeout(
            f"{target} stayed locked by another writer for {timeout:.0f} s "
            f"(lock file {lock_path(target).name})",
            "retry later; if no other agent is running, the lock is stale only on filesystems "
            "without flock, and deleting the .lock file is then safe",
        ) from None
    try:
        remove_orphans(target)
        yield
    finally:
        lock.release()


def remove_orphans(target: Path) -> int:
    """Delete temp files a killed writer left beside `target`; call only under the lock."""
    removed = 0
    for orphan in target.parent.glob(orphan_pattern(target)):
        with contextlib.suppress(FileNotFoundError):
            orphan.unlink()
            removed += 1
    return removed
