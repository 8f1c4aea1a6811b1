"""Fixture repositories built with gitpython: a base commit on main, then changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import git
import pytest

BASE_FILES = {
    "requirements.txt": "flask==3.0\nstripe==8.0\n",
    "app/__init__.py": "",
    "app/routes.py": (
        "from flask import Flask\nfrom app import payments\n\napp = Flask(__name__)\n\n"
        "@app.route('/pay')\ndef pay():\n    return payments.charge()\n"
    ),
    "app/payments.py": (
        "import stripe\nfrom app import http\n\n\ndef charge():\n"
        "    return stripe.PaymentIntent.create(amount=100)\n"
    ),
    "app/http.py": "import requests\n\n\ndef get(url):\n    return requests.get(url)\n",
    "app/cache.py": "import redis\n\nclient = redis.Redis()\n",
}

Commit = Callable[[dict[str, str | None], str], str]


def write(root: Path, files: dict[str, str | None]) -> None:
    for rel, text in files.items():
        path = root / rel
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def repo(tmp_path: Path) -> git.Repo:
    root = tmp_path / "repo"
    root.mkdir()
    repository = git.Repo.init(root, initial_branch="main")
    with repository.config_writer() as config:
        config.set_value("user", "name", "Test")
        config.set_value("user", "email", "test@example.com")
    write(root, dict(BASE_FILES))
    repository.git.add(A=True)
    repository.index.commit("base")
    repository.git.checkout("-b", "feature")
    return repository


@pytest.fixture
def commit(repo: git.Repo) -> Commit:
    def run(files: dict[str, str | None], message: str) -> str:
        write(Path(repo.working_tree_dir or "."), files)
        repo.git.add(A=True)
        return repo.index.commit(message).hexsha

    return run


def root_of(repository: git.Repo) -> Path:
    return Path(repository.working_tree_dir or ".").resolve()
