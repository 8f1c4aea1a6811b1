"""Shared test helpers for the two outside processes tests drive: git and the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from integration_risk import cli


def git(root: Path, *args: str) -> str:
    """Run git in `root` with a throwaway identity; fail the test on error; return stdout."""
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the console entry point in-process; return (exit code, stdout, stderr)."""
    old = sys.argv
    sys.argv = ["integration-risk", *argv]
    try:
        with pytest.raises(SystemExit) as exited:
            cli.main()
    finally:
        sys.argv = old
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), out, err
