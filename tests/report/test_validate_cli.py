"""`integration-risk validate FILE --kind K`: exit 0 valid, 1 with each bad field, 2 bad usage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.shell import run_cli


def write(tmp_path: Path, document: Any) -> str:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_valid_report(
    tmp_path: Path, small_report: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(
        ["validate", write(tmp_path, small_report), "--kind", "risk-report"], capsys
    )
    assert code == 0 and out.strip().endswith("valid risk-report")


def test_invalid_report_lists_each_field(
    tmp_path: Path, small_report: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    small_report["integrations"][1]["criticality"]["score"] = 0
    small_report["executive_summary"]["key_risks"][0]["score"] = "high"
    path = write(tmp_path, small_report)
    code, out, err = run_cli(["validate", path, "--kind", "risk-report"], capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{path}: executive_summary.key_risks[0].score: must be an integer (got 'high')",
        f"{path}: integrations[1].criticality.score: out of range (got 0) (allowed: 1-10)",
    ]
    assert "2 problem(s)" in err
    code, out, _ = run_cli(["validate", path, "--kind", "risk-report", "--json"], capsys)
    assert code == 1 and json.loads(out)["problems"][1]["allowed"] == "1-10"


def test_failure_analysis_and_glossary_kinds(
    tmp_path: Path,
    analysis: dict[str, Any],
    small_report: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, analysis)
    assert run_cli(["validate", path, "--kind", "failure-analysis"], capsys)[0] == 0
    assert run_cli(["validate", path, "--kind", "risk-report"], capsys)[0] == 1
    # A risk report's `integrations` is a list; the glossary's is an object by key.
    code, out, _ = run_cli(
        ["validate", write(tmp_path, small_report), "--kind", "glossary"], capsys
    )
    assert code == 1 and "integrations: must be an object" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "{file}", "--kind", "report"],  # unknown kind
        ["validate", "{file}"],  # no kind
        ["validate", "{missing}", "--kind", "glossary"],
        ["validate", "{notjson}", "--kind", "glossary"],
    ],
)
def test_bad_usage_exits_2(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    notjson = tmp_path / "bad.json"
    notjson.write_text("{oops")
    values = {
        "file": write(tmp_path, {}),
        "missing": str(tmp_path / "nope.json"),
        "notjson": str(notjson),
    }
    code, out, err = run_cli([a.format(**values) for a in argv], capsys)
    assert code == 2 and out == ""
    assert err.startswith("integration-risk: error: ") and len(err.strip().splitlines()) == 1
