"""Small fixture trees written by the scan tests, and the scan they read back."""

from __future__ import annotations

from pathlib import Path

from integration_risk import api
from integration_risk.models.scan import Integration
from integration_risk.scan.findings import Finding


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def scan(root: Path) -> dict[str, Integration]:
    """Every integration of `root` by id, with all its evidence, cache bypassed."""
    result = api.scan(root, ".", evidence_per_integration=-1, use_cache=False)
    return {i.id: i for i in result.integrations}


class Group:
    """What `merge_features.fold_features` reads of a merge group: its (path, finding) items
    and aliases."""

    def __init__(self, *items: tuple[str, Finding]) -> None:
        self.items = list(items)
        self.aliases: set[str] = set()


def data_call(line: int) -> Finding:
    """An HTTP call to a URL from data at `line`."""
    return Finding(provider="", kind="call", line=line, snippet="get(url)")
