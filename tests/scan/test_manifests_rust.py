"""Cargo.toml."""

from __future__ import annotations

from integration_risk.scan.manifests import ManifestResult, parse_manifest


def triples(result: ManifestResult) -> list[tuple[str, int, bool]]:
    assert result.error is None, result.error
    assert all(d.ecosystem == "cargo" for d in result.dependencies)
    return [(d.name, d.line, d.dev) for d in result.dependencies]


CARGO = """[package]
name = "ledger"
version = "0.3.0"
edition = "2021"

[dependencies]
tokio = { version = "1.36", features = ["full"] }
sqlx = { version = "0.7", features = ["postgres", "runtime-tokio"] }
"aws-sdk-s3" = "1.15"
redis_client = { package = "redis", version = "0.24" }
internal-proto = { path = "../proto" }
serde.workspace = true

[dependencies.reqwest]
version = "0.11"
default-features = false

[dev-dependencies]
wiremock = "0.6"

[build-dependencies]
tonic-build = "0.11"

[target.'cfg(unix)'.dependencies]
nix = "0.27"

[target."cfg(windows)".dev-dependencies]
windows-sys = "0.52"

[workspace.dependencies]
serde = { version = "1", features = ["derive"] }
"""


def test_cargo_tables_targets_workspace_and_renames() -> None:
    # `internal-proto = { path = "../proto" }` is a crate of the project's own tree: not listed
    assert triples(parse_manifest("crates/ledger/Cargo.toml", CARGO)) == [
        ("tokio", 7, False),
        ("sqlx", 8, False),
        ("aws-sdk-s3", 9, False),
        ("redis", 10, False),
        ("serde", 12, False),
        ("reqwest", 14, False),
        ("wiremock", 19, True),
        ("tonic-build", 22, True),
        ("nix", 25, False),
        ("windows-sys", 28, True),
        ("serde", 31, False),
    ]


def test_cargo_not_toml() -> None:
    result = parse_manifest("Cargo.toml", '[package]\nname = "x"\n[dependencies\ntokio = "1"\n')
    assert result.dependencies == ()
    assert result.error == "Cargo.toml is not valid TOML: line 3"
    assert parse_manifest("Cargo.toml", "").error == "Cargo.toml is empty"
