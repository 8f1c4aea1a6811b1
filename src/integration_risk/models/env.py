"""What `read_env_files` returns: env keys with the *shape* of their values.

No model here has a field that can hold a raw value: only derived, safe data
(kind, length class, URL scheme/host/port/database, placeholder flag, and the
literal value for the few kinds that cannot be secret: booleans, small numbers,
plain words, paths and hosts under non-secret names). Empty fields are left out
of the JSON to keep results small.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from integration_risk.models.fields import RepoFile, list_field

ValueKind = Literal[
    "url",
    "secret",
    "token",
    "number",
    "boolean",
    "path",
    "email",
    "host",
    "empty",
    "placeholder",
    "reference",
    "text",
]
SourceKind = Literal[
    "dotenv",
    "compose",
    "k8s-configmap",
    "k8s-secret",
    "yaml-env",
    "helm",
    "procfile",
    "systemd",
]


class _Compact(BaseModel):
    """Drops None, False and empty list/dict fields from the JSON: the agent reads less."""

    @model_serializer(mode="wrap")
    def _compact(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        return {
            k: v for k, v in data.items() if v is not None and v is not False and v not in ([], {})
        }


class ValueShape(_Compact):
    """The safe shape of one value: never its characters unless the kind cannot be secret."""

    kind: ValueKind = Field(description="What the value is; secret and token values are redacted.")
    length: str | None = Field(
        default=None, description="Length class of a redacted value, e.g. '32-63' characters."
    )
    format: str | None = Field(
        default=None,
        description="Recognised format of a secret/token: pem-private-key, pem-certificate, jwt, "
        "service-account-json, json, base64, hex, uuid, or a known key family such as "
        "stripe-live-secret-key.",
    )
    value: str | None = Field(
        default=None,
        description="The literal value, only for kinds that cannot be secret (boolean, small "
        "number, plain word, path, host) under a non-secret key name.",
    )
    scheme: str | None = Field(default=None, description="URL scheme, e.g. postgres, https.")
    host: str | None = Field(default=None, description="URL or host value's host name(s).")
    port: int | None = Field(default=None, description="URL or host value's port.")
    database: str | None = Field(
        default=None, description="Database name (or vhost/index) of a database URL."
    )
    credentials: bool = Field(
        default=False, description="True when the URL embeds a user or password (never shown)."
    )
    query_keys: list[str] = list_field("Names of URL query parameters (values never shown).")
    options: dict[str, str] = Field(
        default_factory=dict,
        description="Harmless URL options with their values (sslmode, timeouts, pool sizes).",
    )
    references: list[str] = list_field("Other variables this value interpolates (${VAR}).")
    placeholder: bool = Field(
        default=False,
        description="True for template values (changeme, xxx, <...>, your-key-here, test keys).",
    )
    note: str | None = Field(default=None, description="Anything odd about the value.")


class EnvDefinition(ValueShape):
    """One place a key gets a value."""

    at: str = Field(description="path:line of the definition, relative to the project root.")
    source: SourceKind = Field(description="Kind of file that defines it.")


class EnvKey(_Compact):
    """One environment variable across all env files and code."""

    name: str = Field(description="Variable name.")
    provider: str | None = Field(
        default=None, description="Catalog provider id guessed from the name, URL host or scheme."
    )
    reads: int = Field(default=0, description="How many times code reads it.")
    first_read: str | None = Field(default=None, description="path:line of the first code read.")
    defined: list[EnvDefinition] = list_field("Every definition, in file order; the last wins.")


class EnvFile(_Compact):
    path: RepoFile
    source: SourceKind = Field(description="How it was parsed.")
    keys: int = Field(description="Number of keys it defines.")
    template: bool = Field(
        default=False, description="True for .env.example/.sample/.template/.dist files."
    )


class SkippedFile(_Compact):
    path: RepoFile
    reason: str = Field(description="Why it was not read.")


class EnvProblem(_Compact):
    at: str = Field(description="path:line (or path) of the problem.")
    message: str = Field(description="What is wrong; values are never quoted.")


class UndefinedRead(_Compact):
    name: str = Field(description="Variable read in code but defined in no env file.")
    reads: int = Field(description="How many times code reads it.")
    first_read: str = Field(description="path:line of the first read.")


class EnvDrift(_Compact):
    env_file: str = Field(description="A real env file, e.g. .env.production.")
    template: str = Field(description="The template it should match, e.g. .env.example.")
    missing_from_template: list[str] = list_field(
        "Keys in env_file that the template does not list."
    )
    missing_from_env: list[str] = list_field("Keys the template lists but env_file lacks.")


class EnvSummary(BaseModel):
    files: int = Field(description="Env files parsed.")
    keys: int = Field(description="Distinct keys defined.")
    secrets: int = Field(description="Keys with at least one secret or token value.")
    placeholders: int = Field(description="Keys with at least one placeholder value.")
    used_but_undefined: int = Field(description="Keys read in code, defined nowhere.")
    defined_but_unused: int = Field(description="Keys defined, never read in code.")
    drift: int = Field(description="Env files that drift from their template.")


class EnvReport(_Compact):
    """What `read_env_files` returns. Contains no secret values."""

    model_config = ConfigDict(json_schema_mode_override="validation")

    path: str = Field(description="Directory searched, relative to the project root.")
    summary: EnvSummary = Field(description="Counts.")
    files: list[EnvFile] = list_field("Env files parsed.")
    keys: list[EnvKey] = list_field("Keys, sorted by name.")
    used_but_undefined: list[UndefinedRead] = list_field(
        "Read in code but defined in no env file (ignores OS-provided names)."
    )
    defined_but_unused: list[str] = list_field("Defined in an env file but never read in code.")
    drift: list[EnvDrift] = list_field("Differences between env files and their templates.")
    problems: list[EnvProblem] = list_field("Parse errors and duplicate keys (no values quoted).")
    skipped: list[SkippedFile] = list_field("Candidate files not read, with the reason.")
    next_cursor: str | None = Field(
        default=None,
        description="More keys or unresolved reads remain: pass this as `cursor` for the next page.",
    )

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
