"""The command line: one-line errors with exit code 2, JSON on success, no stray writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from integration_risk import cli
from integration_risk.paths import confine
from tests.shell import run_cli


def assert_one_line_error(err: str, *fragments: str) -> None:
    line = err.strip()
    assert line.startswith("integration-risk: error: "), err
    assert "\n" not in line, f"error must be one line, got: {err!r}"
    for fragment in fragments:
        assert fragment in line


def snapshot(root: Path) -> dict[str, float]:
    return {
        str(path.relative_to(root)): path.stat().st_mtime
        for path in root.rglob("*")
        if path.is_file() or path.is_dir()
    }


def test_unknown_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["frobnicate"], capsys)
    assert code == 2
    assert out == ""
    assert_one_line_error(err, "frobnicate", "--help")


def test_unknown_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["glossary", "show", "--colour"], capsys)
    assert code == 2
    assert_one_line_error(err, "--colour")


def test_root_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["glossary", "show", "--root", str(tmp_path / "missing")], capsys)
    assert code == 2
    assert out == ""
    assert_one_line_error(err, "does not exist", "missing")


def test_file_where_a_directory_is_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    code, _, err = run_cli(["glossary", "show", "--root", str(a_file)], capsys)
    assert code == 2
    assert_one_line_error(err, "is a file, not a directory", "pass the directory")


def test_path_outside_the_root_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "repo").mkdir()
    with pytest.raises(cli.typer.Exit) as exited:
        cli.run_or_exit(lambda: confine(tmp_path / "repo", "../repo-evil/secrets"))
    assert exited.value.exit_code == 2
    assert_one_line_error(capsys.readouterr().err, "outside the project root", "use a path inside")


def test_corrupt_glossary_is_reported_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = tmp_path / ".claude" / "memory" / "glossary.json"
    glossary.parent.mkdir(parents=True)
    glossary.write_text("{oops")
    code, _, err = run_cli(["glossary", "show", "--root", str(tmp_path)], capsys)
    assert code == 2
    assert_one_line_error(err, "not valid JSON", "fix")
    assert glossary.read_text() == "{oops"


def test_glossary_show_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = tmp_path / ".claude" / "memory" / "glossary.json"
    glossary.parent.mkdir(parents=True)
    glossary.write_text(json.dumps({"integrations": {"Redis": {"type": "cache"}}}))
    code, out, err = run_cli(["glossary", "show", "--root", str(tmp_path)], capsys)
    assert (code, err) == (0, "")
    shown = json.loads(out)
    assert shown["exists"] is True
    assert shown["integrations"] == {"Redis": {"type": "cache"}}


def test_no_arguments_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([], capsys)
    assert code == 0
    assert "serve" in out and "glossary" in out


def test_nothing_is_written_outside_claude_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    (root / "src" / "app.py").write_text("import redis\n")
    before = snapshot(tmp_path)
    for argv in (
        ["glossary", "show", "--root", str(root)],
        ["glossary", "show", "--root", str(root / "src" / "app.py")],
        ["glossary", "show", "--root", str(root / "nope")],
        ["nope", str(root)],
    ):
        run_cli(argv, capsys)
    after = snapshot(tmp_path)
    changed = {path for path in after if before.get(path) != after[path]}
    stray = {p for p in changed if not p.startswith(os.path.join("project", ".claude", "memory"))}
    assert stray == set()


@pytest.mark.slow
def test_console_script_exits_2_with_one_line(tmp_path: Path) -> None:
    """The installed `integration-risk` entry point, as a user runs it."""
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "integration-risk"),
            "glossary",
            "show",
            "--root",
            str(tmp_path / "missing"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert_one_line_error(done.stderr, "does not exist")


_MODULES_AFTER_SCAN = """
import sys
from integration_risk.cli import app
app(["scan", sys.argv[1], "--format", sys.argv[2], "--no-resilience", "--no-cache"],
    standalone_mode=False)
print("RICH_TABLE_LOADED" if "rich.table" in sys.modules else "RICH_TABLE_ABSENT")
"""


@pytest.mark.slow  # two fresh interpreters
@pytest.mark.parametrize(("output", "loaded"), [("json", False), ("table", True)])
def test_rich_loads_only_when_a_table_is_printed(tmp_path: Path, output: str, loaded: bool) -> None:
    # JSON is what agents and scripts read on every warm re-scan: it should not pay for rich.
    (tmp_path / "app.py").write_text("import stripe\n")
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER_SCAN, str(tmp_path), output],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    assert ("RICH_TABLE_LOADED" if loaded else "RICH_TABLE_ABSENT") in done.stdout
    assert "stripe" in done.stdout


def test_help_joins_a_docstring_paragraph_and_keeps_glob_examples(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Docstrings wrap at 90 columns in the source; the help must reflow them, not break
    # a sentence where the source line ended, and markdown must not eat a glob's `*`.
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run_cli(["--help"], capsys)
    assert code == 0
    assert "logging and idempotency verdicts for one integration" in out
    code, out, _ = run_cli(["grep", "--help"], capsys)
    assert code == 0
    assert "src/**/*.ts: anywhere below src/" in out
