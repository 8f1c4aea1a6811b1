"""Env-style keys declared in config files (.env, compose `environment:`, YAML, properties).

Only the key names are extracted; values never leave this module except as the
URLs the URL extractor sees in the same text (and those lose their credentials).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.sensitive import is_env_file

# KEY=value, export KEY=value, - KEY=value, KEY: value, "KEY": value
_KEY = re.compile(
    r"^[ \t]*(?:export[ \t]+)?-?[ \t]*['\"]?([A-Z][A-Z0-9_]{2,})['\"]?[ \t]*[=:]", re.M
)
# Kubernetes / Helm env lists: `- name: KEY`
_K8S_NAME = re.compile(r"^[ \t-]*name[ \t]*:[ \t]*['\"]?([A-Z][A-Z0-9_]{2,})['\"]?[ \t]*$", re.M)

# JSON is left out: env keys there live in manifests we parse anyway, and big JSON data
# files (translations, fixtures) would cost more than they tell.
CONFIG_SUFFIXES = (
    ".env",
    ".yml",
    ".yaml",
    ".properties",
    ".ini",
    ".cfg",
    ".conf",
    ".toml",
    ".tfvars",
)

# Env-style settings live in small files; huge YAML (generated API specs) only costs time.
MAX_CONFIG_CHARS = 256_000


def lists_env_keys(name: str) -> bool:
    """An env file, or an env schema module (`env.ts`, t3-env's `env.mjs`: code that lists
    the app's env keys one per line, like an env file, though it holds no values)."""
    return is_env_file(name) or name.startswith("env.")


def is_config_file(name: str) -> bool:
    return lists_env_keys(name) or name.endswith(CONFIG_SUFFIXES) or name == "Procfile"


def declared_keys(text: str) -> Iterator[tuple[str, int]]:
    for pattern in (_KEY, _K8S_NAME):
        for match in pattern.finditer(text):
            yield match.group(1), match.start(1)
