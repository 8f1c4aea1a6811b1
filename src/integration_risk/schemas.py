"""The one JSON Schema generator: every checked-in `schemas/*.schema.json` comes from here.

`SCHEMA_MODELS` is the registry, schema file name -> the pydantic model that is the
document's source of truth; adding a document format is one line there, then
`integration-risk schemas write` writes the file, `tests/test_schemas.py` fails when
a checked-in copy drifts from its model, and `schema_problems` validates a document
against it (the glossary store uses it to name what is wrong in a damaged file).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from pydantic import BaseModel

from integration_risk.models.failure import FailureAnalysis
from integration_risk.models.glossary import GlossaryDocument
from integration_risk.models.report import RiskReport

DRAFT = "https://json-schema.org/draft/2020-12/schema"

SCHEMA_MODELS: dict[str, type[BaseModel]] = {  # the registry: one line per document format
    "glossary.schema.json": GlossaryDocument,
    "risk-report.schema.json": RiskReport,
    "failure-analysis.schema.json": FailureAnalysis,
}


def schema_of(name: str) -> dict[str, Any]:
    """The JSON Schema document for one checked-in schema file name."""
    schema = SCHEMA_MODELS[name].model_json_schema()
    return {"$schema": DRAFT, "$id": name, **schema}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """(Re)write every schema file into `directory`; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_MODELS:
        path = directory / name
        path.write_text(render(schema_of(name)), encoding="utf-8")
        written.append(path)
    return written


def drifted_schemas(directory: Path) -> list[str]:
    """Names of schema files in `directory` that are missing or differ from the models."""
    drifted = []
    for name in SCHEMA_MODELS:
        path = directory / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != render(schema_of(name)):
            drifted.append(name)
    return drifted


@cache
def validator(name: str) -> Draft202012Validator:
    schema = schema_of(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(name: str, document: object, limit: int = 20) -> list[str]:
    """Schema violations of `document`, each as 'location: message', most relevant first."""
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.absolute_path))
    problems = []
    for error in errors[:limit]:
        where = ".".join(str(part) for part in error.absolute_path) or "(top level)"
        problems.append(f"{where}: {error.message}")
    return problems
