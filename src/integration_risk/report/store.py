"""Where reports go and how they are written.

Both files of a report (Markdown and JSON sidecar) are written with the
project's one atomic writer while holding a lock, so a reader never sees a torn
file and two writers never interleave. The risk report has one fixed name; a
pre-mortem is `PRE_MORTEM_<slug>` and never replaces another analysis: when the
name is taken by a different analysis, the next free `<slug>-2`, `-3`... is used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from integration_risk.atomic import atomic_write
from integration_risk.glossary.lock import locked
from integration_risk.paths import confine, memory_dir

RISK_REPORT_STEM = "INTEGRATION_RISK_ANALYSIS"
PRE_MORTEM_PREFIX = "PRE_MORTEM_"
MAX_SLUG = 60


@dataclass(frozen=True)
class Written:
    markdown: Path
    sidecar: Path
    bytes: int
    replaced: bool


def integrations_dir(root: Path) -> Path:
    """`.claude/memory/integrations` of the root, refusing a `.claude` symlinked outside."""
    return confine(root, memory_dir(root) / "integrations")


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:MAX_SLUG].rstrip("-")


def _fingerprint(data: dict[str, Any]) -> str:
    """Content identity of an analysis, ignoring when it was written."""
    copy = json.loads(json.dumps(data))
    copy.get("metadata", {}).pop("generated_at", None)
    return json.dumps(copy, sort_keys=True)


def _existing(sidecar: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_pair(stem: Path, markdown: str, data: dict[str, Any]) -> tuple[Path, Path, int]:
    md, sidecar = stem.with_suffix(".md"), stem.with_suffix(".json")
    body = markdown.encode("utf-8")
    # Sidecar first: a Markdown file always has its data beside it.
    atomic_write(sidecar, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())
    atomic_write(md, body)
    return md, sidecar, len(body)


def write_risk_report(directory: Path, markdown: str, data: dict[str, Any]) -> Written:
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / RISK_REPORT_STEM
    with locked(stem):
        replaced = stem.with_suffix(".md").exists()
        md, sidecar, size = _write_pair(stem, markdown, data)
    return Written(md, sidecar, size, replaced)


def write_pre_mortem(
    directory: Path, slug: str, render: Any, data: dict[str, Any]
) -> tuple[Written, str]:
    """Write under the first free (or identical) name; `render(title)` gives the Markdown.
    Returns what was written and the slug used."""
    directory.mkdir(parents=True, exist_ok=True)
    wanted = _fingerprint(data)
    with locked(directory / PRE_MORTEM_PREFIX.rstrip("_")):
        n = 1
        while True:
            name = slug if n == 1 else f"{slug}-{n}"
            stem = directory / f"{PRE_MORTEM_PREFIX}{name}"
            sidecar = stem.with_suffix(".json")
            taken = sidecar.exists() or stem.with_suffix(".md").exists()
            existing = _existing(sidecar) if taken else None
            if not taken or (existing is not None and _fingerprint(existing) == wanted):
                md, side, size = _write_pair(stem, render(name), data)
                return Written(md, side, size, taken), name
            n += 1
