"""`api.scan_answer`: the answer about an unchanged tree comes from the answer cache, and
anything it depends on (a file, the options, the code, the catalog) builds it again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from integration_risk import api
from integration_risk.scan import answers
from integration_risk.scan import report as scan_report
from tests.conftest import TreeBuilder

FILES = {
    "app/cache.py": "import redis\nclient = redis.Redis(host='cache')\n",
    "app/pay.py": "import stripe\nstripe.Charge.create(amount=1)\n",
    "requirements.txt": "redis==5.0\nstripe==9.0\n",
}


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The roots the answer was built for (not replayed), in order."""
    built: list[Path] = []
    real = scan_report.build_scan_result

    def counting(root: Path, start: Path, **kwargs: Any) -> Any:
        built.append(root)
        return real(root, start, **kwargs)

    monkeypatch.setattr(scan_report, "build_scan_result", counting)
    return built


def timeless(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer without what differs between two runs of the same question."""
    copy = json.loads(json.dumps(answer))
    for key in ("seconds", "cache_hits"):
        del copy["summary"][key]
    return dict(copy)


def ids(answer: dict[str, Any]) -> list[str]:
    return [item["id"] for item in answer["integrations"]]


def test_a_second_run_replays_the_same_answer(make_tree: TreeBuilder, builds: list[Path]) -> None:
    root = make_tree(FILES)
    first = api.scan_answer(root)
    second = api.scan_answer(root)
    assert len(builds) == 1
    assert timeless(second) == timeless(first)
    assert timeless(first) == timeless(api.scan(root).model_dump(mode="json"))
    assert second["summary"]["cache_hits"] == second["summary"]["files_scanned"] == 3


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "app/mail.py").write_text("import smtplib\nsmtplib.SMTP('mx')\n"),
        lambda root: (root / "app/pay.py").unlink(),
        lambda root: (root / "app/cache.py").write_text("import os\n"),
        lambda root: os.utime(root / "app/pay.py", ns=(1, 1)),  # same bytes, other mtime
        lambda root: (root / ".gitignore").write_text("app/pay.py\n"),
    ],
    ids=["added", "deleted", "edited", "touched", "ignored"],
)
def test_a_changed_tree_builds_the_answer_again(
    make_tree: TreeBuilder, builds: list[Path], change: Callable[[Path], object]
) -> None:
    root = make_tree(FILES)
    api.scan_answer(root)
    change(root)
    again = api.scan_answer(root)
    assert len(builds) == 2
    assert timeless(again) == timeless(api.scan(root, use_cache=False).model_dump(mode="json"))


def test_each_question_has_its_own_answer(make_tree: TreeBuilder, builds: list[Path]) -> None:
    root = make_tree(FILES)
    everything = api.scan_answer(root)
    payments = api.scan_answer(root, categories=["payment"])
    one_item = api.scan_answer(root, evidence_per_integration=1)
    assert len(builds) == 3
    assert ids(payments) == ["stripe"] and len(ids(everything)) > 1
    # each is kept: asking again replays all three
    assert timeless(api.scan_answer(root, categories=["payment"])) == timeless(payments)
    assert timeless(api.scan_answer(root)) == timeless(everything)
    assert timeless(api.scan_answer(root, evidence_per_integration=1)) == timeless(one_item)
    assert len(builds) == 3


def test_new_code_or_a_new_catalog_builds_it_again(
    make_tree: TreeBuilder, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_tree(FILES)
    api.scan_answer(root)
    monkeypatch.setattr(answers, "code_version", lambda *_: "edited code")
    api.scan_answer(root)
    monkeypatch.setattr(answers, "catalog_version", lambda: "edited catalog")
    api.scan_answer(root)
    assert len(builds) == 3


def test_the_code_version_follows_code_and_data_files(tmp_path: Path) -> None:
    package, providers = tmp_path / "pkg", tmp_path / "pkg" / "catalog" / "providers"
    generated = package / "catalog" / "prebuilt_index.json"
    files = {
        "catalog/prebuilt_index.json": "{}",
        "scan/extract.py": "x = 1\n",
        "resilience/data/defaults.toml": "[a]\n",
        "report/templates/report.md.j2": "{{ x }}\n",
        "catalog/providers/redis.toml": "id = 'redis'\n",
        "scan/__pycache__/extract.cpython-312.pyc": "compiled",
        "README.md": "text\n",
    }
    for rel, text in files.items():
        (package / rel).parent.mkdir(parents=True, exist_ok=True)
        (package / rel).write_text(text)

    def version() -> str:
        answers.code_version.cache_clear()
        return answers.code_version(str(package), str(providers), str(generated))

    seen = {version()}
    for rel in (
        "catalog/providers/redis.toml",
        "catalog/prebuilt_index.json",  # rebuilt by every wheel build, from the providers
        "scan/__pycache__/extract.cpython-312.pyc",
    ):
        (package / rel).write_text("changed, ignored\n")  # the catalog version covers these
        assert version() in seen
    for rel in (
        "scan/extract.py",
        "resilience/data/defaults.toml",
        "report/templates/report.md.j2",
    ):
        os.utime(package / rel, ns=(1, 1))
        seen.add(version())
    (package / "scan/new_rule.py").write_text("y = 2\n")
    seen.add(version())
    assert len(seen) == 5


def test_no_cache_and_a_partial_resilience_walk_are_never_replayed(
    make_tree: TreeBuilder, builds: list[Path]
) -> None:
    root = make_tree(FILES)
    for _ in range(2):
        api.scan_answer(root, use_cache=False)
        api.scan_answer(root, "app", resilience=True)  # the analysis reads beyond app/
    assert len(builds) == 4
    assert not answers.AnswerCache.open(root, root, {}).path.exists()


def test_a_corrupt_answer_file_is_rebuilt(make_tree: TreeBuilder, builds: list[Path]) -> None:
    root = make_tree(FILES)
    first = api.scan_answer(root)
    path = answers.AnswerCache.open(root, root, {}).path
    path.write_bytes(b"\x00{not json")
    assert timeless(api.scan_answer(root)) == timeless(first)
    assert len(builds) == 2
    assert timeless(api.scan_answer(root)) == timeless(first)
    assert len(builds) == 2


@pytest.mark.slow
def test_a_replayed_cli_scan_loads_no_model(make_tree: TreeBuilder) -> None:
    root = make_tree(FILES)
    probe = (
        "import sys; from integration_risk.launch import main\n"
        f"sys.argv = ['integration-risk', 'scan', {str(root)!r}, '--format', 'json']\n"
        "try:\n    main()\nfinally:\n"
        "    sys.stderr.write('pydantic loaded: %s' % ('pydantic' in sys.modules))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert runs[0].stderr.endswith("pydantic loaded: True")
    assert runs[1].stderr.endswith("pydantic loaded: False")
    assert timeless(json.loads(runs[1].stdout)) == timeless(json.loads(runs[0].stdout))
    assert "redis" in ids(json.loads(runs[1].stdout))


def test_the_code_version_leaves_out_the_shipped_index_where_the_catalog_writes_it() -> None:
    """A wheel build rewrites the index in the source tree; every cache stamped with the
    code version would otherwise be thrown away, and module-level stamps disagree."""
    from integration_risk import filecache
    from integration_risk.catalog import index

    assert str(index.PREBUILT.resolve()) == filecache._GENERATED
