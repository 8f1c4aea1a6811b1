"""Libraries a manifest installs beside the app's code are third-party, not the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from integration_risk.scan.declared_vendor import composer_vendor_dirs
from integration_risk.scan.walk import walk_tree
from tests.scan.trees import scan, write

_LIB_MANIFEST = json.dumps(
    {
        "name": "acme/reader",
        "require": {"php": ">=8.1", "feedkit/feedkit": "1.2", "mailco/mailer": "6.9"},
        "config": {"vendor-dir": "./"},
    }
)


def test_composer_vendor_dir_names_each_installed_package() -> None:
    assert sorted(composer_vendor_dirs("lib/composer.json", _LIB_MANIFEST)) == [
        "lib/feedkit/feedkit",
        "lib/mailco/mailer",
    ]


@pytest.mark.parametrize(
    "manifest",
    [
        json.dumps({"require": {"feedkit/feedkit": "1"}}),  # default vendor/, skipped by name
        json.dumps({"require": {"a/b": "1"}, "config": {"vendor-dir": "vendor"}}),
        json.dumps({"require": {"a/b": "1"}, "config": {"vendor-dir": "../../elsewhere"}}),
        "{not json",
    ],
)
def test_no_moved_vendor_dir_declares_nothing(manifest: str) -> None:
    assert list(composer_vendor_dirs("lib/composer.json", manifest)) == []


def test_installed_libraries_beside_the_code_are_not_scanned(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/composer.json": _LIB_MANIFEST,
            "lib/feedkit/feedkit/src/Fetcher.php": (
                "<?php\nclass Fetcher {\n  function go($http) {\n"
                "    return $http->get($this->feed_url);\n  }\n}\n"
            ),
            "lib/Core/Poller.php": (
                "<?php\nclass Poller {\n  function poll($http, $site) {\n"
                "    return $http->get($site->feed_url);\n  }\n}\n"
            ),
        },
    )
    walked = walk_tree(tmp_path.resolve(), use_git=False)
    paths = [f.relpath for f in walked.files]
    assert "lib/Core/Poller.php" in paths
    assert not any(p.startswith("lib/feedkit/") for p in paths), paths
    assert walked.skipped["vendored or generated directory"] == 1
    found = scan(tmp_path)
    assert "poller" in found and "fetcher" not in found, sorted(found)


def test_a_replayed_walk_still_leaves_them_out(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/composer.json": _LIB_MANIFEST,
            "lib/mailco/mailer/Mailer.php": "<?php\n",
            "lib/App.php": "<?php\n",
        },
    )
    root = tmp_path.resolve()
    first = walk_tree(root, use_git=False, use_cache=True)
    again = walk_tree(root, use_git=False, use_cache=True)
    assert [f.relpath for f in first.files] == [f.relpath for f in again.files]
    assert sorted(f.relpath for f in again.files) == ["lib/App.php", "lib/composer.json"]
