"""The candidate-line prefilter (on by default) changes no finding: differential against
full-text extraction, including the pattern extractors (call sites, drivers, outbound)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from integration_risk.catalog import load_catalog
from integration_risk.catalog.index import build_index
from integration_risk.scan import prefilter
from integration_risk.scan.engine import extract
from integration_risk.scan.extract import extract_file
from integration_risk.scan.regex_literals import required_literals

CATALOG = load_catalog()
INDEX = build_index(CATALOG)
SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


@pytest.fixture(autouse=True)
def prefilter_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAN_PREFILTER", "1")


# Lines holding no anchor at all, so fixtures sit between lines the filter drops.
FILLER = "".join(f"value_{n} = scale(items[{n}], factor={n})\n" for n in range(40))

# Call sites, driver selectors and checks, outbound features: findings on lines without a
# catalog token. Each must yield a finding of its kind (so the differential test bites).
PATTERN_FIXTURES = {
    # HTTP calls to a URL from data (outbound features), one per language
    "app/services/rss_agent.rb": ("call", "resp = Faraday.get(feed_url)\n"),
    "app/hooks/deliver_webhook.py": ("call", "r = requests.post(hook.target_url, json=b)\n"),
    "src/relay/pushRelay.ts": ("call", "const res = await fetch(relayUrl, { method: 'POST' })\n"),
    "internal/mirror/sync_feed.go": ("call", 'req, _ := http.NewRequest("GET", feedURL, nil)\n'),
    "src/Sync/FeedFetcher.cs": ("call", "var r = await _http.GetAsync(feedUri);\n"),
    "src/main/java/link/LinkChecker.java": (
        "call",
        "ResponseEntity<String> r = restTemplate.getForEntity(targetUrl, String.class);\n",
    ),
    "app/Services/Podcast/EpisodeSync.php": ("call", "$r = Http::get($podcast->url);\n"),
    "lib/app/feeds/feed_poller.ex": ("call", "{:ok, r} = HTTPoison.get(feed_url)\n"),
    "src/icons/icon_fetch.rs": ("call", "let r = client.get(icon_url).send().await?;\n"),
    "internal/mirror/git_sync.go": ("call", 'cmd := exec.Command("git", "fetch", remote)\n'),
    # a client built in a file that calls a URL from data
    "app/services/link_preview.py": (
        "call",
        "session = requests.Session()\n" + "x = 1\n" * 10 + "session.get(link_url)\n",
    ),
    # driver selectors in config and code, branches on the driver, EF Core providers
    "config/database.php": ("config", "'pgsql' => [\n    'driver' => 'pgsql',\n],\n"),
    "config/database.yml": ("config", "production:\n  adapter: postgresql\n"),
    "src/db/connect.ts": ("driver", "const db = new Sequelize({ dialect: 'postgres' })\n"),
    "app/models/search.py": ("driver", 'if connection.vendor == "postgresql":\n    pass\n'),
    "src/Data/Startup.cs": ("client", "options.UseNpgsql(connectionString);\n"),
}

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
    cases += [(rel, FILLER + text + FILLER) for rel, (_, text) in PATTERN_FIXTURES.items()]
    cases += [
        (p.relative_to(SHOP).as_posix(), p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(SHOP.rglob("*"))
        if p.is_file()
    ]
    return cases


@pytest.mark.slow  # every fixture through every path: runs in CI, not in the edit loop
def test_prefiltered_extraction_equals_full_extraction() -> None:
    differing = []
    for rel, text in _cases():
        if extract(rel, text, INDEX) != extract_file(rel, text, INDEX):
            differing.append(rel)
    assert differing == []


@pytest.mark.parametrize("rel", sorted(PATTERN_FIXTURES))
def test_pattern_extractor_findings_survive_the_filter(rel: str) -> None:
    kind, text = PATTERN_FIXTURES[rel]
    full = FILLER + text + FILLER
    assert kind in {f.kind for f in extract_file(rel, full, INDEX)}
    kept = prefilter.candidate_text(full, INDEX)
    assert kept is not None and len(kept[1]) < full.count("\n")  # the filler was dropped
    assert extract(rel, full, INDEX) == extract_file(rel, full, INDEX)


def test_browser_code_is_judged_on_the_whole_file() -> None:
    # `window.` far from the call: the file is browser code, which calls no outbound URL.
    text = "window.onload = start\n" + FILLER + "const r = await fetch(feedUrl)\n"
    assert extract("src/feed/load.ts", text, INDEX) == extract_file("src/feed/load.ts", text, INDEX)
    assert not [f for f in extract("src/feed/load.ts", text, INDEX) if f.kind == "call"]


def test_every_pattern_extractor_regex_has_anchors_in_the_filter() -> None:
    anchors = prefilter.anchors(INDEX)
    for pattern in prefilter.PATTERN_EXTRACTORS:
        literals = required_literals(pattern)
        assert literals and literals <= anchors.keys()


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"(?:\.|::)\s*(?P<v>get|Post)\s*\(", {"get", "post"}),
        (r"(?i)^(?=[^\n]*(?:driver|engine))(?=[^\n]*(?:==|in))[^\n]*$", {"driver", "engine"}),
        (r"\.Use(Npgsql|Sqlite)\(", {"npgsql", "sqlite"}),
        (r"x?(?:ab)+", {"ab"}),
        (r"(?i)db_?type\s*=", {"db_type", "dbtype"}),  # not the common word `type`
    ],
)
def test_required_literals(pattern: str, literals: set[str]) -> None:
    assert required_literals(re.compile(pattern)) == literals
    for line in ("a.get(", "a::Post (", "driver == 'x'", "q.UseNpgsql(", "abab", "DBTYPE ="):
        if re.search(pattern, line):
            assert any(lit in line.lower() for lit in literals)


@pytest.mark.parametrize("pattern", [r"\w+\(", r"(?:get|\w)\(", r"x?y*", r"(?!get)\s"])
def test_a_pattern_without_required_literals_is_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="no literal"):
        required_literals(re.compile(pattern))


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
        "const memoryPool = makePool()",  # `ory` is a catalog name, not inside a word
        "let outboxQueue = []",  # nor is `box`
        "APP_PORTS = [80, 443]",  # `_port` ends a name only
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
