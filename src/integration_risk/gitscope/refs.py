"""Validate a git ref before git ever sees it.

The reference MCP git server had argument-injection bugs exactly here: a "ref"
such as `--output=/tmp/x` or `-c core.pager=...` is an option to git. We accept
only what a branch, tag, remote branch, commit id or `HEAD~2` / `main^` /
`HEAD@{1}` looks like, and refuse the rest with a message that says why. Every
git call also puts `--end-of-options` before a ref as a second fence.
"""

from __future__ import annotations

import re

from integration_risk.errors import InvalidRef

MAX_REF_LENGTH = 200
_ALLOWED = re.compile(r"[A-Za-z0-9._/@{}~^+-]+")
_REFLOG = re.compile(r"@\{(?:\d+|u|upstream|push)\}")
_HINT = "pass a branch, tag or commit id such as main, origin/main, v1.2.0, HEAD~3 or a1b2c3d"


def validate_ref(ref: str) -> str:
    """`ref` unchanged when it is a plain revision; InvalidRef otherwise."""
    if not ref:
        raise InvalidRef("the base ref is empty", _HINT)
    shown = ref if ref.isprintable() and len(ref) <= 60 else repr(ref[:60])
    if len(ref) > MAX_REF_LENGTH:
        raise InvalidRef(f"base ref {shown} is longer than {MAX_REF_LENGTH} characters", _HINT)
    if ref.startswith("-"):
        raise InvalidRef(f"base ref {shown} starts with '-' (it would be read as an option)", _HINT)
    if any(ord(c) < 32 or ord(c) == 127 for c in ref):
        raise InvalidRef(f"base ref {shown} holds control characters", _HINT)
    if not _ALLOWED.fullmatch(ref):
        bad = sorted({c for c in ref if not _ALLOWED.fullmatch(c)})
        raise InvalidRef(
            f"base ref {shown} holds characters a ref never needs: {' '.join(bad)}", _HINT
        )
    if ".." in ref:
        raise InvalidRef(f"base ref {shown} holds '..' (a range or path trick, not one ref)", _HINT)
    if "{" in _REFLOG.sub("", ref) or "}" in _REFLOG.sub("", ref):
        raise InvalidRef(f"base ref {shown} uses braces outside @{{N}} / @{{upstream}}", _HINT)
    if (
        ref.startswith(("/", "."))
        or ref.endswith(("/", ".", ".lock"))
        or "//" in ref
        or "/." in ref
    ):
        raise InvalidRef(f"base ref {shown} is not a valid ref name", _HINT)
    return ref
