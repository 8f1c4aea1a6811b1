"""The last answer about an unchanged tree, given again without building it.

A re-scan of a tree nobody touched gives the same answer: the same walked files with
the same stats, the same catalog, the same code and the same question (the options).
So the CLI keeps its last answer per root and question, stamped with a fingerprint of
all of these, and when the fingerprint still matches it prints that answer: a stat walk
plus one cache read. Extraction results, the merge and the pydantic models are not
loaded at all. Any change to a walked file's size or mtime, to the set of files, to the
catalog or to this package's code gives a new fingerprint, and the answer is built
again. The per-file scan cache makes the same bet on size and mtime.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integration_risk.catalog.constants import catalog_version
from integration_risk.filecache import cache_path, code_version, read_cache, write_cache
from integration_risk.scan.walk import WalkResult, walk_tree

KEEP_QUESTIONS = 8  # answers kept per root (most recent first)


def fingerprint(walked: WalkResult, question: str) -> str:
    """Everything the answer depends on, hashed: the question, the code, the catalog and
    each walked file's path, size and mtime, with the walk's skip counts."""
    digest = hashlib.blake2b(digest_size=16)
    head = [
        question,
        code_version(),
        catalog_version(),
        walked.ignored,
        sorted(walked.skipped.items()),
    ]
    digest.update(json.dumps(head).encode())
    for item in sorted(walked.files, key=lambda f: f.relpath):
        digest.update(f"\0{item.relpath}\0{item.size}\0{item.mtime_ns}".encode())
    return digest.hexdigest()


@dataclass
class AnswerCache:
    """One root's kept answers (read once, when opened); `walked` is the fresh walk the
    lookup is made with, None when no answer to the question is kept (nothing to
    compare: the scan walks, and tells `walked_by_scan`)."""

    path: Path
    question: str
    walked: WalkResult | None
    fingerprint: str
    kept: dict[str, Any]

    @classmethod
    def open(cls, root: Path, start: Path, question: dict[str, Any]) -> AnswerCache:
        text = json.dumps({"start": str(start), **question}, sort_keys=True)
        path = cache_path(root, "scan", "answers")
        kept = read_cache(path, code_version())
        if text not in kept:
            return cls(path, text, None, "", kept)
        walked = walk_tree(root, start, use_cache=True)
        return cls(path, text, walked, fingerprint(walked, text), kept)

    def walked_by_scan(self, walked: WalkResult) -> None:
        """The walk the scan made itself: the answer's fingerprint is of it."""
        self.walked, self.fingerprint = walked, fingerprint(walked, self.question)

    def lookup(self, began: float) -> dict[str, Any] | None:
        """The kept answer when nothing it depends on changed, with this run's timing;
        `began` is when the run started (`time.perf_counter()`)."""
        kept = self.kept.get(self.question)
        if (
            self.walked is None
            or not isinstance(kept, dict)
            or kept.get("fingerprint") != self.fingerprint
        ):
            return None
        answer = kept.get("answer")
        if not isinstance(answer, dict) or not isinstance(answer.get("summary"), dict):
            return None
        summary = answer["summary"]
        summary["cache_hits"] = summary.get("files_scanned", 0)  # every file came from cache
        summary["seconds"] = round(time.perf_counter() - began, 3)
        return answer

    def store(self, answer: dict[str, Any]) -> None:
        """Keep `answer` first, with the most recent others. The file as read at `open`:
        an answer another process wrote meanwhile may be dropped, which costs a rebuild.
        Nothing is kept without a walk to fingerprint it."""
        if self.walked is None:
            return
        others = [(q, a) for q, a in self.kept.items() if q != self.question]
        entries = [(self.question, {"fingerprint": self.fingerprint, "answer": answer})]
        entries += others[: KEEP_QUESTIONS - 1]
        write_cache(self.path, code_version(), dict(entries))
