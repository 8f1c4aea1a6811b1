"""Client-library defaults met on held-out code: the AWS SDKs for PHP and Ruby (retries, and
Ruby's timeouts) where the code configures nothing, also behind a Laravel disk that names
the s3 driver (the PHP SDK through its Flysystem adapter: the manifest line says so);
Predis's connection timeout; the Kafka Java producer's timeouts and retries."""

from __future__ import annotations

from integration_risk.models.scan import Evidence
from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned


def _verdicts(root: object, item: object) -> dict[str, tuple[str, str]]:
    result = analyze(root, [item], use_cache=False)["s3"]  # type: ignore[arg-type, list-item]
    return {p: (v.verdict, " ".join(v.reasons)) for p, v in result.verdicts.items()}


def test_a_laravel_s3_disk_retries_through_the_php_sdk(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "composer.json": '{"require": {"league/flysystem-aws-s3-v3": "^3.0"}}\n',
            "config/filesystems.php": (
                "<?php\nreturn [\n    'disks' => [\n        'media' => [\n"
                "            'driver' => 's3',\n"
                "            'bucket' => env('MEDIA_BUCKET'),\n"
                "        ],\n    ],\n];\n"
            ),
        }
    )
    item = scanned("s3", [("config/filesystems.php", 5)], "config", category="storage")
    manifest = Evidence(
        path="composer.json", line=1, kind="dependency", snippet="league/flysystem-aws-s3-v3"
    )
    item = item.model_copy(update={"evidence": [*item.evidence, manifest]})
    verdicts = _verdicts(root, item)
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "AWS SDK for PHP" in verdicts["retry"][1]
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


def test_a_ruby_s3_client_has_the_sdks_timeouts_and_retries(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/services/archive.rb": (
                'require "aws-sdk-s3"\n\n'
                "class Archive\n"
                "  def store(key, body)\n"
                '    client = Aws::S3::Client.new(region: "eu-west-1")\n'
                '    client.put_object(bucket: "archive", key: key, body: body)\n'
                "  end\nend\n"
            )
        }
    )
    item = scanned("s3", [("app/services/archive.rb", 6)], "call", category="storage")
    verdicts = _verdicts(root, item)
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert verdicts["retry"][0] == "yes", verdicts["retry"]
    assert "AWS SDK for Ruby" in verdicts["retry"][1]


def test_a_predis_connection_has_its_five_second_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "composer.json": '{"require": {"predis/predis": "^2.1"}}\n',
            "config/database.php": (
                "<?php\nreturn [\n    'redis' => [\n"
                "        'client' => 'predis',\n"
                "        'default' => ['host' => env('REDIS_HOST')],\n"  # line 5
                "    ],\n];\n"
            ),
        }
    )
    item = scanned("redis", [("config/database.php", 5)], "config", category="cache")
    result = analyze(root, [item], use_cache=False)["redis"]
    timeout = result.verdicts["timeout"]
    assert timeout.verdict == "yes", timeout.reasons
    assert "Predis" in timeout.reasons[0]


def test_a_kafka_java_producer_has_the_clients_timeouts_and_retries(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "src/main/java/shop/Events.java": (
                "package shop;\n\n"
                "import org.apache.kafka.clients.producer.KafkaProducer;\n"
                "import org.apache.kafka.clients.producer.ProducerRecord;\n\n"
                "public class Events {\n"
                "    private final KafkaProducer<String, String> producer;\n\n"
                "    public Events(KafkaProducer<String, String> producer) {\n"
                "        this.producer = producer;\n"
                "    }\n\n"
                "    public void publish(String topic, String body) {\n"
                "        producer.send(new ProducerRecord<>(topic, body));\n"  # line 14
                "    }\n}\n"
            )
        }
    )
    item = scanned("kafka", [("src/main/java/shop/Events.java", 14)], "call", category="queue")
    imported = Evidence(  # the scanner cites the client's import line
        path="src/main/java/shop/Events.java",
        line=3,
        kind="import",
        snippet="import org.apache.kafka.clients.producer.KafkaProducer;",
    )
    item = item.model_copy(update={"evidence": [imported, *item.evidence]})
    result = analyze(root, [item], use_cache=False)["kafka"]
    assert result.verdicts["timeout"].verdict == "yes", result.verdicts["timeout"].reasons
    assert result.verdicts["retry"].verdict == "yes", result.verdicts["retry"].reasons
    assert "Kafka Java" in result.verdicts["retry"].reasons[0]


