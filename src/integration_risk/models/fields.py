"""Field helpers the model modules share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import Field


def list_field(description: str) -> Any:
    """A list field that defaults to empty (a fresh list per instance)."""
    return Field(default_factory=list, description=description)


def default_field(factory: Callable[[], Any], description: str) -> Any:
    """A field that defaults to a fresh `factory()`: an empty sub-model the caller fills in."""
    return Field(default_factory=factory, description=description)
