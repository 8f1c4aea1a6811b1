"""What every env-file parser produces: assignments holding raw values, and problems.

`RawValue` never shows its text through `repr`, `str`, formatting or pickling,
so a value that ends up in a log record, an f-string or a traceback prints as
`<redacted N chars>`. Only the classifier calls `reveal()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn


class RawValue:
    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = text

    def reveal(self) -> str:
        """The raw text: call only to derive a shape, never to output it."""
        return self._text

    def __len__(self) -> int:
        return len(self._text)

    def __repr__(self) -> str:
        return f"<redacted {len(self._text)} chars>"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> NoReturn:
        raise TypeError("env values cannot be pickled")


@dataclass(frozen=True)
class Assignment:
    """`key = value` found at `line` of a file; `interpolate` is False for
    single-quoted dotenv values and Kubernetes data, which are taken literally."""

    key: str
    value: RawValue = field(repr=False)
    line: int
    interpolate: bool = True
    always_secret: bool = False
    external: bool = False  # set at deploy time (Kubernetes valueFrom): no value here


@dataclass(frozen=True)
class LineProblem:
    """What is wrong at `line` of a file (0: the whole file), worded without its text."""

    line: int
    message: str
