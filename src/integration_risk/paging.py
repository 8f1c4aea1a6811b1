"""Opaque page cursors shared by every paged result (scan, grep, env keys).

A cursor encodes the offset of the next item; callers pass back the
`next_cursor` of the previous page. Anything else is refused with a clear error.
"""

from __future__ import annotations

import base64

from integration_risk.errors import InvalidInput


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for (0 for none), or `InvalidInput`."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith("o:"):
            raise ValueError
        offset = int(text[2:])
        if offset < 0:
            raise ValueError
        return offset
    except ValueError:  # also bad base64 and bad UTF-8
        raise InvalidInput(
            f"cursor {cursor!r} is not one this tool returned",
            "pass the next_cursor value from the previous answer, or omit cursor to start over",
        ) from None
