"""One synthetic app per language: the scanner finds each integration where the code uses it."""

from __future__ import annotations

import pytest

from integration_risk import api
from tests.conftest import TreeBuilder


def found(root, **kwargs) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    result = api.scan(root, ".", min_confidence=0.0, evidence_per_integration=-1, **kwargs)
    return {i.id: {f"{e.path}:{e.line}:{e.kind}" for e in i.evidence} for i in result.integrations}


CASES = {
    "python": {
        "app/db.py": "import os\nimport psycopg2\n\nconn = psycopg2.connect(os.environ['DATABASE_URL'])\n",
        "app/cache.py": "from redis import Redis\nr = Redis.from_url(os.getenv('REDIS_URL'))\n",
        "app/pay.py": "import stripe\nstripe.api_key = os.environ['STRIPE_SECRET_KEY']\n",
        "app/files.py": "import boto3\ns3 = boto3.client('s3')\n",
    },
    "typescript": {
        "src/db.ts": "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n",
        "src/cache.ts": "import Redis from 'ioredis';\nconst redis = new Redis(process.env.REDIS_URL!);\n",
        "src/mail.ts": "const sgMail = require('@sendgrid/mail');\nsgMail.setApiKey(process.env.SENDGRID_API_KEY);\n",
        "src/files.ts": "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\n",
    },
    "go": {
        "internal/db/db.go": 'package db\n\nimport (\n\t"database/sql"\n\t_ "github.com/lib/pq"\n\t"github.com/redis/go-redis/v9"\n)\n',
        "internal/pay/pay.go": 'package pay\n\nimport "github.com/stripe/stripe-go/v76/paymentintent"\n',
    },
    "ruby": {
        "app/services/pay.rb": "require 'stripe'\nStripe.api_key = ENV['STRIPE_SECRET_KEY']\n",
        "config/initializers/redis.rb": "require 'redis'\n$redis = Redis.new(url: ENV.fetch('REDIS_URL'))\n",
    },
    "java": {
        "src/main/java/shop/Pay.java": "package shop;\n\nimport com.stripe.Stripe;\nimport redis.clients.jedis.Jedis;\n",
    },
    "kotlin": {
        "src/main/kotlin/shop/Pay.kt": "package shop\n\nimport com.stripe.model.PaymentIntent\nimport org.postgresql.Driver\n",
    },
    "csharp": {
        "Shop/Payments.cs": "using Stripe;\nusing StackExchange.Redis;\nusing Npgsql;\n\nnamespace Shop;\n",
    },
    "php": {
        "src/Payments.php": "<?php\nuse Stripe\\StripeClient;\nuse Predis\\Client;\n$s = new StripeClient(getenv('STRIPE_SECRET_KEY'));\n",
    },
    "rust": {
        "src/main.rs": 'use redis::Commands;\nuse sqlx::postgres::PgPoolOptions;\nfn main() { let url = std::env::var("DATABASE_URL"); }\n',
    },
}
EXPECTED = {
    "python": {"postgresql", "redis", "stripe", "s3"},
    "typescript": {"postgresql", "redis", "sendgrid", "s3"},
    "go": {"postgresql", "redis", "stripe"},
    "ruby": {"stripe", "redis"},
    "java": {"stripe", "redis"},
    "kotlin": {"stripe", "postgresql"},
    "csharp": {"stripe", "redis", "postgresql"},
    "php": {"stripe", "redis"},
    "rust": {"redis", "postgresql"},
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_language_fixture_finds_its_integrations(language: str, make_tree: TreeBuilder) -> None:
    root = make_tree(CASES[language])
    result = found(root)
    assert EXPECTED[language] <= set(result), f"{language}: found {sorted(result)}"


def test_evidence_points_at_the_exact_line(make_tree: TreeBuilder) -> None:
    root = make_tree(CASES["python"])
    result = found(root)
    assert "app/pay.py:1:import" in result["stripe"]
    assert "app/pay.py:2:env" in result["stripe"]
    assert "app/files.py:2:sdk-service" in result["s3"]


def test_hosts_outside_the_catalog_are_reported_by_name(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/rates.py": "import httpx\nresp = httpx.get('https://api.frankfurter.app/latest')\n",
            "app/links.py": "# docs: https://api.unrelated-docs.dev/guide\nHELP = 'see https://blog.acme.dev'\n",
        }
    )
    result = api.scan(root, ".", min_confidence=0.0)
    ids = {i.id: i for i in result.integrations}
    assert "api.frankfurter.app" in ids
    assert ids["api.frankfurter.app"].in_catalog is False
    assert "frankfurter" in ids["api.frankfurter.app"].aliases
    assert "api.unrelated-docs.dev" not in ids and "blog.acme.dev" not in ids


