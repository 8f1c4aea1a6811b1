"""Schema of one provider file (`catalog/providers/<id>.toml`).

Matching semantics, so a provider file can be written without reading code:
- `packages.<ecosystem>`: dependency names, compared case-insensitively. A name
  also matches deeper paths after a separator (`/`, `.`, `:`), so
  `github.com/aws/aws-sdk-go-v2/service/s3` covers `.../s3/types`.
- `imports.<language>`: imported module names, same prefix rule
  (`google.cloud.storage` covers `google.cloud.storage.blob`).
- `classes`: distinctive client class or constructor names (`PrismaClient`,
  `S3Client`), matched as whole identifiers followed by `(` or `{`. An entry that
  starts lowercase is a framework method that calls the provider without a client
  of its own (Laravel's `Password::min(8)->uncompromised()`), matched when called as
  a member (`.`, `->` or `::` before it, `(` after it).
- `env.names` exact variable names; `env.prefixes` name prefixes (`STRIPE_`).
- `hosts`: host names; each matches itself and any subdomain.
- `schemes`: URL schemes (`postgres`, `amqps`).
- `images`: docker image names without registry or tag (`postgres`, `bitnami/redis`).
- `terraform`: resource type prefixes (`aws_s3_bucket`, `google_pubsub_`).
- `boto3`: AWS service names passed to `boto3.client("...")`/`resource("...")`.
- `programs`: command-line programs (lowercase) that reach the provider when run
  (`apprise`, `yt-dlp`), matched as the quoted name code runs or looks up:
  `System.cmd("x"`, `shutil.which("x")`, `exec.LookPath("x")`, `Command::new("x")`,
  `subprocess.run(["x"`, `Process.Start("x"`, `new ProcessBuilder("x"`.
- `keywords`: rare, distinctive words (lowercase) whose presence inside code
  identifiers is weak evidence (`webhook` for outgoing webhooks). Use sparingly:
  only for generic protocols that have no package or host of their own.
- `examples`: snippets that must be detected as this provider; `also` lists
  other provider ids the same snippet may legitimately detect.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from integration_risk.catalog.constants import CATEGORIES, ECOSYSTEMS, LANGUAGES, Category

__all__ = ["CATEGORIES", "ECOSYSTEMS", "LANGUAGES", "Catalog", "Provider"]


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Names = tuple[str, ...]


def _known_keys(table: dict[str, Names], allowed: tuple[str, ...], what: str) -> dict[str, Names]:
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(unknown)}; use some of: {', '.join(allowed)}")
    return table


class EnvVars(_Strict):
    names: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()


class Example(_Strict):
    file: str
    text: str
    also: tuple[str, ...] = ()


class Provider(_Strict):
    id: str
    name: str
    category: Category
    aliases: tuple[str, ...] = ()
    packages: dict[str, Names] = Field(
        default_factory=dict, description="ecosystem -> names (maven: group:artifact or prefix)"
    )
    imports: dict[str, Names] = Field(
        default_factory=dict, description="language -> modules (java: Java and Kotlin packages)"
    )
    classes: tuple[str, ...] = ()
    env: EnvVars = EnvVars()
    hosts: tuple[str, ...] = ()
    schemes: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    terraform: tuple[str, ...] = ()
    boto3: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    examples: tuple[Example, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id {value!r} must be a lowercase slug like 'aws-s3'")
        return value

    @field_validator("packages")
    @classmethod
    def _ecosystems(cls, value: dict[str, Names]) -> dict[str, Names]:
        return _known_keys(value, ECOSYSTEMS, "ecosystem")

    @field_validator("imports")
    @classmethod
    def _languages(cls, value: dict[str, Names]) -> dict[str, Names]:
        return _known_keys(value, LANGUAGES, "language")


class Catalog(BaseModel):
    """All providers, by id, plus the catalog version used to key caches."""

    model_config = ConfigDict(frozen=True)

    providers: dict[str, Provider]
    version: str
