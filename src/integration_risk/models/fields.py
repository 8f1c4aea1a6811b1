"""Field helpers the model modules share."""

from __future__ import annotations

from typing import Any

from pydantic import Field


def list_field(description: str) -> Any:
    """A list field that defaults to empty (a fresh list per instance)."""
    return Field(default_factory=list, description=description)
