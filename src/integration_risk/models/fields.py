"""Field helpers, field types and the small base model the model modules share."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, Field

M = TypeVar("M", bound=BaseModel)

RepoFile = Annotated[
    str, Field(description="File path relative to the project root (POSIX separators).")
]
LineNumber = Annotated[int, Field(description="1-based line number in that file.")]
NextCursor = Annotated[
    str | None, Field(description="Pass as `cursor` to get the next page; null on the last page.")
]


def default_field(factory: Callable[[], Any], description: str) -> Any:
    """A field that defaults to a fresh `factory()`: an empty sub-model the caller fills in."""
    return Field(default_factory=factory, description=description)


def list_field(description: str) -> Any:
    """A list field that defaults to empty (a fresh list per instance)."""
    return default_field(list, description)


def build_from(model: type[M], source: object, **values: Any) -> M:
    """A `model` whose fields take the values of the same-named fields of `source` (a
    pydantic model or a dataclass), except those given in `values`."""
    if isinstance(source, BaseModel):
        names = set(type(source).model_fields)
    else:
        names = {f.name for f in dataclasses.fields(source)}  # type: ignore[arg-type]
    shared = {n: getattr(source, n) for n in model.model_fields if n in names and n not in values}
    return model(**shared, **values)


class IntegrationRef(BaseModel):
    """Which integration a result row is about, as the scan names it."""

    id: str = Field(description="Integration id, as in scan_integrations.")
    name: str = Field(description="Display name.")
    category: str = Field(description="Category from the scan.")
