"""The candidate-line prefilter changes no finding: differential against full-text extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.catalog import load_catalog
from integration_risk.catalog.index import build_index
from integration_risk.scan import prefilter
from integration_risk.scan.engine import extract
from integration_risk.scan.extract import extract_file

CATALOG = load_catalog()
INDEX = build_index(CATALOG)
SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


@pytest.fixture(autouse=True)
def prefilter_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAN_PREFILTER", "1")


FILLER = "".join(f"value_{n} = compute(items[{n}], factor={n})\n" for n in range(40))

TRICKY = {
    "src/env.ts": "const {\n  A,\n"
    + "".join(f"  PLAIN_{n},\n" for n in range(30))
    + "  STRIPE_SECRET_KEY,\n  BILLING_API_URL,\n} = process.env\n",
    "app/client.py": "s3 = boto3.client(\n    'sqs'\n)\nkey = os.environ.get(\n    'SENDGRID_API_KEY'\n)\n",
    "lib/memory.js": "const memoryStore = new MemoryStore()\nconst repository = factory()\n",
    "pkg/api.go": 'import (\n\t"fmt"\n\t"github.com/redis/go-redis/v9"\n)\n',
    "config/app.yml": "services:\n  cache:\n    image: bitnami/redis:7\n  PAYMENTS_URL: https://pay.example\n",
    "Main.java": "import com.stripe.Stripe;\nclass A { void f() { Stripe.apiKey = k; } }\n",
    "app/Http/Pay.php": "<?php\nuse Stripe\\StripeClient;\n$c = new \\Stripe\\StripeClient($k);\n",
    "src/main.rs": "use aws_sdk_s3::Client;\nlet c = reqwest::Client::new();\n",
}


def _cases() -> list[tuple[str, str]]:
    cases = [
        (example.file, FILLER + example.text + FILLER)
        for provider in CATALOG.providers.values()
        for example in provider.examples
    ]
    cases += [(rel, FILLER + text + FILLER) for rel, text in TRICKY.items()]
    cases += [
        (p.relative_to(SHOP).as_posix(), p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(SHOP.rglob("*"))
        if p.is_file()
    ]
    return cases


def test_prefiltered_extraction_equals_full_extraction() -> None:
    differing = []
    for rel, text in _cases():
        if extract(rel, text, INDEX) != extract_file(rel, text, INDEX):
            differing.append(rel)
    assert differing == []


def test_the_filter_keeps_token_lines_with_their_neighbours_only() -> None:
    text = FILLER + "import stripe\n" + FILLER
    kept = prefilter.candidate_text(text, INDEX)
    assert kept is not None
    compact, line_map = kept
    token_line = FILLER.count("\n") + 1
    assert line_map[: prefilter.WINDOW * 2 + 1] == list(
        range(token_line - prefilter.WINDOW, token_line + prefilter.WINDOW + 1)
    )
    assert compact.splitlines()[prefilter.WINDOW] == "import stripe"
    assert len(compact.splitlines()) == 2 * prefilter.WINDOW + 1


@pytest.mark.parametrize(
    "line",
    [
        "const memoryStore = makeStore()",  # `ory` is a catalog name, not inside a word
        "let outboxQueue = []",  # nor is `box`
        "HTTP_PORTS = [80, 443]",  # `_port` ends a name only
    ],
)
def test_tokens_inside_longer_words_do_not_make_a_line_a_candidate(line: str) -> None:
    assert prefilter.candidate_text(FILLER + line + "\n" + FILLER, INDEX) is None


def test_scan_with_and_without_prefilter_is_identical(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from integration_risk import api

    def scan(flag: str) -> object:
        monkeypatch.setenv("SCAN_PREFILTER", flag)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / flag))
        return api.scan(SHOP).model_dump(exclude={"summary"})

    assert scan("1") == scan("0")
