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
