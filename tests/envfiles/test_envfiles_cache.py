"""read_env_files reads a code file's env reads once, then from the cache beside the scan's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.scan import env_index


def test_second_call_reads_no_unchanged_code_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "app.py").write_text('import os\nos.environ["STRIPE_KEY"]\n')
    (tmp_path / "other.py").write_text('import os\nos.getenv("REDIS_URL")\n')
    (tmp_path / ".env").write_text("STRIPE_KEY=x\n")
    read: list[str] = []
    real = env_index._reads_of

    def counting(item: env_index.WalkedFile, language: str) -> list[tuple[str, int]] | None:
        read.append(item.relpath)
        return real(item, language)

    monkeypatch.setattr(env_index, "_reads_of", counting)
    first = api.read_env_files(tmp_path)
    assert sorted(read) == ["app.py", "other.py"]
    assert [u.name for u in first.used_but_undefined] == ["REDIS_URL"]

    read.clear()
    assert api.read_env_files(tmp_path) == first
    assert read == []

    other = tmp_path / "other.py"
    other.write_text('import os\nos.getenv("SENTRY_DSN")\n')
    stat = other.stat()
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = api.read_env_files(tmp_path)
    assert read == ["other.py"]
    assert [u.name for u in again.used_but_undefined] == ["SENTRY_DSN"]


def test_the_cache_forgets_deleted_files_and_keeps_other_directories(tmp_path: Path) -> None:
    import json

    from integration_risk.scan.cache import cache_file
    from integration_risk.scan.walk import walk_tree

    (tmp_path / "web").mkdir()
    (tmp_path / "worker").mkdir()
    (tmp_path / "web" / "app.py").write_text('import os\nos.environ["STRIPE_KEY"]\n')
    (tmp_path / "worker" / "jobs.py").write_text('import os\nos.getenv("REDIS_URL")\n')
    (tmp_path / "worker" / "old.py").write_text('import os\nos.getenv("OLD_URL")\n')
    env_index.code_env_reads(tmp_path, walk_tree(tmp_path, use_cache=False).files)
    (tmp_path / "worker" / "old.py").unlink()
    (tmp_path / "web" / "app.py").write_text('import os\nos.environ["STRIPE_SECRET_KEY"]\n')
    web = walk_tree(tmp_path, tmp_path / "web", use_cache=False).files
    env_index.code_env_reads(tmp_path, web)
    kept = json.loads(cache_file(tmp_path, "env-reads").read_text())["files"]
    assert sorted(kept) == ["web/app.py", "worker/jobs.py"]
