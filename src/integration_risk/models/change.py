"""What a change since a git ref touches: integrations added, removed or changed."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from integration_risk.models.fields import IntegrationRef, RepoFile, list_field


class ChangedFile(BaseModel):
    path: RepoFile
    status: Literal["added", "modified", "deleted"] = Field(
        description="added, modified or deleted since the merge base (a rename is both)."
    )


class ChangedIntegration(IntegrationRef):
    """One integration the change touches, with the evidence that moved."""

    evidence: list[str] = list_field(
        "Evidence on changed lines: '+path:line kind: snippet' (head side) or "
        "'-path:line kind: snippet' (base side)."
    )
    via_modules: list[str] = list_field(
        "Changed files that reach its evidence through imports (changed only)."
    )
    reason: str = Field(
        description="Why it is listed: new evidence, evidence gone, evidence lines changed, "
        "code in a file holding its evidence changed, or a module reaching it changed."
    )


class ComparedRefs(BaseModel):
    """What a change scope compares: the base ref, the merge base, and HEAD."""

    base: str = Field(description="The base ref as given.")
    base_commit: str = Field(description="The commit the ref names.")
    merge_base: str = Field(description="Common ancestor of base and HEAD the diff starts from.")
    head: str = Field(description="Branch name, or 'HEAD (detached)'.")
    head_commit: str = Field(description="HEAD's commit.")


class ChangeScope(ComparedRefs):
    """The pre-mortem scope: start with `inspect_first`, stay inside these integrations."""

    include_uncommitted: bool = Field(
        description="True when staged, unstaged and untracked files count as part of the change."
    )
    files_changed: int = Field(description="Files changed under the path since the merge base.")
    files: list[ChangedFile] = list_field("Changed files (first ones when there are many).")
    added: list[ChangedIntegration] = list_field("Integrations the change introduces.")
    removed: list[ChangedIntegration] = list_field("Integrations the change removes.")
    changed: list[ChangedIntegration] = list_field(
        "Integrations present before and after whose evidence lines or reaching "
        "modules changed; evidence changes first."
    )
    inspect_first: list[str] = list_field(
        "Call sites to read first: 'path:line id kind: snippet' on changed lines."
    )
    notes: list[str] = list_field("Caveats (shallow clone, files too many to list).")
