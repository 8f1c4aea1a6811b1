"""Held-out round 9 (resil-l): Rust clients kept in a static. A crate's accessor
`pub fn web() -> &'static reqwest::Client { WEB.get().unwrap() }` hands out the client
another crate builds at start-up and stores with `WEB.set(client)`; the caller names the
accessor through the crate's package name (`use acme_core::web;`) while a namesake method
lives elsewhere. The timeout of the `let client = { .. }` handed to `set`, of a
`get_or_init(|| ..)` or of a `Lazy::new(|| ..)` bounds the calls. Tiny synthetic crates.
And GOV.UK Notify's Ruby client, whose Net::HTTP defaults bound its calls (library default)."""

from __future__ import annotations

from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned
from tests.resilience.test_resilience_held_out_round5 import _verdicts

_CORE_TOML = '[package]\nname = "acme-core"\nversion = "0.1.0"\n'
_CORE = """use std::sync::OnceLock;

pub static WEB: OnceLock<reqwest::Client> = OnceLock::new();

pub fn web() -> &'static reqwest::Client {
    WEB.get().unwrap()
}
"""
_SERVER_TOML = '[package]\nname = "acme-server"\nversion = "0.1.0"\n'
_BOOT = """use acme_core::WEB;
use std::time::Duration;

pub fn boot(seconds: u64) {
    let client = {
        let builder = reqwest::Client::builder()
            .timeout(Duration::from_secs(seconds))
            .user_agent("acme");
        builder.build().unwrap()
    };
    WEB.set(client).unwrap();
}
"""
_BOOT_PLAIN = """use acme_core::WEB;

pub fn boot() {
    let client = reqwest::Client::builder().user_agent("acme").build().unwrap();
    WEB.set(client).unwrap();
}
"""
_ADMIN = """pub struct Admin;

impl Admin {
    pub fn web(&self) -> u8 {
        1
    }
}
"""
_ALERTS_TOML = '[package]\nname = "acme-alerts"\nversion = "0.1.0"\n'
_HOOK = """use acme_core::web;

pub async fn ping(url: &str) -> Result<(), reqwest::Error> {
    web().post(url).send().await?;
    Ok(())
}
"""


def _crates(boot: str) -> dict[str, str]:
    return {
        "core/Cargo.toml": _CORE_TOML,
        "core/src/lib.rs": _CORE,
        "server/Cargo.toml": _SERVER_TOML,
        "server/src/boot.rs": boot,
        "server/src/admin.rs": _ADMIN,
        "alerts/Cargo.toml": _ALERTS_TOML,
        "alerts/src/hook.rs": _HOOK,
    }


def test_an_accessor_of_another_crate_reads_the_static_its_start_up_fills(
    make_tree: TreeBuilder,
) -> None:
    verdicts = _verdicts(make_tree(_crates(_BOOT)), "alert-hook", [("alerts/src/hook.rs", 4)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "server/src/boot.rs:7" in verdicts["timeout"][1]
    # filled with a client without a timeout: it bounds nothing
    verdicts = _verdicts(make_tree(_crates(_BOOT_PLAIN)), "alert-hook", [("alerts/src/hook.rs", 4)])
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


_NOTIFIER = """use std::sync::OnceLock;
use std::time::Duration;

static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();

fn build() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

pub async fn notify(url: &str, text: String) -> Result<(), reqwest::Error> {
    CLIENT.get_or_init(build).post(url).body(text).send().await?;
    Ok(())
}
"""

_LAZY = """use once_cell::sync::Lazy;
use std::time::Duration;

static CLIENT: Lazy<reqwest::Client> = Lazy::new(|| {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(8))
        .build()
        .unwrap()
});

pub async fn notify(url: &str, text: String) -> Result<(), reqwest::Error> {
    CLIENT.post(url).body(text).send().await?;
    Ok(())
}
"""


def test_a_static_filled_in_place_gives_its_calls_the_client_timeout(
    make_tree: TreeBuilder,
) -> None:
    root = make_tree({"Cargo.toml": '[package]\nname = "chat"\n', "src/notify.rs": _NOTIFIER})
    verdicts = _verdicts(root, "chat-notify", [("src/notify.rs", 14)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    root = make_tree({"Cargo.toml": '[package]\nname = "chat"\n', "src/notify.rs": _LAZY})
    verdicts = _verdicts(root, "chat-notify", [("src/notify.rs", 12)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "src/notify.rs:6" in verdicts["timeout"][1]


_SDK_TOML = '[package]\nname = "acme-sdk"\nversion = "0.1.0"\n'
_SDK_SETUP = """use std::sync::OnceLock;
use std::time::Duration;

pub(crate) static WEB: OnceLock<reqwest::Client> = OnceLock::new();

pub fn setup() {
    let builder = reqwest::Client::builder().timeout(Duration::from_secs(3));
    WEB
        .set(builder.build().unwrap())
        .unwrap();
}
"""
_SDK_KEYS = """use crate::setup::WEB;

pub async fn keys(url: &str) -> Result<String, reqwest::Error> {
    WEB.get().unwrap().get(url).send().await?.text().await
}
"""


def test_a_crate_reads_its_own_static_not_a_namesake_of_another_crate(
    make_tree: TreeBuilder,
) -> None:
    files = _crates(_BOOT_PLAIN)  # acme-core's WEB is filled without a timeout
    files |= {
        "sdk/Cargo.toml": _SDK_TOML,
        "sdk/src/setup.rs": _SDK_SETUP,
        "sdk/src/keys.rs": _SDK_KEYS,
    }
    root = make_tree(files)
    verdicts = _verdicts(root, "sdk-keys", [("sdk/src/keys.rs", 4)])
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"]
    assert "sdk/src/setup.rs:7" in verdicts["timeout"][1]
    verdicts = _verdicts(root, "alert-hook", [("alerts/src/hook.rs", 4)])
    assert verdicts["timeout"][0] == "no", verdicts["timeout"]


_NOTIFIER_RB = """require "notifications/client"

class Notifier
  def initialize(key)
    @client = Notifications::Client.new(key)
  end

  def deliver(address, template)
    @client.send_email(email_address: address, template_id: template)
  end
end
"""


def test_the_notify_ruby_client_is_bounded_by_its_library_default(
    make_tree: TreeBuilder,
) -> None:
    files = {"Gemfile": 'gem "notifications-ruby-client"\n', "app/notifier.rb": _NOTIFIER_RB}
    item = scanned("govuk-notify", [("app/notifier.rb", 9)], "call", category="email")
    result = analyze(make_tree(files), [item], use_cache=False)["govuk-notify"]
    timeout = result.verdicts["timeout"]
    assert timeout.verdict == "yes", timeout.reasons
    assert "notifications-ruby-client" in " ".join(timeout.reasons)
