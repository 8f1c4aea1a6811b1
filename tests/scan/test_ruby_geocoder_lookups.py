"""The Ruby geocoder gem selects its service by a symbol (`lookup: :photon`): the scan
names that service, whichever way the setting is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from integration_risk.scan.code import geocoder_lookups
from tests.scan.trees import scan, write


@pytest.mark.parametrize(
    ("line", "provider"),
    [
        ("Geocoder.configure(lookup: :photon, timeout: 5)", "photon"),
        ("settings[:lookup] = :geoapify  # Geocoder", "geoapify"),
        ("Geocoder.configure(:lookup => :location_iq)", "locationiq"),
        ("Geocoder.configure(ip_lookup: :maxmind, api_key: key)", "maxmind"),
        ("Geocoder.configure(lookup: :google, use_https: true)", "google-maps"),
    ],
)
def test_the_lookup_symbol_names_the_service(line: str, provider: str) -> None:
    assert [p for p, _ in geocoder_lookups(line, "ruby")] == [provider]


def test_other_lookups_and_languages_are_left_alone() -> None:
    assert list(geocoder_lookups("Geocoder.configure(lookup: :test)", "ruby")) == []
    assert list(geocoder_lookups("cache.lookup = :memory_store", "ruby")) == []  # no geocoder
    assert list(geocoder_lookups("Geocoder lookup: :photon", "python")) == []


def test_a_configured_lookup_in_an_initializer(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "Gemfile": "source 'https://rubygems.org'\ngem 'geocoder'\n",
            "config/initializers/geocoder.rb": "settings = { timeout: 5, units: :km }\n"
            "if ENV['GEO_KEY'].present?\n"
            "  settings[:lookup] = :geoapify\n"
            "  settings[:api_key] = ENV['GEO_KEY']\n"
            "end\n"
            "Geocoder.configure(settings)\n",
        },
    )
    found = scan(tmp_path)
    assert [(e.path, e.line) for e in found["geoapify"].evidence] == [
        ("config/initializers/geocoder.rb", 3)
    ]
