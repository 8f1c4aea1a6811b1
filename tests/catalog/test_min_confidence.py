"""One default confidence threshold for every front door, importable without pydantic."""

from __future__ import annotations

import inspect
import subprocess
import sys

from integration_risk.agent.snapshot import snapshot_tools
from integration_risk.catalog.constants import DEFAULT_MIN_CONFIDENCE
from integration_risk.cli.scan import scan
from integration_risk.scan.report import build_scan_result


def test_the_constant_loads_without_pydantic() -> None:
    probe = (
        "import sys, integration_risk.catalog.constants as c; "
        "print(c.DEFAULT_MIN_CONFIDENCE, any(m.split('.')[0] == 'pydantic' for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [str(DEFAULT_MIN_CONFIDENCE), "False"]


def test_every_front_door_defaults_to_the_constant() -> None:
    # api.scan and scan-org's per-repository scans take build_scan_result's default
    for function in (scan, build_scan_result):
        default = inspect.signature(function).parameters["min_confidence"].default
        assert default == DEFAULT_MIN_CONFIDENCE, function.__qualname__
    schema = snapshot_tools()["scan_integrations"]["inputSchema"]
    assert schema["properties"]["min_confidence"]["default"] == DEFAULT_MIN_CONFIDENCE
