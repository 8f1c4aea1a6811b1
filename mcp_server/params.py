"""Tool parameters several tools share, written once so they read the same everywhere."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

PathParam = Annotated[str, Field(description="Directory to look in, relative to the project root.")]
CursorParam = Annotated[
    str | None,
    Field(description="next_cursor from the previous page; omit for the first page."),
]


def page_size(description: str, most: int) -> Any:
    """The `Field` of a page-size parameter: `limit: Annotated[int, page_size(...)] = 20`."""
    return Field(description=description, ge=1, le=most)
