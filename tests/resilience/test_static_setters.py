"""Rust statics filled in several places: two binaries of one crate each store their own
client in the shared `OnceLock`. The library's call may run with either, so a protection
counts only when every client filled into the static has it. Tiny synthetic crate."""

from __future__ import annotations

from integration_risk.resilience.sites import Scope
from integration_risk.resilience.statics import Setters
from tests.conftest import TreeBuilder
from tests.resilience.test_resilience_held_out_round5 import _verdicts

_TOML = '[package]\nname = "relay"\nversion = "0.1.0"\n'
_LIB = """use std::sync::OnceLock;

pub static WEB: OnceLock<reqwest::Client> = OnceLock::new();

pub async fn forward(url: &str, body: String) -> Result<(), reqwest::Error> {
    WEB.get().unwrap().post(url).body(body).send().await?;
    Ok(())
}
"""
_SERVER = """use std::time::Duration;

fn main() {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    relay::WEB.set(client).unwrap();
}
"""
_PLAIN = """fn main() {
    let client = reqwest::Client::new();
    relay::WEB.set(client).unwrap();
}
"""
_BOUNDED = """use std::time::Duration;

fn main() {
    let web = reqwest::Client::builder().timeout(Duration::from_secs(4)).build().unwrap();
    relay::WEB.set(web).unwrap();
}
"""


def _tree(make_tree: TreeBuilder, other: str) -> object:
    files = {"Cargo.toml": _TOML, "src/lib.rs": _LIB, "src/main.rs": _SERVER}
    return make_tree(files | {"src/bin/replay.rs": other})


def test_a_static_two_binaries_fill_is_bounded_only_if_both_clients_are(
    make_tree: TreeBuilder,
) -> None:
    verdicts = _verdicts(_tree(make_tree, _PLAIN), "relay", [("src/lib.rs", 6)])
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]
    assert "src/bin/replay.rs:2 has none" in verdicts["timeout"][1]
    verdicts = _verdicts(_tree(make_tree, _BOUNDED), "relay", [("src/lib.rs", 6)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "src/main.rs:4" in verdicts["timeout"][1]
    assert "src/bin/replay.rs:4" in verdicts["timeout"][1]


def test_a_wrapper_reached_from_one_setter_proves_that_setter_only() -> None:
    one = "client `WEB` filled at a.rs:3"
    two = "client `WEB` filled at b.rs:7"
    setters = Setters([Scope("a.rs", 3, 3, one, "client"), Scope("b.rs", 7, 7, two, "client")])
    assert setters.vote(f"via wrapper {one} -> build (c.rs:2)", "from a") is None
    assert setters.vote("via wrapper send (d.rs:1)", "elsewhere") == "elsewhere"
    assert setters.vote(two, "from b") == "from a; from b"
    alone = Setters([Scope("a.rs", 3, 3, one, "client")])
    assert alone.vote(one, "from a") == "from a"


# Which workspace crate a path names (review 24 F7): the package name is read from the
# Cargo.toml table wherever `name` stands, and a crate is named by a whole first segment.
_API = """use std::sync::OnceLock;
use std::time::Duration;

pub static WEB: OnceLock<reqwest::Client> = OnceLock::new();

pub fn setup() {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(3)).build().unwrap();
    WEB.set(client).unwrap();
}
"""
_PUSH = """use {crate}::WEB;

pub async fn push(url: &str) -> Result<(), reqwest::Error> {{
    WEB.get().unwrap().post(url).send().await?;
    Ok(())
}}
"""


def _workspace(make_tree: TreeBuilder, manifest: str, named: str) -> object:
    return make_tree(
        {
            "shared/Cargo.toml": manifest,
            "shared/src/lib.rs": _API,
            "worker/Cargo.toml": '[package]\nname = "worker"\n',
            "worker/src/push.rs": _PUSH.format(crate=named),
            # a client without a timeout elsewhere: not every client the project builds is bounded
            "worker/src/ping.rs": _PLAIN.replace(
                "relay::WEB.set(client)", "client.get(URL).send()"
            ),
        }
    )


def test_the_package_name_stands_after_an_array_of_the_package_table(
    make_tree: TreeBuilder,
) -> None:
    manifest = '[package]\nauthors = ["a", "b"]\nname = "acme-api"\nversion = "0.1.0"\n'
    root = _workspace(make_tree, manifest, "acme_api")
    verdicts = _verdicts(root, "push", [("worker/src/push.rs", 4)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "shared/src/lib.rs:7" in verdicts["timeout"][1]


def test_a_crate_is_named_by_a_whole_path_segment_only(make_tree: TreeBuilder) -> None:
    api = '[package]\nname = "api"\n'
    verdicts = _verdicts(_workspace(make_tree, api, "api"), "push", [("worker/src/push.rs", 4)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    # `openapi::WEB` is another crate's static; `crate::api::` a module of the worker
    for other in ("openapi", "crate::api"):
        root = _workspace(make_tree, api, other)
        verdicts = _verdicts(root, "push", [("worker/src/push.rs", 4)])
        assert verdicts["timeout"][0] == "no", (other, verdicts["timeout"])
    # `core::` is the toolchain's crate, never a workspace package named `core`
    root = _workspace(make_tree, '[package]\nname = "core"\n', "core")
    verdicts = _verdicts(root, "push", [("worker/src/push.rs", 4)])
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]
