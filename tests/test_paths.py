"""`confine` keeps every user path inside the project root."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.errors import (
    InvalidInput,
    NotADirectory,
    NotAFile,
    OutsideRoot,
    PathNotFound,
)
from integration_risk.paths import (
    confine,
    memory_dir,
    relative_to_root,
    require_dir,
    require_file,
    resolve_root,
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "src" / "app").mkdir(parents=True)
    (root / "src" / "app" / "main.py").write_text("print('hi')\n")
    return root


def test_relative_path_resolves_under_the_root(repo: Path) -> None:
    assert confine(repo, "src/app/main.py") == repo.resolve() / "src" / "app" / "main.py"


def test_dot_and_empty_path_are_the_root(repo: Path) -> None:
    assert confine(repo, ".") == repo.resolve()
    assert confine(repo, "") == repo.resolve()


def test_dotdot_that_stays_inside_is_accepted(repo: Path) -> None:
    assert confine(repo, "src/app/../app/main.py") == repo.resolve() / "src/app/main.py"


@pytest.mark.parametrize("escape", ["..", "../outside.txt", "src/../../etc", "src/app/../../../x"])
def test_dotdot_escape_is_refused(repo: Path, escape: str) -> None:
    with pytest.raises(OutsideRoot) as err:
        confine(repo, escape)
    assert escape in str(err.value)
    assert "inside the project root" in str(err.value)


def test_absolute_path_inside_the_root_is_accepted(repo: Path) -> None:
    inside = repo / "src" / "app" / "main.py"
    assert confine(repo, str(inside)) == inside.resolve()


def test_absolute_path_outside_the_root_is_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("x")
    with pytest.raises(OutsideRoot):
        confine(repo, str(outside))
    with pytest.raises(OutsideRoot):
        confine(repo, "/")


def test_sibling_directory_sharing_the_prefix_is_refused(repo: Path, tmp_path: Path) -> None:
    evil = tmp_path / "repo-evil"
    evil.mkdir()
    (evil / "secret.txt").write_text("x")
    with pytest.raises(OutsideRoot):
        confine(repo, str(evil / "secret.txt"))
    with pytest.raises(OutsideRoot):
        confine(repo, "../repo-evil/secret.txt")


def test_symlink_pointing_out_of_the_root_is_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("x")
    (repo / "escape").symlink_to(outside)
    (repo / "escape-file").symlink_to(outside / "passwd")
    with pytest.raises(OutsideRoot):
        confine(repo, "escape/passwd")
    with pytest.raises(OutsideRoot):
        confine(repo, "escape")
    with pytest.raises(OutsideRoot):
        confine(repo, "escape-file")


def test_symlink_to_the_prefix_sibling_is_refused(repo: Path, tmp_path: Path) -> None:
    evil = tmp_path / "repo-evil"
    evil.mkdir()
    (repo / "link").symlink_to(evil)
    with pytest.raises(OutsideRoot):
        confine(repo, "link")


def test_symlink_that_stays_inside_is_followed(repo: Path) -> None:
    (repo / "alias").symlink_to(repo / "src" / "app")
    assert confine(repo, "alias/main.py") == repo.resolve() / "src" / "app" / "main.py"


def test_root_given_through_a_symlink_still_confines(repo: Path, tmp_path: Path) -> None:
    link_to_root = tmp_path / "root-link"
    link_to_root.symlink_to(repo)
    assert confine(link_to_root, "src/app/main.py") == repo.resolve() / "src/app/main.py"
    with pytest.raises(OutsideRoot):
        confine(link_to_root, "../repo-elsewhere")


def test_missing_tail_is_returned_for_the_caller_to_check(repo: Path) -> None:
    missing = confine(repo, "src/not/there.py")
    assert missing == repo.resolve() / "src" / "not" / "there.py"
    with pytest.raises(PathNotFound) as err:
        require_file(missing, "src/not/there.py")
    assert "src/not/there.py" in str(err.value)


def test_missing_tail_under_an_escaping_symlink_is_refused(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (repo / "escape").symlink_to(tmp_path / "outside")
    with pytest.raises(OutsideRoot):
        confine(repo, "escape/not-yet-created.txt")


def test_symlink_loop_is_a_clear_error_not_a_crash(repo: Path) -> None:
    (repo / "a").symlink_to(repo / "b")
    (repo / "b").symlink_to(repo / "a")
    with pytest.raises(InvalidInput) as err:
        confine(repo, "a/file.txt")
    assert "symbolic link" in str(err.value)


def test_root_must_exist_and_be_a_directory(tmp_path: Path) -> None:
    with pytest.raises(PathNotFound):
        resolve_root(tmp_path / "nope")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(NotADirectory):
        resolve_root(a_file)


def test_require_dir_and_require_file_name_the_problem(repo: Path) -> None:
    main = repo / "src" / "app" / "main.py"
    with pytest.raises(NotADirectory) as not_dir:
        require_dir(main, "src/app/main.py")
    assert "is a file, not a directory" in str(not_dir.value)
    with pytest.raises(NotAFile):
        require_file(repo / "src", "src")
    with pytest.raises(PathNotFound):
        require_dir(repo / "gone", "gone")
    assert require_dir(repo / "src", "src") == repo / "src"


def test_relative_to_root_and_memory_dir(repo: Path) -> None:
    root = repo.resolve()
    assert relative_to_root(root, root / "src" / "app" / "main.py") == "src/app/main.py"
    assert memory_dir(root) == root / ".claude" / "memory"


def test_find_project_root_walks_up_to_claude_or_git(tmp_path: Path) -> None:
    from integration_risk.paths import find_project_root

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    deep = tmp_path / "repo" / "src" / "pkg"
    deep.mkdir(parents=True)
    assert find_project_root(deep) == (tmp_path / "repo").resolve()
    (tmp_path / "repo" / "src" / ".claude").mkdir()
    assert find_project_root(deep) == (tmp_path / "repo" / "src").resolve()
    lonely = tmp_path / "elsewhere"
    lonely.mkdir()
    assert find_project_root(lonely) == lonely.resolve()


def test_project_root_starts_from_client_root_then_env_then_cwd(tmp_path: Path) -> None:
    from integration_risk.paths import project_root

    (tmp_path / "repo" / ".git").mkdir(parents=True)
    sub = tmp_path / "repo" / "services" / "api"
    sub.mkdir(parents=True)
    other = tmp_path / "other"
    other.mkdir()
    repo = (tmp_path / "repo").resolve()
    env = {"CLAUDE_PROJECT_DIR": str(sub)}
    assert project_root(environ=env, cwd=other) == repo
    assert project_root(other, environ=env, cwd=other) == other.resolve()
    assert project_root(environ={}, cwd=sub) == repo
    missing = tmp_path / "repo" / "gone"
    assert project_root(environ={"CLAUDE_PROJECT_DIR": str(missing)}) == missing


def test_claude_dir_in_home_is_not_a_project_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from integration_risk.paths import find_project_root

    home = tmp_path / "home"
    (home / ".claude").mkdir(parents=True)
    project = home / "code" / "shop"
    project.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert find_project_root(project) == project.resolve()
    (home / "code" / ".claude").mkdir()
    assert find_project_root(project) == (home / "code").resolve()
