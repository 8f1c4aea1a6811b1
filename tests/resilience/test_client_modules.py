"""Client modules named after a system: a request class inherits its base class's client."""

from __future__ import annotations

from integration_risk.models.scan import Integration
from integration_risk.resilience import analyze_sites
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned
from tests.resilience.test_fixture_verdicts import verdict

BASE = (
    "<?php\nnamespace App\\Services\\ExampleBank\\Request;\n\nuse GuzzleHttp\\Client;\n\n"
    "abstract class Request\n{\n"
    "    protected function client(): Client\n    {\n"
    "        return new Client(['connect_timeout' => 5, 'timeout' => 20]);\n    }\n"
    "    protected function authenticatedGet(string $url): array\n    {\n"
    "        return json_decode((string) $this->client()->get($url)->getBody(), true);\n"
    "    }\n}\n"
)
LEAF = (
    "<?php\nnamespace App\\Services\\ExampleBank\\Request;\n\n"
    "final class GetAccountsRequest extends Request\n{\n"
    "    public function get(): array\n    {\n"
    "        return $this->authenticatedGet('/accounts');\n    }\n}\n"
)


def bank(path: str) -> Integration:
    return scanned("example-bank", [(path, 3)], "env", name="Example Bank")


def test_a_request_module_inherits_its_base_class_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "config/examplebank.php": "<?php\nreturn [\n    'url' => env('EXAMPLE_BANK_URL'),\n];\n",
            "app/Services/ExampleBank/Request/GetAccountsRequest.php": LEAF,
            "app/Services/ExampleBank/Request/Request.php": BASE,
            # another `Request` class farther away is not the base
            "app/Other/Request.php": "<?php\nnamespace App\\Other;\n\nclass Request\n{\n}\n",
        }
    )
    result = analyze_sites(root, [bank("config/examplebank.php")], use_cache=False)
    leaf = next(
        s for s in result["example-bank"].sites if s.path.endswith("GetAccountsRequest.php")
    )
    answer, reason = verdict(leaf, "timeout")
    assert answer == "yes", reason
    assert "base class Request (app/Services/ExampleBank/Request/Request.php)" in reason, reason


def test_a_request_module_without_a_bounded_base_has_no_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree(
        {
            "config/examplebank.php": "<?php\nreturn [\n    'url' => env('EXAMPLE_BANK_URL'),\n];\n",
            "app/Services/ExampleBank/Request/GetAccountsRequest.php": LEAF,
            "app/Services/ExampleBank/Request/Request.php": BASE.replace(
                "['connect_timeout' => 5, 'timeout' => 20]", "[]"
            ),
        }
    )
    result = analyze_sites(root, [bank("config/examplebank.php")], use_cache=False)
    leaf = next(
        s for s in result["example-bank"].sites if s.path.endswith("GetAccountsRequest.php")
    )
    assert verdict(leaf, "timeout")[0] == "no"
