"""Manifests of each ecosystem and infrastructure files feed the same integrations."""

from __future__ import annotations

from integration_risk import api
from tests.conftest import TreeBuilder


def ids(root) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    result = api.scan(root, ".", min_confidence=0.0, evidence_per_integration=-1)
    return {i.id: [f"{e.path}:{e.line}:{e.kind}" for e in i.evidence] for i in result.integrations}


def test_manifests_of_ten_ecosystems(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "web/package.json": '{\n  "dependencies": {\n    "stripe": "^14.0.0"\n  },\n  "devDependencies": {\n    "ioredis": "5"\n  }\n}\n',
            "api/requirements.txt": "psycopg2-binary==2.9.9  # db\n",
            "svc/go.mod": "module example.org/svc\n\ngo 1.22\n\nrequire github.com/stripe/stripe-go/v76 v76.0.0\n",
            "rb/Gemfile": 'source "https://rubygems.org"\ngem "stripe"\n',
            "jvm/pom.xml": "<project><dependencies><dependency><groupId>com.stripe</groupId><artifactId>stripe-java</artifactId></dependency></dependencies></project>\n",
            "net/Shop.csproj": '<Project><ItemGroup>\n<PackageReference Include="Stripe.net" Version="43.0.0" />\n</ItemGroup></Project>\n',
            "php/composer.json": '{"require": {"stripe/stripe-php": "^13"}}\n',
            "rs/Cargo.toml": '[package]\nname = "x"\n\n[dependencies]\nredis = "0.25"\n',
            "ex/mix.exs": 'defp deps do\n  [{:stripity_stripe, "~> 3.0"}]\nend\n',
            "dart/pubspec.yaml": "name: app\ndependencies:\n  flutter_stripe: ^10.0.0\n",
        }
    )
    found = ids(root)
    stripe_files = {e.split(":")[0] for e in found["stripe"]}
    assert stripe_files >= {
        "web/package.json",
        "svc/go.mod",
        "rb/Gemfile",
        "jvm/pom.xml",
        "net/Shop.csproj",
        "php/composer.json",
        "ex/mix.exs",
        "dart/pubspec.yaml",
    }
    assert "api/requirements.txt:1:dependency" in found["postgresql"]
    assert "rs/Cargo.toml:5:dependency" in found["redis"]


def test_dev_only_dependency_alone_is_test_only(make_tree: TreeBuilder) -> None:
    root = make_tree({"package.json": '{"devDependencies": {"ioredis": "5"}}'})
    result = api.scan(root, ".", min_confidence=0.0)
    assert [(i.id, i.test_only) for i in result.integrations] == [("redis", True)]
    assert api.scan(root, ".").integrations == []  # below the default confidence


def test_compose_kubernetes_terraform_and_env_files(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "docker-compose.yml": "services:\n  db:\n    image: postgres:16-alpine\n  cache:\n    image: docker.io/bitnami/redis:7.2\n",
            "k8s/deploy.yaml": "spec:\n  containers:\n    - name: search\n      image: docker.elastic.co/elasticsearch/elasticsearch:8.13.0\n",
            "infra/main.tf": 'resource "aws_s3_bucket" "uploads" {\n  bucket = "shop-uploads"\n}\n',
            ".env.example": "STRIPE_SECRET_KEY=sk_test_placeholder\nSENTRY_DSN=\n",
        }
    )
    found = ids(root)
    assert "docker-compose.yml:3:image" in found["postgresql"]
    assert "docker-compose.yml:5:image" in found["redis"]
    assert "k8s/deploy.yaml:4:image" in found["elasticsearch"]
    assert "infra/main.tf:1:terraform" in found["s3"]
    assert ".env.example:1:config" in found["stripe"]
    assert ".env.example:2:config" in found["sentry"]


def test_connection_url_schemes(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "settings.py": "BROKER = 'amqp://guest:guest@rabbit:5672//'\nDB = 'mongodb+srv://u:p@cluster0.mongodb.net/app'\n",
        }
    )
    found = ids(root)
    assert "settings.py:1:scheme" in found["rabbitmq"]
    assert any(e.startswith("settings.py:2:") for e in found["mongodb"])
