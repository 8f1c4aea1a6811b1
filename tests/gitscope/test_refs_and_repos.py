"""Refs are refused before git sees them; detached HEAD, worktrees and shallow clones work."""

from __future__ import annotations

import subprocess
from pathlib import Path

import git
import pytest
from typer.testing import CliRunner

from integration_risk import api
from integration_risk.cli import app
from integration_risk.errors import InvalidRef, NotAGitRepository, OutsideRoot, RefNotFound
from integration_risk.gitscope.refs import validate_ref
from tests.gitscope.conftest import Commit, root_of

INJECTIONS = [
    "--output=/tmp/pwned",
    "-c",
    "-ccore.pager=sh",
    "--upload-pack=touch /tmp/x",
    "main..feature",
    "main...feature",
    "../../etc/passwd",
    "main;rm -rf /",
    "main|cat",
    "$(id)",
    "`id`",
    "main\nHEAD",
    "main\x00",
    "main\x1b[31m",
    "ma in",
    "HEAD:secret.txt",
    "main@{now; id}",
    "",
    "x" * 300,
    ".hidden",
    "main.lock",
]


@pytest.mark.parametrize("ref", INJECTIONS)
def test_injection_shaped_refs_are_refused(ref: str) -> None:
    with pytest.raises(InvalidRef):
        validate_ref(ref)


@pytest.mark.parametrize(
    "ref",
    ["main", "origin/main", "v1.2.0", "HEAD~3", "main^", "HEAD@{1}", "feature/x-y_z", "a1b2c3d"],
)
def test_plain_refs_pass(ref: str) -> None:
    assert validate_ref(ref) == ref


def test_refused_ref_never_reaches_git(repo: git.Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(git.Git, "execute", lambda *a, **k: calls.append(a))
    with pytest.raises(InvalidRef):
        api.changed_integrations(root_of(repo), "--output=/tmp/pwned")
    assert calls == []


@pytest.mark.parametrize("form", ["separate", "equals"])
def test_cli_refuses_option_refs_in_both_forms(repo: git.Repo, form: str, tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    ref = f"--output={target}"
    args = ["--base", ref] if form == "separate" else [f"--base={ref}"]
    result = CliRunner().invoke(app, ["changed", str(root_of(repo)), *args])
    assert result.exit_code == 2
    assert "starts with '-'" in result.output
    assert not target.exists()


def test_unknown_ref_and_non_git_path_are_clear_errors(repo: git.Repo, tmp_path: Path) -> None:
    with pytest.raises(RefNotFound, match="names no commit"):
        api.changed_integrations(root_of(repo), "no-such-branch")
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(NotAGitRepository, match="not inside a git repository"):
        api.changed_integrations(plain, "main")


def test_path_outside_the_root_is_refused(repo: git.Repo) -> None:
    with pytest.raises(OutsideRoot):
        api.changed_integrations(root_of(repo), "main", path="..")


def test_detached_head(repo: git.Repo, commit: Commit) -> None:
    sha = commit({"app/mail.py": "import sendgrid\n"}, "mail")
    repo.git.checkout(sha)
    scope = api.changed_integrations(root_of(repo), "main")
    assert scope.head == "HEAD (detached)" and scope.head_commit == sha
    assert [i.id for i in scope.added] == ["sendgrid"]


def test_linked_worktree(repo: git.Repo, commit: Commit, tmp_path: Path) -> None:
    commit({"app/mail.py": "import sendgrid\n"}, "mail")
    repo.git.checkout("main")
    other = tmp_path / "wt"
    repo.git.worktree("add", str(other), "feature")
    scope = api.changed_integrations(other.resolve(), "main")
    assert scope.head == "feature"
    assert [i.id for i in scope.added] == ["sendgrid"]


def test_shallow_clone_without_the_base_says_how_to_fetch(
    repo: git.Repo, commit: Commit, tmp_path: Path
) -> None:
    commit({"app/mail.py": "import sendgrid\n"}, "mail")
    clone = tmp_path / "shallow"
    source = Path(repo.working_tree_dir or ".").as_uri()
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--branch", "feature", source, str(clone)],
        check=True,
    )
    with pytest.raises(RefNotFound, match="shallow clone") as caught:
        api.changed_integrations(clone.resolve(), "main")
    assert "git fetch" in str(caught.value)
    # With the base fetched but history still cut, the diff starts at the base commit.
    subprocess.run(
        ["git", "-C", str(clone), "fetch", "-q", "--depth", "1", "origin", "main:main"], check=True
    )
    scope = api.changed_integrations(clone.resolve(), "main")
    assert [i.id for i in scope.added] == ["sendgrid"]
    assert any("shallow" in note for note in scope.notes)
