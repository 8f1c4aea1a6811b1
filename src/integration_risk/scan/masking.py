"""Masking of the lines shown as evidence: the one place that decides what a reader may see.

`mask_line` picks the rule by file: a line of an env file shows its key only
(any value there may be a secret); any other line is shown trimmed, with URL
credentials, query values and secret-like values replaced by `***`.
"""

from __future__ import annotations

import re
from typing import Protocol

from integration_risk.lines import clip
from integration_risk.sensitive import is_env_file, is_secret_name

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
# A name given a value: `pwd="x"`, `SIGNING_KEY = ..`, `'password' => ..`, `token: ..`
_ASSIGNED = re.compile(r"""([A-Za-z_][\w.-]*)['"]?\s*(?:=(?![=~])|:(?!:))>?\s*""")
# Words that start a secret's name even glued to more (`authorization: Bearer ..`,
# `passwordHash = ..`), which `is_secret_name` reads as other words.
_SECRET_START = re.compile(r"(?i)(secret|passw|token|api_?key|private|credential|auth)")


def _secret_value_at(text: str) -> int | None:
    """Where the value of the first secret-named assignment on the line starts."""
    for match in _ASSIGNED.finditer(text):
        name = match.group(1)
        if is_secret_name(name) or _SECRET_START.search(name):
            return match.end()
    return None


# A value read from somewhere (`os.environ["KEY"]`, `env('KEY')`, `process.env.KEY`,
# `${KEY}`) names where the secret lives; its string literals may still be one (a default).
_REFERENCE = re.compile(r"""[A-Za-z_$][\w$.:]*\s*[\[(.]|\$\{?[A-Za-z_]\w*\}?\s*(?:$|[,;)}])""")
_LITERAL = re.compile(r"""(['"`])(.*?)\1""")
_ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]{2,}")


def _masked_value(value: str) -> str:
    """What follows a secret's name: a literal or bare value is hidden whole (it may be the
    secret, and where it ends cannot be told); a read from the environment or config keeps
    the variable names it reads and hides its other literals."""
    if not _REFERENCE.match(value):
        return "***"

    def shown(literal: re.Match[str]) -> str:
        # the variable read (`environ["KEY"]`, `env('KEY')`), not a default after it
        read = value[: literal.start()].rstrip().endswith(("[", "("))
        return literal.group(0) if read and _ENV_NAME.fullmatch(literal.group(2)) else "***"

    return _LITERAL.sub(shown, value)


def safe_snippet(line: str, limit: int = SNIPPET_LIMIT) -> str:
    """The line trimmed, with URL credentials, query strings and secret-like values masked."""
    text = line.strip()
    text = _USERINFO.sub(r"\1***@", text)
    text = _QUERY_VALUE.sub(r"\1***", text)
    start = _secret_value_at(text)
    if start is not None:
        text = text[:start] + _masked_value(text[start:])
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
