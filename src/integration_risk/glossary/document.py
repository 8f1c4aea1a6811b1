"""The glossary file as a document: parse, check against the schema, dump.

A file that is not valid JSON or breaks the schema raises `CorruptFile`
naming the problem and where it is; nothing here writes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from integration_risk.errors import CorruptFile
from integration_risk.models.glossary import GlossaryDocument
from integration_risk.schemas import schema_problems

GLOSSARY_NAME = "glossary.json"
SCHEMA_NAME = "glossary.schema.json"
SECTION = "integrations"
REPAIR_HINT = (
    "fix it by hand (schema: schemas/glossary.schema.json) or run `integration-risk glossary "
    "repair`, which keeps a timestamped backup and the valid part; the file was left untouched"
)
# Built once: json.dumps would rebuild an encoder for each of thousands of entries.
# check_circular=False skips the cycle bookkeeping (parsed JSON has no cycles).
_encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(", ", ": "))
_encode = _encoder.encode


class _EntryMemo:
    """Per-process memo of entries already validated, reused while an entry is unchanged.

    Every upsert re-reads the whole file; entries other writers did not touch
    compare equal (a C-speed dict comparison) to the last ones seen here, so
    validating them again is skipped. Parsed entries are never mutated
    (`merge` copies what it changes), so holding them is safe.
    """

    def __init__(self) -> None:
        self._seen: dict[str, Any] = {}

    def known(self, key: str, entry: Any) -> bool:
        # == is enough for validity: nothing but a str equals a str, None equals only None.
        return key in self._seen and self._seen[key] == entry

    def put(self, key: str, entry: Any) -> None:
        if len(self._seen) > 50_000:
            self._seen.clear()
        self._seen[key] = entry


_valid_entries = _EntryMemo()


def _entries_valid(document: dict[str, Any]) -> bool:
    """The document matches the model; entries validated earlier in this process are skipped."""
    section = document.get(SECTION)
    if not isinstance(section, dict):
        return SECTION not in document
    fresh = {k: v for k, v in section.items() if not _valid_entries.known(k, v)}
    try:
        GlossaryDocument.model_validate({SECTION: fresh}, strict=True)
    except ValidationError:
        return False
    for key, entry in fresh.items():
        _valid_entries.put(key, entry)
    return True


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse(text: str, shown: str) -> Any:
    """JSON text to a value (NaN and Infinity refused), or `CorruptFile` saying where."""
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
    document = parse(text, shown)
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
        head = "  " + _encode(name) + ": "
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


def entries_of(document: Mapping[str, Any]) -> dict[str, Any]:
    """The `integrations` section (a copy), `{}` when absent or not an object."""
    section = document.get(SECTION)
    return dict(section) if isinstance(section, dict) else {}
