"""General rules from the gen-v round of never-seen repositories (C#, Java, PHP), each
checked on small synthetic trees."""

from __future__ import annotations

from pathlib import Path

from integration_risk.scan.code import called_classes
from tests.scan.trees import scan, write


def test_a_generic_class_is_built_with_its_type_arguments() -> None:
    text = (
        "var a = new SQSQueue<WorkItem>(options);\n"
        "var b = new AzureStorageQueue<Map<string, int>>(options);\n"
        "Queue<Job> c = new RedisQueue<>(options);\n"
        "if (count < Limit && Other > (x)) {}\n"
    )
    assert [name for name, _ in called_classes(text)] == [
        "SQSQueue",
        "AzureStorageQueue",
        "RedisQueue",
    ]


def test_a_generic_queue_of_a_catalog_class_is_that_provider(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "src/Jobs/Queues.cs": "namespace Acme.Jobs;\n\npublic static class Queues\n{\n"
            "    public static object Create(Options o) => new SQSQueue<WorkItem>(o.Sqs);\n}\n",
        },
    )
    assert "sqs" in scan(tmp_path), sorted(scan(tmp_path))


_JAVA_FACTORY = """package com.acme.sync.service;

import com.acme.sync.client.RetryingWarehouseClient;
import com.vendor.billing.sdk.LedgerClient;

public class ClientFactory {
  Object warehouse(String url, Settings settings) {
    return new RetryingWarehouseClient(
        settings.toBuilder().address(url).build(),
        settings.timeout());
  }

  Object ledger(String url) {
    return new LedgerClient(url);
  }
}
"""
_KOTLIN_FACTORY = """package com.acme.sync

fun catalog(baseUrl: String) = CatalogApiClient(baseUrl, retries = 2)
fun fixed() = PricingApiClient("https://pricing.example.org")
"""


def test_a_jvm_projects_own_client_built_with_an_address_names_its_system(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        {
            "src/main/java/com/acme/sync/service/ClientFactory.java": _JAVA_FACTORY,
            "src/main/kotlin/com/acme/sync/Clients.kt": _KOTLIN_FACTORY,
        },
    )
    found = scan(tmp_path)
    assert {"warehouse", "catalog"} <= set(found), sorted(found)
    # a vendor SDK's class (imported from another package root) and a literal address are not
    assert not {"ledger", "pricing"} & set(found), sorted(found)


def _php_provider(cls: str, body: str) -> str:
    return f"<?php\nnamespace App\\Services\\Lookup\\Providers;\n\nclass {cls}\n{{\n{body}}}\n"


def test_a_call_through_a_class_constant_goes_to_the_literal_it_holds(tmp_path: Path) -> None:
    body = (
        "    private const ENDPOINT_URL = 'https://api.partsvendor.io/catalog';\n"
        '    public const SEARCH_URL = self::ENDPOINT_URL . "/search";\n\n'
        "    public function find(string $keyword): array\n    {\n"
        "        $a = $this->vendorClient->request('GET', self::ENDPOINT_URL . '/item');\n"
        "        $b = $this->vendorClient->request('GET', self::SEARCH_URL, ['query' => $keyword]);\n"
        "        return [$a, $b];\n    }\n"
    )
    write(
        tmp_path,
        {"src/Services/Lookup/Providers/VendorProvider.php": _php_provider("VendorProvider", body)},
    )
    found = scan(tmp_path)
    host = found["api.partsvendor.io"]
    lines = {e.line for e in host.evidence}
    assert {11, 12} <= lines, sorted(lines)
    assert "vendor" not in found, sorted(found)


def test_a_constant_whose_name_is_in_another_ones_goes_to_its_own_literal(
    tmp_path: Path,
) -> None:
    body = (
        "    private const AUTH_URL = 'https://login.alpha-auth.io/token';\n"
        "    private const URL = 'https://api.beta-parts.io/v2';\n\n"
        "    public function find(string $keyword): array\n    {\n"
        "        return $this->http->request('GET', self::URL . '/search');\n    }\n"
    )
    write(tmp_path, {"src/Parts/PartsClient.php": _php_provider("PartsClient", body)})
    found = scan(tmp_path)
    kinds = {e.kind for e in found["api.beta-parts.io"].evidence}
    assert "call" in kinds, sorted(kinds)
    auth = found.get("login.alpha-auth.io")
    assert auth is None or "call" not in {e.kind for e in auth.evidence}


def test_a_path_constant_after_a_base_is_no_setting_of_its_own(tmp_path: Path) -> None:
    body = (
        "    private const SEARCH_ENDPOINT = '/search/v3/facets';\n\n"
        "    public function find(string $keyword): array\n    {\n"
        "        $url = $this->settings->apiRoot() . self::SEARCH_ENDPOINT;\n"
        "        return $this->httpClient->request('POST', $url)->toArray();\n    }\n"
    )
    write(
        tmp_path,
        {"src/Services/Lookup/Providers/ShopProvider.php": _php_provider("ShopProvider", body)},
    )
    found = scan(tmp_path)
    assert "shop" in found, sorted(found)
    assert "search" not in found, sorted(found)


