"""Per-file cache of graph facts on the one per-file cache (`filecache`).

One JSON file per root under the user cache dir, stamped with a hash of the
graph package's own source and data so any change to an extractor invalidates it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from integration_risk.filecache import FileCache, cache_path, code_version
from integration_risk.graph.facts import FileFacts

VERSION = code_version()  # the graph's facts hold masked snippets, language names...


def _encode(facts: FileFacts) -> Any:
    return facts.to_json()


class GraphFactsCache(FileCache[FileFacts]):
    def __init__(self, root: Path, enabled: bool = True) -> None:
        super().__init__(cache_path(root, "graph"), VERSION, _encode, FileFacts.from_json, enabled)
