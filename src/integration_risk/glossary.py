"""The shared glossary store: `.claude/memory/glossary.json` of a project root.

Readers take no lock: writers replace the file atomically (`atomic`), so a
reader sees one complete version. Writers hold the lock file beside the
target for the whole read-modify-write, so concurrent upserts from any number
of processes serialize and none is lost. A file that is not valid JSON or
breaks the schema is never overwritten: every operation but `repair` stops
with a `CorruptFile` naming the problem and where it is; `repair` keeps a
timestamped copy and rewrites the file from what it can recover. The merge
rules live in `glossary_merge`.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from integration_risk.atomic import atomic_write, locked
from integration_risk.errors import CorruptFile, InvalidInput
from integration_risk.glossary_merge import NameIndex, merge
from integration_risk.glossary_recover import salvage
from integration_risk.models.glossary import (
    GlossaryCheck,
    GlossaryDocument,
    GlossaryEntry,
    GlossaryEntryInput,
    GlossaryRepair,
    GlossaryUpdate,
    GlossaryView,
)
from integration_risk.paths import confine, memory_dir, relative_to_root
from integration_risk.schemas import schema_problems

GLOSSARY_NAME = "glossary.json"
SCHEMA_NAME = "glossary.schema.json"
SECTION = "integrations"
REPAIR_HINT = (
    "fix it by hand (schema: schemas/glossary.schema.json) or run `integration-risk glossary "
    "repair`, which keeps a timestamped backup and the valid part; the file was left untouched"
)
_encoder = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


class _EntryMemo:
    """Per-process memo of entries already validated, reused while an entry is unchanged.

    Every upsert re-reads the whole file; entries other writers did not touch
    compare equal (a C-speed dict comparison) to the last ones seen here, so
    validating them again is skipped. Parsed entries are never mutated
    (`merge` copies what it changes), so holding them is safe.
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple[Any, str]] = {}

    def get(self, key: str, entry: Any) -> str | None:
        hit = self._seen.get(key)
        # == is enough for validity: nothing but a str equals a str, None equals only None.
        return hit[1] if hit is not None and hit[0] == entry else None

    def put(self, key: str, entry: Any, value: str) -> None:
        if len(self._seen) > 50_000:
            self._seen.clear()
        self._seen[key] = (entry, value)


_valid_entries = _EntryMemo()


def _entries_valid(document: dict[str, Any]) -> bool:
    """The document matches the model; entries validated earlier in this process are skipped."""
    section = document.get(SECTION)
    if not isinstance(section, dict):
        return SECTION not in document
    fresh = {k: v for k, v in section.items() if _valid_entries.get(k, v) is None}
    try:
        GlossaryDocument.model_validate({SECTION: fresh}, strict=True)
    except ValidationError:
        return False
    for key, entry in fresh.items():
        _valid_entries.put(key, entry, "")
    return True


def _reject(value: object) -> Any:
    raise TypeError(f"{type(value).__name__} is not JSON")


# The C encoder built once: json.dumps would rebuild it for each of thousands of entries.
_c_encode = (
    json.encoder.c_make_encoder(  # type: ignore[attr-defined]
        None, _reject, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )
    if json.encoder.c_make_encoder is not None  # type: ignore[attr-defined]
    else None
)


def _encode(value: Any) -> str:
    return "".join(_c_encode(value, 0)) if _c_encode is not None else _encoder.encode(value)


def glossary_path(root: Path) -> Path:
    """The default glossary of `root`, refusing a `.claude` symlinked out of the root."""
    return confine(root, memory_dir(root) / GLOSSARY_NAME)


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _parse(text: str, shown: str) -> Any:
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise CorruptFile(
            f"{shown} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            REPAIR_HINT,
        ) from None
    except ValueError as exc:
        raise CorruptFile(f"{shown} is not valid JSON: {exc}", REPAIR_HINT) from None


def load_document(path: Path, shown: str | None = None) -> dict[str, Any]:
    """The whole document, parsed and checked against the schema; `{}` when absent."""
    shown = shown or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise CorruptFile(f"{shown} is not UTF-8 text (byte {exc.start})", REPAIR_HINT) from None
    document = _parse(text, shown)
    if not isinstance(document, dict):
        raise CorruptFile(
            f"{shown} must hold a JSON object at the top level, found {type(document).__name__}",
            REPAIR_HINT,
        )
    # pydantic is the fast check (the schema is generated from this model) and
    # jsonschema names the problems when there are any.
    if not _entries_valid(document):
        problems = schema_problems(SCHEMA_NAME, document) or ["does not match the model"]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CorruptFile(
            f"{shown} does not match the glossary schema at {problems[0]}{more}", REPAIR_HINT
        ) from None
    return document


def dump_document(document: Mapping[str, Any]) -> bytes:
    """Pretty JSON with one line per integration entry (readable, diffable, fast)."""
    parts = []
    for name, value in document.items():
        head = "  " + _encoder.encode(name) + ": "
        if name == SECTION and isinstance(value, dict) and value:
            lines = ",\n".join(
                "    " + _encode(key) + ": " + _encode(entry) for key, entry in value.items()
            )
            parts.append(head + "{\n" + lines + "\n  }")
        else:
            nested = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
            parts.append(head + nested)
    body = "{\n" + ",\n".join(parts) + "\n}\n" if parts else "{}\n"
    return body.encode("utf-8")


def _entries(document: Mapping[str, Any]) -> dict[str, Any]:
    section = document.get(SECTION)
    return dict(section) if isinstance(section, dict) else {}


def read_view(
    path: Path, shown: str, section: str | None = None, key: str | None = None
) -> GlossaryView:
    """The glossary, or one section of it, or the entry a key/alias/name matches."""
    document = load_document(path, shown)
    entries = _entries(document)
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
) -> GlossaryUpdate:
    """Merge `entries` proposed by `agent` into the glossary under the writer lock."""
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
        total_entries=len(_entries(merged)),
    )


def check(path: Path, shown: str) -> GlossaryCheck:
    """Every schema problem of the file (read-only; an absent file is valid and empty)."""
    if not path.exists():
        return GlossaryCheck(path=shown, exists=False, valid=True)
    try:
        document = _parse(path.read_bytes().decode("utf-8"), shown)
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
        entries=len(_entries(document)) if isinstance(document, dict) else 0,
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
                recovered_entries=len(_entries(document)),
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
        recovered_entries=len(_entries(recovered)),
        recovered_sections=list(recovered),
        dropped=dropped,
    )


def read_glossary(root: Path) -> GlossaryView:
    """The whole glossary of a resolved project root (kept for older callers)."""
    path = glossary_path(root)
    return read_view(path, relative_to_root(root, path))
