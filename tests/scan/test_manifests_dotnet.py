"""NuGet: SDK-style project files, packages.config, central package management."""

from __future__ import annotations

from integration_risk.scan.manifests import ManifestResult, parse_manifest


def triples(result: ManifestResult) -> list[tuple[str, int, bool]]:
    assert result.error is None, result.error
    assert all(d.ecosystem == "nuget" for d in result.dependencies)
    return [(d.name, d.line, d.dev) for d in result.dependencies]


CSPROJ = """<Project Sdk="Microsoft.NET.Sdk.Web">

  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>

  <ItemGroup>
    <PackageReference Include="Npgsql.EntityFrameworkCore.PostgreSQL" Version="8.0.0" />
    <PackageReference Include="StackExchange.Redis" Version="2.7.17" />
    <PackageReference
        Include="Azure.Storage.Blobs"
        Version="12.19.1" />
    <PackageReference Update="Stripe.net" Version="43.0.0" />
    <PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="all" />
    <PackageReference Include="Microsoft.SourceLink.GitHub" Version="8.0.0">
      <PrivateAssets>All</PrivateAssets>
      <IncludeAssets>runtime; build; native</IncludeAssets>
    </PackageReference>
    <ProjectReference Include="..\\Shared\\Shared.csproj" />
  </ItemGroup>
</Project>
"""


def test_csproj_package_references() -> None:
    assert triples(parse_manifest("src/Shop.Api/Shop.Api.csproj", CSPROJ)) == [
        ("Npgsql.EntityFrameworkCore.PostgreSQL", 8, False),
        ("StackExchange.Redis", 9, False),
        ("Azure.Storage.Blobs", 10, False),
        ("Stripe.net", 13, False),
        ("StyleCop.Analyzers", 14, True),
        ("Microsoft.SourceLink.GitHub", 15, True),
    ]


TEST_PROJECT = """<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Testcontainers.PostgreSql" Version="3.7.0" />
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.9.0" />
  </ItemGroup>
</Project>
"""


def test_test_projects_are_dev_by_name_or_content() -> None:
    by_sdk = triples(parse_manifest("tests/Shop.Integration/Shop.Integration.csproj", TEST_PROJECT))
    assert by_sdk == [("Testcontainers.PostgreSql", 3, True), ("Microsoft.NET.Test.Sdk", 4, True)]
    plain = TEST_PROJECT.replace("Microsoft.NET.Test.Sdk", "Polly")
    assert [d.dev for d in parse_manifest("Shop.Api.Tests.csproj", plain).dependencies] == [
        True,
        True,
    ]
    assert [d.dev for d in parse_manifest("Contests.fsproj", plain).dependencies] == [False, False]
    flagged = plain.replace(
        "<ItemGroup>",
        "<PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup><ItemGroup>",
    )
    assert [d.dev for d in parse_manifest("Checks.vbproj", flagged).dependencies] == [True, True]


def test_packages_config_and_central_versions() -> None:
    config = """<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="Newtonsoft.Json" version="13.0.3" targetFramework="net48" />
  <package id="RabbitMQ.Client" version="6.8.1" targetFramework="net48" />
  <package id="NUnit" version="3.14.0" developmentDependency="true" />
</packages>
"""
    assert triples(parse_manifest("Legacy/packages.config", config)) == [
        ("Newtonsoft.Json", 3, False),
        ("RabbitMQ.Client", 4, False),
        ("NUnit", 5, True),
    ]
    props = """<Project>
  <ItemGroup>
    <PackageVersion Include="MassTransit.RabbitMQ" Version="8.1.3" />
    <PackageVersion Include="xunit" Version="2.6.6" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>
"""
    assert triples(parse_manifest("Directory.Packages.props", props)) == [
        ("MassTransit.RabbitMQ", 3, False),
        ("xunit", 4, False),
        ("Nerdbank.GitVersioning", 5, False),
    ]


def test_csproj_not_xml() -> None:
    result = parse_manifest("Api.csproj", '<Project>\n<ItemGroup>\n<PackageReference Include="x"')
    assert result.dependencies == ()
    assert result.error is not None and result.error.startswith("Api.csproj is not valid XML")
