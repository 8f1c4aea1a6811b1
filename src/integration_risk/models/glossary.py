"""The shared glossary file `.claude/memory/glossary.json`.

The seed format is `{"integrations": {"<Key>": {canonical_name, type,
discovered_by, risk_level, failure_impact}}}`; other agents may add sections
and fields we do not know, so every model here keeps extra keys.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class GlossaryEntry(BaseModel):
    """One integration as the agents that share this project name it."""

    model_config = ConfigDict(extra="allow")

    canonical_name: str | None = Field(
        default=None, description="Human name of the system, e.g. 'Stripe Payment Gateway'."
    )
    type: str | None = Field(
        default=None, description="Kind of integration, e.g. external-api, database, cache, queue."
    )
    discovered_by: str | None = Field(
        default=None, description="Name of the agent that first recorded this entry."
    )
    risk_level: str | None = Field(
        default=None, description="critical, high, medium or low."
    )
    failure_impact: str | None = Field(
        default=None, description="What breaks for users when this integration fails."
    )


class GlossaryView(BaseModel):
    """What `read_glossary` returns."""

    path: str = Field(description="Glossary path relative to the project root.")
    exists: bool = Field(description="False when the file does not exist yet (empty glossary).")
    integrations: dict[str, GlossaryEntry] = Field(
        default_factory=dict, description="Entries of the `integrations` section by key."
    )
    other_sections: list[str] = Field(
        default_factory=list,
        description="Names of other top-level sections (owned by other agents; preserved).",
    )

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)
