"""Findings from framework settings and code that pick a backing service (the patterns are
`drivers`'): a setting in config is the framework's list of options (weak), in code the
app's choice; a choice offered to the operator (`'pgsql' => 'PostgreSQL'` in an installer's
list) is one the app supports."""

from __future__ import annotations

import re
from collections.abc import Iterator

from integration_risk.catalog.index import CatalogIndex
from integration_risk.scan import config, drivers
from integration_risk.scan.features import UMBRELLA_WORDS
from integration_risk.scan.languages import language_of
from integration_risk.scan.name_search import holds_any
from integration_risk.scan.outbound import is_browser_code
from integration_risk.scan.url_findings import Add

# Categories a driver setting can select.
_BACKING = frozenset({"database", "cache", "queue", "search", "storage", "email"})
# Framework settings: config files, config/ directories, settings modules.
_CONFIG_PATH = re.compile(r"(?i)(?:^|/)(?:config|conf|settings)(?:/|\.\w+$)|(?:^|/)settings\.py$")


# Database migrations (Rails, Laravel, Doctrine, EF Core, FluentMigrator, Django, Alembic).
MIGRATION_PATH = re.compile(
    r"(?i)(?:^|/)(?:db/migrate|database/migrations|migrations?|alembic/versions)/"
)


def backing_provider(value: str, index: CatalogIndex) -> str | None:
    """The database, cache, queue, search, storage or mail provider a driver name selects."""
    for name in drivers.candidate_names(value):
        provider = (index.names.get(name) and name) or index.words.get(name)
        if provider is None and len(name) <= 3:
            provider = next((p for p, al in index.aliases.items() if name in al), None)
        if provider is None:
            provider = index.package_provider("nuget", name)
        if provider and index.categories.get(provider) in _BACKING:
            return provider
    return None


def driver_findings(relpath: str, text: str, index: CatalogIndex, add: Add) -> None:
    """Selector settings in config are the framework's list of options (weak, `config`);
    in code, a selector or a branch on the driver means the app uses it (`driver`)."""
    # A migration branches on the engine to stay portable: a list of options, like config.
    weak = _CONFIG_PATH.search(relpath) or MIGRATION_PATH.search(relpath)
    in_code = language_of(relpath) is not None
    kind = "config" if weak or not in_code else "driver"
    # An env file sets one value per key (`DB_CONNECTION=sqlite`): the operator's choice,
    # not a framework's list of every driver it supports.
    selected = "env" if config.lists_env_keys(relpath.rsplit("/", 1)[-1]) else kind
    for value, offset in (*drivers.selectors(text), *drivers.storage_services(text)):
        provider = backing_provider(value, index)
        if provider:
            add(provider, selected, offset)
    if kind == "driver":
        for value, offset in drivers.driver_checks(text):
            provider = backing_provider(value, index)
            if provider:
                add(provider, "driver", offset)
        for provider, offset in _offered(relpath, text, index):
            add(provider, "driver", offset)
    named = (
        (drivers.jdbc_drivers(text), "scheme"),  # a connection URL, like `postgres://`
        (drivers.dsn_drivers(text), "scheme"),  # PDO's `'pgsql:host=..'`: the same
        (drivers.dsn_settings(text), "scheme"),  # `'dsn' => 'sqlite:' . $path`
        # a branch on PDO's driver name, in code (a migration's branch keeps it portable)
        (drivers.pdo_driver_checks(text) if kind == "driver" else iter(()), "driver"),
        (drivers.ef_core_providers(text), "client"),
        # Action Mailer set to SMTP in Ruby code (an initializer too): the app sends that way
        (drivers.mailer_transports(text), "driver" if in_code else "config"),
    )
    for found, named_kind in named:
        for value, offset in found:
            provider = backing_provider(value, index)
            if provider:
                add(provider, named_kind, offset)


# A driver's slug beside the name a person reads for it, in a list offered to the operator:
# `'pgsql' => 'PostgreSQL'` (PHP), `"postgres": "PostgreSQL"` (a map), `postgres: 'PostgreSQL'`
# (JS, Ruby), `('postgresql', 'PostgreSQL')` (Django choices), `['PostgreSQL', 'postgresql']`.
_CHOICE = re.compile(
    r"""(?:(?P<q>['"])(?P<a>[A-Za-z][\w.-]{1,30})(?P=q)\s*(?:=>|:|,)"""
    # an unquoted key is an object's or a Ruby hash's (`postgres: 'PostgreSQL'`), not a
    # match arm's (`Self::S3 => "s3"`)
    r"""|(?<![\w$.'":])(?P<key>[A-Za-z]\w{1,30})\s*:(?!:))"""
    r"""\s*(?P<r>['"])(?P<b>[A-Za-z][\w .()-]{1,40}?)(?P=r)"""
)


# A name a person reads: words, digits, spaces, parentheses (not an env name or a column).
_LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9 ()-]*$")


