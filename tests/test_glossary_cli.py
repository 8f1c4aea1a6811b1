"""`integration-risk glossary show|upsert|validate|repair` and `schemas write|check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from integration_risk.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_upsert_show_validate(tmp_path: Path) -> None:
    entries = tmp_path / "entries.json"
    entries.write_text(
        json.dumps(
            {
                "StripePayment": {
                    "canonical_name": "Stripe Payment Gateway",
                    "risk_level": "critical",
                },
                "stripe": {"evidence": ["app/pay.py:3"]},
            }
        ),
        encoding="utf-8",
    )
    code, out = run(
        "glossary", "upsert", "--agent", "mapper", "--file", str(entries), "--root", str(tmp_path)
    )
    assert code == 0, out
    result = json.loads(out)
    assert result["created"] == ["StripePayment"] and result["matched"] == {
        "stripe": "StripePayment"
    }
    code, out = run("glossary", "show", "--root", str(tmp_path), "--key", "STRIPE")
    assert code == 0 and json.loads(out)["integrations"]["StripePayment"]["evidence"] == [
        "app/pay.py:3"
    ]
    code, out = run("glossary", "validate", "--root", str(tmp_path))
    assert code == 0 and json.loads(out)["valid"] is True


def test_per_entry_upsert_to_explicit_file(tmp_path: Path) -> None:
    entries = tmp_path / "entries.json"
    entries.write_text(json.dumps({f"Sys{i}": {"type": "db"} for i in range(3)}), "utf-8")
    target = tmp_path / "g.json"
    code, out = run(
        "glossary",
        "upsert",
        "--agent",
        "a",
        "--file",
        str(entries),
        "--glossary",
        str(target),
        "--per-entry",
    )
    assert code == 0, out
    assert json.loads(out)["created"] == ["Sys0", "Sys1", "Sys2"]
    assert list(json.loads(target.read_text("utf-8"))["integrations"]) == ["Sys0", "Sys1", "Sys2"]


def test_invalid_glossary_fails_validate_and_upsert_then_repair(tmp_path: Path) -> None:
    target = tmp_path / "g.json"
    target.write_text('{"integrations": {"A": {"type": 1}}}', "utf-8")
    code, out = run("glossary", "validate", "--glossary", str(target))
    assert code == 1 and "integrations.A.type" in json.loads(out)["problems"][0]
    entries = tmp_path / "e.json"
    entries.write_text('{"B": {"type": "db"}}', "utf-8")
    code, out = run(
        "glossary", "upsert", "--agent", "a", "--file", str(entries), "--glossary", str(target)
    )
    assert code == 2 and "does not match the glossary schema" in out
    code, out = run("glossary", "repair", "--glossary", str(target))
    assert code == 0 and json.loads(out)["repaired"] is True
    code, _ = run("glossary", "validate", "--glossary", str(target))
    assert code == 0


@pytest.mark.parametrize("content", ["[1]", "{not json"])
def test_bad_entries_file_is_a_one_line_error(tmp_path: Path, content: str) -> None:
    entries = tmp_path / "e.json"
    entries.write_text(content, "utf-8")
    code, out = run(
        "glossary", "upsert", "--agent", "a", "--file", str(entries), "--root", str(tmp_path)
    )
    assert code == 2 and "e.json" in out


def test_schemas_write_then_check(tmp_path: Path) -> None:
    code, _ = run("schemas", "check", "--dir", str(tmp_path))
    assert code == 1
    code, _ = run("schemas", "write", "--dir", str(tmp_path))
    assert code == 0
    code, _ = run("schemas", "check", "--dir", str(tmp_path))
    assert code == 0
