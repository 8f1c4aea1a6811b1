"""Cross-checks a pre-mortem needs: used-but-undefined, defined-but-unused, template drift.

Pure functions over names and paths: no values involved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from integration_risk.models.env import EnvDrift, UndefinedRead
from integration_risk.sensitive import is_env_template

# Set by the OS, shell, CI runner or language toolchain: reading them is not a config gap.
OS_PROVIDED = frozenset(
    [
        "PATH",
        "HOME",
        "USER",
        "USERNAME",
        "LOGNAME",
        "SHELL",
        "PWD",
        "OLDPWD",
        "TMPDIR",
        "TEMP",
        "TMP",
        "LANG",
        "LANGUAGE",
        "LC_ALL",
        "LC_CTYPE",
        "TERM",
        "TZ",
        "HOSTNAME",
        "CI",
        "EDITOR",
        "PAGER",
        "DISPLAY",
        "VIRTUAL_ENV",
        "PYTHONPATH",
        "GOPATH",
        "GOOS",
        "GOARCH",
        "JAVA_HOME",
        "APPDATA",
        "LOCALAPPDATA",
        "USERPROFILE",
        "SYSTEMROOT",
        "COMSPEC",
    ]
)
_OS_PREFIXES = ("GITHUB_", "RUNNER_", "XDG_", "npm_", "PYTEST_", "CARGO_", "LC_")
_PARTIAL = re.compile(r"local|test|dev|development", re.IGNORECASE)


def os_provided(name: str) -> bool:
    return name in OS_PROVIDED or name.startswith(_OS_PREFIXES)


def read_counts(reads: Iterable[tuple[str, str, int]]) -> dict[str, tuple[int, str]]:
    """Per variable name: how many reads, and the path:line of the first one."""
    counts: dict[str, tuple[int, str]] = {}
    for name, relpath, line in reads:
        count, first = counts.get(name, (0, f"{relpath}:{line}"))
        counts[name] = (count + 1, first)
    return counts


def used_but_undefined(
    reads: Iterable[tuple[str, str, int]], defined: set[str]
) -> list[UndefinedRead]:
    counts = read_counts(r for r in reads if r[0] not in defined and not os_provided(r[0]))
    return [
        UndefinedRead(name=name, reads=count, first_read=first)
        for name, (count, first) in sorted(counts.items())
    ]


def defined_but_unused(defined: set[str], read: set[str]) -> list[str]:
    return sorted(defined - read)


def drift(keys_by_file: dict[str, list[str]], dotenv_files: Iterable[str]) -> list[EnvDrift]:
    """Each real dotenv file against each template in the same directory. Files meant
    as partial overrides (.env.local, .env.test) are only checked for keys the
    template lacks."""
    by_dir: dict[str, tuple[list[str], list[str]]] = {}
    for relpath in dotenv_files:
        name = PurePosixPath(relpath).name
        if name == ".envrc":
            continue
        templates, real = by_dir.setdefault(str(PurePosixPath(relpath).parent), ([], []))
        (templates if is_env_template(relpath) else real).append(relpath)
    result: list[EnvDrift] = []
    for templates, real in by_dir.values():
        for env_file in sorted(real):
            partial = bool(_PARTIAL.search(PurePosixPath(env_file).name))
            env_keys = set(keys_by_file.get(env_file, []))
            for template in sorted(templates):
                template_keys = set(keys_by_file.get(template, []))
                extra = sorted(env_keys - template_keys)
                missing = [] if partial else sorted(template_keys - env_keys)
                if extra or missing:
                    result.append(
                        EnvDrift(
                            env_file=env_file,
                            template=template,
                            missing_from_template=extra,
                            missing_from_env=missing,
                        )
                    )
    return result
