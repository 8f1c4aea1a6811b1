"""Held-out round 11 (resil-n): client-library defaults the analysis did not know.

postgres.js connects with a 30 s connect_timeout (only where the file imports the package
`postgres` itself, not `drizzle-orm/node-postgres`); gen_smtp (Swoosh's SMTP adapter) retries
a relay once and bounds the connection; sentry-elixir sends with a 5 s receive timeout and
up to 4 attempts; OpenTelemetry for Erlang/Elixir stops an export after 30 s; OAuth2 for
Elixir (under Ueberauth) runs on Tesla's :httpc adapter without a timeout unless
`config :oauth2, adapter:` names another. Tiny synthetic files."""

from __future__ import annotations

from pathlib import Path

from integration_risk.models.scan import Evidence
from integration_risk.resilience import analyze
from tests.conftest import TreeBuilder
from tests.resilience.builders import scanned, verdicts_of

_PACKAGE_JSON = (
    '{\n  "name": "notes",\n  "dependencies": {"postgres": "^3.4.0", "pg": "^8.11.0"}\n}\n'
)
_POSTGRES_JS = """import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL as string, { max: 10 });

export async function countNotes(): Promise<number> {
  const rows = await sql`select count(*) as n from notes`;
  return Number(rows[0].n);
}
"""
_NODE_POSTGRES = """import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export const db = drizzle(pool);
"""


def test_postgres_js_has_its_connect_timeout(make_tree: TreeBuilder) -> None:
    root = make_tree({"package.json": _PACKAGE_JSON, "src/db.ts": _POSTGRES_JS})
    verdict, reasons = verdicts_of(root, "postgresql", [("src/db.ts", 3)], "client", "database")[
        "timeout"
    ]
    assert verdict == "yes", reasons
    assert "postgres.js: connect_timeout 30 s" in reasons


def test_node_postgres_under_drizzle_is_not_postgres_js(make_tree: TreeBuilder) -> None:
    """The evidence says `postgres://` and the project also depends on postgres.js, but this
    file builds a node-postgres Pool: postgres.js's default is not added to it."""
    env = "DATABASE_URL=postgres://notes:secret@db:5432/notes\n"
    root = make_tree({"package.json": _PACKAGE_JSON, "src/db.ts": _NODE_POSTGRES, ".env": env})
    item = scanned("postgresql", [("src/db.ts", 4), (".env", 1)], "client", category="database")
    item.evidence = [
        Evidence(path="src/db.ts", line=4, kind="client", snippet="new Pool({ connectionString })"),
        Evidence(path=".env", line=1, kind="env", snippet=env.strip()),
    ]
    timeout = analyze(root, [item], use_cache=False)["postgresql"].verdicts["timeout"]
    reasons = " ".join(timeout.reasons)
    assert timeout.verdict == "no", reasons
    assert "postgres.js" not in reasons


_MIX_EXS = """defmodule Relay.MixProject do
  use Mix.Project

  def project, do: [app: :relay, version: "0.1.0", deps: deps()]

  defp deps do
    [
      {:swoosh, "~> 1.12"},
      {:gen_smtp, "~> 1.0"},
      {:finch, "~> 0.18"},
      {:sentry, "~> 10.0"},
      {:opentelemetry_exporter, "~> 1.8"},
      {:ueberauth_google, "~> 0.12"}
    ]
  end
end
"""
_MIX_LOCK = """%{
  "finch": {:hex, :finch, "0.19.0", "c644641491ea854fc5c1bbaef36bfc764e3f08e7185f1f423a4b9ed4f7b3a3b1", [:mix], [], "hexpm", "fc5324ce209125d1e2fa0fcd2634601c52a787aff1cd33ee833664a5af4ea2b6"},
  "oauth2": {:hex, :oauth2, "2.1.0", "beb657f393814a3a7a8a15bd5e5776ecae341fd344df425342a3b6f1904c2989", [:mix], [], "hexpm", "8ac07f85b3307dd1acfeb0ec852f64161b22f57d0ce0c15e616a1dfc8ebe2b41"},
}
"""
_RUNTIME = """import Config

if config_env() == :prod do
  config :relay, Relay.Mailer,
    adapter: Swoosh.Adapters.SMTP,
    relay: System.fetch_env!("SMTP_HOST"),
    port: String.to_integer(System.get_env("SMTP_PORT", "587")),
    username: System.fetch_env!("SMTP_USER"),
    password: System.fetch_env!("SMTP_PASSWORD")

  config :sentry,
    dsn: System.get_env("SENTRY_DSN"),
    environment_name: :prod

  config :ueberauth, Ueberauth.Strategy.Google.OAuth,
    client_id: System.get_env("GOOGLE_CLIENT_ID"),
    client_secret: System.get_env("GOOGLE_CLIENT_SECRET")
end
"""
_TRACED = """defmodule Relay.Sync do
  require OpenTelemetry.Tracer, as: Tracer

  def run(items) do
    Tracer.with_span "relay.sync" do
      Enum.map(items, &push/1)
    end
  end

  defp push(item), do: {:ok, item}
end
"""


