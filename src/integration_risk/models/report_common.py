"""Building blocks shared by the risk report and the failure analysis.

Every field description is written for the model that fills the report: it
reads them in the input schema of `write_risk_report` / `write_failure_analysis`.
Models forbid unknown fields, so a misspelt field comes back as an error the
model can fix instead of silently vanishing from the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

L = TypeVar("L", bound=str)
Priority = Literal["critical", "high", "medium", "low"]
Level = Literal["high", "medium", "low"]
Status = Literal["good", "warning", "bad", "unknown", "n/a"]
# A required priority or level field says no more than its allowed values.
PriorityValue = Annotated[Priority, Field(description="critical, high, medium or low.")]
LevelValue = Annotated[Level, Field(description="high, medium or low.")]

LOCATION_PATTERN = r"^[^\s:][^:]*:[1-9][0-9]*(-[1-9][0-9]*)?$"
Location = Annotated[
    str,
    StringConstraints(pattern=LOCATION_PATTERN, strip_whitespace=True),
    Field(
        description="A place in the code as 'path:line' (or 'path:first-last'), path relative "
        "to the project root, e.g. 'src/pay.py:42'. Copy it from tool evidence; never guess.",
    ),
]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
# The metadata fields every delivered document has; each document sets its own default author.
DiscoveredBy = Annotated[
    Text, Field(description="Your agent name; recorded as provenance in the shared glossary.")
]
GeneratedAt = Annotated[
    str | None, Field(description="ISO 8601 UTC time; filled in by the writer when omitted.")
]
ScoreValue = Annotated[int, Field(ge=1, le=10)]
# What a fix costs and what it buys: a mitigation and a plan item say it alike.
Effort = Annotated[str | None, Field(description="Estimate, e.g. '4 hours', '1 day'.")]
RiskFrom = Annotated[ScoreValue | None, Field(description="Risk score today (1-10).")]
RiskTo = Annotated[ScoreValue | None, Field(description="Risk score after the fix (1-10).")]


def _drop_property_titles(schema: dict[str, Any]) -> None:
    # Titles repeat the field names: the model reads the schema, so every byte costs.
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)


class Strict(BaseModel):
    """Unknown fields are errors: the model learns the right name instead of losing data."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_drop_property_titles)


class Score(Strict):
    """A 1-10 score and why."""

    score: ScoreValue = Field(description="1 (lowest) to 10 (highest).")
    reason: Text = Field(description="One sentence that justifies the score from evidence.")


class CodeExample(Strict):
    """A code block: an excerpt of this codebase or a suggested fix."""

    code: Text = Field(description="The code, a few lines; no secrets.")
    language: str = Field(
        default="", description="Fence language, e.g. 'python', 'typescript'; empty for none."
    )
    location: Location | None = Field(
        default=None, description="Where the excerpt comes from ('path:line'); omit for new code."
    )
    note: str | None = Field(
        default=None, description="What the code shows, e.g. 'no retry, error swallowed'."
    )


class CodeReference(Strict):
    """A pointer into this codebase with what it illustrates."""

    location: Location
    note: Text = Field(description="What is good or bad there, e.g. 'cache falls back to DB'.")


class Finding(Strict):
    """One observation with a verdict, rendered as a good / warning / bad bullet."""

    status: Literal["good", "warning", "bad"] = Field(
        description="good (✅), warning (⚠️) or bad (❌)."
    )
    text: Text = Field(description="The observation, e.g. 'connection pooling via Prisma'.")


def band(score: float, floors: Sequence[tuple[float, L]], lowest: L) -> L:
    """The label of the first (floor, label) whose floor `score` reaches, highest first."""
    return next((label for floor, label in floors if score >= floor), lowest)


LEVEL_FLOORS: tuple[tuple[float, Priority], ...] = ((9, "critical"), (7, "high"), (4, "medium"))


def level_of(score: int) -> Priority:
    """Criticality level of a 1-10 score: 9-10 critical, 7-8 high, 4-6 medium, 1-3 low."""
    return band(score, LEVEL_FLOORS, "low")
