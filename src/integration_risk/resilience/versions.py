"""The version of a package a project pins, read from its manifests and lock files: a
library default that changed between releases (redis-py retries by default since 6.0,
stripe-python since 11.0) holds only where the pinned version has it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

# Files at the root (and `requirements/`) that pin versions, most exact first.
_LOCKS = ("uv.lock", "poetry.lock", "Pipfile.lock", "Gemfile.lock", "composer.lock", "mix.lock")
_MANIFESTS = ("pyproject.toml", "package.json", "composer.json", "Gemfile", "setup.cfg")
_VERSION = r"v?(\d+(?:\.\d+)*)"


@lru_cache(maxsize=256)
def _forms(package: str) -> tuple[re.Pattern[str], ...]:
    name = re.escape(package)
    return (
        # uv.lock / poetry.lock: `name = "redis"` then `version = "6.4.0"`
        re.compile(rf'(?m)^name\s*=\s*"{name}"\s*\nversion\s*=\s*"{_VERSION}"', re.I),
        # Pipfile.lock / composer.lock: `"redis": {... "version": "==6.4.0"`,
        # `"name": "predis/predis", "version": "v2.2.2"`
        re.compile(
            rf'"(?:name"\s*:\s*")?{name}"\s*[:,][^{{}}]{{0,400}}?"version"\s*:\s*"[=~^]*{_VERSION}"',
            re.I,
        ),
        # Gemfile.lock: `    redis (5.0.1)`
        re.compile(rf"(?m)^\s{{4}}{name} \({_VERSION}\)"),
        # mix.lock: `  "oauth2": {:hex, :oauth2, "2.1.1", ...`
        re.compile(rf'(?m)^\s*"{name}":\s*\{{:hex,\s*:[\w]+,\s*"{_VERSION}"'),
        # requirements / pyproject / setup.cfg: `redis==6.4.0`, `"redis~=8.1.0"`, `redis>=5`
        re.compile(rf"""(?im)^[\s"']*{name}(?:\[[^\]]*\])?\s*(?:===?|~=|>=)\s*{_VERSION}"""),
        # package.json / composer.json / pyproject (poetry): `"redis": "^4.6.0"`, `redis = "^5.0"`
        re.compile(rf"""(?im)^\s*["']?{name}["']?\s*[:=]\s*["'][\^~>=v ]*{_VERSION}"""),
        # Gemfile: `gem "redis", "~> 5.0"`
        re.compile(rf"""(?m)^\s*gem\s+["']{name}["']\s*,\s*["'][~>= ]*{_VERSION}"""),
    )


def candidate_files(root: Path) -> list[str]:
    """Relative paths of the files read for versions: locks first, then manifests."""
    names = [*_LOCKS, *_MANIFESTS]
    found = [n for n in names if (root / n).is_file()]
    found += sorted(p.name for p in root.glob("requirements*.txt") if p.is_file())
    requirements = root / "requirements"
    if requirements.is_dir():
        found += sorted(f"requirements/{p.name}" for p in requirements.glob("*.txt"))
    return found


def pinned_version(
    package: str, files: Iterable[str], read: Callable[[str], str]
) -> tuple[int, ...] | None:
    """The first version of `package` the files pin, as numbers; None when none does."""
    for rel in files:
        text = read(rel)
        if package.lower() not in text.lower():
            continue
        for form in _forms(package):
            match = form.search(text)
            if match:
                return tuple(int(part) for part in match.group(1).split("."))
    return None


def at_least(found: tuple[int, ...] | None, minimum: str) -> bool:
    """Is the pinned version at least `minimum` (`"6.0"`)? Unknown: no."""
    if found is None:
        return False
    wanted = tuple(int(part) for part in minimum.split("."))
    width = max(len(found), len(wanted))
    return found + (0,) * (width - len(found)) >= wanted + (0,) * (width - len(wanted))
