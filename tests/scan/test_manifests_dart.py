"""pubspec.yaml."""

from __future__ import annotations

from integration_risk.scan.manifests import ManifestResult, parse_manifest

PUBSPEC = """name: shop_app
description: A Flutter storefront.
version: 1.2.0+7

environment:
  sdk: '>=3.2.0 <4.0.0'

dependencies:
  flutter:
    sdk: flutter
  flutter_localizations:
    sdk: flutter
  firebase_core: ^2.25.4
  dio: ^5.4.0
  supabase_flutter:
    version: ^2.3.4
  shared_api:
    path: ../shared_api
  "sentry_flutter": ^7.16.0

dev_dependencies:
  flutter_test:
    sdk: flutter
  mocktail: ^1.0.3
  flutter_lints: ^3.0.1

flutter:
  uses-material-design: true
"""


def triples(result: ManifestResult) -> list[tuple[str, int, bool]]:
    assert result.error is None, result.error
    assert all(d.ecosystem == "pub" for d in result.dependencies)
    return [(d.name, d.line, d.dev) for d in result.dependencies]


def test_pubspec_sections_and_sdk_entries() -> None:
    assert triples(parse_manifest("pubspec.yaml", PUBSPEC)) == [
        ("firebase_core", 13, False),
        ("dio", 14, False),
        ("supabase_flutter", 15, False),
        ("shared_api", 17, False),
        ("sentry_flutter", 19, False),
        ("mocktail", 24, True),
        ("flutter_lints", 25, True),
    ]


def test_pubspec_bad_yaml_and_shapes() -> None:
    bad = parse_manifest("pubspec.yaml", "name: x\ndependencies:\n  dio: ^5\n   bad: [\n")
    assert bad.dependencies == ()
    assert bad.error is not None and bad.error.startswith("pubspec.yaml is not valid YAML: line")
    assert parse_manifest("pubspec.yaml", "- a\n- b\n").error == (
        "pubspec.yaml is not a YAML mapping"
    )
    assert triples(parse_manifest("pubspec.yaml", "dependencies:\n")) == []
    crlf = PUBSPEC.replace("\n", "\r\n")
    assert triples(parse_manifest("pubspec.yaml", crlf))[0] == ("firebase_core", 13, False)
