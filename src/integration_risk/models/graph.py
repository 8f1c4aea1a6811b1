"""What the integration graph reports: which entry points and modules reach each integration."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from integration_risk.models.fields import (
    IntegrationRef,
    LineNumber,
    NextCursor,
    RepoFile,
    list_field,
)

EntryKind = Literal["http", "cli", "worker", "scheduled"]
Layer = Literal["edge", "application", "data", "external"]


class EntryPoint(BaseModel):
    """One place where work enters the code: a route, a CLI main, a consumer, a job."""

    path: RepoFile
    line: LineNumber
    kind: EntryKind = Field(description="http, cli, worker (queue consumer) or scheduled.")
    framework: str = Field(description="What declared it: flask, express, spring, rails, ...")
    snippet: str = Field(description="The declaring line, trimmed.")


class UnknownEdge(BaseModel):
    """An import the graph could not follow: reachability through it is unknown."""

    path: RepoFile
    line: int = Field(description="1-based line of the import (0 for a cycle).")
    reason: Literal["dynamic", "unresolved", "cycle"] = Field(
        description="dynamic: computed import target; unresolved: a local-looking import "
        "with no file; cycle: modules importing each other (reachability still holds)."
    )
    detail: str = Field(description="The import text or the modules of the cycle.")


class IntegrationReach(IntegrationRef):
    """What reaches one integration through the import graph: its blast radius."""

    layer: Layer = Field(
        description="data (databases, caches, queues, storage, search) or external."
    )
    evidence_modules: int = Field(description="Source files that hold its code evidence.")
    modules_reaching: int = Field(
        description="Source files that import, directly or transitively, a file with its evidence."
    )
    entry_points: int = Field(description="Entry-point files that reach it.")
    entry_share: float = Field(
        description="Share (0-1) of all entry-point files that reach it: what fails with it."
    )
    entry_kinds: dict[str, int] = Field(
        default_factory=dict, description="Entry-point files reaching it, by kind."
    )
    top_entry_points: list[str] = list_field(
        "Some reaching entry points as 'path:line kind framework'."
    )
    example_path: list[str] = list_field(
        "One import chain from an entry point (first) to a file with evidence (last)."
    )
    cascade: list[str] = list_field(
        "Integrations sharing a call path with it (a module holds one and reaches "
        "the other, or holds both): cascade candidates when it fails."
    )
    manifest_only: bool = Field(
        default=False,
        description="True when no source file holds evidence (only manifests, config, infra).",
    )


class LayerSummary(BaseModel):
    layer: Layer = Field(description="edge, application, data or external.")
    modules: int = Field(description="Source files in this layer.")
    integrations: list[str] = list_field("Integration ids in this layer (data, external).")
    examples: list[str] = list_field("Some files in this layer.")


class GraphSummary(BaseModel):
    modules: int = Field(description="Source files in the graph.")
    edges: int = Field(description="Resolved import edges between them.")
    languages: dict[str, int] = Field(default_factory=dict, description="Source files by language.")
    entry_points: int = Field(description="Entry points found (declarations).")
    entry_files: int = Field(description="Files holding at least one entry point.")
    entry_kinds: dict[str, int] = Field(
        default_factory=dict, description="Entry-point declarations by kind."
    )
    unknown_edges: int = Field(description="Imports the graph could not follow.")
    unknown_by_reason: dict[str, int] = Field(
        default_factory=dict, description="Unknown edges by reason."
    )
    cycles: int = Field(description="Import cycles (groups of modules importing each other).")
    integrations: int = Field(description="Integrations in the graph before paging.")
    cache_hits: int = Field(default=0, description="Files whose import facts came from the cache.")
    seconds: float = Field(description="Wall time, scan included.")


class IntegrationGraph(BaseModel):
    """Blast radius per integration, most entry points affected first, plus layers."""

    integrations: list[IntegrationReach] = Field(
        description="Integrations on this page, widest blast radius first."
    )
    layers: list[LayerSummary] = list_field(
        "The tree split into edge, application, data, external."
    )
    entry_points: list[EntryPoint] = list_field(
        "Entry points (first page only, at most `limit`; the summary counts all)."
    )
    unknown_edges: list[UnknownEdge] = list_field("Some imports the graph could not follow.")
    summary: GraphSummary
    next_cursor: NextCursor = None
