"""Merge per-file findings into one integration per external system, with confidence.

Confidence is 1 - prod(1 - weight) over the distinct kinds of evidence, so it
grows with independent evidence; evidence only in tests, examples or docs is
scaled down, and systems outside the catalog (named by heuristics) too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from integration_risk.catalog.constants import criticality
from integration_risk.catalog.index import CatalogIndex
from integration_risk.models.scan import Evidence, Integration
from integration_risk.scan.findings import (
    LONGTAIL_FEATURE,
    LONGTAIL_HOST,
    LONGTAIL_IDP,
    LONGTAIL_NAME,
    Finding,
)
from integration_risk.scan.manifests import manifest_ecosystem
from integration_risk.scan.merge_features import fold_features, whole_names
from integration_risk.scan.ruby_gems import uninstalled_adapters
from integration_risk.scan.sdk_family import fold_core_sdks
from integration_risk.scan.urls import registrable_name
from integration_risk.sensitive import is_env_file

KIND_WEIGHT = {
    "client": 0.55,
    "call": 0.5,
    "driver": 0.45,
    "import": 0.6,
    "sdk-service": 0.6,
    "dependency": 0.55,
    "image": 0.6,
    "terraform": 0.6,
    "url": 0.45,
    "scheme": 0.45,
    "env": 0.35,
    "config": 0.25,
    "keyword": 0.2,
}
# Most informative evidence first when the list is truncated.
KIND_ORDER = (
    "client",
    "call",
    "driver",
    "sdk-service",
    "import",
    "url",
    "scheme",
    "env",
    "config",
    "dependency",
    "image",
    "terraform",
    "keyword",
)
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_ORDER)}
# At most 0.25: below the default threshold, visible with min_confidence=0.
TEST_ONLY_FACTOR = 0.25
LONGTAIL_HOST_FACTOR = 0.7
# A setting's or package's name alone is weak: it needs a host or more kinds to pass 0.3.
LONGTAIL_NAME_FACTOR = 0.45
# An HTTP call to a URL from data: a real outbound feature, named by the file that makes it.
FEATURE_FACTOR = 0.8


@dataclass
class _Group:
    items: list[tuple[str, Finding]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)


def _confidence(kinds: set[str], factor: float, keyword_files: int = 0) -> float:
    remaining = 1.0
    for kind in kinds:
        weight = KIND_WEIGHT.get(kind, 0.2)
        if kind == "keyword":
            # A protocol word used across many source files is a feature, not a passing mention.
            weight = min(0.5, weight + 0.1 * max(0, keyword_files - 1))
        remaining *= 1.0 - weight
    return round((1.0 - remaining) * factor, 3)


def _rank(item: tuple[str, Finding]) -> tuple[int, int, str, int]:
    path, finding = item
    return (
        not finding.runtime,
        _KIND_RANK.get(finding.kind, 99),
        path,
        finding.line,
    )


def _pick_evidence(items: list[tuple[str, Finding]]) -> list[tuple[str, Finding]]:
    """Order evidence: best kinds first, one item per file before repeating a file."""
    ordered = sorted(items, key=_rank)
    seen_files: set[str] = set()
    seen_lines: set[tuple[str, int]] = set()
    first: list[tuple[str, Finding]] = []
    rest: list[tuple[str, Finding]] = []
    for path, finding in ordered:
        if (path, finding.line) in seen_lines:
            continue
        seen_lines.add((path, finding.line))
        (rest if path in seen_files else first).append((path, finding))
        seen_files.add(path)
    return first + rest


def merge_findings(
    findings: dict[str, list[Finding]],
    index: CatalogIndex,
    project_names: frozenset[str] = frozenset(),
    php_packages: frozenset[str] | None = None,
    ruby_gems: frozenset[str] | None = None,
) -> list[Integration]:
    """One integration per system. `project_names` are the project's own names: hosts on its
    own domain (docs, marketing, app links) count only where code really calls them.
    `php_packages`: the Composer packages the project installs (composer.json and .lock), when
    it has a composer.json: a framework driver none of whose packages is installed cannot run.
    `ruby_gems`: the gems of the project's Gemfile.lock, when it has one (see `ruby_gems`)."""
    groups: dict[str, _Group] = defaultdict(_Group)
    for path, file_findings in findings.items():
        for finding in file_findings:
            groups[finding.provider].items.append((path, finding))
    _drop_own_domain_links(groups, project_names)
    _drop_the_project_itself(groups, project_names)
    if php_packages is not None:
        _drop_uninstalled_php_drivers(groups, php_packages, index)
    if ruby_gems is not None:
        items = {key: group.items for key, group in groups.items()}
        for key in uninstalled_adapters(items, ruby_gems, index):
            del groups[key]
    _fold_longtail_names_into_hosts(groups, project_names)
    _fold_stand_ins(groups)
    fold_core_sdks(groups, index)
    fold_features(groups, project_names)
    integrations = [_integration(key, group, index) for key, group in groups.items()]
    # equally confident integrations: the more critical category first
    integrations.sort(key=lambda i: (-i.confidence, -criticality(i.category), i.id))
    return integrations