def test_local_and_example_hosts_are_dropped(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/cfg.py": (
                "import requests\nrequests.get('http://localhost:8080/x')\n"
                "requests.get('https://api.example.com/v1')\nrequests.get('http://10.0.0.3/health')\n"
                "requests.get('http://payments.svc.cluster.local/charge')\n"
            ),
        }
    )
    assert api.scan(root, ".", min_confidence=0.0).integrations == []


def test_test_only_evidence_lowers_confidence(make_tree: TreeBuilder) -> None:
    live = make_tree({"app/pay.py": "import stripe\n"})
    live_conf = api.scan(live, ".", min_confidence=0.0).integrations[0]
    (live / "app/pay.py").unlink()
    (live / "tests").mkdir()
    (live / "tests/test_pay.py").write_text("import stripe\n")
    test_only = api.scan(live, ".", min_confidence=0.0).integrations[0]
    assert test_only.test_only and not live_conf.test_only
    assert test_only.confidence < live_conf.confidence


def test_confidence_grows_with_independent_evidence(make_tree: TreeBuilder) -> None:
    one = make_tree({"app/pay.py": "import stripe\n"})
    c1 = api.scan(one, ".", min_confidence=0.0).integrations[0].confidence
    (one / "requirements.txt").write_text("stripe==8.0.0\n")
    (one / "app/cfg.py").write_text("import os\nKEY = os.environ['STRIPE_SECRET_KEY']\n")
    c3 = api.scan(one, ".", min_confidence=0.0).integrations[0].confidence
    assert c3 > c1


def test_links_embeds_and_commented_code_are_not_integrations(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/carriers.rb": "CARRIERS = { 'acme' => { name: 'Acme', url: 'https://track.acme-parcels.net/?id=' } }\n",
            "app/embeds.ts": 'export const embeds = [{ regexMatch: [new RegExp("^https://boards.pinmark.io/(.*)$")] }];\n',
            "app/help.ts": "export const SUPPORT_DOCS_URL = 'https://vendorhelp.dev/guide';\n",
            "app/old.py": "# import stripe\n# requests.post('https://api.oldvendor.net/v1')\n",
            "app/form.tsx": '<input placeholder="https://hooks.yourcompany.net/endpoint" />\n',
        }
    )
    assert api.scan(root, ".", min_confidence=0.0).integrations == []


def test_endpoint_settings_and_calls_name_unknown_systems(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "server/updates.ts": 'const UPDATES_URL = "https://updates.acme-app.io";\n',
            "server/rates.py": "import httpx\nRATES_BASE = 'x'\nr = httpx.get('https://api.rateswire.com/latest')\n",
            "server/telemetry.js": 'const host = options.host || "https://telemetry.fizzbuzz.dev";\n',
        }
    )
    ids = {i.id for i in api.scan(root, ".", min_confidence=0.0).integrations}
    assert ids == {"updates.acme-app.io", "api.rateswire.com", "telemetry.fizzbuzz.dev"}


def test_class_definitions_strings_dockerfile_downloads_and_example_hosts(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "runners/sf.py": 'class Salesforce(BaseRunner):\n    name = "JIRA (JQL)"\n',
            "Dockerfile": "FROM python:3.12\nARG driver=https://vendor-artifacts.s3.amazonaws.com/odbc.zip\n",
            ".env.example": "STORAGE_ENDPOINT_URL=https://my-compatible.storage-vendor.com\n",
        }
    )
    assert api.scan(root, ".", min_confidence=0.0).integrations == []


def test_documentation_urls_and_test_utilities_do_not_count(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "web/layout.ts": 'const DEPLOY_URL = "https://widgets.dev/docs/deploy";\n',
            "internal/testutil/store.go": 'package testutil\n\nimport "github.com/lib/pq"\n',
        }
    )
    result = api.scan(root, ".", min_confidence=0.0)
    assert [(i.id, i.test_only) for i in result.integrations] == [("postgresql", True)]


@pytest.mark.parametrize(
    "path",
    [
        *("a.py", ".py", "a.", "a..py", "a.PY", "b/.rs", "b/a.tar.ts", "a/", "a/.", "a/..", "x.Kt"),
        *("", ".", "..", "a/b.c/d", "a\\b.py", "a//b.go", "a.b/", "src/App.Razor", "a/b.exs"),
    ],
)
def test_the_language_is_read_from_the_suffix_as_pathlib_reads_it(path: str) -> None:
    from pathlib import PurePosixPath

    from integration_risk.scan.languages import _BY_SUFFIX, language_of

    assert language_of(path) == _BY_SUFFIX.get(PurePosixPath(path).suffix.lower())
