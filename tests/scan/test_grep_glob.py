"""grep's glob: gitignore-style path patterns, for provider and regex queries alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk import api
from integration_risk.errors import InvalidInput
from integration_risk.scan.grep import path_filter

PATHS = ["a.ts", "src/a.ts", "src/sub/b.ts", "src/sub/deep/c.ts", "lib/src/d.ts", "src/e.py"]


@pytest.mark.parametrize(
    ("glob", "expected"),
    [
        ("src/**/*.ts", {"src/a.ts", "src/sub/b.ts", "src/sub/deep/c.ts"}),
        ("src/*.ts", {"src/a.ts"}),
        ("*.ts", {"a.ts", "src/a.ts", "src/sub/b.ts", "src/sub/deep/c.ts", "lib/src/d.ts"}),
        ("/*.ts", {"a.ts"}),
        ("**/src/*.ts", {"src/a.ts", "lib/src/d.ts"}),
        # as in .gitignore, a lone trailing slash does not anchor: any directory named src
        ("src/", {"src/a.ts", "src/sub/b.ts", "src/sub/deep/c.ts", "src/e.py", "lib/src/d.ts"}),
        ("/src/", {"src/a.ts", "src/sub/b.ts", "src/sub/deep/c.ts", "src/e.py"}),
        ("src/sub/**", {"src/sub/b.ts", "src/sub/deep/c.ts"}),
        ("src/?.py", {"src/e.py"}),
    ],
)
def test_glob_is_gitignore_style(glob: str, expected: set[str]) -> None:
    selected = path_filter(glob)
    assert {p for p in PATHS if selected(p)} == expected


@pytest.mark.parametrize("glob", ["", "  ", "!src/*.ts", "# comment"])
def test_glob_that_selects_nothing_is_refused(glob: str) -> None:
    with pytest.raises(InvalidInput, match="selects nothing"):
        path_filter(glob)


def test_glob_that_is_no_pattern_is_refused_with_what_to_do() -> None:
    with pytest.raises(InvalidInput, match="not a gitignore-style pattern") as refused:
        path_filter("\\")
    assert "src/**/*.ts" in str(refused.value)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    files = {
        "src/pay.ts": "import Stripe from 'stripe';\n",
        "src/billing/charge.ts": "import Stripe from 'stripe';\n",
        "worker/pay.ts": "import Stripe from 'stripe';\n",
    }
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


@pytest.mark.parametrize("query", ["stripe", r"from 'stripe'"], ids=["provider", "regex"])
def test_grep_filters_by_glob(tree: Path, query: str) -> None:
    def paths(glob: str) -> list[str]:
        return [m.path for m in api.grep(tree, query, glob=glob).matches]

    assert paths("src/**/*.ts") == ["src/billing/charge.ts", "src/pay.ts"]
    assert paths("src/*.ts") == ["src/pay.ts"]
    assert paths("*.ts") == ["src/billing/charge.ts", "src/pay.ts", "worker/pay.ts"]