def _elixir(
    root: Path, ident: str, spots: list[tuple[str, int, str, str]], category: str
) -> dict[str, tuple[str, str]]:
    """Verdicts of `ident` whose evidence carries the scan's snippets (a mix.exs line names
    the package)."""
    item = scanned(ident, [(p, n) for p, n, _, _ in spots], category=category)
    item.evidence = [
        Evidence(path=path, line=line, kind=kind, snippet=snippet)
        for path, line, kind, snippet in spots
    ]
    result = analyze(root, [item], use_cache=False)[ident]
    return {p: (v.verdict, " ".join(v.reasons)) for p, v in result.verdicts.items()}


def _elixir_tree(make_tree: TreeBuilder, extra: dict[str, str] | None = None) -> Path:
    files = {
        "mix.exs": _MIX_EXS,
        "mix.lock": _MIX_LOCK,
        "config/runtime.exs": _RUNTIME,
        "lib/relay/sync.ex": _TRACED,
    }
    return make_tree({**files, **(extra or {})})


def test_gen_smtp_retries_a_relay_once(make_tree: TreeBuilder) -> None:
    root = _elixir_tree(make_tree)
    spots = [
        ("config/runtime.exs", 6, "env", 'relay: System.fetch_env!("SMTP_HOST"),'),
        ("mix.exs", 9, "dependency", '{:gen_smtp, "~> 1.0"},'),
    ]
    verdicts = _elixir(root, "smtp", spots, "email")
    assert verdicts["retry"][0] == "yes", verdicts["retry"][1]
    assert "gen_smtp: retries 1" in verdicts["retry"][1]
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"][1]


def test_sentry_elixir_sends_with_a_timeout_and_retries(make_tree: TreeBuilder) -> None:
    root = _elixir_tree(make_tree)
    spots = [
        ("config/runtime.exs", 12, "env", 'dsn: System.get_env("SENTRY_DSN"),'),
        ("mix.exs", 11, "dependency", '{:sentry, "~> 10.0"},'),
    ]
    verdicts = _elixir(root, "sentry", spots, "observability")
    assert verdicts["retry"][0] == "yes", verdicts["retry"][1]
    assert "send_max_attempts 4" in verdicts["retry"][1]
    assert "HTTP receive_timeout 5 s" in verdicts["timeout"][1]


def test_an_opentelemetry_span_is_exported_under_the_processor_timeout(
    make_tree: TreeBuilder,
) -> None:
    root = _elixir_tree(make_tree)
    spots = [
        ("lib/relay/sync.ex", 2, "import", "require OpenTelemetry.Tracer, as: Tracer"),
        ("mix.exs", 12, "dependency", '{:opentelemetry_exporter, "~> 1.8"},'),
    ]
    verdicts = _elixir(root, "opentelemetry", spots, "observability")
    assert verdicts["timeout"][0] == "yes", verdicts["timeout"][1]
    assert "exporting_timeout_ms 30 s" in verdicts["timeout"][1]


def _google(root: Path) -> tuple[str, str]:
    spots = [
        ("config/runtime.exs", 17, "env", 'client_id: System.get_env("GOOGLE_CLIENT_ID"),'),
        ("mix.exs", 13, "dependency", '{:ueberauth_google, "~> 0.12"}'),
    ]
    return _elixir(root, "google", spots, "auth")["timeout"]


def test_ueberauth_oauth2_on_httpc_has_no_timeout(make_tree: TreeBuilder) -> None:
    verdict, reasons = _google(_elixir_tree(make_tree))
    assert verdict == "no", reasons
    assert "OAuth2 (2.x)" in reasons
    assert "Finch" not in reasons


def test_ueberauth_oauth2_on_a_configured_adapter_has_one(make_tree: TreeBuilder) -> None:
    adapter = "import Config\n\nconfig :oauth2, adapter: Tesla.Adapter.Mint\n"
    verdict, reasons = _google(_elixir_tree(make_tree, {"config/config.exs": adapter}))
    assert verdict == "yes", reasons
    assert "configured Tesla adapter" in reasons
