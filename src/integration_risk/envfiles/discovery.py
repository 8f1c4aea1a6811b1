"""Which files define environment variables, under a start directory.

Dotenv files are nearly always gitignored, so they are found by name with a
walk that does not honour .gitignore (it only prunes dependency, build and VCS
directories); everything else comes from the gitignore-aware tree walk the
scanner uses. Nothing here opens a file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from integration_risk.sensitive import is_env_file
from integration_risk.skipdirs import BUILD_OUTPUT_DIRS, SKIPPED_DIRS

Role = Literal["dotenv", "compose", "yaml", "procfile", "systemd"]

# Unlike the scan walk, this one does not honour .gitignore: build outputs are pruned too.
PRUNE = SKIPPED_DIRS | BUILD_OUTPUT_DIRS
# Env files in a structured format are read by their format's reader (`.env.yaml`: yaml);
# a shell script of `export`s is a script.
_NOT_DOTENV_SUFFIXES = frozenset([".json", ".yml", ".yaml", ".toml", ".sh"])
_COMPOSE = re.compile(r"(?:docker-)?compose(?:[.-][\w-]+)*\.ya?ml")
MAX_DEPTH = 12


@dataclass(frozen=True)
class Candidate:
    path: Path
    relpath: str
    role: Role


def dotenv_name(name: str) -> bool:
    """An env file (`sensitive.is_env_file`) in dotenv format."""
    return is_env_file(name) and PurePosixPath(name).suffix.lower() not in _NOT_DOTENV_SUFFIXES


def role_of(relpath: str) -> Role | None:
    """Role of a file by its name alone, or None when it cannot define env vars."""
    name = PurePosixPath(relpath).name
    if dotenv_name(name):
        return "dotenv"
    lower = name.lower()
    if _COMPOSE.fullmatch(lower):
        return "compose"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    if name == "Procfile" or name.startswith("Procfile."):
        return "procfile"
    if lower.endswith(".service"):
        return "systemd"
    return None


def dotenv_files(root: Path, start: Path) -> list[Candidate]:
    """Dotenv files under `start`, gitignored or not, without following symlinked dirs."""
    found: list[Candidate] = []
    base_depth = len(start.parts)
    for directory, dirs, files in os.walk(start, followlinks=False):
        here = Path(directory)
        dirs[:] = (
            sorted(d for d in dirs if d not in PRUNE)
            if (len(here.parts) - base_depth < MAX_DEPTH)
            else []
        )
        for name in sorted(files):
            if dotenv_name(name):
                path = here / name
                found.append(Candidate(path, path.relative_to(root).as_posix(), "dotenv"))
    return found
