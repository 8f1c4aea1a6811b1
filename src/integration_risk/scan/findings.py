"""The unit every extractor produces, and the helpers they share."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Provider keys outside the catalog carry a prefix naming how they were found.
LONGTAIL_HOST = "~host:"
LONGTAIL_NAME = "~name:"
# An outbound-URL feature: the module that calls URLs taken from data.
LONGTAIL_FEATURE = "~feature:"
LONGTAIL_PREFIXES = (LONGTAIL_HOST, LONGTAIL_NAME, LONGTAIL_FEATURE)


@dataclass(frozen=True, slots=True)
class Finding:
    provider: str
    kind: str
    line: int
    snippet: str
    dev: bool = False


class LineIndex:
    """Offset -> 1-based line number, by bisecting newline offsets built once."""

    __slots__ = ("_newlines", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines: list[int] | None = None

    def line_of(self, offset: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self._text)]
        return bisect_right(self._newlines, offset - 1) + 1 if offset else 1

    def line_text(self, line: int) -> str:
        if self._newlines is None:
            self.line_of(0)
        assert self._newlines is not None
        start = self._newlines[line - 2] + 1 if line > 1 else 0
        end = self._newlines[line - 1] if line - 1 < len(self._newlines) else len(self._text)
        return self._text[start:end]


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


def safe_snippet(line: str, limit: int = 140) -> str:
    """The line trimmed, with URL credentials, query strings and secret-like values masked."""
    text = line.strip()
    text = _USERINFO.sub(r"\1***@", text)
    text = _QUERY_VALUE.sub(r"\1***", text)
    match = _SECRET_KEY.search(text)
    if match:  # everything after `SECRET_KEY=` may be the secret itself
        text = text[: match.end()] + "***"
    text = _OPAQUE.sub("***", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_ASSIGNMENT = re.compile(r"^\s*((?:export\s+)?[A-Za-z_][\w.-]*\s*[=:])")


def env_file_snippet(line: str, limit: int = 140) -> str:
    """A line of an env file shows its key only: any value there may be a secret."""
    match = _ASSIGNMENT.match(line)
    return f"{match.group(1).strip()}***" if match else "***"
