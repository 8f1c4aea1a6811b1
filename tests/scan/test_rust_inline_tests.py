"""Rust idioms: unit tests inside the source file, allocator crates named after a project."""

from __future__ import annotations

from pathlib import Path

from integration_risk import api
from integration_risk.catalog.index import catalog_index
from integration_risk.scan.extract import word_provider


def test_calls_in_a_rust_test_module_are_test_code(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src/ledger.rs").write_text(
        "pub fn total() -> u32 { 1 }\n\n"
        "#[cfg(test)]\nmod tests {\n"
        "    #[tokio::test]\n    async fn posts() {\n"
        "        let _ = client.post(&endpoint).send().await;\n    }\n}\n"
    )
    (tmp_path / "src/hooks.rs").write_text(
        "pub async fn deliver(client: &Client, endpoint: &str) {\n"
        "    let _ = client.post(endpoint).send().await;\n}\n"
    )
    found = {
        i.id: i
        for i in api.scan(tmp_path, ".", evidence_per_integration=-1, use_cache=False).integrations
    }
    assert "hooks" in found
    assert "ledger" not in found or found["ledger"].confidence < 0.3


def test_an_allocator_crate_is_not_a_client_of_its_publisher() -> None:
    index = catalog_index()
    assert word_provider("tikv-jemallocator", index) is None
    assert word_provider("tikv-client-rust", index) == "tikv"
