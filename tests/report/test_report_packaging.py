"""The wheel ships the report templates and rules (package data, not only .py files)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_templates_and_rules(tmp_path: Path) -> None:
    uv = shutil.which("uv") or "uv"  # CI installs with uv, so it is on PATH
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path), str(CHECKOUT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {
        p.name for p in (CHECKOUT / "src/integration_risk/report/templates").glob("*.md.j2")
    }
    assert templates == {"risk_report.md.j2", "integration.md.j2", "failure_analysis.md.j2"}
    for name in templates:
        assert f"integration_risk/report/templates/{name}" in names
    assert "integration_risk/report/rules.toml" in names
