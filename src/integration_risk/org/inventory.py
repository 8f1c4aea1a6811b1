"""The organisation inventory: a set of repository results and the views derived from it.

Merging is a union of results keyed by path, with a commutative tie-break, so any order
and any grouping of partial inventories gives the same inventory (what a scheduler that
finishes tasks in any order needs).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from integration_risk.models.org import OrgIntegration, RepoResult, RepoSpof
from integration_risk.org.criticality import SPOF_THRESHOLD, criticality


def _preferred(a: RepoResult, b: RepoResult) -> RepoResult:
    """The same repository reported twice: a success beats a failure, then a fixed order."""
    rank_a = (a.error is None, a.model_dump_json())
    rank_b = (b.error is None, b.model_dump_json())
    return a if rank_a >= rank_b else b


@dataclass
class Inventory:
    repos: dict[str, RepoResult] = field(default_factory=dict)

    @classmethod
    def of(cls, results: Iterable[RepoResult]) -> Inventory:
        inventory = cls()
        for result in results:
            inventory.add(result)
        return inventory

    def add(self, result: RepoResult) -> None:
        known = self.repos.get(result.path)
        self.repos[result.path] = result if known is None else _preferred(known, result)

    def merge(self, other: Inventory) -> Inventory:
        merged = Inventory(dict(self.repos))
        for result in other.repos.values():
            merged.add(result)
        return merged

    def integrations(self) -> list[OrgIntegration]:
        """Every integration with the repositories using it, most widely used first."""
        uses: dict[str, list[tuple[str, int, float]]] = defaultdict(list)
        names: dict[str, tuple[str, str]] = {}
        for path, result in self.repos.items():
            for found in result.integrations:
                uses[found.id].append((path, found.evidence, found.confidence))
                names.setdefault(found.id, (found.name, found.category))
        rows = [
            OrgIntegration(
                id=ident,
                name=names[ident][0],
                category=names[ident][1],
                criticality=criticality(names[ident][1]),
                repos=sorted(p for p, _, _ in use),
                evidence=sum(e for _, e, _ in use),
                max_confidence=max(c for _, _, c in use),
            )
            for ident, use in uses.items()
        ]
        return sorted(rows, key=lambda r: (-len(r.repos), -r.criticality, r.id))

    def spofs(self) -> list[RepoSpof]:
        """Per repository, the critical-category integrations without a same-category peer."""
        rows = []
        for path, result in sorted(self.repos.items()):
            per_category = Counter(i.category for i in result.integrations)
            alone = sorted(
                i.id
                for i in result.integrations
                if criticality(i.category) >= SPOF_THRESHOLD and per_category[i.category] == 1
            )
            if alone:
                rows.append(RepoSpof(path=path, spofs=alone))
        return sorted(rows, key=lambda r: (-len(r.spofs), r.path))

    def as_json(self) -> dict[str, object]:
        """`inventory.json`: repos with their integration ids, and integration -> repos."""
        repos = [
            {
                "path": path,
                "source": result.source,
                "integrations": [i.id for i in result.integrations],
                "error": result.error,
                "files": result.files,
            }
            for path, result in sorted(self.repos.items())
        ]
        rows = self.integrations()
        return {
            "repos": repos,
            "integrations": {row.id: row.repos for row in sorted(rows, key=lambda r: r.id)},
            "details": {
                row.id: row.model_dump(exclude={"id", "repos"})
                for row in sorted(rows, key=lambda r: r.id)
            },
        }
