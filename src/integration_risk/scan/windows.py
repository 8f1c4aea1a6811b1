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
