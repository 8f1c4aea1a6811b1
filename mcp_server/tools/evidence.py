"""Evidence tools: scan the tree, grep one integration, read env files safely."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from pydantic import Field

from integration_risk import api
from integration_risk.catalog.constants import DEFAULT_MIN_CONFIDENCE
from integration_risk.models.env import EnvReport
from integration_risk.models.grep import GrepResult
from integration_risk.models.scan import ScanResult
from mcp_server.app import READ_ONLY, tool
from mcp_server.params import (
    ConfidenceParam,
    CursorParam,
    OneIntegrationParam,
    PathParam,
    page_size,
)
from mcp_server.root import in_project


@tool(READ_ONLY)
async def scan_integrations(
    ctx: Context[Any, Any],
    path: PathParam = ".",
    categories: Annotated[
        list[str] | None,
        Field(description="Only these categories, e.g. ['database', 'payment']. Omit for all."),
    ] = None,
    min_confidence: ConfidenceParam = DEFAULT_MIN_CONFIDENCE,
    evidence_per_integration: Annotated[
        int, Field(description="File:line evidence items per integration.", ge=0, le=20)
    ] = 3,
    cursor: CursorParam = None,
    limit: Annotated[int, page_size("Integrations per page.", 200)] = 15,
    full_evidence: Annotated[
        bool,
        Field(
            description="False (default): evidence as compact 'path:line kind: snippet' strings "
            "in `where`. True: evidence objects with whole snippets."
        ),
    ] = False,
) -> ScanResult:
    """List the external systems this codebase talks to (databases, caches, queues,
    payment, email, SMS, auth, AI and other HTTP APIs, storage, webhooks, telemetry),
    most confident first, each with category, evidence kinds and file:line evidence.
    The first ones come in detail, every other one by id in `more`; pass next_cursor for
    their evidence. Next: grep_integrations(<id>) for
    every place one integration appears, read_env_files for its configuration."""
    return await in_project(
        ctx,
        lambda root, report: api.scan(
            root,
            path,
            categories=categories,
            min_confidence=min_confidence,
            evidence_per_integration=evidence_per_integration,
            cursor=cursor,
            limit=limit,
            compact=not full_evidence,
            progress=report,
        ),
    )


@tool(READ_ONLY)
async def grep_integrations(
    ctx: Context[Any, Any],
    provider_or_pattern: Annotated[
        str,
        Field(
            description="A provider id from scan_integrations (e.g. 'stripe', 'redis', or a host) or a regex."
        ),
    ],
    path: PathParam = ".",
    glob: Annotated[
        str | None,
        Field(
            description="Only files whose path matches this gitignore-style pattern: '*.ts' at "
            "any depth, 'src/*.ts' directly in src/, 'src/**/*.ts' anywhere below src/."
        ),
    ] = None,
    context_lines: Annotated[
        int, Field(description="Lines of context around each match (0-10).", ge=0, le=10)
    ] = 0,
    cursor: CursorParam = None,
    limit: Annotated[int, page_size("Matches per page.", 500)] = 50,
) -> GrepResult:
    """Find every place one integration appears (by provider id: imports, clients,
    manifests, env reads, URLs, infra) or every line matching a regex, as file:line with
    a masked snippet. Gitignore-aware, paged. A regex only matches what stays visible
    after masking (env-file values, credentials and secret-like values never match).
    Use it after scan_integrations to see all call sites of one integration."""
    return await in_project(
        ctx,
        lambda root, _: api.grep(
            root,
            provider_or_pattern,
            path,
            glob=glob,
            context_lines=context_lines,
            cursor=cursor,
            limit=limit,
        ),
    )


@tool(READ_ONLY)
async def read_env_files(
    ctx: Context[Any, Any],
    path: PathParam = ".",
    provider: OneIntegrationParam = None,
    files: Annotated[
        list[str] | None,
        Field(description="Read only these env files (paths relative to the project root)."),
    ] = None,
    limit: Annotated[int, page_size("Keys and unresolved reads per page.", 500)] = 20,
    cursor: CursorParam = None,
) -> EnvReport:
    """Read the project's env configuration safely, INSTEAD of cat/grep on .env files
    (which would put live secrets in the transcript). Finds .env, .env.*, *.env,
    docker-compose environment/env_file, Kubernetes ConfigMap/Secret, Helm `env:`,
    Procfile and systemd Environment= under `path` (or only `files`, paths relative
    to the project root). For each key: where it is defined (path:line), the value's
    kind and safe shape (URLs keep scheme/host/port/database, never credentials;
    secrets show only a length class and format), placeholder flag, provider guess
    and how often code reads it. Also lists used_but_undefined, defined_but_unused
    and drift between env files and their .env.example. No secret value is ever
    returned; do not try to read the files another way."""
    return await in_project(
        ctx,
        lambda root, _: api.read_env_files(
            root, path, files, provider=provider, limit=limit, cursor=cursor
        ),
    )
