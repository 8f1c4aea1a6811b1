"""The shared glossary file `.claude/memory/glossary.json`.

The seed format is `{"integrations": {"<Key>": {canonical_name, type,
discovered_by, risk_level, failure_impact}}}`; other agents may add sections
and fields we do not know, so every model here keeps extra keys. The JSON
Schema checked in as `schemas/glossary.schema.json` is generated from
`GlossaryDocument` (see `integration_risk.schemas`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from integration_risk.models.fields import list_field


class GlossaryEntryInput(BaseModel):
    """The fields an agent may set when it upserts an entry (unknown extra fields are kept)."""

    model_config = ConfigDict(extra="allow")

    canonical_name: str | None = Field(
        default=None, description="Human name of the system, e.g. 'Stripe Payment Gateway'."
    )
    type: str | None = Field(
        default=None, description="Kind of integration, e.g. external-api, database, cache, queue."
    )
    risk_level: str | None = Field(default=None, description="critical, high, medium or low.")
    failure_impact: str | None = Field(
        default=None, description="What breaks for users when this integration fails."
    )
    aliases: list[str] | None = Field(
        default=None,
        description="Other names of the same system (e.g. 'stripe', 'StripePayment'); used to "
        "match entries so one system never gets two keys.",
    )
    category: str | None = Field(
        default=None, description="Catalog category, e.g. payment, database, cache, email."
    )
    evidence: list[str] | None = Field(
        default=None, description="Where the integration shows in the code, as 'path:line'."
    )

    @model_serializer(mode="wrap")
    def _without_nulls(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Unset fields stay out of tool results: the model reads every byte of them.
        dumped: dict[str, Any] = handler(self)
        return {k: v for k, v in dumped.items() if v is not None}


class RiskChange(BaseModel):
    """One change of `risk_level`, appended by `update_glossary`."""

    model_config = ConfigDict(extra="allow")

    level: str | None = Field(description="risk_level after the change.")
    previous: str | None = Field(default=None, description="risk_level before the change.")
    by: str = Field(description="Agent that made the change.")
    at: str = Field(description="When, ISO 8601 UTC (e.g. 2025-01-31T12:00:00Z).")


class GlossaryEntry(GlossaryEntryInput):
    """One integration as the agents that share this project name it.

    The provenance fields below are maintained by `update_glossary`; values
    given for them in an upsert are ignored.
    """

    discovered_by: str | None = Field(
        default=None, description="Name of the agent that first recorded this entry."
    )
    updated_at: str | None = Field(
        default=None, description="Last change by update_glossary, ISO 8601 UTC."
    )
    updated_by: str | None = Field(default=None, description="Agent that made the last change.")
    risk_history: list[RiskChange] | None = Field(
        default=None, description="Every change of risk_level, oldest first."
    )
    set_by: dict[str, str] | None = Field(
        default=None,
        description="Owner of each field set by an agent other than discovered_by; a field "
        "not listed belongs to discovered_by. Only a field's owner may change its value.",
    )


class GlossaryDocument(BaseModel):
    """The whole glossary file: `integrations` plus any sections other agents keep."""

    model_config = ConfigDict(extra="allow", title="Shared glossary (.claude/memory/glossary.json)")

    integrations: dict[str, GlossaryEntry] = Field(
        default_factory=dict,
        description="Integration entries by key (e.g. 'StripePayment'); other top-level "
        "sections belong to other agents and are preserved as they are.",
    )


class GlossaryView(BaseModel):
    """What `read_glossary` returns."""

    path: str = Field(description="Glossary path relative to the project root.")
    exists: bool = Field(description="False when the file does not exist yet (empty glossary).")
    integrations: dict[str, GlossaryEntry] = Field(
        default_factory=dict,
        description="Entries of the `integrations` section by key (only the matched one when a "
        "key was asked for; empty when another section was asked for).",
    )
    other_sections: list[str] = list_field(
        "Names of other top-level sections (owned by other agents; preserved)."
    )
    sections: dict[str, Any] = Field(
        default_factory=dict,
        description="Content of the non-integrations section that was asked for, by name.",
    )
    matched: str | None = Field(
        default=None,
        description="For a key query: the glossary key it matched (by key, alias or canonical "
        "name, ignoring case and punctuation), or null when nothing matched.",
    )

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class GlossaryConflict(BaseModel):
    """A proposed value that was not applied because another agent owns the field."""

    key: str = Field(description="Glossary key of the entry.")
    field: str = Field(description="Field name, or '(identity)' for an ambiguous match.")
    owner: str | None = Field(default=None, description="Agent that owns the current value.")
    current: Any = Field(default=None, description="Value kept in the glossary.")
    proposed: Any = Field(default=None, description="Value you proposed (not applied).")
    note: str = Field(description="What happened and what you can do.")


class GlossaryUpdate(BaseModel):
    """What `update_glossary` returns."""

    path: str = Field(description="Glossary path relative to the project root.")
    created: list[str] = list_field("Keys of new entries.")
    updated: list[str] = list_field("Keys of changed entries.")
    unchanged: list[str] = list_field("Keys whose entry already said everything proposed.")
    matched: dict[str, str] = Field(
        default_factory=dict,
        description="Your key -> the existing key it was merged into, when they differ "
        "(matched by alias or canonical name). Use the existing key from now on.",
    )
    conflicts: list[GlossaryConflict] = list_field("Values kept because another agent owns them.")
    total_entries: int = Field(description="Entries in the integrations section afterwards.")

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class GlossaryCheck(BaseModel):
    """What `validate_glossary` returns."""

    path: str = Field(description="Glossary path (relative to the project root when inside).")
    exists: bool = Field(description="False when the file does not exist (valid, empty).")
    valid: bool = Field(description="True when the file parses and matches the schema.")
    entries: int = Field(default=0, description="Entries in the integrations section.")
    problems: list[str] = list_field("Each problem with its location; empty when valid.")

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class GlossaryRepair(BaseModel):
    """What `repair_glossary` returns."""

    path: str = Field(description="Glossary path (relative to the project root when inside).")
    repaired: bool = Field(description="False when the file was valid or absent (left as is).")
    backup: str | None = Field(
        default=None, description="Where the damaged file was moved, when it was repaired."
    )
    recovered_entries: int = Field(default=0, description="Integration entries kept.")
    recovered_sections: list[str] = list_field("Top-level sections kept.")
    dropped: list[str] = list_field("What could not be recovered, with the reason.")

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)
