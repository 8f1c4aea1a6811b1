"""An integration called through its own SDK and through a general HTTP client (public
object URLs fetched with requests): the SDK's calls speak for it."""

from __future__ import annotations

from integration_risk.models.scan import Integration
from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned

STORE = (
    "import boto3\n"
    "import requests\n\n"
    "def read_object(key):\n"
    "    client = boto3.client('s3')\n"
    "    return client.get_object(Bucket='b', Key=key)\n\n"
    "def thumbnail(url):\n"
    "    return requests.get(url, timeout=5).content\n\n"
    "def preview(url):\n"
    "    return requests.get(url, timeout=5).content\n"
)


def s3(lines: list[int]) -> Integration:
    return scanned("s3", [("app/store.py", n) for n in lines], name="S3", category="storage")


def test_the_sdk_speaks_before_a_general_http_client(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/store.py": STORE})
    result = analyze_sites(root, [s3([6, 9, 12])], use_cache=False)["s3"].resilience
    retry = result.verdicts["retry"]
    assert retry.verdict == "yes", retry.reasons
    assert "botocore" in retry.reasons[0]


def test_without_an_sdk_the_http_client_sites_decide(make_tree: TreeBuilder) -> None:
    root = make_tree({"app/store.py": STORE})
    result = analyze_sites(root, [s3([9, 12])], use_cache=False)["s3"].resilience
    assert result.verdicts["retry"].verdict == "no"
