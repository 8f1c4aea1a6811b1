"""The glossary file: seed compatibility, validation errors, atomic writes, repair."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.errors import CorruptFile, InvalidInput, OutsideRoot
from integration_risk.glossary import dump_document, load_document

SEED_TEXT = """{
  "integrations": {
    "StripePayment": {
      "canonical_name": "Stripe Payment Gateway",
      "type": "external-api",
      "discovered_by": "integration-mapper",
      "risk_level": "critical",
      "failure_impact": "Cannot process payments",
      "x-owner-team": {"name": "billing", "oncall": [1, 2.5, null, true]}
    }
  },
  "conventions": {"naming": "PascalCase", "nested": [{"deep": {"er": "é"}}]},
  "version": 3
}
"""


def glossary_of(root: Path) -> Path:
    return root / ".claude" / "memory" / "glossary.json"


def write_seed(root: Path, text: str = SEED_TEXT) -> Path:
    path = glossary_of(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_hand_written_seed_reads_and_keeps_everything_on_upsert(tmp_path: Path) -> None:
    path = write_seed(tmp_path)
    view = api.read_glossary(tmp_path)
    assert view.integrations["StripePayment"].risk_level == "critical"
    assert view.other_sections == ["conventions", "version"]
    api.update_glossary(tmp_path, {"Redis": {"type": "cache"}}, "integration-mapper")
    after = json.loads(path.read_text(encoding="utf-8"))
    before = json.loads(SEED_TEXT)
    assert after["conventions"] == before["conventions"] and after["version"] == 3
    assert after["integrations"]["StripePayment"] == before["integrations"]["StripePayment"]
    assert list(after["integrations"]) == ["StripePayment", "Redis"]


def test_read_by_alias_or_section(tmp_path: Path) -> None:
    write_seed(tmp_path)
    view = api.read_glossary(tmp_path, key="stripe payment gateway")
    assert view.matched == "StripePayment" and list(view.integrations) == ["StripePayment"]
    assert api.read_glossary(tmp_path, key="twilio").integrations == {}
    view = api.read_glossary(tmp_path, section="conventions")
    assert view.sections == {"conventions": json.loads(SEED_TEXT)["conventions"]}
    assert view.integrations == {}
    assert api.read_glossary(tmp_path, section="conventions", key="naming").sections == {
        "conventions": "PascalCase"
    }


def test_absent_glossary_is_empty_and_created_in_memory_dir_only(tmp_path: Path) -> None:
    assert api.read_glossary(tmp_path).exists is False
    result = api.update_glossary(tmp_path, {"S3": {"type": "object-storage"}}, "a")
    assert result.created == ["S3"] and result.path == ".claude/memory/glossary.json"
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == [".claude/memory/glossary.json", ".claude/memory/glossary.json.lock"]


def test_claude_dir_symlinked_out_of_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "memory").mkdir(parents=True)
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".claude").symlink_to(outside)
    with pytest.raises(OutsideRoot):
        api.update_glossary(root, {"S3": {"type": "x"}}, "a")
    assert list((outside / "memory").iterdir()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"integrations": {"A": {"type": "x"},}}', "not valid JSON: Expecting property name"),
        ('{"integrations": {"A": {"risk_level": 5}}}', "integrations.A.risk_level: 5 is not"),
        ('{"integrations": ["A"]}', "at integrations: ['A'] is not of type 'object'"),
        ('{"integrations": {"A": {"aliases": "a"}}}', "integrations.A.aliases"),
        ('{"integrations": {"A": {"type": NaN}}}', "NaN is not valid JSON"),
        ("[1, 2]", "must hold a JSON object at the top level"),
    ],
)
def test_corrupt_file_is_named_and_never_overwritten(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write_seed(tmp_path, text)
    with pytest.raises(CorruptFile, match=r"glossary\.json") as excinfo:
        api.update_glossary(tmp_path, {"Redis": {"type": "cache"}}, "a")
    assert expected in str(excinfo.value)
    assert "glossary repair" in str(excinfo.value)
    assert path.read_text(encoding="utf-8") == text
    with pytest.raises(CorruptFile):
        api.read_glossary(tmp_path)
    check = api.validate_glossary(tmp_path)
    assert not check.valid and check.problems


def test_json_error_names_line_and_column(tmp_path: Path) -> None:
    write_seed(tmp_path, '{\n  "integrations": {\n    "A": {"type": "x"\n')
    with pytest.raises(CorruptFile, match=r"line 4 column 1"):
        api.read_glossary(tmp_path)


def test_repair_backs_up_and_keeps_the_valid_part(tmp_path: Path) -> None:
    damaged = (
        '{\n  "notes": {"keep": true},\n  "integrations": {\n'
        '    "A": {"canonical_name": "a", "type": "db"},\n'
        '    "B": {"canonical_name": "b" "type": "db"},\n'
        '    "C": {"risk_level": 7},\n'
        '    "D": {"canonical_name": "d"},\n'
        '    "E": {"canonical_name": "e", "ty'
    )
    path = write_seed(tmp_path, damaged)
    result = api.repair_glossary(tmp_path)
    assert result.repaired and result.backup and result.backup.startswith("glossary.json.corrupt-")
    assert (path.parent / result.backup).read_text(encoding="utf-8") == damaged
    document = load_document(path)
    assert list(document["integrations"]) == ["A", "D"]
    assert document["notes"] == {"keep": True}
    assert result.recovered_entries == 2
    assert any("line 5" in d for d in result.dropped)
    assert any("integrations.C.risk_level" in d for d in result.dropped)
    assert api.validate_glossary(tmp_path).valid
    assert api.repair_glossary(tmp_path).repaired is False  # valid now: nothing to do
    api.update_glossary(tmp_path, {"B": {"type": "db"}}, "a")
    assert api.repair_glossary(tmp_path).recovered_entries == 3


def test_repair_of_non_object_starts_empty(tmp_path: Path) -> None:
    write_seed(tmp_path, "garbage")
    result = api.repair_glossary(tmp_path)
    assert result.repaired and result.recovered_entries == 0
    assert load_document(glossary_of(tmp_path)) == {}


def test_bad_input_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no entries"):
        api.update_glossary(tmp_path, {}, "a")
    with pytest.raises(InvalidInput, match="agent name"):
        api.update_glossary(tmp_path, {"A": {}}, "  ")
    with pytest.raises(InvalidInput, match=r"entry 'A': aliases"):
        api.update_glossary(tmp_path, {"A": {"aliases": "stripe"}}, "a")
    assert not glossary_of(tmp_path).exists()


def test_written_file_round_trips_and_keeps_mode(tmp_path: Path) -> None:
    path = write_seed(tmp_path)
    os.chmod(path, 0o640)
    api.update_glossary(tmp_path, {"Redis": {"type": "cache", "failure_impact": "慢"}}, "a")
    assert (path.stat().st_mode & 0o777) == 0o640
    document = load_document(path)
    assert dump_document(document) == path.read_bytes()
    assert "慢" in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_orphan_temp_files_of_killed_writers_are_removed(tmp_path: Path) -> None:
    path = write_seed(tmp_path)
    orphan = path.parent / ".glossary.json.abc123.tmp"
    orphan.write_text('{"half": ', encoding="utf-8")
    api.update_glossary(tmp_path, {"Redis": {"type": "cache"}}, "a")
    assert not orphan.exists()


def test_explicit_glossary_file(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "g.json"
    target.parent.mkdir()
    api.update_glossary(tmp_path, {"Redis": {"type": "cache"}}, "a", glossary_file=target)
    assert api.read_glossary(tmp_path, glossary_file=target).integrations["Redis"].type == "cache"
    assert not glossary_of(tmp_path).exists()