def test_predis_in_composer_alone_is_not_the_client_laravel_uses(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "composer.json": '{"require": {"predis/predis": "^2.1"}}\n',
            "config/database.php": (
                "<?php\nreturn [\n    'redis' => [\n"
                "        'client' => env('REDIS_CLIENT', 'phpredis'),\n"
                "        'default' => ['host' => env('REDIS_HOST')],\n"  # line 5
                "    ],\n];\n"
            ),
        }
    )
    item = scanned("redis", [("config/database.php", 5)], "config", category="cache")
    result = analyze(root, [item], use_cache=False)["redis"]
    assert not any("Predis" in r for r in result.verdicts["timeout"].reasons)


def test_an_azure_blob_client_retries_by_the_sdks_policy(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "src/storage/azure.ts": (
                "import { BlobServiceClient } from '@azure/storage-blob';\n\n"
                "const service = BlobServiceClient.fromConnectionString(process.env.AZ ?? '');\n\n"
                "export async function put(key: string, body: Buffer) {\n"
                "  const blob = service.getContainerClient('docs').getBlockBlobClient(key);\n"
                "  await blob.uploadData(body);\n"  # line 7
                "}\n"
            )
        }
    )
    item = scanned(
        "azure-blob-storage", [("src/storage/azure.ts", 1)], "import", category="storage"
    )
    result = analyze(root, [item], use_cache=False)["azure-blob-storage"]
    retry = result.verdicts["retry"]
    assert retry.verdict == "yes", retry.reasons
    assert "Azure SDK for JavaScript" in retry.reasons[0]


def test_a_gcs_bucket_in_python_has_the_librarys_timeout_and_retry(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree(
        {
            "app/archive.py": (
                "from google.cloud import storage\n\n\n"
                "def upload(name, data):\n"
                "    bucket = storage.Client().bucket('archive')\n"
                "    bucket.blob(name).upload_from_string(data)\n"  # line 6
            )
        }
    )
    item = scanned("gcs", [("app/archive.py", 1)], "import", category="storage")
    result = analyze(root, [item], use_cache=False)["gcs"]
    assert result.verdicts["timeout"].verdict == "yes", result.verdicts["timeout"].reasons
    assert result.verdicts["retry"].verdict == "yes", result.verdicts["retry"].reasons


def test_sentry_sdks_bound_their_transport(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "app/observability.py": (
                "import sentry_sdk\n\n\n"
                "def setup(dsn):\n"
                "    sentry_sdk.init(dsn=dsn, traces_sample_rate=0.1)\n"  # line 5
            ),
            "Gemfile": 'source "https://rubygems.org"\ngem "sentry-ruby"\n',
        }
    )
    item = scanned("sentry", [("app/observability.py", 5)], "call", category="observability")
    result = analyze(root, [item], use_cache=False)["sentry"]
    assert result.verdicts["timeout"].verdict == "yes", result.verdicts["timeout"].reasons
    assert "sentry-sdk" in result.verdicts["timeout"].reasons[0]
    gem = Evidence(path="Gemfile", line=2, kind="dependency", snippet='gem "sentry-ruby"')
    only_gem = item.model_copy(update={"evidence": [gem]})
    ruby = analyze(root, [only_gem], use_cache=False)["sentry"].verdicts["timeout"]
    assert ruby.verdict == "yes", ruby.reasons
    assert "sentry-ruby" in ruby.reasons[0]
