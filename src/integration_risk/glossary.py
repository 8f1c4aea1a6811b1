"""The shared glossary store: `.claude/memory/glossary.json` of a project root."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from integration_risk.errors import CorruptFile
from integration_risk.models.glossary import GlossaryEntry, GlossaryView
from integration_risk.paths import memory_dir, relative_to_root

GLOSSARY_NAME = "glossary.json"


def glossary_path(root: Path) -> Path:
    return memory_dir(root) / GLOSSARY_NAME


def load_document(path: Path) -> dict[str, Any]:
    """The whole glossary document; `{}` when the file is absent."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError as exc:
        raise CorruptFile(
            f"{path} is not UTF-8 text (byte {exc.start})",
            "fix or move the file aside; it was left untouched",
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorruptFile(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            "fix the file by hand or run `integration-risk glossary repair`; it was left untouched",
        ) from None
    if not isinstance(document, dict):
        raise CorruptFile(
            f"{path} must hold a JSON object at the top level, found {type(document).__name__}",
            "fix the file by hand or run `integration-risk glossary repair`",
        )
    return document


def read_glossary(root: Path) -> GlossaryView:
    path = glossary_path(root)
    document = load_document(path)
    section = document.get("integrations", {})
    if not isinstance(section, dict):
        raise CorruptFile(
            f"{path}: 'integrations' must be an object, found {type(section).__name__}",
            "fix the file by hand or run `integration-risk glossary repair`",
        )
    entries: dict[str, GlossaryEntry] = {}
    for key, value in section.items():
        try:
            entries[key] = GlossaryEntry.model_validate(value)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(entry)"
            raise CorruptFile(
                f"{path}: integrations.{key}.{where}: {first['msg']}",
                "fix that entry; the file was left untouched",
            ) from None
    return GlossaryView(
        path=relative_to_root(root, path),
        exists=path.exists(),
        integrations=entries,
        other_sections=sorted(k for k in document if k != "integrations"),
    )
