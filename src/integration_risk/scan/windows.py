"""Line windows around an offset in a text: the lines the prefilter keeps around a hit."""

from __future__ import annotations


def window_start(text: str, offset: int, lines: int) -> int:
    """Start of the line `lines` lines before the one holding `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    for _ in range(lines):
        if start == 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def window_end(text: str, offset: int, lines: int) -> int:
    """End (newline or end of text) of the line `lines` lines after the one holding `offset`."""
    size = len(text)
    end = text.find("\n", offset)
    end = size if end < 0 else end
    for _ in range(lines):
        if end >= size:
            break
        following = text.find("\n", end + 1)
        end = size if following < 0 else following
    return end


CHAIN_LINES = 30  # continuation lines of one method chain kept at most


def chain_end(text: str, end: int, lines: int = CHAIN_LINES) -> int:
    """`end` (a line's end) moved past the lines after it that continue a method chain
    (`    .header(..)`, `    .uri(url)`): a builder's links stay with it however many."""
    size = len(text)
    for _ in range(lines):
        if end >= size:
            break
        following = text.find("\n", end + 1)
        following = size if following < 0 else following
        if not text[end + 1 : following].lstrip().startswith("."):
            break
        end = following
    return end