def _drop_own_domain_links(groups: dict[str, _Group], project_names: frozenset[str]) -> None:
    if not project_names:
        return
    for key in [k for k in groups if k.startswith(LONGTAIL_HOST)]:
        name = registrable_name(key[len(LONGTAIL_HOST) :])
        if not any(project in name for project in project_names):
            continue
        called = [(p, f) for p, f in groups[key].items if f.called]
        if called:
            groups[key].items = called
        else:
            del groups[key]


# Evidence that a catalog system named like the project is the project itself: its own
# packages imported (`go.flipt.io/flipt/rpc`), its own settings read (`FLIPT_LOG_LEVEL`).
_SELF_KINDS = frozenset({"import", "dependency", "env", "config", "keyword", "image"})


def _drop_the_project_itself(groups: dict[str, _Group], project_names: frozenset[str]) -> None:
    """A catalog system whose id is the project's whole name, known only from imports,
    manifests and settings: the project reading its own settings and packages (Flipt's
    code in the Flipt repository). A call to the system's own host still counts."""
    for name in whole_names(project_names):
        group = groups.get(name)
        if group is not None and all(f.kind in _SELF_KINDS for _, f in group.items):
            del groups[name]


# A PHP framework's config (`config/mail.php`, `config/queue.php`, a bundled Laravel config)
# and env examples list every driver the framework ships, each needing its own Composer
# package: a broadcaster (`pusher/pusher-php-server`), a queue (`pda/pheanstalk`), a mail
# transport (`symfony/mailgun-mailer`), a payment SDK. One only named there (env reads, config
# keys, driver names in PHP files), whose packages the project does not install, cannot run.
# Categories where one package speaks many providers (AI, auth) are left alone, as are
# providers reached through a PHP extension (`ext-memcached`), installed outside Composer.
# A service on amazonaws.com (Laravel's `sqs` queue, `dynamodb` cache, `ses` mailer, `s3`
# disk) runs on the platform's SDK, `aws/aws-sdk-php`, which composer.lock lists even when
# another package brings it.
_DRIVER_CATEGORIES = frozenset({"queue", "email", "sms", "payment", "search"})
_AWS_SDK_PHP = "aws/aws-sdk-php"
_PHP_CONFIG_FILE = re.compile(r"(?:^|/)config/[^/]+\.php$")
_DECLARATIVE_KINDS = frozenset({"env", "config", "driver"})


def _drop_uninstalled_php_drivers(
    groups: dict[str, _Group], installed: frozenset[str], index: CatalogIndex
) -> None:
    packagist: dict[str, list[str]] = defaultdict(list)
    for package, provider in index.packages.get("packagist", {}).items():
        packagist[provider].append(package)
    on_aws = {p for h, p in index.hosts.items() if h.endswith("amazonaws.com")}
    for key in [k for k in groups if k in packagist or k in on_aws]:
        packages = packagist[key]
        if key in on_aws:
            packages = [*packages, _AWS_SDK_PHP]
        elif index.categories.get(key) not in _DRIVER_CATEGORIES:
            continue
        if any(p.startswith("ext-") or p in installed for p in packages):
            continue
        if all(_declared(p, f) for p, f in groups[key].items):
            del groups[key]


def _declared(path: str, finding: Finding) -> bool:
    """Named, not used: an env read, config key or driver name in PHP or an env file, or a
    URL value in a config/ PHP file (Laravel's `'prefix' => 'https://sqs.us-east-1...'`)."""
    if finding.kind in _DECLARATIVE_KINDS:
        return path.endswith(".php") or is_env_file(path.rsplit("/", 1)[-1])
    return finding.kind == "url" and _PHP_CONFIG_FILE.search(path) is not None


def _fold_longtail_names_into_hosts(
    groups: dict[str, _Group], project_names: frozenset[str]
) -> None:
    hosts_by_name: dict[str, str] = {}
    for key in groups:
        if key.startswith(LONGTAIL_HOST):
            hosts_by_name.setdefault(registrable_name(key[len(LONGTAIL_HOST) :]), key)
    for key in [k for k in groups if k.startswith(LONGTAIL_NAME)]:
        if key not in groups:
            continue  # folded with a prefixed name of the same system above
        name = key[len(LONGTAIL_NAME) :]
        first, _, rest = name.partition("-")
        if first in project_names and rest:
            # `KHOJ_TERRARIUM_URL`: the project prefixes its settings; the rest names the system
            own = LONGTAIL_NAME + rest
            if own != key:
                groups.setdefault(own, _Group()).items.extend(groups.pop(key).items)
            key, name = own, rest
        host_key = hosts_by_name.get(name) or hosts_by_name.get(name.split("-")[0])
        if host_key:
            groups[host_key].items.extend(groups[key].items)
            groups[host_key].aliases.add(name)
            del groups[key]
        elif LONGTAIL_FEATURE + name in groups:  # the setting a feature's calls read
            groups[LONGTAIL_FEATURE + name].items.extend(groups.pop(key).items)


