"""The per-file cache, and a scan that survives every kind of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.errors import NotADirectory, OutsideRoot, PathNotFound
from integration_risk.scan import engine
from integration_risk.scan.cache import cache_file
from tests.conftest import TreeBuilder


def test_warm_scan_reads_nothing_and_sees_changes(
    make_tree: TreeBuilder, isolated_cache: Path
) -> None:
    root = make_tree({"app/pay.py": "import stripe\n", "app/db.py": "import psycopg2\n"})
    cold = api.scan(root, ".")
    assert cold.summary.cache_hits == 0
    assert str(cache_file(Path("/any"))).startswith(str(isolated_cache))  # XDG_CACHE_HOME honoured
    warm = api.scan(root, ".")
    assert warm.summary.cache_hits == warm.summary.files_scanned == 2
    assert [i.id for i in warm.integrations] == [i.id for i in cold.integrations]
    (root / "app/db.py").write_text("import redis\n")
    os.utime(root / "app/db.py", ns=(1, 1))  # a different stat, so the file is re-read
    changed = api.scan(root, ".")
    assert changed.summary.cache_hits == 1
    assert {i.id for i in changed.integrations} == {"stripe", "redis"}


def test_cache_is_invalidated_by_catalog_version(
    make_tree: TreeBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree({"app/pay.py": "import stripe\n"})
    api.scan(root, ".")
    index = engine.catalog_index()
    monkeypatch.setattr(index, "version", "another-catalog")
    assert api.scan(root, ".").summary.cache_hits == 0


def test_cache_holds_no_secret_values(make_tree: TreeBuilder, isolated_cache: Path) -> None:
    secret = "sk_live_51QzXyWvUtSrQpOnMlKjIhGfEd"
    root = make_tree(
        {
            ".env": f"STRIPE_SECRET_KEY={secret}\nDATABASE_URL=postgres://admin:hunter2hunter2@db.internal.acme.io/shop\n",
            "app/pay.py": f"import stripe\nstripe.api_key = '{secret}'\n",
        }
    )
    api.scan(root, ".")
    blob = "".join(p.read_text() for p in isolated_cache.rglob("*.json"))
    assert "stripe" in blob
    for value in (secret, secret[6:20], "hunter2hunter2"):
        assert value not in blob


def test_bad_files_are_skipped_with_reasons(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "package.json": "{ this is not json",
            "pom.xml": "<project><dependencies>",
            "app/latin1.py": "import stripe\n# caf\xe9\n".encode("latin-1"),
            "app/binary.py": b"\x00\x01\x02import stripe",
            "app/ok.py": "import psycopg2\n",
        }
    )
    big = root / "app/huge.py"
    with big.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    (root / "loop").symlink_to(root, target_is_directory=True)
    result = api.scan(root, ".", min_confidence=0.0)
    ids = {i.id for i in result.integrations}
    assert {"stripe", "postgresql"} <= ids
    assert result.summary.skipped["binary"] == 1
    assert result.summary.skipped["oversized"] == 1
    assert result.summary.skipped["symlinked directory (not followed)"] == 1


def test_path_errors_name_the_problem(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/pay.py": "import stripe\n"})
    with pytest.raises(PathNotFound):
        api.scan(root, "nope")
    with pytest.raises(NotADirectory):
        api.scan(root, "app/pay.py")
    with pytest.raises(OutsideRoot):
        api.scan(root, "../")


def test_paging_with_cursor_covers_everything_once(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/a.py": "import stripe\nimport psycopg2\nimport redis\nimport boto3\nboto3.client('s3')\n",
        }
    )
    full = [i.id for i in api.scan(root, ".").integrations]
    seen, cursor = [], None
    while True:
        page = api.scan(root, ".", limit=1, cursor=cursor)
        seen += [i.id for i in page.integrations]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == full and len(full) >= 3


@pytest.mark.slow
def test_cli_json_prints_only_json_on_stdout(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/pay.py": "import stripe\n"})
    script = Path(sys.executable).with_name("integration-risk")
    done = subprocess.run(
        [str(script), "scan", str(root), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(done.stdout)
    assert [i["id"] for i in data["integrations"]] == ["stripe"]
    assert data["integrations"][0]["evidence"][0] == {
        "path": "app/pay.py",
        "line": 1,
        "kind": "import",
        "snippet": "import stripe",
    }


@pytest.mark.slow
def test_cli_missing_path_is_one_line_exit_2(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("integration-risk")
    done = subprocess.run(
        [str(script), "scan", str(tmp_path / "missing")], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "does not exist" in done.stderr
