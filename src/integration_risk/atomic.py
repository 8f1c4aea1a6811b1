"""Crash-safe file replacement and the per-file writer lock.

`atomic_write` writes a temp file in the target's directory, fsyncs it,
`os.replace`s it over the target and fsyncs the directory: a reader (which
takes no lock) sees the old file or the new one, never a mix, and a process
killed at any instant leaves at worst an orphan temp file. `locked` holds an
exclusive `filelock` lock on `<target>.lock` beside the target for a
read-modify-write; the OS drops it when its holder dies, so a SIGKILLed
writer never wedges the others. Under the lock no other writer can be
mid-write, so orphan temp files found then are removed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from integration_risk.errors import IntegrationRiskError

LOCK_TIMEOUT = 60.0
# A write takes milliseconds: 50 ms polls (filelock default) would idle, 1 ms would spin.
POLL_INTERVAL = 0.01
DEFAULT_MODE = 0o644


class LockTimeout(IntegrationRiskError):
    """Another writer held the lock for longer than the timeout."""


def lock_path(target: Path) -> Path:
    return target.with_name(target.name + ".lock")


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


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
    for orphan in target.parent.glob(_temp_prefix(target) + "*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            orphan.unlink()
            removed += 1
    return removed


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(target: Path, data: bytes) -> None:
    """Replace `target` with `data` so that no reader or crash ever sees a partial file."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = DEFAULT_MODE
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    fsync_dir(target.parent)
