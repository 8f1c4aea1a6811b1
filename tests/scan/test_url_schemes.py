"""Connection URLs whose scheme names the system, including host-less file-backed ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from integration_risk import api
from integration_risk.scan.urls import url_hits


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DATABASE_URL=sqlite:///%kernel.project_dir%/data/db/app.sqlite", [("sqlite", "")]),
        ('engine = create_engine("sqlite:////var/lib/app/app.db")', [("sqlite", "")]),
        ("MAILER_DSN=smtp://user@mail.acme.io:25", [("smtp", "mail.acme.io")]),
        ("see file:///etc/hosts", []),
        # a templated first label: the rest of the host names the system
        (
            "  endpoint: https://<%= ENV['R2_ACCOUNT'] %>.r2.cloudflarestorage.com",
            [("https", "r2.cloudflarestorage.com")],
        ),
        ("url = `https://${bucket}.s3.amazonaws.com/${key}`", [("https", "s3.amazonaws.com")]),
        ('u = f"https://{shop}.myshopify.com/admin"', [("https", "myshopify.com")]),
        ('u = "https://#{host}/api"', []),  # no host left after the template
    ],
)
def test_url_hits(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(h.scheme, h.host) for h in url_hits(text)] == expected


def test_a_host_less_database_url_names_its_engine(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config/app.yml").write_text("doctrine:\n  url: 'sqlite:///data/app.db'\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src/Links.php").write_text("<?php\n$x = 'https:///broken';\n")
    found = {i.id for i in api.scan(tmp_path, ".", use_cache=False).integrations}
    assert found == {"sqlite"}


def test_a_link_into_a_vendors_documentation_is_not_a_use(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app/checks.py").write_text(
        'warn("bad proxy header", hint="See https://healthchecks.io/docs/self_hosted/")\n'
    )
    (tmp_path / "app/ping.py").write_text(
        'import requests\nrequests.get("https://hc-ping.com/" + uuid, timeout=5)\n'
    )
    found = {i.id: i for i in api.scan(tmp_path, ".", use_cache=False).integrations}
    assert [e.path for e in found["healthchecks-io"].evidence] == ["app/ping.py"]


def test_a_storage_endpoint_with_a_templated_account_names_the_service(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config/storage.yml").write_text(
        "cloud:\n  service: S3\n"
        "  endpoint: https://<%= ENV['R2_ACCOUNT_ID'] %>.r2.cloudflarestorage.com\n"
    )
    found = {i.id for i in api.scan(tmp_path, ".", use_cache=False).integrations}
    assert "cloudflare-r2" in found


def test_urls_and_engine_branches_in_a_migration_are_weak(tmp_path: Path) -> None:
    (tmp_path / "db/migrate").mkdir(parents=True)
    (tmp_path / "db/migrate/20240101_share_services.rb").write_text(
        "class ShareServices < ActiveRecord::Migration[7.1]\n  def up\n"
        "    execute \"UPDATE services SET url = 'https://bookmarks-site.net/save' WHERE id = 1\"\n"
        '    if connection.adapter_name == "SQLServer"\n      add_index :t, :c\n    end\n'
        "    Store.create(url: 'https://s3.amazonaws.com/lists/old.json')\n"
        "  end\nend\n"
    )
    result = api.scan(tmp_path, ".", use_cache=False, min_confidence=0.0)
    found = {i.id: i.confidence for i in result.integrations}
    assert found and all(c < 0.3 for c in found.values()), found


def test_a_wiki_link_is_documentation(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src/Health.cs").write_text(
        'return new HttpUri("https://wiki.tracker-site.net/app/system#") + new HttpUri(f);\n'
    )
    assert api.scan(tmp_path, ".", use_cache=False, min_confidence=0.0).integrations == []


_URL_PIECES = (
    "https://",
    "redis://",
    "sqlite:///",
    "x://",
    "://",
    "api.stripe.com",
    "${host}",
    "{{h}}",
    "#{h}",
    "<%= h %>",
    "%s",
    "%(h)s",
    "user:pw@",
    "\n",
    "\r\n",
    " ",
    "'",
    '"',
    "`",
    "/",
    ".",
    "a",
    "-",
    "{",
    "}",
    "$",
    "api-{region}",
    ".vendor.io",
    "9",
    "é",
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_URL_PIECES), max_size=24))
def test_searching_only_lines_with_a_scheme_finds_every_url_finditer_finds(
    pieces: list[str],
) -> None:
    """`url_hits` searches its patterns on the lines holding `://` only: the same matches."""
    from integration_risk.scan import urls

    text = "".join(pieces)
    for pattern in (urls._URL, urls._TEMPLATED_HOST, urls._PARTIAL_TEMPLATED_HOST):
        found = [m.span() for m in urls._on_url_lines(pattern, text)]
        assert found == [m.span() for m in pattern.finditer(text)]
