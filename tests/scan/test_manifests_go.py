"""go.mod."""

from __future__ import annotations

from integration_risk.scan.manifests import Dependency, parse_manifest

GO_MOD = """module github.com/acme/ledger

go 1.22

toolchain go1.22.1

require github.com/stripe/stripe-go/v76 v76.16.0

require (
	github.com/jackc/pgx/v5 v5.5.3
	github.com/redis/go-redis/v9 v9.4.0 // pinned for cluster fix
	// github.com/old/thing v1.0.0
	github.com/stretchr/testify v1.8.4 // indirect
	"go.uber.org/zap" v1.26.0
	golang.org/x/sync v0.6.0 // indirect; via errgroup
)

replace github.com/jackc/pgx/v5 => ../pgx-fork

replace (
	github.com/redis/go-redis/v9 => github.com/acme/go-redis/v9 v9.4.1
)

exclude github.com/bad/module v0.1.0
"""


def test_go_mod_single_and_block_requires() -> None:
    result = parse_manifest("go.mod", GO_MOD)
    assert result.error is None
    assert result.dependencies == (
        Dependency("go", "github.com/stripe/stripe-go/v76", 7, False),
        Dependency("go", "github.com/jackc/pgx/v5", 10, False),
        Dependency("go", "github.com/redis/go-redis/v9", 11, False),
        Dependency("go", "github.com/stretchr/testify", 13, False, transitive=True),
        Dependency("go", "go.uber.org/zap", 14, False),
        Dependency("go", "golang.org/x/sync", 15, False, transitive=True),
    )


def test_go_mod_crlf_and_garbage() -> None:
    text = "module x\r\nrequire (\r\n\tcloud.google.com/go/pubsub v1.36.1\r\n)\r\n"
    assert parse_manifest("go.mod", text).dependencies == (
        Dependency("go", "cloud.google.com/go/pubsub", 3, False),
    )
    assert parse_manifest("go.mod", "require\nrequire (\n").dependencies == ()
    assert parse_manifest("go.mod", "").dependencies == ()
