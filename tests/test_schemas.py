"""The checked-in JSON Schemas are generated from the models and agree with them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from integration_risk.models.glossary import GlossaryDocument
from integration_risk.schemas import SCHEMA_MODELS, drifted_schemas, schema_problems

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"


def test_checked_in_schemas_match_the_models() -> None:
    assert drifted_schemas(SCHEMAS_DIR) == [], "run `integration-risk schemas write`"
    for name in SCHEMA_MODELS:
        assert json.loads((SCHEMAS_DIR / name).read_text("utf-8"))["$id"] == name


def test_drift_is_detected(tmp_path: Path) -> None:
    for name in SCHEMA_MODELS:
        (tmp_path / name).write_text((SCHEMAS_DIR / name).read_text("utf-8"), "utf-8")
    assert drifted_schemas(tmp_path) == []
    text = (SCHEMAS_DIR / "glossary.schema.json").read_text("utf-8")
    (tmp_path / "glossary.schema.json").write_text(text.replace("Kind of", "Sort of"), "utf-8")
    (tmp_path / "risk-report.schema.json").unlink()
    assert drifted_schemas(tmp_path) == ["glossary.schema.json", "risk-report.schema.json"]


def _model_accepts(document: Any) -> bool:
    try:
        GlossaryDocument.model_validate(document, strict=True)
    except ValidationError:
        return False
    return True


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
fields = st.sampled_from(
    [
        "canonical_name",
        "type",
        "risk_level",
        "aliases",
        "evidence",
        "risk_history",
        "set_by",
        "discovered_by",
        "x-extra",
    ]
)
entries = st.dictionaries(fields, json_values | st.text(max_size=5), max_size=4)
documents = st.fixed_dictionaries(
    {"integrations": st.dictionaries(st.text(max_size=4), entries, max_size=3) | json_values}
) | st.dictionaries(st.text(max_size=4), json_values, max_size=3)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(documents)
def test_pydantic_fast_path_and_jsonschema_agree(document: Any) -> None:
    assert _model_accepts(document) == (schema_problems("glossary.schema.json", document) == [])


@pytest.mark.parametrize(
    "entry",
    [
        {"risk_history": [{"level": "high", "by": "a", "at": "t"}]},
        {"risk_history": [{"level": None, "previous": None, "by": "a", "at": "t", "why": 1}]},
        {"set_by": {"type": "agent-b"}, "x": [1, {"y": None}]},
    ],
)
def test_valid_entries(entry: dict[str, Any]) -> None:
    document = {"integrations": {"K": entry}}
    assert _model_accepts(document) and schema_problems("glossary.schema.json", document) == []
