"""The shared glossary store: `.claude/memory/glossary.json` of a project root.

Readers take no lock: writers replace the file atomically (`atomic`), so a
reader sees one complete version. Writers hold the lock file beside the
target for the whole read-modify-write (`lock`), so concurrent upserts from
any number of processes serialize and none is lost. A file that is not valid
JSON or breaks the schema is never overwritten: every operation but `repair`
stops with a `CorruptFile` naming the problem and where it is; `repair` keeps
a timestamped copy and rewrites the file from what it can recover
(`recover`). The merge rules live in `merge`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from integration_risk.atomic import atomic_write
from integration_risk.errors import CorruptFile, InvalidInput
from integration_risk.glossary.document import (
    GLOSSARY_NAME,
    SCHEMA_NAME,
    SECTION,
    dump_document,
    entries_of,
    load_document,
    parse,
    utc_now,
)
from integration_risk.glossary.lock import locked
from integration_risk.glossary.merge import NameIndex, merge
from integration_risk.glossary.recover import salvage
from integration_risk.models.glossary import (
    GlossaryCheck,
    GlossaryEntry,
    GlossaryEntryInput,
    GlossaryRepair,
    GlossaryUpdate,
    GlossaryView,
)
from integration_risk.paths import confine, memory_dir, relative_to_root
from integration_risk.schemas import schema_problems


def glossary_path(root: Path) -> Path:
    """The default glossary of `root`, refusing a `.claude` symlinked out of the root."""
    return confine(root, memory_dir(root) / GLOSSARY_NAME)


def read_view(
    path: Path, shown: str, section: str | None = None, key: str | None = None
) -> GlossaryView:
    """The glossary, or one section of it, or the entry a key/alias/name matches."""
    document = load_document(path, shown)
    entries = entries_of(document)
    others = [name for name in document if name != SECTION]
    view = GlossaryView(path=shown, exists=path.exists(), other_sections=others)
    if section not in (None, SECTION):
        assert section is not None
        value = document.get(section)
        if key is not None:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            view.sections = {section: value}
        return view
    if key is not None:
        matches = NameIndex(entries).lookup(key, {})
        if not matches:
            return view
        entries = {matches[0]: entries[matches[0]]}
        view.matched = matches[0]
    view.integrations = {k: GlossaryEntry.model_validate(v) for k, v in entries.items()}
    return view


def _proposals(entries: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Validated proposals as plain JSON (nulls dropped: null means 'no value')."""
    if not entries:
        raise InvalidInput("no entries to upsert", 'pass {"Key": {"canonical_name": ...}, ...}')
    proposals: dict[str, dict[str, Any]] = {}
    for key, raw in entries.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidInput(f"entry key {key!r} is empty", "give every entry a name as its key")
        try:
            entry = (
                raw
                if isinstance(raw, GlossaryEntryInput)
                else GlossaryEntryInput.model_validate(raw, strict=True)
            )
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(entry)"
            raise InvalidInput(
                f"entry {key!r}: {where}: {first['msg']}",
                "fields are strings except aliases and evidence (lists of strings)",
            ) from None
        proposals[key.strip()] = entry.model_dump(mode="json", exclude_none=True)
    return proposals


