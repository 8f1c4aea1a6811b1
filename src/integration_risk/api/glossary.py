"""Glossary operations: read, upsert, validate and repair the shared glossary."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from integration_risk.paths import relative_to_root, resolve_root

if TYPE_CHECKING:  # jsonschema and filelock load when used
    from integration_risk.models.glossary import (
        GlossaryCheck,
        GlossaryEntryInput,
        GlossaryRepair,
        GlossaryUpdate,
        GlossaryView,
    )


def _glossary_target(root: str | Path, glossary_file: str | Path | None) -> tuple[Path, str]:
    """The glossary file and how to show it: `.claude/memory/glossary.json` of the root,
    or an explicit file (CLI `--glossary` only; the MCP tools never pass one)."""
    from integration_risk import glossary

    if glossary_file is not None:
        path = Path(glossary_file).expanduser().resolve()
        return path, str(glossary_file)
    base = resolve_root(root)
    path = glossary.glossary_path(base)
    return path, relative_to_root(base, path)


def read_glossary(
    root: str | Path,
    section: str | None = None,
    key: str | None = None,
    *,
    glossary_file: str | Path | None = None,
) -> GlossaryView:
    """The project's shared glossary (empty when the file does not exist yet); optionally
    one section, or the entry matching `key` by key, alias or canonical name."""
    from integration_risk import glossary

    path, shown = _glossary_target(root, glossary_file)
    return glossary.read_view(path, shown, section, key)


def update_glossary(
    root: str | Path,
    entries: Mapping[str, GlossaryEntryInput | Mapping[str, Any]],
    discovered_by: str,
    *,
    glossary_file: str | Path | None = None,
    per_entry: bool = False,
) -> GlossaryUpdate:
    """Upsert `entries` by agent `discovered_by` with the rules of `glossary.merge`;
    `per_entry` locks and writes once per entry instead of once for all."""
    from integration_risk import glossary

    path, shown = _glossary_target(root, glossary_file)
    return glossary.upsert(path, shown, entries, discovered_by, per_entry=per_entry)


def validate_glossary(
    root: str | Path, *, glossary_file: str | Path | None = None
) -> GlossaryCheck:
    """Every schema problem of the glossary file, with its location."""
    from integration_risk import glossary

    path, shown = _glossary_target(root, glossary_file)
    return glossary.check(path, shown)


def repair_glossary(root: str | Path, *, glossary_file: str | Path | None = None) -> GlossaryRepair:
    """Back up a damaged glossary and restart it from what can be recovered."""
    from integration_risk import glossary

    path, shown = _glossary_target(root, glossary_file)
    return glossary.repair(path, shown)