def _exact(name: str, index: CatalogIndex) -> str | None:
    """The backing provider `name` is the id or a word of, spelled whole (`pg_host` is not
    PostgreSQL's)."""
    provider = (name in index.names and name) or index.words.get(name)
    return provider if provider and index.categories.get(provider) in _BACKING else None


def _display_provider(label: str, index: CatalogIndex) -> str | None:
    """The backing provider a display name names, and nothing else: `SparkPost`, `SQL Server`,
    `Amazon SES` (a vendor's name before it); not `Redis connected`."""
    if not _LABEL.match(label):
        return None
    spelled = re.sub(r"\s*\([^)]*\)", "", label).lower().split()
    while len(spelled) > 1 and spelled[0] in UMBRELLA_WORDS:
        spelled = spelled[1:]
    return _exact("".join(spelled), index) or _exact("-".join(spelled), index)


# What makes a list of names a choice of the service the app connects to: a word for a
# driver or a backing service in the list's name, its key or the prompt near it
# (`$this->choice('Which database driver?'`, `DB_DRIVER`, `ENGINES`, `MAIL_DRIVERS`,
# `CacheDrivers`, `queue_options`). A highlighter's `LANGUAGES`, a formatter's `Dialects` or a
# README's `BADGES` has the same shape and none of these words.
_SELECTOR = re.compile(
    r"(?i:driver|engine|adapter|backend|connection|database|cache|queue|storage|mailer|broker"
    r"|transport)|(?<![A-Za-z])[Dd][Bb](?![a-z])|(?<=[a-z])DB(?![a-z])|MAIL_|(?<![A-Za-z])mail_"
)
# Lines above and below a pair that may hold its selector (a choice's prompt comes after
# the list in Laravel's `choice($question, $choices)` when the list is a variable).
_SELECTOR_LINES = 8


def _selector_near(text: str, blanked: str, at: int) -> bool:
    """Whether a selector word sits within `_SELECTOR_LINES` of the pair at `at`, outside
    every pair's own quoted names (`MongoDB` is a name, not a `db` setting)."""
    start = at
    for _ in range(_SELECTOR_LINES + 1):
        start = text.rfind("\n", 0, start - 1) if start > 0 else -1
        if start < 0:
            break
    end = at
    for _ in range(_SELECTOR_LINES + 1):
        end = text.find("\n", end + 1)
        if end < 0:
            end = len(text)
            break
    return _SELECTOR.search(blanked, max(start, 0), end) is not None


def _offered(relpath: str, text: str, index: CatalogIndex) -> Iterator[tuple[str, int]]:
    """(provider, offset of its slug) for every slug/display-name pair that names one backing
    service twice, in server code (a browser form's list may be what the app deploys for its
    users, not what it runs on), with a selector word near it. The pair's own check (two
    catalog lookups) comes first: the browser-code and selector searches, each a regex pass
    over the text, are paid only in the few files that hold such a pair."""
    if relpath.endswith((".jsx", ".tsx", ".vue", ".svelte")) or not _holds_a_slug(text, index):
        return
    pairs = list(_CHOICE.finditer(text))
    named = [(match, *found) for match in pairs if (found := _names_one_service(match, index))]
    if not named:
        return
    if relpath.endswith((".js", ".ts", ".mjs", ".cjs")) and is_browser_code(relpath, text, "js"):
        return
    pieces, done = [], 0
    for match in pairs:
        pieces += [text[done : match.start()], " " * (match.end() - match.start())]
        done = match.end()
    blanked = "".join(pieces) + text[done:]
    for match, provider, at in named:
        if _selector_near(text, blanked, match.start()):
            yield provider, at


def _holds_a_slug(text: str, index: CatalogIndex) -> bool:
    """Whether `text` holds, as written, a name `_exact` can read as a backing service. A
    pair's slug is one, lowercase and verbatim, so a text without any (three in four of
    medusa's candidate files) offers none: its pairs are not looked for (one RE2 pass for
    the 489 names instead of `_CHOICE`'s, which tries every quoted word and key)."""

    def names() -> set[str]:
        found = {n for n in index.names if index.categories.get(n) in _BACKING}
        return found | {w for w, p in index.words.items() if index.categories.get(p) in _BACKING}

    return holds_any(text, "backing slug", index.version, names)


def _names_one_service(match: re.Match[str], index: CatalogIndex) -> tuple[str, int] | None:
    """(provider, offset of the slug) when the pair is a slug beside the display name of
    the same backing service."""
    slug = match.group("a") or match.group("key")
    label = match.group("b")
    at = match.start("a") if match.group("a") else match.start("key")
    if slug.islower() == label.islower():
        return None  # two slugs (`'driver' => 'pgsql'`) or two labels: no slug beside its name
    if not slug.islower():  # `['PostgreSQL', 'postgresql']`: the name comes first
        slug, label, at = label, slug, match.start("b")
    provider = _exact(slug, index)
    if provider and provider == _display_provider(label, index):
        return provider, at
    return None
