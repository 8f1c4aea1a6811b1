"""Tool parameters written once so they read the same everywhere: those several tools
share, and the scan's confidence threshold (its default is the library's)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, PlainValidator
from pydantic.fields import FieldInfo

PathParam = Annotated[str, Field(description="Directory to look in, relative to the project root.")]
AnalysedPathParam = Annotated[
    str, Field(description="Directory to analyse, relative to the project root.")
]
OneIntegrationParam = Annotated[
    str | None,
    Field(
        description="Only this integration id (from scan_integrations, e.g. 'stripe' or "
        "'postgresql'); omit for all."
    ),
]
ConfidenceParam = Annotated[
    float,
    Field(
        description="Drop integrations below this confidence (0-1). Test-only ones score at most 0.25.",
        ge=0,
        le=1,
    ),
]
CursorParam = Annotated[
    str | None,
    Field(description="next_cursor from the previous page; omit for the first page."),
]


def page_size(description: str, most: int) -> Any:
    """The `Field` of a page-size parameter: `limit: Annotated[int, page_size(...)] = 20`."""
    return Field(description=description, ge=1, le=most)


def library_validated(model: type[BaseModel], description: str) -> tuple[PlainValidator, FieldInfo]:
    """The metadata of a document argument the library validates itself:
    `Annotated[dict[str, Any], *library_validated(RiskReport, "...")]`.

    The input schema shows the whole model (so the agent reads every field description),
    but the document reaches the library as the plain dict it was: the library's own
    validation answers with one short line per bad field (JSON path, problem, allowed
    values) instead of the SDK's generic error text.
    """
    return PlainValidator(_unchanged, json_schema_input_type=model), Field(description=description)


def _unchanged(value: Any) -> Any:
    return value
