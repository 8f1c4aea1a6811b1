"""The launcher's quick `scan` path parses exactly as typer does, or defers to typer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from integration_risk.cli import app
from integration_risk.scan_command import ScanArgs, parse_scan_args

SCAN = typer.main.get_command(app).commands["scan"]  # type: ignore[attr-defined]


def typer_args(argv: list[str]) -> ScanArgs | None:
    """What the typer command would run with, or None when typer rejects the arguments."""
    try:
        params = SCAN.make_context("scan", list(argv)).params
    except Exception:  # click's usage errors
        return None
    return ScanArgs(
        path=Path(params["path"]),
        output=str(getattr(params["output"], "value", params["output"])),
        categories=tuple(params["category"] or ()),
        min_confidence=params["min_confidence"],
        evidence=params["evidence"],
        use_cache=not params["no_cache"],
        resilience=params["resilience"],
    )


UNDERSTOOD = [
    [],
    ["."],
    ["some/dir"],
    ["--format", "json"],
    ["-f", "table", "tree"],
    ["tree", "--format=json", "--no-resilience"],
    ["--resilience", "tree", "-f", "json"],
    ["--evidence", "-1", "tree"],
    ["--evidence=0", "--min-confidence", "0"],
    ["--min-confidence", "0.55", "--min-confidence", "0.7"],
    ["--format", "json", "--format", "table"],
    ["-c", "database", "--category", "cache", "-c", "email"],
    ["--category=payment", "tree"],
    ["--no-cache", "--no-resilience", "--resilience"],
    ["--", "-odd-name"],
    ["tree", "--", "--no-cache"][:2],
    ["--min-confidence", "1e-1"],
    ["--evidence", "+3"],
    ["--category", "--no-cache"],  # click takes the next word as the value, whatever it is
]

DEFERRED = [
    ["--help"],
    ["-h"],
    ["a", "b"],
    ["--format", "JSON"],
    ["--format", "xml"],
    ["--evidence", "many"],
    ["--evidence", "1.5"],
    ["--min-confidence", "high"],
    ["--format"],
    ["--unknown"],
    ["-fjson"],
    ["--no-cache=1"],
    ["--no-cache", "--evidence"],
]


@pytest.mark.parametrize("argv", UNDERSTOOD, ids=" ".join)
def test_quick_parse_agrees_with_typer(argv: list[str]) -> None:
    quick = parse_scan_args(argv)
    assert quick is not None, "the quick path should understand these arguments"
    assert quick == typer_args(argv)


@pytest.mark.parametrize("argv", DEFERRED, ids=" ".join)
def test_anything_else_goes_to_typer(argv: list[str]) -> None:
    assert parse_scan_args(argv) is None


def test_defaults_match_the_typer_command() -> None:
    assert parse_scan_args([]) == typer_args([]) == ScanArgs()


def without_timing(output: str) -> dict[str, object]:
    result: dict[str, dict[str, object]] = json.loads(output)
    del result["summary"]["seconds"]
    return dict(result)


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    probe = (
        "import sys; from integration_risk.launch import main; sys.argv = ['integration-risk', "
        f"*{args!r}]\ntry:\n    main()\nfinally:\n"
        "    sys.stderr.write('typer loaded: %s' % ('typer' in sys.modules))"
    )
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_a_usual_scan_runs_without_typer_and_prints_what_typer_prints(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("import redis\nr = redis.Redis(host='cache')\n")
    quick = run_cli(["scan", ".", "--format", "json", "--no-resilience", "--no-cache"], tmp_path)
    assert quick.returncode == 0, quick.stderr
    assert quick.stderr.endswith("typer loaded: False")
    ids = [item["id"] for item in json.loads(quick.stdout)["integrations"]]
    assert "redis" in ids
    # `-fjson` is outside the quick subset: typer parses it, and prints the same result
    slow = CliRunner().invoke(
        app, ["scan", str(tmp_path), "-fjson", "--no-resilience", "--no-cache"]
    )
    assert slow.exit_code == 0, slow.output
    assert without_timing(slow.stdout) == without_timing(quick.stdout)


def test_a_missing_path_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    done = run_cli(["scan", "nowhere", "--format", "json"], tmp_path)
    assert done.returncode == 2
    first = done.stderr.splitlines()[0]
    assert first.startswith("integration-risk: error: ") and "nowhere" in first
    assert done.stderr.endswith("typer loaded: False")