def test_modules_side_by_side_in_a_directory_of_roles_keep_their_own_names(
    tmp_path: Path,
) -> None:
    generic = (
        "    public function fetch(string $url): string\n    {\n"
        "        return $this->httpClient->request('GET', $url)->getContent();\n    }\n"
    )
    named = (
        "    public function fetch(string $sku): string\n    {\n"
        "        $url = $this->settings->baseUrl . '/items/' . $sku;\n"
        "        return $this->httpClient->request('GET', $url)->getContent();\n    }\n"
    )
    write(
        tmp_path,
        {
            "src/Services/PartLookup/Providers/GenericWebProvider.php": _php_provider(
                "GenericWebProvider", generic
            ),
            "src/Services/PartLookup/Providers/WarehouseProvider.php": _php_provider(
                "WarehouseProvider", named
            ),
        },
    )
    found = scan(tmp_path)
    assert "warehouse" in found, sorted(found)
    # the control: a file in the feature's own meaningful directory is still one of its parts
    write(
        tmp_path,
        {"src/Services/PartLookup/WarehouseSync.php": _php_provider("WarehouseSync", named)},
    )
    assert "warehouse-sync" not in scan(tmp_path), sorted(scan(tmp_path))
    # a sibling that sorts before the role directory's feature is folded first: the answer
    # for the role directory's module must not depend on that order
    write(
        tmp_path,
        {"src/Services/PartLookup/AcmeSync.php": _php_provider("AcmeSync", named)},
    )
    found = scan(tmp_path)
    assert "warehouse" in found and "acme-sync" not in found, sorted(found)


def test_requests_by_path_follow_a_client_built_on_a_url_constant(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "lib/boxfiles_client.rb": 'require "faraday"\n\nclass BoxfilesClient\n'
            '  API_ROOT = "https://api.boxfiles.io/2"\n\n'
            '  def ls(path)\n    connection.post("files/get_temporary_link", path:).body\n  end\n\n'
            "  def connection\n    @connection ||= Faraday.new(url: API_ROOT)\n  end\nend\n",
        },
    )
    lines = {e.line for e in scan(tmp_path)["api.boxfiles.io"].evidence}
    assert {7, 11} <= lines, sorted(lines)


def test_algolias_autocomplete_widget_over_a_local_source_is_no_algolia(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "package.json": '{\n  "dependencies": {\n    "@algolia/autocomplete-js": "^1.17.0"\n  }\n}\n',
            "assets/search.js": "import { autocomplete } from '@algolia/autocomplete-js';\n\n"
            "autocomplete({ container: '#search', getSources: () => [localParts] });\n",
        },
    )
    assert "algolia" not in scan(tmp_path), sorted(scan(tmp_path))
    # its Algolia preset queries Algolia
    write(
        tmp_path,
        {
            "assets/hits.js": "import { getAlgoliaResults } from "
            "'@algolia/autocomplete-preset-algolia';\n"
        },
    )
    assert "algolia" in scan(tmp_path), sorted(scan(tmp_path))


def test_a_documentation_directory_is_no_runtime(tmp_path: Path) -> None:
    compose = "services:\n  db:\n    image: postgres:16\n"
    write(tmp_path, {"documentation/compose/demo.yaml": compose})
    assert "postgresql" not in scan(tmp_path), sorted(scan(tmp_path))
    write(tmp_path, {"docker-compose.yml": compose})  # the control: the app's own compose file
    assert "postgresql" in scan(tmp_path), sorted(scan(tmp_path))


_OAUTH_LIBRARY = """/* eslint-disable */
/**
 * Satchel 0.15.5
 * (c) 2016 Jane Doe
 * License: MIT
 */
var providers = {
  twitch: {
    name: 'twitch',
    url: '/auth/twitch',
    authorizationEndpoint: 'https://api.twitch.tv/kraken/oauth2/authorize',
    redirectUri: window.location.origin,
  },
};
"""


def test_a_copied_in_librarys_release_banner_keeps_it_out(tmp_path: Path) -> None:
    write(tmp_path, {"web/components/satchel/satchel.js": _OAUTH_LIBRARY})
    assert "twitch" not in scan(tmp_path), sorted(scan(tmp_path))
    # the control: the same file without the banner is the app's own
    write(
        tmp_path,
        {
            "web/components/login/providers.js": _OAUTH_LIBRARY[
                _OAUTH_LIBRARY.index("var providers") :
            ]
        },
    )
    assert "twitch" in scan(tmp_path), sorted(scan(tmp_path))


def test_a_release_banner_naming_the_project_itself_is_its_own_source(tmp_path: Path) -> None:
    banner = _OAUTH_LIBRARY.replace("Satchel 0.15.5", "satchel v2.4.1")
    write(
        tmp_path,
        {"package.json": '{"name": "@acme/satchel"}', "src/satchel/satchel.js": banner},
    )
    assert "twitch" in scan(tmp_path), sorted(scan(tmp_path))


def test_a_banner_with_a_version_tag_on_an_app_file_is_read(tmp_path: Path) -> None:
    tagged = _OAUTH_LIBRARY.replace("Satchel 0.15.5", "@version 1.2.3")
    write(tmp_path, {"server/routes/login.js": tagged})
    assert "twitch" in scan(tmp_path), sorted(scan(tmp_path))


def test_a_release_version_is_no_date_nor_address() -> None:
    from integration_risk.scan.banner import copied_library

    dated = _OAUTH_LIBRARY.replace("Satchel 0.15.5", "Built 2016.01.05 on 127.0.0.1")
    assert not copied_library("vendor/oauth.js", "/x/vendor/oauth.js", dated)
    assert copied_library("vendor/oauth.js", "/x/vendor/oauth.js", _OAUTH_LIBRARY)


def test_a_jvm_clients_address_is_an_argument_of_its_call_not_a_string() -> None:
    from integration_risk.scan.named_clients import jvm_built_clients

    java = (
        "package com.acme.sync;\n\nclass Wiring {\n"
        '  Object a() { return new InventoryApiClient("see url docs"); }\n'
        '  Object b(String url) { Object c = new ShippingApiClient(":-("); log(url); return c; }\n'
        "}\n"
    )
    assert list(jvm_built_clients(java, java)) == []
    built = java.replace('"see url docs"', "url")
    assert [name for name, _ in jvm_built_clients(built, built)] == ["inventory"]
