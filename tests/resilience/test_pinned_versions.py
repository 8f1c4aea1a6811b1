"""Versions a project pins, read from lock files and manifests (resilience/versions.py)."""

from __future__ import annotations

import pytest

from integration_risk.resilience.versions import at_least, pinned_version

_FILES = {
    "uv.lock": '[[package]]\nname = "redis"\nversion = "6.4.0"\nsource = { registry = "x" }\n',
    "Gemfile.lock": "GEM\n  specs:\n    redis (5.0.8)\n      redis-client (>= 0.22.0)\n",
    "package.json": '{\n  "dependencies": {\n    "redis": "^4.6.13"\n  }\n}\n',
    "composer.lock": '{"packages": [{"name": "predis/predis", "version": "v2.2.2", "x": 1}]}',
    "requirements.txt": "# pinned\nredis[hiredis]==5.2.1 \\\n    --hash=sha256:abc\n",
    "pyproject.toml": '[tool.poetry.dependencies]\nredis = "^7.0"\n',
}


@pytest.mark.parametrize(
    ("rel", "package", "version"),
    [
        ("uv.lock", "redis", (6, 4, 0)),
        ("Gemfile.lock", "redis", (5, 0, 8)),
        ("package.json", "redis", (4, 6, 13)),
        ("composer.lock", "predis/predis", (2, 2, 2)),
        ("requirements.txt", "redis", (5, 2, 1)),
        ("pyproject.toml", "redis", (7, 0)),
    ],
)
def test_a_pinned_version_is_read(rel: str, package: str, version: tuple[int, ...]) -> None:
    assert pinned_version(package, [rel], _FILES.__getitem__) == version


def test_a_companion_package_is_not_the_package() -> None:
    """`redis-client (>= 0.22.0)` under redis in a Gemfile.lock is not redis's version."""
    text = "GEM\n  specs:\n    redis-client (0.22.2)\n"
    assert pinned_version("redis", ["Gemfile.lock"], lambda _: text) is None


def test_at_least_compares_numbers_and_unknown_is_no() -> None:
    assert at_least((6, 4, 0), "6.0")
    assert at_least((11,), "11.0")
    assert not at_least((5, 9, 9), "6.0")
    assert not at_least(None, "6.0")
