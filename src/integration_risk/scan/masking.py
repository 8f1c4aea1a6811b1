"""Masking of the lines shown as evidence: the one place that decides what a reader may see.

`mask_line` picks the rule by file: a line of an env file shows its key only
(any value there may be a secret); any other line is shown trimmed, with URL
credentials, query values and secret-like values replaced by `***`.
"""

from __future__ import annotations

import re
from typing import Protocol

from integration_risk.lines import clip
from integration_risk.scan.config import is_env_file

SNIPPET_LIMIT = 140


class Mask(Protocol):
    def __call__(self, line: str, limit: int = ...) -> str: ...


_USERINFO = re.compile(r"(://)[^/\s@'\"`]*@")
# Query-string values may be tokens (`?api_key=...`): keep the parameter names only.
_QUERY_VALUE = re.compile(r"([?&][^=\s&'\"`#?]+=)[^&\s'\"`#]+")
# Long unbroken runs of letters and digits (keys, tokens, base64) with no path or dot in them.
_OPAQUE = re.compile(
    r"(?<![\w/.])(?=[A-Za-z0-9+_\-=]*\d)(?=[A-Za-z0-9+_\-=]*[A-Za-z])[A-Za-z0-9+_\-=]{24,}"
)
_SECRET_KEY = re.compile(
    r"(?i)(secret|passw|token|api_?key|private|credential|auth)[\w-]*\s*[=:]\s*"
)


def safe_snippet(line: str, limit: int = SNIPPET_LIMIT) -> str:
    """The line trimmed, with URL credentials, query strings and secret-like values masked."""
    text = line.strip()
    text = _USERINFO.sub(r"\1***@", text)
    text = _QUERY_VALUE.sub(r"\1***", text)
    match = _SECRET_KEY.search(text)
    if match:  # everything after `SECRET_KEY=` may be the secret itself
        text = text[: match.end()] + "***"
    text = _OPAQUE.sub("***", text)
    return clip(text, limit)


_ASSIGNMENT = re.compile(r"^\s*((?:export\s+)?[A-Za-z_][\w.-]*\s*[=:])")


def env_file_snippet(line: str, limit: int = SNIPPET_LIMIT) -> str:
    """A line of an env file shows its key only: any value there may be a secret."""
    match = _ASSIGNMENT.match(line)
    return f"{match.group(1).strip()}***" if match else "***"


def masker(relpath: str) -> Mask:
    """The masking rule for the lines of the file at `relpath`."""
    return env_file_snippet if is_env_file(relpath.rsplit("/", 1)[-1]) else safe_snippet


def mask_line(relpath: str, line: str, limit: int = SNIPPET_LIMIT) -> str:
    """`line` of the file at `relpath` as it may be shown."""
    return masker(relpath)(line, limit)
