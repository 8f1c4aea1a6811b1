"""The shared glossary (`.claude/memory/glossary.json`): the one public surface.

Callers use `from integration_risk import glossary` and the names below.
Inside: `document` (parse, schema check, dump), `store` (read, upsert,
check, repair), `merge` (the merge rules, pure), `recover` (salvage a
damaged file), `lock` (the per-file writer lock). Writes go through
`integration_risk.atomic`.
"""

from __future__ import annotations

from integration_risk.glossary.document import (
    GLOSSARY_NAME,
    REPAIR_HINT,
    SCHEMA_NAME,
    SECTION,
    dump_document,
    entries_of,
    load_document,
    utc_now,
)
from integration_risk.glossary.lock import LockTimeout, locked
from integration_risk.glossary.merge import core, merge, normalized
from integration_risk.glossary.store import (
    check,
    combine_updates,
    glossary_path,
    read_glossary,
    read_view,
    repair,
    upsert,
)

__all__ = [
    "GLOSSARY_NAME",
    "REPAIR_HINT",
    "SCHEMA_NAME",
    "SECTION",
    "LockTimeout",
    "check",
    "combine_updates",
    "core",
    "dump_document",
    "entries_of",
    "glossary_path",
    "load_document",
    "locked",
    "merge",
    "normalized",
    "read_glossary",
    "read_view",
    "repair",
    "upsert",
    "utc_now",
]
