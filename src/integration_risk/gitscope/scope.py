"""What a change since a ref touches: integrations added, removed, changed; where to look.

Head = the working tree (with uncommitted changes) or HEAD; base = the merge base
of the ref and HEAD. Integrations are compared at the scan's default confidence;
evidence "moved" when it sits on a changed line (head side: added or modified
lines; base side: removed lines) or in a file added or deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from integration_risk.catalog.constants import DEFAULT_MIN_CONFIDENCE as THRESHOLD
from integration_risk.catalog.constants import criticality
from integration_risk.catalog.index import catalog_index
from integration_risk.gitscope.repo import Diff, GitRepo
from integration_risk.gitscope.trees import Findings, swap_in_commit
from integration_risk.models.change import (
    ChangedFile,
    ChangedIntegration,
    ChangeScope,
    ComparedRefs,
)
from integration_risk.models.scan import Evidence, Integration
from integration_risk.scan.declared_vendor import declared_vendor_dirs
from integration_risk.scan.engine import scan_tree
from integration_risk.scan.merge import KIND_ORDER, merge_findings
from integration_risk.scan.report import project_names
from integration_risk.scan.walk import WalkResult, walk_tree

Progress = Callable[[int, int], None]
MAX_FILES_LISTED = 50
MAX_EVIDENCE = 8
MAX_VIA = 5
MAX_INSPECT = 12
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
HOLDING = "code in a file holding its evidence changed"
REACHING = "a module reaching it changed"
_CALL_KINDS = frozenset({"client", "sdk-service", "import", "url", "scheme", "env"})


def change_scope(
    root: Path,
    start: Path,
    base: str,
    *,
    include_uncommitted: bool = True,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> ChangeScope:
    repo = GitRepo(start)
    try:
        return _scope(repo, root, start, base, include_uncommitted, use_cache, progress)
    finally:
        repo.close()


def _scope(
    repo: GitRepo,
    root: Path,
    start: Path,
    base: str,
    include_uncommitted: bool,
    use_cache: bool,
    progress: Progress | None,
) -> ChangeScope:
    notes: list[str] = []
    refs = _compared(repo, base, notes)
    merge_base, head_commit = refs.merge_base, refs.head_commit
    diff = repo.diff(merge_base, None if include_uncommitted else "HEAD", include_uncommitted)
    prefix = "" if start == root else start.relative_to(root).as_posix() + "/"
    to_root = {path: prefix + path for path in diff.status}

    index = catalog_index()
    walked = walk_tree(root, start)
    # a package deleted from a manifest's vendor-dir is not on disk for the walk to skip
    vendored = frozenset(declared_vendor_dirs((f.relpath, f.abspath) for f in walked.files))
    head_raw = scan_tree(
        root, start, use_cache=use_cache, progress=progress, walked=walked
    ).findings
    if not include_uncommitted:
        dirty = {path: prefix + path for path in repo.dirty()}
        head_raw = swap_in_commit(head_raw, repo, head_commit, dirty, index, root, vendored)
        notes.append("uncommitted changes ignored: head is the HEAD commit")
    base_raw = swap_in_commit(head_raw, repo, merge_base, to_root, index, root, vendored)
    names = project_names(root)
    head = {i.id: i for i in merge_findings(head_raw, index, names)}
    before = {i.id: i for i in merge_findings(base_raw, index, names)}

    rooted = _rooted(diff, prefix)
    added, removed, changed = _classify(head, before, rooted)
    _add_reaching(root, start, walked, head, before, rooted, changed, use_cache)
    files = [
        ChangedFile(path=to_root[p], status=s)  # type: ignore[arg-type]
        for p, s in sorted(diff.status.items())
    ]
    if len(files) > MAX_FILES_LISTED:
        notes.append(f"{len(files)} files changed; the first {MAX_FILES_LISTED} are listed")
    return ChangeScope(
        **dict(refs),
        include_uncommitted=include_uncommitted,
        files_changed=len(files),
        files=files[:MAX_FILES_LISTED],
        added=added,
        removed=removed,
        changed=changed,
        inspect_first=_inspect_first(head, rooted, [*added, *changed]),
        notes=notes,
    )


def _compared(repo: GitRepo, base: str, notes: list[str]) -> ComparedRefs:
    """The base commit, HEAD and their merge base (the base itself, with a note, when
    they share no ancestor)."""
    base_commit = repo.resolve(base)
    head, head_commit = repo.head()
    merge_base = repo.merge_base(base_commit, head_commit)
    if merge_base is None:
        shallow = repo.is_shallow()
        notes.append(
            "no common ancestor of the base and HEAD"
            + (" in this shallow clone (fetch more history for an exact diff)" if shallow else "")
            + ": compared against the base commit itself"
        )
        merge_base = base_commit
    return ComparedRefs(
        base=base,
        base_commit=base_commit,
        merge_base=merge_base,
        head=head,
        head_commit=head_commit,
    )


class _Rooted:
    """The diff with root-relative paths."""

    def __init__(
        self, status: dict[str, str], new: dict[str, set[int]], old: dict[str, set[int]]
    ) -> None:
        self.status, self.new, self.old = status, new, old

    def on_head(self, e: Evidence) -> bool:
        status = self.status.get(e.path)
        return status == "added" or (status == "modified" and e.line in self.new.get(e.path, ()))

    def on_base(self, e: Evidence) -> bool:
        status = self.status.get(e.path)
        return status == "deleted" or (status == "modified" and e.line in self.old.get(e.path, ()))


def _rooted(diff: Diff, prefix: str) -> _Rooted:
    return _Rooted(
        {prefix + p: s for p, s in diff.status.items()},
        {prefix + p: lines for p, lines in diff.new_lines.items()},
        {prefix + p: lines for p, lines in diff.old_lines.items()},
    )


def _moved(integration: Integration | None, rooted: _Rooted, side: str) -> list[str]:
    if integration is None:
        return []
    test = rooted.on_head if side == "+" else rooted.on_base
    return [
        f"{side}{e.path}:{e.line} {e.kind}: {e.snippet}" for e in integration.evidence if test(e)
    ]


def _item(integration: Integration, evidence: list[str], reason: str) -> ChangedIntegration:
    return ChangedIntegration(
        id=integration.id,
        name=integration.name,
        category=integration.category,
        evidence=evidence[:MAX_EVIDENCE],
        reason=reason,
    )


def _classify(
    head: dict[str, Integration], before: dict[str, Integration], rooted: _Rooted
) -> tuple[list[ChangedIntegration], list[ChangedIntegration], list[ChangedIntegration]]:
    added: list[ChangedIntegration] = []
    removed: list[ChangedIntegration] = []
    changed: list[ChangedIntegration] = []
    for ident, now in head.items():
        was = before.get(ident)
        if now.confidence >= THRESHOLD and (was is None or was.confidence < THRESHOLD):
            added.append(_item(now, _moved(now, rooted, "+"), "new evidence"))
        elif now.confidence >= THRESHOLD:
            moved = _moved(now, rooted, "+") + _moved(was, rooted, "-")
            if moved:
                changed.append(_item(now, moved, "evidence lines changed"))
    for ident, was in before.items():
        now_or_none = head.get(ident)
        if was.confidence >= THRESHOLD and (
            now_or_none is None or now_or_none.confidence < THRESHOLD
        ):
            removed.append(_item(was, _moved(was, rooted, "-"), "evidence gone"))
    order = lambda item: (-criticality(item.category), item.id)  # noqa: E731
    return sorted(added, key=order), sorted(removed, key=order), sorted(changed, key=order)


def _add_reaching(
    root: Path,
    start: Path,
    walked: WalkResult,
    head: dict[str, Integration],
    before: dict[str, Integration],
    rooted: _Rooted,
    changed: list[ChangedIntegration],
    use_cache: bool,
) -> None:
    """Integrations whose evidence did not move but a changed module imports their code."""
    from integration_risk.graph.build import build_module_graph
    from integration_risk.graph.reach import compute_reach
    from integration_risk.graph.report import code_evidence

    listed = {c.id for c in changed}
    candidates = [
        i
        for ident, i in head.items()
        if ident in before and ident not in listed and i.confidence >= THRESHOLD
    ]
    changed_code = [p for p, s in rooted.status.items() if s != "deleted"]
    if not candidates or not changed_code:
        return
    graph = build_module_graph(root, start, use_cache=use_cache, walked=walked)
    touched = [p for p in changed_code if p in graph.files]
    if not touched:
        return
    reach = compute_reach(graph, code_evidence(graph, candidates))
    extra: list[ChangedIntegration] = []
    for integration in candidates:
        found = reach[integration.id]
        via = [p for p in touched if p in found.reaching]
        if not via:
            continue
        # Files holding its evidence first: a change there sits next to the calls.
        holding = [p for p in via if p in found.evidence]
        item = _item(integration, [], HOLDING if holding else REACHING)
        item.via_modules = [*holding, *(p for p in via if p not in holding)][:MAX_VIA]
        extra.append(item)
    extra.sort(key=lambda c: (c.reason != HOLDING, -criticality(c.category), c.id))
    changed.extend(extra)


def _inspect_first(
    head: dict[str, Integration], rooted: _Rooted, items: list[ChangedIntegration]
) -> list[str]:
    ranked: list[tuple[int, int, str]] = []
    for item in items:
        integration = head[item.id]
        for e in integration.evidence:
            if e.kind in _CALL_KINDS and rooted.on_head(e):
                rank = (-criticality(integration.category), _KIND_RANK.get(e.kind, 99))
                ranked.append((*rank, f"{e.path}:{e.line} {item.id} {e.kind}: {e.snippet}"))
    seen: set[str] = set()
    result: list[str] = []
    for _, _, line in sorted(ranked):
        if line not in seen:
            seen.add(line)
            result.append(line)
    return result[:MAX_INSPECT]


__all__ = ["Findings", "change_scope"]
