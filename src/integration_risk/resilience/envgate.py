"""Conditions that test an environment variable: the block that runs only when the operator
sets it. A timeout or retry set only there is no default of the code (`gates.env_gated`)."""

from __future__ import annotations

import re
from typing import Any

# `if os.getenv("EMAIL_TIMEOUT"):`, `if (process.env.SMTP_TIMEOUT)`: the block runs only when
# the operator sets that variable; recorded with the owner ENV_GATE (see `env_gated`). Only
# reads of the environment count (not a config object named `env`), only the block that runs
# when it is set (its `else` is the default), and not a read with a default (always truthy)
# or a negated test (`if not os.getenv("DISABLE_..")`: that block runs by default).
ENV_READ = re.compile(
    r"getenv|get_env|environ|process\.env|\bENV\s*[\[.]|\benv\s*\(|GetEnvironmentVariable"
)
_ENV_DEFAULT = re.compile(r"""(?:getenv|get_env|\.get|\.fetch|\benv)\s*\(\s*["'][^"']*["']\s*,""")
_NEGATED = re.compile(
    r"^\(?\s*(?:not\b|!)|\bis\s+None\b|(?<![!=])===?\s*(?:None|nil|null|undefined)\b"
)
_BLOCK_FIELDS = ("consequence", "body")
ENV_GATE = "<env>"


def env_set_block(node: Any, condition: str) -> Any | None:
    """The block that runs only when the environment variable tested by `condition` is
    set, or None when the test does not mean that (negated, `unless`, a read with a default)."""
    if (
        node.type == "unless"
        or _NEGATED.search(condition.strip())
        or _ENV_DEFAULT.search(condition)
    ):
        return None
    return next((b for b in map(node.child_by_field_name, _BLOCK_FIELDS) if b is not None), None)
