"""The word rule for dependencies: which part of a package name says what it talks to."""

from __future__ import annotations

from pathlib import Path

from integration_risk import api

POM = """<project>
  <dependencies>
    <dependency><groupId>com.auth0</groupId><artifactId>java-jwt</artifactId></dependency>
    <dependency><groupId>org.acme</groupId><artifactId>acme-redis-cache</artifactId></dependency>
  </dependencies>
</project>
"""

GO_MOD = """module example.com/notes

go 1.22

require (
\tgithub.com/testcontainers/testcontainers-go/modules/minio v0.44.0
)
"""


def _scan(root: Path) -> dict[str, float]:
    result = api.scan(root, ".", use_cache=False, min_confidence=0.0)
    return {i.id: i.confidence for i in result.integrations}


def test_a_maven_group_is_the_publisher_not_the_target(tmp_path: Path) -> None:
    (tmp_path / "pom.xml").write_text(POM)
    found = _scan(tmp_path)
    assert "auth0" not in found
    assert "redis" in found  # the artifact's own words still count


def test_testcontainers_modules_are_test_tooling(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text(GO_MOD)
    found = _scan(tmp_path)
    assert found.get("minio", 0.0) < 0.3


def test_a_composer_vendor_is_the_publisher_and_the_package_names_the_target(
    tmp_path: Path,
) -> None:
    (tmp_path / "composer.json").write_text(
        '{"require": {"notifykit-channels/pushover": "^4.0", "mailgun-tools/log-viewer": "1"}}'
    )
    found = _scan(tmp_path)
    assert "pushover" in found
    assert "mailgun" not in found  # the vendor's word says who publishes, not what it calls


def test_a_go_internal_package_is_the_projects_own(tmp_path: Path) -> None:
    """Go lets only the module that holds an `internal/` package import it: a package there
    named like a provider (`reader/itunes`: a feed-format parser) is the project's code."""
    source = tmp_path / "internal/reader/rss/rss.go"
    source.parent.mkdir(parents=True)
    source.write_text(
        'package rss\n\nimport (\n\t"example.org/feeds/v2/internal/reader/itunes"\n'
        '\t"example.org/vendor/sdk/itunes-search"\n)\n'
    )
    found = _scan(tmp_path)
    assert "itunes" in found  # the outside package still names it
    assert [e.line for e in _evidence(tmp_path, "itunes")] == [5]


def _evidence(root: Path, ident: str) -> list[api.Evidence]:  # type: ignore[name-defined]
    result = api.scan(root, ".", use_cache=False, min_confidence=0.0, evidence_per_integration=-1)
    return next(i.evidence for i in result.integrations if i.id == ident)