def upsert(
    path: Path,
    shown: str,
    entries: Mapping[str, Any],
    agent: str,
    now: str | None = None,
    *,
    per_entry: bool = False,
) -> GlossaryUpdate:
    """Merge `entries` proposed by `agent` into the glossary under the writer lock;
    `per_entry` takes the lock and writes once per entry, reported as one result."""
    if per_entry and len(entries) > 1:
        return combine_updates(
            upsert(path, shown, {key: value}, agent, now) for key, value in entries.items()
        )
    agent = agent.strip() if isinstance(agent, str) else ""
    if not agent:
        raise InvalidInput("discovered_by (the agent name) is empty", "pass your agent's name")
    proposals = _proposals(entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        document = load_document(path, shown)
        merged, outcome = merge(document, proposals, agent, now or utc_now())
        if merged != document:
            atomic_write(path, dump_document(merged))
    return GlossaryUpdate(
        path=shown,
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        matched=outcome.matched,
        conflicts=outcome.conflicts,
        total_entries=len(entries_of(merged)),
    )


def combine_updates(results: Iterable[GlossaryUpdate]) -> GlossaryUpdate:
    """Several upsert results as one: counts added, keys listed once in first-seen order,
    path and total from the last."""
    total = GlossaryUpdate(path="", total_entries=0)
    for result in results:
        total.path, total.total_entries = result.path, result.total_entries
        total.created += result.created
        total.updated += [k for k in result.updated if k not in total.updated]
        total.unchanged += [k for k in result.unchanged if k not in total.unchanged]
        total.matched.update(result.matched)
        total.conflicts += result.conflicts
    return total


def check(path: Path, shown: str) -> GlossaryCheck:
    """Every schema problem of the file (read-only; an absent file is valid and empty)."""
    if not path.exists():
        return GlossaryCheck(path=shown, exists=False, valid=True)
    try:
        document = parse(path.read_bytes().decode("utf-8"), shown)
    except UnicodeDecodeError as exc:
        return GlossaryCheck(
            path=shown, exists=True, valid=False, problems=[f"not UTF-8 text (byte {exc.start})"]
        )
    except CorruptFile as exc:
        return GlossaryCheck(path=shown, exists=True, valid=False, problems=[exc.message])
    problems = schema_problems(SCHEMA_NAME, document, limit=100)
    return GlossaryCheck(
        path=shown,
        exists=True,
        valid=not problems,
        entries=len(entries_of(document)) if isinstance(document, dict) else 0,
        problems=problems,
    )


def _backup_path(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    return candidate


def _recover(text: str) -> tuple[dict[str, Any], list[str]]:
    """The recoverable part as a schema-valid document, and what was dropped."""
    found = salvage(text)
    document, dropped = found.document, list(found.dropped)
    section = document.get(SECTION)
    if section is not None and not isinstance(section, dict):
        dropped.append(f"{SECTION}: not an object ({type(section).__name__})")
        section = None
    if isinstance(section, dict):
        kept = {}
        for key, entry in section.items():
            problems = schema_problems(SCHEMA_NAME, {SECTION: {key: entry}})
            if problems:
                dropped.append(f"entry {problems[0]}")
            else:
                kept[key] = entry
        document[SECTION] = kept
    else:
        document.pop(SECTION, None)
    return document, dropped


def repair(path: Path, shown: str) -> GlossaryRepair:
    """Back up a damaged glossary and rewrite it from its valid part (no-op when valid)."""
    if not path.exists():
        return GlossaryRepair(path=shown, repaired=False)
    with locked(path):
        try:
            document = load_document(path, shown)
        except CorruptFile:
            pass
        else:
            return GlossaryRepair(
                path=shown,
                repaired=False,
                recovered_entries=len(entries_of(document)),
                recovered_sections=list(document),
            )
        raw = path.read_bytes()
        recovered, dropped = _recover(raw.decode("utf-8", errors="replace"))
        backup = _backup_path(path)
        try:  # a hard link keeps the damaged bytes while the target is replaced atomically
            os.link(path, backup)
        except OSError:
            shutil.copy2(path, backup)
        atomic_write(path, dump_document(recovered))
    return GlossaryRepair(
        path=shown,
        repaired=True,
        backup=backup.name,
        recovered_entries=len(entries_of(recovered)),
        recovered_sections=list(recovered),
        dropped=dropped,
    )


def read_glossary(root: Path) -> GlossaryView:
    """The whole glossary of a resolved project root (kept for older callers)."""
    path = glossary_path(root)
    return read_view(path, relative_to_root(root, path))
