"""Catalog-wide quality: every provider file is valid, proves itself, and claims nothing twice."""

from __future__ import annotations

from collections import defaultdict

import pytest

from integration_risk.catalog import CATEGORIES, load_catalog
from integration_risk.catalog.index import build_index, normalise_package
from integration_risk.catalog.loader import PROVIDERS_DIR
from integration_risk.scan.extract import extract_file
from integration_risk.scan.findings import LONGTAIL_HOST, LONGTAIL_NAME

CATALOG = load_catalog()
INDEX = build_index(CATALOG)
EXAMPLES = [
    pytest.param(pid, n, example, id=f"{pid}-{n}")
    for pid, provider in sorted(CATALOG.providers.items())
    for n, example in enumerate(provider.examples)
]


def test_catalog_is_large_enough() -> None:
    # Issue 14: client packages for remote services in every ecosystem, at least 800 providers.
    assert len(CATALOG.providers) >= 800


def test_file_names_match_ids_and_categories_are_known() -> None:
    names = sorted(p.stem for p in PROVIDERS_DIR.glob("*.toml"))
    assert names == sorted(CATALOG.providers)
    assert {p.category for p in CATALOG.providers.values()} <= set(CATEGORIES)


def test_aliases_never_name_another_provider() -> None:
    owners: dict[str, str] = {}
    for pid, provider in CATALOG.providers.items():
        for name in (pid, *provider.aliases):
            assert owners.setdefault(name, pid) == pid, (
                f"{name!r} claimed by {owners[name]} and {pid}"
            )


def _token_owners() -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for pid, provider in CATALOG.providers.items():
        for ecosystem, names in provider.packages.items():
            for name in names:
                owners[f"package:{ecosystem}:{normalise_package(ecosystem, name)}"].add(pid)
        for language, modules in provider.imports.items():
            for module in modules:
                owners[f"import:{language}:{module.lower()}"].add(pid)
        for env in provider.env.names:
            owners[f"env:{env.upper()}"].add(pid)
        for prefix in provider.env.prefixes:
            owners[f"env-prefix:{prefix.upper()}"].add(pid)
        for host in provider.hosts:
            owners[f"host:{host.lower()}"].add(pid)
        for image in provider.images:
            owners[f"image:{image.lower()}"].add(pid)
        for cls in provider.classes:
            owners[f"class:{cls}"].add(pid)
        for scheme in provider.schemes:
            owners[f"scheme:{scheme.lower()}"].add(pid)
        for program in provider.programs:
            owners[f"program:{program}"].add(pid)
    return owners


def test_no_token_is_claimed_by_two_providers() -> None:
    clashes = {token: sorted(ids) for token, ids in _token_owners().items() if len(ids) > 1}
    assert clashes == {}


@pytest.mark.parametrize(("pid", "n", "example"), EXAMPLES)
def test_example_is_detected_by_its_provider_only(pid: str, n: int, example) -> None:  # type: ignore[no-untyped-def]
    findings = extract_file(example.file, example.text, INDEX)
    found = {
        f.provider for f in findings if not f.provider.startswith((LONGTAIL_HOST, LONGTAIL_NAME))
    }
    assert pid in found, f"{pid} example {n} ({example.file}) not detected; found {sorted(found)}"
    assert found - {pid} <= set(example.also), (
        f"{pid} example {n} also claimed by {sorted(found - {pid})}"
    )


def test_scan_index_built_without_pydantic_equals_the_validated_one(
    isolated_cache: object,
) -> None:
    from dataclasses import asdict

    from integration_risk.catalog.index import catalog_index

    catalog_index.cache_clear()
    try:
        fast = catalog_index()  # empty cache: parsed straight from the TOML files
    finally:
        catalog_index.cache_clear()
    assert fast.version.startswith(INDEX.version)  # plus the index builder's own hash
    assert {**asdict(fast), "version": ""} == {**asdict(INDEX), "version": ""}


def test_the_tests_index_is_the_index_the_scan_builds() -> None:
    """The catalog tests check `build_index` (from the validated models); the scan builds
    its index from the raw TOML without pydantic. A validator that transformed a value
    would make them differ: they must not."""
    import dataclasses

    from integration_risk.catalog.index import _parse_shipped_catalog

    shipped = _parse_shipped_catalog()
    validated = build_index(load_catalog())
    for field in dataclasses.fields(shipped):
        if field.name != "version":
            assert getattr(validated, field.name) == getattr(shipped, field.name), field.name
