"""The Hyperscan database the package build ships, so a first scan need not compile one.

Compiling the prefilter's ~10,000 literals takes about 0.2 CPU-seconds, the largest
serial step of a scan with an empty user cache. `hatch_build.py` compiles them once, at
install (`native.write_prebuilt`), into `PREBUILT` (generated, never in git). A scan
whose user cache has no database loads this one when it was compiled from exactly the
literals, in the order, this scan plans (the key covers them, Hyperscan's version and
the machine's architecture); Hyperscan itself refuses a database built for another CPU
or damaged (its checksum). Otherwise the scan compiles, as before: a stale, missing or
damaged file only costs the compile.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from integration_risk.atomic import atomic_write

# `.hsdb`: not a code suffix, so `filecache.code_version` does not change when it is built
PREBUILT = Path(__file__).parent / "prebuilt_hyperscan.hsdb"
_COMPILED_AS = "literal,caseless,block,ids-in-order:1"  # how `compile_literals` builds one


def compile_literals(hyperscan: ModuleType, literals: Sequence[str]) -> Any:
    """One block-mode database of `literals`, caseless; a hit's id is the literal's position."""
    database = hyperscan.Database()
    database.compile(
        expressions=[literal.encode() for literal in literals],
        ids=list(range(len(literals))),
        elements=len(literals),
        flags=hyperscan.HS_FLAG_CASELESS,
        literal=True,
    )
    return database


def key(hyperscan: ModuleType, literals: Sequence[str]) -> str:
    """What a database compiled by `compile_literals` depends on."""
    digest = hashlib.sha256()
    version = getattr(hyperscan, "__version__", "")
    digest.update(f"{_COMPILED_AS}\0{version}\0{platform.machine()}\0".encode())
    digest.update("\0".join(literals).encode())
    return digest.hexdigest()


def write(hyperscan: ModuleType, literals: Sequence[str], path: Path | None = None) -> None:
    """Compile `literals` and store the database with its key in `path` (default
    `PREBUILT`); an unchanged file is left as it is."""
    path = path or PREBUILT
    header = json.dumps({"key": key(hyperscan, literals)}).encode()
    payload = header + b"\n" + hyperscan.dumpb(compile_literals(hyperscan, literals))
    try:
        if path.read_bytes() == payload:
            return
    except OSError:
        pass
    atomic_write(path, payload)


def load(hyperscan: ModuleType, literals: Sequence[str], path: Path | None = None) -> Any | None:
    """The database stored in `path` (default `PREBUILT`) when it was compiled from
    `literals`; None when the file is missing, damaged, of other literals or built for
    another CPU."""
    path = path or PREBUILT
    try:
        with open(path, "rb") as handle:
            header = json.loads(handle.readline())
            if not isinstance(header, dict) or header.get("key") != key(hyperscan, literals):
                return None
            return hyperscan.loadb(handle.read(), hyperscan.HS_MODE_BLOCK)
    except (OSError, ValueError, hyperscan.error):
        return None