# A server run beside the app only to answer a cloud API the code calls through that API's
# own SDK: a MinIO container (image, root user settings) while the app speaks S3. Where the
# project installs no MinIO package, the MinIO evidence is where its S3 lives.
_STAND_INS = {"minio": "s3"}


def _fold_stand_ins(groups: dict[str, _Group]) -> None:
    for stand_in, api in _STAND_INS.items():
        if stand_in not in groups or api not in groups:
            continue
        if any(f.kind in _PACKAGE_KINDS for _, f in groups[stand_in].items):
            continue  # the MinIO SDK: the app calls MinIO by its own API
        groups[api].items.extend(groups[stand_in].items)
        groups[api].aliases.add(stand_in)
        del groups[stand_in]


# Ecosystems whose dev dependencies are not installed where the app runs (`composer install
# --no-dev`, Bundler's groups, Cargo dev-dependencies, Maven test scope, Mix `only:`); npm's
# are, as bundlers ship devDependencies into browser code.
_DEV_NOT_SHIPPED = frozenset({"packagist", "rubygems", "cargo", "maven", "hex", "pypi", "nuget"})
# Evidence that exists only because the package is installed.
_PACKAGE_KINDS = frozenset({"import", "client", "sdk-service", "dependency"})


def _dev_only_package(items: list[tuple[str, Finding]]) -> bool:
    """Declared, in ecosystems that do not ship dev dependencies, only as a dev dependency:
    code importing it is a developer's tool (a local command, a seeder), not the app's."""
    declared = [(p, f) for p, f in items if f.kind == "dependency"]
    return bool(declared) and all(
        f.dev_dependency and manifest_ecosystem(p) in _DEV_NOT_SHIPPED for p, f in declared
    )


def _integration(key: str, group: _Group, index: CatalogIndex) -> Integration:
    dev_package = _dev_only_package(group.items)
    live = [
        (p, f)
        for p, f in group.items
        if f.runtime and not (dev_package and f.kind in _PACKAGE_KINDS)
    ]
    test_only = not live
    basis = group.items if test_only else live
    kinds = {f.kind for _, f in basis}
    factor = TEST_ONLY_FACTOR if test_only else 1.0
    if key.startswith(LONGTAIL_HOST):
        host = key[len(LONGTAIL_HOST) :]
        ident, name, category = host, host, "http-api"
        aliases = sorted({registrable_name(host), *group.aliases} - {host})
        in_catalog, factor = False, factor * LONGTAIL_HOST_FACTOR
    elif key.startswith(LONGTAIL_FEATURE):
        ident = key[len(LONGTAIL_FEATURE) :]
        name, category, aliases = ident, "http-api", sorted(group.aliases)
        in_catalog, factor = False, factor * FEATURE_FACTOR
    elif key.startswith(LONGTAIL_IDP):
        # the library module is the provider's own sign-in integration: as sure as a host
        ident = key[len(LONGTAIL_IDP) :]
        name, category, aliases = ident, "auth", sorted(group.aliases)
        in_catalog, factor = False, factor * LONGTAIL_HOST_FACTOR
    elif key.startswith(LONGTAIL_NAME):
        ident = key[len(LONGTAIL_NAME) :]
        name, category, aliases = ident, "http-api", sorted(group.aliases)
        in_catalog, factor = False, factor * LONGTAIL_NAME_FACTOR
    else:
        ident, name = key, index.names.get(key, key)
        category = index.categories.get(key, "other")
        aliases, in_catalog = [*index.aliases.get(key, ()), *sorted(group.aliases)], True
    ordered = _pick_evidence(group.items)
    return Integration(
        id=ident,
        name=name,
        category=category,
        aliases=aliases,
        confidence=_confidence(kinds, factor, len({p for p, f in basis if f.kind == "keyword"})),
        in_catalog=in_catalog,
        evidence_kinds=sorted(kinds, key=lambda k: _KIND_RANK.get(k, 99)),
        files=len({p for p, _ in group.items}),
        evidence_count=len(ordered),
        test_only=test_only,
        evidence=[
            Evidence(path=p, line=f.line, kind=f.kind, snippet=f.snippet) for p, f in ordered
        ],
    )
