"""composer.json."""

from __future__ import annotations

from integration_risk.scan.manifests import Dependency, parse_manifest

COMPOSER = """{
    "name": "acme/storefront",
    "type": "project",
    "require": {
        "php": "^8.2",
        "ext-redis": "*",
        "ext-pdo_pgsql": "*",
        "composer-plugin-api": "^2.0",
        "laravel/framework": "^11.0",
        "stripe/stripe-php": "^13.0",
        "aws/aws-sdk-php": "^3.300"
    },
    "require-dev": {
        "phpunit/phpunit": "^10.5",
        "mockery/mockery": "^1.6"
    },
    "autoload": {"psr-4": {"App\\\\": "app/"}}
}
"""


def test_composer_require_and_require_dev() -> None:
    result = parse_manifest("composer.json", COMPOSER)
    assert result.error is None
    # `php` and `composer-plugin-api` are the platform; extensions stay, and the catalog
    # names those that are clients of a remote system (`ext-redis`, `ext-pdo_pgsql`)
    assert result.dependencies == (
        Dependency("packagist", "ext-redis", 6, False),
        Dependency("packagist", "ext-pdo_pgsql", 7, False),
        Dependency("packagist", "laravel/framework", 9, False),
        Dependency("packagist", "stripe/stripe-php", 10, False),
        Dependency("packagist", "aws/aws-sdk-php", 11, False),
        Dependency("packagist", "phpunit/phpunit", 14, True),
        Dependency("packagist", "mockery/mockery", 15, True),
    )


def test_composer_invalid() -> None:
    result = parse_manifest("composer.json", '{"require": {"a/b": "1",}}')
    assert result == type(result)((), error="composer.json is not valid JSON: line 1")
