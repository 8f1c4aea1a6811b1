"""mix.exs."""

from __future__ import annotations

from integration_risk.scan.manifests import ManifestResult, parse_manifest


def triples(result: ManifestResult) -> list[tuple[str, int, bool]]:
    assert result.error is None
    assert all(d.ecosystem == "hex" for d in result.dependencies)
    return [(d.name, d.line, d.dev) for d in result.dependencies]


MIX = """defmodule Shop.MixProject do
  use Mix.Project

  def project do
    [
      app: :shop,
      version: "0.1.0",
      deps: deps(),
      preferred_cli_env: [{:coveralls, :test}]
    ]
  end

  def application do
    [mod: {Shop.Application, []}, extra_applications: [:logger]]
  end

  defp deps do
    [
      {:phoenix, "~> 1.7.11"},
      {:ecto_sql, "~> 3.11"},
      {:postgrex, ">= 0.0.0"},
      {:stripity_stripe, "~> 3.1",
       only: [:prod]},
      {:oban, github: "sorentwo/oban", branch: "main"},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
      {:ex_machina, "~> 2.7",
       only: :test},
      {:phoenix_live_reload, "~> 1.2", only: :dev},
      {:shop_core, in_umbrella: true},
      # {:commented_out, "~> 1.0"},
      {:mox, "~> 1.0", only: [:test, :ci]}
    ]
  end

  defp aliases do
    [setup: ["deps.get"], test: [{:not_a_dep, "x"}]]
  end
end
"""


def test_mix_deps_only_envs() -> None:
    assert triples(parse_manifest("mix.exs", MIX)) == [
        ("phoenix", 19, False),
        ("ecto_sql", 20, False),
        ("postgrex", 21, False),
        ("stripity_stripe", 22, False),
        ("oban", 24, False),
        ("credo", 25, True),
        ("ex_machina", 26, True),
        ("phoenix_live_reload", 28, True),
        ("shop_core", 29, False),
        ("mox", 31, False),
    ]


def test_mix_inline_deps_without_function() -> None:
    text = 'defmodule X.MixProject do\n  def project, do: [deps: [{:jason, "~> 1.4"}]]\nend\n'
    assert triples(parse_manifest("mix.exs", text)) == [("jason", 2, False)]
