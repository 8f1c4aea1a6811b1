"""Gemfile and *.gemspec."""

from __future__ import annotations

from integration_risk.scan.manifests import ManifestResult, parse_manifest


def triples(result: ManifestResult) -> list[tuple[str, int, bool]]:
    assert result.error is None
    assert all(d.ecosystem == "rubygems" for d in result.dependencies)
    return [(d.name, d.line, d.dev) for d in result.dependencies]


GEMFILE = """source "https://rubygems.org"
git_source(:github) { |repo| "https://github.com/#{repo}.git" }

ruby "3.3.0"

gem "rails", "~> 7.1.3"
gem 'pg', '~> 1.5'
gem("sidekiq", "~> 7.2")
gem "aws-sdk-s3", require: false # uploads
# gem "old-thing"
gem "rspec-rails", group: :test
gem "letter_opener", groups: [:development, :test]
gem "bugsnag", :group => :production
gem 'debug', platforms: %i[mri windows], group: [:development, :test]

group :development, :test do
  gem "factory_bot_rails"
  if ENV["WITH_PRY"]
    gem "pry"
  end
end

group :development do
  gem "web-console"
end

group :production, :staging do
  gem "newrelic_rpm"
end

platforms :jruby do
  gem "activerecord-jdbcpostgresql-adapter"
end

gem "stripe", "~> 10.0"
gemspec
"""


def test_gemfile_quotes_groups_and_blocks() -> None:
    assert triples(parse_manifest("Gemfile", GEMFILE)) == [
        ("rails", 6, False),
        ("pg", 7, False),
        ("sidekiq", 8, False),
        ("aws-sdk-s3", 9, False),
        ("rspec-rails", 11, True),
        ("letter_opener", 12, True),
        ("bugsnag", 13, False),
        ("debug", 14, True),
        ("factory_bot_rails", 17, True),
        ("pry", 19, True),
        ("web-console", 24, True),
        ("newrelic_rpm", 28, False),
        ("activerecord-jdbcpostgresql-adapter", 32, False),
        ("stripe", 35, False),
    ]


def test_gemfile_unbalanced_end_does_not_break() -> None:
    text = "end\nend\ngem 'redis'\ngroup :test do\ngem 'capybara'\n"
    assert triples(parse_manifest("Gemfile", text)) == [("redis", 3, False), ("capybara", 5, True)]


GEMSPEC = """# frozen_string_literal: true

Gem::Specification.new do |spec|
  spec.name = "acme-billing"
  spec.version = "1.0.0"

  spec.add_dependency "faraday", ">= 2.0"
  spec.add_runtime_dependency('braintree', '~> 4.0')
  spec.add_dependency %q<ignored>
  spec.add_development_dependency "webmock", "~> 3.19"
  # spec.add_dependency "commented"
end
"""


def test_gemspec() -> None:
    assert triples(parse_manifest("acme-billing.gemspec", GEMSPEC)) == [
        ("faraday", 7, False),
        ("braintree", 8, False),
        ("webmock", 10, True),
    ]
