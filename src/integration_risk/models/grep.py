"""What `grep_integrations` returns."""

from __future__ import annotations

from pydantic import BaseModel, Field

from integration_risk.models.fields import LineNumber, NextCursor, RepoFile, list_field


class GrepMatch(BaseModel):
    path: RepoFile
    line: LineNumber
    kind: str = Field(
        description="Evidence kind for a provider search (import, url, env, ...); 'match' for a regex."
    )
    snippet: str = Field(
        description="The matching line, trimmed; credentials and secret-like values masked."
    )
    context: list[str] = list_field("Lines around the match (context_lines > 0), masked alike.")


class GrepResult(BaseModel):
    query: str = Field(description="The provider id or regex searched for.")
    mode: str = Field(
        description="'provider' when the query named a catalog provider or scanned integration, else 'regex'."
    )
    matches: list[GrepMatch] = Field(description="Matches on this page, by path then line.")
    total: int = Field(description="Total matches found.")
    files_searched: int = Field(description="Files searched.")
    truncated_lines: int = Field(
        default=0, description="Lines over the length bound that were searched only in part."
    )
    next_cursor: NextCursor = None
